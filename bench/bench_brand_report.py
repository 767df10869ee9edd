"""The annual brand report's figures (issue 18): ``brands.selectors.brand_report_sections`` —
every county's brand indicators in one batch (``core.kpis.batch.kpi_values_by_region``: one
grouped query per model for all counties) — vs the county-by-county loop it replaced
(``kpi_values`` for each county's brand), figures asserted equal, in the same run. Target
≤ 1.0× (the batch is not slower), and its query count does not grow with the counties.

The demo brands of the 11 counties are created inside a transaction that is rolled back, so
the benchmark database is left as it was."""

from __future__ import annotations

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import Result, side_by_side

USERNAME = "city_admin"


class _Rollback(Exception):
    pass


def _loop_sections(user, year):
    """The report's sections as they were computed before the batch: one ``kpi_values``
    (a few aggregate queries) per county with a brand."""
    from unionhub.brands.models import Brand
    from unionhub.brands.selectors import ReportSection, brand_figures
    from unionhub.org.models import Region

    counties = list(Region.objects.visible_to(user).filter(level="county").order_by("path"))
    brands = {
        b.region_id: b
        for b in Brand.objects.visible_to(user)
        .filter(year=year, region__in=counties)
        .select_related("region")
        .prefetch_related("kpis")
    }
    sections = []
    for county in counties:
        brand = brands.get(county.pk)
        figures = (
            brand_figures(user=user, brand=brand, items=list(brand.kpis.all())) if brand else []
        )
        sections.append(ReportSection(county=county, brand=brand, figures=figures))
    return sections


def _figures(sections) -> dict:
    return {
        s.county.code: {f.item.code: (f.value.value if f.value else None) for f in s.figures}
        for s in sections
    }


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _measure(year: int) -> list[Result]:
    from unionhub.accounts.models import User
    from unionhub.brands.selectors import brand_report_sections

    user = User.objects.get(username=USERNAME)

    def candidate():
        return brand_report_sections(user=user, year=year)

    def baseline():
        return _loop_sections(user, year)

    got, want = _figures(candidate()), _figures(baseline())
    assert got == want, f"brand report figures differ: batch {got} vs loop {want}"
    with_brand = sum(1 for v in got.values() if v)
    indicators = sum(len(v) for v in got.values())
    c, b = side_by_side(candidate, baseline, repeat=5)
    cq, bq = _queries(candidate), _queries(baseline)
    return [
        Result(
            f"brand report figures ({with_brand} counties)",
            "kpi_values_by_region batch",
            "kpi_values per county",
            c,
            b,
            target_ratio=1.0,
            notes=[
                f"{with_brand} brands, {indicators} indicators; figures equal",
                f"queries: batch {cq}, county by county {bq}",
            ],
        ),
        Result(
            "brand report queries (batch vs loop)",
            "batch",
            "county by county",
            cq,
            bq,
            target_ratio=None,
            unit="queries",
        ),
    ]


def run(scale: str) -> list[Result]:
    from unionhub.brands import demo as brands_demo
    from unionhub.core.middleware import acting_as

    year = timezone.localdate().year
    results: list[Result] = []
    try:
        with transaction.atomic():
            with acting_as(None):
                brands_demo.load_brands()
            results = _measure(year)
            raise _Rollback
    except _Rollback:
        pass
    return results
