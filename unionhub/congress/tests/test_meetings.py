"""Congress terms, lists, sessions, resolutions and proposals through the services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.congress import services
from unionhub.congress.models import Congress, Representative, Resolution
from unionhub.congress.tests.samples import open_congress_in, session_in
from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.tests.samples import enterprise_in

pytestmark = pytest.mark.django_db


def _reps(congress, **counts):
    for category, n in counts.items():
        for i in range(n):
            services.representative_create(
                actor=None, congress=congress, name=f"{category}{i}", category=category
            )


def test_list_with_too_few_frontline_workers_is_refused_and_stays_draft(demo):
    congress = open_congress_in("sheyang")
    _reps(congress, frontline=4, technician=3, manager=2)
    with pytest.raises(ValidationError) as caught:
        services.congress_confirm_list(actor=None, congress=congress)
    assert_invalid(caught, code="frontline_share_low", field="representatives")
    congress.refresh_from_db()
    assert congress.list_status == "draft"


def test_confirming_returns_warnings_but_confirms(demo, user_named):
    congress = open_congress_in("sheyang")
    _reps(congress, frontline=6, manager=4)  # 40 % managers: warned, not refused
    result = services.congress_confirm_list(actor=user_named("sheyang_admin"), congress=congress)
    assert "managers_share_high" in {w.code for w in result.warnings}
    congress.refresh_from_db()
    assert congress.list_status == "confirmed"
    with pytest.raises(ValidationError) as caught:
        services.representative_create(
            actor=None, congress=congress, name="迟到", category="frontline"
        )
    assert_invalid(caught, code="list_confirmed", field="congress")


def test_session_needs_a_confirmed_list_and_snapshots_its_size(demo):
    draft = open_congress_in("sheyang")
    with pytest.raises(ValidationError) as caught:
        services.session_create(actor=None, congress=draft, held_on=dt.date(2025, 1, 1))
    assert_invalid(caught, code="list_not_confirmed", field="congress")
    session = session_in("sheyang")
    assert session.total_reps == 10
    with pytest.raises(ValidationError) as caught:
        services.session_update(actor=None, session=session, present=11)
    assert_invalid(caught, code="present_exceeds_total", field="present")


@pytest.mark.parametrize(
    ("present", "yes", "result", "code"),
    [
        (7, 6, "passed", None),  # 7 of 10 present (≥ 2/3), 6 yes (> 5)
        (6, 6, "passed", "no_quorum"),  # 6 present < 2/3 of 10
        (7, 5, "passed", "not_adopted"),  # 5 yes is not more than half of all 10
        (7, 5, "rejected", None),
        (7, 6, "rejected", "result_contradicts_votes"),
        (6, 6, "rejected", None),
    ],
)
def test_resolution_result_must_follow_the_vote_rule(demo, present, yes, result, code):
    session = session_in("sheyang")
    services.session_update(actor=None, session=session, present=present)
    data = dict(session=session, title="集体合同草案", yes_votes=yes, result=result)
    if code is None:
        assert services.resolution_create(actor=None, **data).pk
        return
    before = Resolution.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.resolution_create(actor=None, **data)
    assert_invalid(caught, code=code, field="result")
    assert Resolution.objects.count() == before


def test_votes_cannot_exceed_those_present(demo):
    session = services.session_update(actor=None, session=session_in("sheyang"), present=8)
    with pytest.raises(ValidationError) as caught:
        services.resolution_create(
            actor=None, session=session, title="x", yes_votes=7, no_votes=2, result="passed"
        )
    assert_invalid(caught, code="votes_exceed_present", field="yes_votes")


def test_attendance_cannot_drop_below_quorum_once_passed(demo):
    session = services.session_update(actor=None, session=session_in("sheyang"), present=9)
    services.resolution_create(
        actor=None, session=session, title="福利方案", yes_votes=8, result="passed"
    )
    with pytest.raises(ValidationError) as caught:
        services.session_record_attendance(actor=None, session=session, present=6)
    assert_invalid(caught, code="passed_needs_quorum", field="present")


def test_proposal_accept_sets_the_reply_due_by_the_deadline_service(demo):
    from unionhub.congress.tests.samples import proposal_in

    proposal = proposal_in("sheyang")
    services.proposal_accept(
        actor=None, proposal=proposal, handling_unit="后勤部", accepted_on=dt.date(2025, 3, 3)
    )
    assert proposal.due_on == dt.date(2025, 4, 2)  # D + 30, start day not counted
    with pytest.raises(ValidationError) as caught:
        services.proposal_decline(actor=None, proposal=proposal, reason="x")
    assert_invalid(caught, code="wrong_status", field="status")
    services.proposal_handle(
        actor=None, proposal=proposal, reply="已落实", satisfaction="satisfied"
    )
    assert proposal.status == "handled"


def test_county_admin_cannot_create_a_congress_in_another_county(demo, user_named):
    with pytest.raises(ValidationError) as caught:
        services.congress_create(
            actor=user_named("sheyang_admin"),
            enterprise=enterprise_in("xiangshui"),
            term_start=dt.date(2024, 1, 1),
            workforce=50,
        )
    assert_invalid(caught, code="out_of_scope", field="enterprise")
    assert not Congress.objects.filter(enterprise=enterprise_in("xiangshui")).exists()


def test_women_in_workforce_cannot_exceed_workforce(demo):
    with pytest.raises(ValidationError) as caught:
        services.congress_create(
            actor=None,
            enterprise=enterprise_in("sheyang"),
            term_start=dt.date(2024, 1, 1),
            workforce=50,
            women_workforce=51,
        )
    assert_invalid(caught, code="women_exceed_workforce", field="women_workforce")


def test_confirm_page_shows_the_refusal(client_as, demo):
    congress = open_congress_in("sheyang")
    _reps(congress, frontline=2, technician=3)
    client = client_as("sheyang_admin")
    page = client.get(f"/congress/congresses/{congress.pk}/")
    assert page.status_code == 200
    assert "composition-refusal" in page.content.decode()
    response = client.post(f"/congress/congresses/{congress.pk}/confirm/")
    assert response.status_code == 400
    assert Representative.objects.filter(congress=congress).count() == 5
    congress.refresh_from_db()
    assert congress.list_status == "draft"
