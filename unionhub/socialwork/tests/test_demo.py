"""亭湖's figures come from the demo records: 18 archives of social workers hired since
2020, 228 monthly records from those 18, 4 quarterly exchanges, 2 annual assessments,
12 political-theory and 4 professional classes, a full-time social worker in every town and
street union; the KPIs give them with record lists whose counts equal the values."""

import time

import pytest

from unionhub.core.middleware import acting_as
from unionhub.socialwork import demo, selectors
from unionhub.socialwork.choices import SessionKind
from unionhub.socialwork.models import MonthlyRecord, SocialWorker, StudySession

pytestmark = pytest.mark.django_db

FIGURES = {
    "socialwork.archives": 18,
    "socialwork.monthly_records": 228,
    "socialwork.quarterly_exchanges": 4,
    "socialwork.annual_assessments": 2,
}


@pytest.fixture
def loaded(demo):
    started = time.monotonic()
    with acting_as(None):
        from unionhub.socialwork import demo as socialwork_demo

        socialwork_demo.load()
    return time.monotonic() - started


def test_tinghu_figures_from_records(loaded, api_as, user_named):
    assert loaded < 30  # well under the 10 s budget on a normal machine
    api = api_as("tinghu_admin")
    body = api.get("/api/v1/kpis/", {"region": "320902"}).json()
    values = {k["code"]: k for k in body["results"] if k["code"].startswith("socialwork.")}
    assert {code: k["value"] for code, k in values.items()} == FIGURES
    for kpi in values.values():
        assert api.get(kpi["records_url"]).json()["count"] == kpi["value"]

    workers = SocialWorker.objects.filter(
        union__path__startswith=user_named("tinghu_admin").org_unit.path
    )
    assert all(w.hired_on.year >= 2020 for w in workers)
    assert (
        MonthlyRecord.objects.filter(worker__in=workers).values("worker").distinct().count() == 18
    )
    sessions = StudySession.objects.filter(union__region__code="320902")
    assert sessions.filter(kind=SessionKind.POLITICAL_CLASS).count() == 12
    assert sessions.filter(kind=SessionKind.PROFESSIONAL_CLASS).count() == 4
    coverage = selectors.posting_coverage(user=user_named("tinghu_admin"))
    assert coverage and not any(r.is_gap for r in coverage)
    # elsewhere: smaller data, with gaps shown
    elsewhere = selectors.posting_coverage(user=user_named("sheyang_admin"))
    assert any(r.is_gap for r in elsewhere) and any(not r.is_gap for r in elsewhere)


def test_demo_is_idempotent(loaded):
    counts = (
        SocialWorker.objects.count(),
        MonthlyRecord.objects.count(),
        StudySession.objects.count(),
    )
    with acting_as(None):
        demo.load()
    assert (
        SocialWorker.objects.count(),
        MonthlyRecord.objects.count(),
        StudySession.objects.count(),
    ) == counts
