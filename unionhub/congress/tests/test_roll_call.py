"""The roll call of a congress session (点名, domain.md §4): each representative present, on
leave or absent; the number present — and so the two-thirds quorum — is counted from the
names, never typed beside them; a roll that would leave a passed resolution without quorum,
a representative of another congress, someone both present and on leave: refused in
Chinese with nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from unionhub.congress import services
from unionhub.congress.models import SessionAttendance
from unionhub.congress.tests.samples import congress_in, session_in
from unionhub.core.testing.assertions import assert_invalid

pytestmark = pytest.mark.django_db


def _reps(session):
    return list(session.congress.representatives.order_by("pk"))


@pytest.mark.parametrize(
    "present, quorum",
    # ten on the list: two thirds is 6.67, so 7 present is the boundary
    [(6, False), (7, True), (10, True)],
)
def test_present_and_the_quorum_are_counted_from_the_names(present, quorum):
    session = session_in("sheyang")
    reps = _reps(session)
    session = services.session_roll_call(
        actor=None, session=session, present=reps[:present], on_leave=reps[present : present + 1]
    )
    assert session.present == present
    assert session.quorum_met is quorum
    statuses = list(session.roll.values_list("status", flat=True))
    assert statuses.count("present") == present
    assert statuses.count("leave") == (1 if present < 10 else 0)
    assert len(statuses) == 10  # everyone else absent


def test_a_roll_that_breaks_a_passed_resolutions_quorum_is_refused():
    session = session_in("sheyang")
    reps = _reps(session)
    services.session_roll_call(actor=None, session=session, present=reps[:9])
    services.resolution_create(
        actor=None,
        session=session,
        title="工资集体合同草案",
        yes_votes=8,
        no_votes=1,
        result="passed",
    )
    with pytest.raises(ValidationError) as caught:
        services.session_roll_call(actor=None, session=session, present=reps[:6])
    assert_invalid(caught, code="passed_needs_quorum", field="present")
    session.refresh_from_db()
    assert session.present == 9
    assert session.roll.filter(status="present").count() == 9


def test_someone_of_another_congress_or_both_present_and_on_leave_is_refused():
    session = session_in("sheyang")
    reps = _reps(session)
    stranger = congress_in("xiangshui").representatives.first()
    with pytest.raises(ValidationError) as caught:
        services.session_roll_call(actor=None, session=session, present=[*reps[:7], stranger])
    assert_invalid(caught, code="not_on_list", field="present")
    with pytest.raises(ValidationError) as caught:
        services.session_roll_call(
            actor=None, session=session, present=reps[:8], on_leave=reps[7:9]
        )
    assert_invalid(caught, code="present_and_on_leave", field="on_leave")
    assert reps[7].name in caught.value.message_dict["on_leave"][0]
    assert not SessionAttendance.objects.filter(session=session).exists()


def test_after_a_roll_call_the_head_count_cannot_be_typed():
    session = session_in("sheyang")
    services.session_roll_call(actor=None, session=session, present=_reps(session)[:8])
    with pytest.raises(ValidationError) as caught:
        services.session_record_attendance(actor=None, session=session, present=10)
    assert_invalid(caught, code="has_roll_call", field="present")
    with pytest.raises(ValidationError) as caught:  # nor through the edit page
        services.session_update(actor=None, session=session, present=9, agenda="审议")
    assert_invalid(caught, code="has_roll_call", field="present")
    # the rest of the session stays editable
    services.session_update(actor=None, session=session, present=8, agenda="审议")
    session.refresh_from_db()
    assert session.agenda == "审议" and session.present == 8


def test_the_page_takes_the_roll_and_shows_it(client_as):
    session = session_in("sheyang")
    reps = _reps(session)
    client = client_as("sheyang_admin")
    form = client.get(f"/congress/sessions/{session.pk}/roll/")
    assert form.status_code == 200
    response = client.post(
        f"/congress/sessions/{session.pk}/roll/",
        {"present": [r.pk for r in reps[:7]], "on_leave": [reps[7].pk]},
    )
    assert response.status_code == 302
    page = client.get(f"/congress/sessions/{session.pk}/").content.decode()
    assert 'data-testid="roll"' in page and reps[7].name in page
    assert "7 / 10" in page
    outsider = client_as("xiangshui_admin").get(f"/congress/sessions/{session.pk}/roll/")
    assert outsider.status_code == 404
