"""City dashboard: counties side by side for the city, own figures against the city average
for a county admin — and never another county's figures (pages and API)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionhub.core.kpis.batch import kpi_values_by_region
from unionhub.core.kpis.selectors import kpi_region, kpi_values
from unionhub.dashboards import selectors
from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.members.tests.samples import member_in
from unionhub.org.models import Region
from unionhub.stations.tests.samples import station_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(demo):
    # 响水 has 3 members and 2 large enterprises, 射阳 7 members and 1 station
    for _ in range(3):
        member_in("xiangshui")
    for _ in range(7):
        member_in("sheyang")
    make_enterprise(county="320921", employees=40)
    make_enterprise(county="320921", employees=60)
    station_in("sheyang")


def test_batched_values_equal_the_per_region_values(records, user_named):
    user = user_named("city_admin")
    today = timezone.localdate()
    counties = selectors.county_regions(user)
    assert len(counties) == 11
    batched = kpi_values_by_region(
        user=user,
        regions=counties,
        year=today.year,
        as_of=today,
        codes=selectors.DASHBOARD_CODES,
    )
    for region in counties:
        single = kpi_values(
            user=user,
            region=region,
            year=today.year,
            as_of=today,
            codes=selectors.DASHBOARD_CODES,
            use_snapshots=False,
        )
        assert [(v.code, v.value, v.target) for v in batched[region.code]] == [
            (v.code, v.value, v.target) for v in single
        ], region.code


def test_batched_values_use_one_query_per_model_whatever_the_number_of_counties(
    records, user_named
):
    user = user_named("city_admin")
    today = timezone.localdate()
    counties = selectors.county_regions(user)
    selectors.kpis_for(user, selectors.DASHBOARD_CODES)  # warm the permission cache

    def queries(regions):
        with CaptureQueriesContext(connection) as captured:
            kpi_values_by_region(
                user=user,
                regions=regions,
                year=today.year,
                as_of=today,
                codes=selectors.DASHBOARD_CODES,
            )
        return len(captured)

    assert queries(counties[:2]) == queries(counties)
    assert queries(counties) <= 10


def test_city_admin_sees_every_county_side_by_side(records, client_as):
    response = client_as("city_admin").get("/dashboards/city/")
    assert response.status_code == 200
    text = response.content.decode()
    for region in Region.objects.filter(level="county"):
        assert f'data-testid="county-{region.code}"' in text
    assert "全市平均" in text


def test_county_admin_page_holds_no_other_county(records, client_as):
    response = client_as("xiangshui_admin").get("/dashboards/city/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "响水县" in text
    assert "全市平均" in text
    for region in Region.objects.filter(level="county").exclude(code="320921"):
        assert region.name not in text, region.name
        assert f"region={region.code}" not in text


def test_county_admin_api_holds_only_own_county_and_the_average(records, api_as):
    response = api_as("xiangshui_admin").get("/api/v1/dashboards/city/")
    assert response.status_code == 200
    body = response.json()
    assert [c["code"] for c in body["counties"]] == ["320921"]
    own = body["counties"][0]["values"]
    assert own["members.active"]["value"] == 3
    # the average covers the whole city (3 + 7 members over 11 units), no county breakdown
    assert body["city_average"]["members.active"] == pytest.approx(10 / 11, abs=0.05)
    assert "320924" not in str(body)


def test_city_api_lists_every_county(records, api_as):
    body = api_as("city_admin").get("/api/v1/dashboards/city/", {"year": "2026"}).json()
    assert len(body["counties"]) == 11
    by_code = {c["code"]: c["values"] for c in body["counties"]}
    assert by_code["320924"]["members.active"]["value"] == 7
    assert by_code["320924"]["stations.total"]["value"] == 1


@pytest.mark.parametrize(
    ("year", "field"),
    [("20x6", "year"), ("1999", "year"), ("2999", "year")],
)
def test_bad_year_is_a_chinese_400(demo, api_as, year, field):
    response = api_as("city_admin").get("/api/v1/dashboards/city/", {"year": year})
    assert response.status_code == 400
    message = response.json()[field][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_targets_and_progress(records, api_as, user_named):
    from unionhub.core.kpis.models import KpiTarget

    today = timezone.localdate()
    region = kpi_region(user=user_named("city_admin"), code="320924")
    KpiTarget.objects.create(code="members.active", region=region, year=today.year, value=14)
    body = api_as("city_admin").get("/api/v1/dashboards/city/").json()
    value = {c["code"]: c["values"] for c in body["counties"]}["320924"]["members.active"]
    assert value["target"] == 14
    assert value["progress"] == 50.0


def test_regions_of_different_depths_use_the_case_path(records, user_named):
    """A county and a town of another county (paths of different lengths) still come out
    right, through the CASE grouping."""
    user = user_named("city_admin")
    today = timezone.localdate()
    county = Region.objects.get(code="320921")
    town = Region.objects.filter(parent__code="320924", level="town").order_by("code").first()
    batched = kpi_values_by_region(
        user=user,
        regions=[county, town],
        year=today.year,
        as_of=today,
        codes=["members.active", "stations.total"],
    )
    for region in (county, town):
        single = kpi_values(
            user=user,
            region=region,
            year=today.year,
            as_of=today,
            codes=["members.active", "stations.total"],
            use_snapshots=False,
        )
        assert [v.value for v in batched[region.code]] == [v.value for v in single]
