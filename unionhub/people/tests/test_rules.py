"""The registry's rules: the nomination → public notice → award flow with its dates, the
headline title, mentoring without self-mentoring, and the data scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.people import services
from unionhub.people.choices import NominationStatus
from unionhub.people.models import ModelWorker
from unionhub.people.tests.samples import _town, modelworker_in, nomination_in

pytestmark = pytest.mark.django_db

# 2024-03-04 is a Monday; the notice must run 5 working days counting the first day.
MONDAY = dt.date(2024, 3, 4)


@pytest.mark.parametrize(
    ("notice_from", "notice_to", "code", "field"),
    [
        (dt.date(2024, 2, 29), dt.date(2024, 3, 8), "notice_before_nomination", "notice_from"),
        (MONDAY, dt.date(2024, 3, 7), "notice_too_short", "notice_to"),  # 4 working days
        (MONDAY, dt.date(2024, 3, 8), None, None),  # Mon–Fri: exactly 5, accepted
        (dt.date(2024, 3, 1), dt.date(2024, 3, 7), None, None),  # Fri + Mon–Thu = 5
        (dt.date(2024, 3, 1), dt.date(2024, 3, 6), "notice_too_short", "notice_to"),
    ],
)
def test_public_notice_dates(demo, notice_from, notice_to, code, field):
    nomination = nomination_in("yandu")  # nominated 2024-03-01
    if code is None:
        done = services.nomination_start_notice(
            actor=None, nomination=nomination, notice_from=notice_from, notice_to=notice_to
        )
        assert done.status == NominationStatus.IN_NOTICE
        return
    with pytest.raises(ValidationError) as caught:
        services.nomination_start_notice(
            actor=None, nomination=nomination, notice_from=notice_from, notice_to=notice_to
        )
    assert_invalid(caught, code=code, field=field)


def _noticed():
    nomination = nomination_in("yandu")
    return services.nomination_start_notice(
        actor=None, nomination=nomination, notice_from=MONDAY, notice_to=dt.date(2024, 3, 8)
    )


@pytest.mark.parametrize(
    ("awarded_on", "code", "field"),
    [
        (dt.date(2024, 2, 28), "award_before_nomination", "awarded_on"),
        (dt.date(2024, 3, 8), "award_during_notice", "awarded_on"),  # last day of the notice
        (dt.date(2024, 3, 9), None, None),  # the day after: accepted
    ],
)
def test_award_dates(demo, awarded_on, code, field):
    nomination = _noticed()
    if code is None:
        done = services.nomination_award(actor=None, nomination=nomination, awarded_on=awarded_on)
        assert done.status == NominationStatus.AWARDED
        assert done.model_worker.honours.filter(pk=done.honour_id).exists()
        return
    with pytest.raises(ValidationError) as caught:
        services.nomination_award(actor=None, nomination=nomination, awarded_on=awarded_on)
    assert_invalid(caught, code=code, field=field)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_NOTICE


def test_award_needs_the_public_notice(demo):
    nomination = nomination_in("yandu")
    with pytest.raises(ValidationError) as caught:
        services.nomination_award(actor=None, nomination=nomination, awarded_on=dt.date(2024, 5, 1))
    assert_invalid(caught, code="notice_required")


def test_award_enters_a_new_person_in_the_registry(demo):
    nomination = _noticed()
    before = ModelWorker.objects.count()
    services.nomination_award(actor=None, nomination=nomination, awarded_on=dt.date(2024, 4, 28))
    assert ModelWorker.objects.count() == before + 1
    person = ModelWorker.objects.get(name=nomination.name)
    assert (person.category, person.level, person.year_awarded) == ("craftsman", "city", 2024)


def test_craftsman_who_becomes_provincial_model_worker_is_listed_as_one(demo):
    craftsman = modelworker_in("dongtai", category="craftsman")  # a city craftsman
    nomination = services.nomination_create(
        actor=None,
        model_worker=craftsman,
        region=craftsman.region,
        category="model_worker",
        level="provincial",
        title="江苏省劳动模范",
        nominated_on=dt.date(2025, 2, 20),
    )
    services.nomination_start_notice(
        actor=None,
        nomination=nomination,
        notice_from=dt.date(2025, 3, 3),
        notice_to=dt.date(2025, 3, 9),
    )
    services.nomination_award(actor=None, nomination=nomination, awarded_on=dt.date(2025, 4, 28))
    craftsman.refresh_from_db()
    assert (craftsman.category, craftsman.level) == ("model_worker", "provincial")
    # A lower honour later does not lower the headline title.
    services.honour_create(
        actor=None,
        model_worker=craftsman,
        category="advanced_worker",
        level="county",
        title="县级先进工作者",
        awarded_on=dt.date(2025, 5, 1),
    )
    craftsman.refresh_from_db()
    assert craftsman.level == "provincial"
    assert craftsman.honours.count() == 2


def test_awarded_nomination_is_closed(demo):
    nomination = _noticed()
    services.nomination_award(actor=None, nomination=nomination, awarded_on=dt.date(2024, 4, 28))
    for call in (services.nomination_withdraw, services.nomination_delete):
        with pytest.raises(ValidationError):
            call(actor=None, nomination=nomination)


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"apprentice_name": "样例劳模yandu"}, "self_mentoring", "apprentice_name"),
        ({"ended_on": dt.date(2024, 2, 29)}, "end_before_start", "ended_on"),
        ({"ended_on": dt.date(2024, 3, 1), "outcome": "lead_operator"}, None, None),  # same day
        ({"outcome": "lead_operator"}, "end_required", "ended_on"),
        ({"ended_on": dt.date(2024, 9, 1)}, "outcome_required", "outcome"),
    ],
)
def test_mentorship_rules(demo, changes, code, field):
    mentor = modelworker_in("yandu")
    data = {
        "mentor": mentor,
        "apprentice_name": "李学徒",
        "started_on": dt.date(2024, 3, 1),
        **changes,
    }
    if code is None:
        assert services.mentorship_create(actor=None, **data).pk
        return
    with pytest.raises(ValidationError) as caught:
        services.mentorship_create(actor=None, **data)
    assert_invalid(caught, code=code, field=field)


def test_mentor_cannot_be_their_own_apprentice_by_member_record(demo):
    from unionhub.members.tests.samples import member_in

    member = member_in("yandu")
    mentor = modelworker_in("yandu")
    mentor.member = member
    mentor.save()
    with pytest.raises(ValidationError) as caught:
        services.mentorship_create(
            actor=None,
            mentor=mentor,
            apprentice_name="另一个名字",
            apprentice_member=member,
            started_on=dt.date(2024, 3, 1),
        )
    assert_invalid(caught, code="self_mentoring", field="apprentice_member")


def test_county_admin_keeps_people_in_own_county(user_named):
    admin = user_named("sheyang_admin")
    own = services.modelworker_create(
        actor=admin,
        name="射阳劳模",
        region=_town("sheyang"),
        category="model_worker",
        level="county",
        year_awarded=2022,
    )
    assert ModelWorker.objects.visible_to(admin).filter(pk=own.pk).exists()
    with pytest.raises(ValidationError) as caught:
        services.modelworker_create(
            actor=admin,
            name="响水劳模",
            region=_town("xiangshui"),
            category="model_worker",
            level="county",
            year_awarded=2022,
        )
    assert_invalid(caught, code="out_of_scope")
    assert not ModelWorker.objects.filter(name="响水劳模").exists()


@pytest.mark.parametrize(("year", "ok"), [(1949, False), (1950, True), (2024, True)])
def test_year_awarded_range(demo, year, ok):
    data = dict(
        name=f"年份{year}",
        region=_town("yandu"),
        category="craftsman",
        level="city",
        year_awarded=year,
    )
    if ok:
        assert services.modelworker_create(actor=None, **data).pk
    else:
        with pytest.raises(ValidationError) as caught:
            services.modelworker_create(actor=None, **data)
        assert_invalid(caught, code="year_out_of_range", field="year_awarded")


def test_nomination_page_offers_the_actions_its_stage_allows(client_as):
    nomination = nomination_in("yandu")
    client = client_as("yandu_admin")
    page = client.get(f"/people/nominations/{nomination.pk}/")
    urls = [url for url, _label, _css in page.context["object_actions"]]
    assert urls == [
        f"/people/nominations/{nomination.pk}/notice/",
        f"/people/nominations/{nomination.pk}/withdraw/",
    ]
    # Through the page: a notice too short is refused with the reason, nothing changes.
    refused = client.post(
        f"/people/nominations/{nomination.pk}/notice/",
        {"notice_from": "2024-03-04", "notice_to": "2024-03-05"},
    )
    assert refused.status_code == 400
    assert "notice_too_short" in [
        e.code for e in refused.context["form"].errors.as_data()["notice_to"]
    ]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
    client.post(
        f"/people/nominations/{nomination.pk}/notice/",
        {"notice_from": "2024-03-04", "notice_to": "2024-03-08"},
    )
    page = client.get(f"/people/nominations/{nomination.pk}/")
    assert [u.rsplit("/", 2)[-2] for u, _l, _c in page.context["object_actions"]] == [
        "award",
        "withdraw",
    ]
