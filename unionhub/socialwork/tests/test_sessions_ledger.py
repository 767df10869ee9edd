"""Quarterly exchanges and classes of the archive are links to activities of the one ledger:
the service writes the activity (an exchange or a class, person-times = the social workers
present), keeps it in step, and the KPI counts the ledger's activities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.activities import services as ledger
from unionhub.activities.models import Activity
from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.demo import county_union
from unionhub.socialwork import services
from unionhub.socialwork.choices import SessionKind
from unionhub.socialwork.models import StudySession
from unionhub.socialwork.tests.samples import studysession_in, worker_in

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 25)


@pytest.mark.parametrize(
    ("kind", "ledger_kind"),
    [
        (SessionKind.EXCHANGE, "exchange"),
        (SessionKind.POLITICAL_CLASS, "class"),
        (SessionKind.PROFESSIONAL_CLASS, "class"),
    ],
)
def test_a_session_is_written_into_the_ledger(demo, kind, ledger_kind):
    session = services.studysession_create(
        actor=None,
        union=county_union("tinghu"),
        kind=kind,
        title="第一季度交流",
        held_on=DAY,
        place="职工服务中心",
        participants=[worker_in("tinghu")],
    )
    activity = session.activity
    assert (activity.kind, activity.title, activity.held_on, activity.organiser) == (
        ledger_kind,
        "第一季度交流",
        DAY,
        county_union("tinghu"),
    )
    assert activity.person_times == 1


def test_the_ledger_activity_follows_the_session_and_goes_with_it(demo):
    session = studysession_in("tinghu")
    services.studysession_update(
        actor=None, studysession=session, title="改期交流会", held_on=DAY - dt.timedelta(days=1)
    )
    session.activity.refresh_from_db()
    assert (session.activity.title, session.activity.held_on) == (
        "改期交流会",
        DAY - dt.timedelta(1),
    )
    activity_pk = session.activity_id
    services.studysession_delete(actor=None, studysession=session)
    assert not Activity.objects.filter(pk=activity_pk).exists()


def _ledger_activity(kind: str) -> Activity:
    return ledger.activity_create(
        actor=None, kind=kind, title="已登记的活动", organiser=county_union("tinghu"), held_on=DAY
    )


@pytest.mark.parametrize(
    ("session_kind", "activity_kind", "code"),
    [
        (SessionKind.EXCHANGE, "exchange", None),
        (SessionKind.POLITICAL_CLASS, "class", None),
        (SessionKind.EXCHANGE, "class", "wrong_activity_kind"),
        (SessionKind.PROFESSIONAL_CLASS, "training", "wrong_activity_kind"),
        (SessionKind.POLITICAL_CLASS, "lecture", "wrong_activity_kind"),
    ],
)
def test_linking_an_activity_already_in_the_ledger(demo, session_kind, activity_kind, code):
    activity = _ledger_activity(activity_kind)
    before = StudySession.objects.count()
    call = lambda: services.studysession_create(  # noqa: E731
        actor=None, activity=activity, kind=session_kind, participants=[worker_in("tinghu")]
    )
    if code is None:
        session = call()
        assert session.activity == activity
        assert (session.title, session.held_on, session.union) == (
            activity.title,
            activity.held_on,
            activity.organiser,
        )
        return
    with pytest.raises(ValidationError) as caught:
        call()
    assert_invalid(caught, code=code, field="activity")
    assert StudySession.objects.count() == before


def test_an_activity_links_to_one_session_only(demo):
    activity = _ledger_activity("exchange")
    services.studysession_create(actor=None, activity=activity, kind=SessionKind.EXCHANGE)
    with pytest.raises(ValidationError) as caught:
        services.studysession_create(actor=None, activity=activity, kind=SessionKind.EXCHANGE)
    assert_invalid(caught, code="activity_already_linked", field="activity")


def test_the_kpi_counts_the_ledger_and_its_list_matches(demo, api_as):
    studysession_in("tinghu")
    # an exchange of the ledger that is not an archive session is not a social-work exchange
    _ledger_activity("exchange")
    api = api_as("tinghu_admin")
    body = api.get("/api/v1/kpis/", {"region": "320902"}).json()
    kpi = next(r for r in body["results"] if r["code"] == "socialwork.quarterly_exchanges")
    linked = Activity.objects.filter(
        kind="exchange", social_work_session__kind=SessionKind.EXCHANGE
    ).count()
    assert kpi["value"] == linked == 1
    listed = api.get(kpi["records_url"]).json()
    assert listed["count"] == kpi["value"]
    assert listed["results"][0]["activity"] == studysession_in("tinghu").activity_id
