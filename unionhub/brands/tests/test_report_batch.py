"""The annual report and ``/brands/report/`` read every county's figures in one batch
(``core.kpis.batch.kpi_values_by_region``): the number of queries does not grow with the
number of counties that have a brand, and the figures are those ``kpi_values`` gives county by
county (live for the current year, the year-end snapshot for a past year)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionhub.brands import services
from unionhub.brands.selectors import brand_report_sections, figures_as_of
from unionhub.brands.tests.samples import brand_in
from unionhub.core.kpis import services as kpi_services
from unionhub.core.kpis.models import KpiSnapshot
from unionhub.core.kpis.selectors import kpi_values
from unionhub.core.middleware import acting_as
from unionhub.org.demo import COUNTY_SLUGS

pytestmark = pytest.mark.django_db

#: indicators over six models and the three aggregations (count, sum, rate)
CODES = [
    "stations.total",
    "members.active",
    "establishment.coverage_25plus",
    "governance.enterprise_grids",
    "studios.total",
    "funds.refund_amount",
    "activities.trainings",
]
SLUGS = list(COUNTY_SLUGS)


def _brands(slugs, year):
    for slug in slugs:
        brand = brand_in(slug, year=year)
        have = set(brand.kpis.values_list("code", flat=True))
        for n, code in enumerate(CODES):
            if code not in have:
                services.brandkpi_create(actor=None, brand=brand, code=code, order=20 + n)


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _report_queries(user, year) -> int:
    user.__dict__.pop("_unionhub_scope", None)  # the scope is resolved in every measurement
    return _queries(lambda: brand_report_sections(user=user, year=year))


@pytest.mark.parametrize("past", [False, True], ids=["this year", "past year"])
def test_report_queries_do_not_grow_with_the_counties(demo, user_named, past):
    year = timezone.localdate().year - (1 if past else 0)
    city = user_named("city_admin")
    _brands(SLUGS[:2], year)
    brand_report_sections(user=city, year=year)  # the permission cache of the user
    two = _report_queries(city, year)
    _brands(SLUGS, year)
    eleven = _report_queries(city, year)
    sections = brand_report_sections(user=city, year=year)
    assert sum(1 for s in sections if s.brand is not None) == len(SLUGS) == 11
    assert all(len(s.figures) == len(CODES) for s in sections)
    assert eleven == two, f"2 counties: {two} queries, 11 counties: {eleven}"
    # scope, counties, brands, indicators, targets, (snapshots), one per model (6)
    assert eleven <= 14


def test_report_page_queries_do_not_grow_with_the_counties(demo, client_as):
    year = timezone.localdate().year
    client = client_as("city_admin")
    url = f"/brands/report/?year={year}"
    client.get(url)  # the first request after a login saves the session
    _brands(SLUGS[:2], year)
    two = _queries(lambda: client.get(url))
    _brands(SLUGS, year)
    response = client.get(url)
    assert response.status_code == 200
    eleven = _queries(lambda: client.get(url))
    assert eleven == two, f"2 counties: {two} queries, 11 counties: {eleven}"


@pytest.mark.parametrize("user", ["city_admin", "sheyang_admin"])
def test_batched_figures_equal_county_by_county(demo, user_named, user):
    from unionhub.enterprises import demo as enterprises_demo
    from unionhub.governance import demo as governance_demo
    from unionhub.people import demo as people_demo
    from unionhub.studios import demo as studios_demo

    with acting_as(None):
        enterprises_demo.load()
        governance_demo.load()
        people_demo.load()
        studios_demo.load()
    year = timezone.localdate().year
    _brands(SLUGS, year)
    viewer = user_named(user)
    sections = brand_report_sections(user=viewer, year=year)
    assert sections
    for section in sections:
        want = {
            v.code: (v.value, v.target, v.records_url, v.source)
            for v in kpi_values(
                user=viewer,
                region=section.county,
                year=year,
                as_of=figures_as_of(year),
                codes=CODES,
            )
        }
        got = {
            f.item.code: (f.value.value, f.value.target, f.value.records_url, f.value.source)
            for f in section.figures
        }
        assert got == want, section.county.name
    if user == "sheyang_admin":
        assert [s.county.name for s in sections] == ["射阳县"]
        grids = next(f for f in sections[0].figures if f.item.code == "governance.enterprise_grids")
        assert grids.value.value == 216


def test_past_year_mixes_snapshots_and_live_figures_per_county(demo, user_named):
    """A county whose December snapshot exists answers from it; one without answers live."""
    year = timezone.localdate().year - 1
    _brands(["xiangshui", "sheyang"], year)
    xiangshui = brand_in("xiangshui", year=year)
    as_of = dt.date(year, 12, 31)
    with acting_as(None):
        kpi_services.kpis_snapshot(as_of=as_of, regions=[xiangshui.region])
    KpiSnapshot.objects.filter(code="stations.total", region=xiangshui.region).update(value=987)
    sections = {
        s.county.code: s
        for s in brand_report_sections(user=user_named("city_admin"), year=year)
        if s.brand
    }
    stations = {
        code: next(f.value for f in s.figures if f.item.code == "stations.total")
        for code, s in sections.items()
    }
    assert stations[COUNTY_SLUGS["xiangshui"]].value == 987
    assert stations[COUNTY_SLUGS["xiangshui"]].source == "snapshot"
    assert stations[COUNTY_SLUGS["sheyang"]].source == "live"
