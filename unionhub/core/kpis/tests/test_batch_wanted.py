"""``kpi_values_by_region(wanted=…)`` (the brand report: each county its own indicators)
gives each region only the KPIs it wants, with the figures ``kpi_values`` gives that region,
and reads each model only for the regions that want one of its KPIs — a model one county
wants is read for that county alone, not grouped over every county."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionhub.core.kpis.batch import kpi_values_by_region
from unionhub.core.kpis.selectors import kpi_values
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db

JIANHU, SHEYANG = "320925", "320924"
#: 建湖 wants a station figure only; 射阳 station and member figures
WANTED = {
    JIANHU: ["stations.total"],
    SHEYANG: ["stations.smart", "members.active", "members.new_employment"],
}


def _model_queries(captured, table: str) -> list[str]:
    return [q["sql"] for q in captured if f'FROM "{table}"' in q["sql"]]


def test_each_region_gets_its_wanted_figures_read_only_where_wanted(world, user_named):
    city = user_named("city_admin")
    today = timezone.localdate()
    regions = list(Region.objects.filter(code__in=WANTED).order_by("path"))
    codes = sorted({c for cs in WANTED.values() for c in cs})
    with CaptureQueriesContext(connection) as ctx:
        got = kpi_values_by_region(
            user=city, regions=regions, year=today.year, as_of=today, codes=codes, wanted=WANTED
        )
    for region in regions:
        want = {
            v.code: v.value
            for v in kpi_values(
                user=city, region=region, year=today.year, as_of=today, codes=WANTED[region.code]
            )
        }
        assert {v.code: v.value for v in got[region.code]} == want, region.code
    assert any(got[SHEYANG][i].value for i in range(len(WANTED[SHEYANG])))
    # members: one query, for 射阳 alone (not a grouping of both counties)
    (members_sql,) = _model_queries(ctx.captured_queries, "members_member")
    sheyang, jianhu = (Region.objects.get(code=c).path for c in (SHEYANG, JIANHU))
    assert sheyang in members_sql
    assert jianhu not in members_sql
    assert "GROUP BY" not in members_sql
    # stations: both counties want one, so one query grouped by county
    (stations_sql,) = _model_queries(ctx.captured_queries, "stations_station")
    assert "GROUP BY" in stations_sql
