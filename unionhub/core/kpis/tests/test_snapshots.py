"""Monthly snapshots: idempotent per code, region and month; a past ``as_of`` reproduces
the snapshot after the records changed; trends read them; the job is declared."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from unionhub.core.kpis import selectors, services
from unionhub.core.kpis.models import KpiSnapshot
from unionhub.core.kpis.registry import all_kpis
from unionhub.core.middleware import acting_as
from unionhub.enterprises.tests.factories import make_enterprise

pytestmark = pytest.mark.django_db


def _jianhu():
    from unionhub.org.models import Region

    return Region.objects.get(code="320925")


def test_snapshot_is_idempotent_per_month(world):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    written = services.kpis_snapshot(as_of=yesterday)
    regions = len(services.snapshot_regions())
    assert written == regions * len(all_kpis())
    assert KpiSnapshot.objects.count() == written
    services.kpis_snapshot(as_of=yesterday)  # again in the same month: replaced, not added
    assert KpiSnapshot.objects.count() == written
    snap = KpiSnapshot.objects.get(code="establishment.enterprises", region=_jianhu())
    assert snap.month == yesterday.replace(day=1) and snap.as_of == yesterday


def test_a_past_report_is_reproduced_after_the_records_change(world, api_as):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.kpis_snapshot(as_of=yesterday, regions=[_jianhu()])
    api = api_as("jianhu_admin")
    before = {
        r["code"]: r for r in api.get("/api/v1/kpis/", {"as_of": yesterday}).json()["results"]
    }
    assert before["establishment.enterprises"]["source"] == "snapshot"
    with acting_as(None):
        make_enterprise(county="320925", employees=3)
    past = {r["code"]: r for r in api.get("/api/v1/kpis/", {"as_of": yesterday}).json()["results"]}
    now = {r["code"]: r for r in api.get("/api/v1/kpis/").json()["results"]}
    assert (
        past["establishment.enterprises"]["value"] == before["establishment.enterprises"]["value"]
    )
    assert (
        now["establishment.enterprises"]["value"] == past["establishment.enterprises"]["value"] + 1
    )
    assert now["establishment.enterprises"]["source"] == "live"
    # every kind of value survives the round trip through the snapshot
    for code, item in past.items():
        assert type(item["value"]) is type(before[code]["value"]) or item["value"] is None, code


def test_future_snapshot_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        services.kpis_snapshot(as_of=timezone.localdate() + dt.timedelta(days=1), regions=[])
    assert info.value.error_dict["as_of"][0].code == "as_of_future"


def test_trend_reads_the_monthly_snapshots(world, user_named, api_as):
    region = _jianhu()
    today = timezone.localdate()
    ends = []
    day = today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(3):  # the last days of the three months before this one
        ends.append(day)
        services.kpis_snapshot(as_of=day, regions=[region])
        day = day.replace(day=1) - dt.timedelta(days=1)
    points = selectors.kpi_trend(
        user=user_named("jianhu_admin"), code="establishment.enterprises", region=region, months=2
    )
    assert [p["as_of"] for p in points] == sorted(ends)[-2:]
    body = api_as("jianhu_admin").get(
        "/api/v1/kpis/trend/", {"code": "establishment.enterprises", "months": 12}
    )
    assert body.status_code == 200
    assert [p["as_of"] for p in body.json()["points"]] == [d.isoformat() for d in sorted(ends)]
    assert (
        api_as("sheyang_admin")
        .get("/api/v1/kpis/trend/", {"code": "establishment.enterprises", "region": "320925"})
        .status_code
        == 404
    )
    bad = api_as("jianhu_admin").get("/api/v1/kpis/trend/", {"code": "no.such"})
    assert bad.status_code == 400 and "code" in bad.json()


def test_the_monthly_job_is_declared_and_runs(world):
    from django.utils.module_loading import import_string

    from unionhub.core.kpis.jobs import JOBS
    from unionhub.core.modules import declarations

    declared = [j for d in declarations("scheduled_jobs") for j in d.value]
    job = next(j for j in declared if j.key == "kpis.monthly_snapshot")
    assert job in JOBS and job.cron == "30 1 1 * *"
    summary = import_string(job.func)()
    last_month_end = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    assert last_month_end.isoformat() in summary
    assert KpiSnapshot.objects.filter(as_of=last_month_end).exists()
