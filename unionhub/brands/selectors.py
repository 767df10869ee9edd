"""Reads of the brand registry, always from ``visible_to(user)``: the list, the county brand
page (figures from the KPI registry, trends from its monthly snapshots) and the sections of
the annual report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.utils import timezone

from unionhub.brands.choices import BrandStatus
from unionhub.brands.models import Brand, BrandKpi
from unionhub.core.kpis.batch import kpi_values_by_region
from unionhub.core.kpis.models import KpiSnapshot
from unionhub.core.kpis.registry import all_kpis
from unionhub.core.kpis.selectors import KpiValue, format_value, kpi_values

__all__ = [
    "BrandFigure",
    "brand_figures",
    "brand_list",
    "brand_page",
    "brand_report_sections",
    "figures_as_of",
    "kpi_choices",
]

#: how many months of snapshots the brand page's trend lines draw
TREND_MONTHS = 24


def brand_list(*, user: Any):
    return Brand.objects.visible_to(user).select_related("region")


def kpi_choices() -> list[tuple[str, str]]:
    """Every registered KPI as a (code, "name（unit）") choice."""
    return [(k.code, f"{k.name}（{k.unit}）· {k.code}") for k in all_kpis()]


def figures_as_of(year: int) -> dt.date:
    """The date a year's figures are taken at: the year's end for a past year (the month-end
    snapshot of December reproduces it), today for the current year."""
    today = timezone.localdate()
    return dt.date(year, 12, 31) if year < today.year else today


@dataclass
class BrandFigure:
    """One indicator of a brand with its figure, target and progress."""

    item: BrandKpi
    value: KpiValue | None  # None: the KPI is unregistered or not visible to the user

    @property
    def name(self) -> str:
        return str(self.value.kpi.name) if self.value else self.item.code

    @property
    def unit(self) -> str:
        return self.value.kpi.unit if self.value else ""

    @property
    def display(self) -> str:
        return self.value.display() if self.value else "—"

    @property
    def target_display(self) -> str:
        return self.value.target_display() if self.value else ""

    @property
    def url(self) -> str:
        return self.value.url if self.value else ""

    @property
    def records_url(self) -> str:
        return self.value.records_url if self.value else ""

    @property
    def progress(self) -> Decimal | None:
        """Percentage of the target reached (one decimal), None without a target."""
        if self.value is None or not self.value.target or self.value.value is None:
            return None
        return (Decimal(100) * Decimal(self.value.value) / self.value.target).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def progress_width(self) -> int:
        return int(min(self.progress or 0, 100))


def brand_figures(*, user: Any, brand: Brand, items: list[BrandKpi]) -> list[BrandFigure]:
    """The brand's indicators with their figures for the brand's year (as of the year's end
    for a past year, today for the current one): the KPI registry's few aggregate queries."""
    codes = [i.code for i in items]
    values = {}
    if codes:
        as_of = figures_as_of(brand.year)
        values = {
            v.code: v
            for v in kpi_values(
                user=user, region=brand.region, year=brand.year, as_of=as_of, codes=codes
            )
        }
    return [BrandFigure(item=i, value=values.get(i.code)) for i in items]


@dataclass
class BrandPage:
    brand: Brand
    figures: list[BrandFigure]
    trends: list[dict[str, Any]] = field(default_factory=list)
    other_years: list[Brand] = field(default_factory=list)


def _trends(*, user: Any, brand: Brand, figures: list[BrandFigure]) -> list[dict[str, Any]]:
    """One series per indicator from the monthly snapshots of the brand's county (the last
    ``TREND_MONTHS`` months up to the brand's year end), in one query."""
    shown = [f for f in figures if f.value is not None]
    if not shown:
        return []
    last = dt.date(brand.year, 12, 1)
    first = dt.date(brand.year - 1, 1, 1)
    rows = (
        KpiSnapshot.objects.visible_to(user)
        .filter(
            region=brand.region,
            code__in=[f.item.code for f in shown],
            month__gte=first,
            month__lte=last,
        )
        .order_by("month")
        .values_list("code", "month", "value")
    )
    by_code: dict[str, list[tuple[str, Any]]] = {}
    for code, month, value in rows:
        by_code.setdefault(code, []).append((month.strftime("%Y-%m"), value))
    series = []
    for f in shown:
        points = by_code.get(f.item.code, [])
        if not points:
            continue
        target = f.value.target
        series.append(
            {
                "code": f.item.code,
                "name": f.name,
                "unit": f.unit,
                "months": [m for m, _v in points],
                "values": [None if v is None else float(v) for _m, v in points],
                "target": None if target is None else float(target),
            }
        )
    return series


def brand_page(*, user: Any, brand: Brand) -> BrandPage:
    """Everything the county brand page shows, in a bounded number of queries (the brand,
    its indicators, the registry's aggregates, the targets, the snapshots, the other years)."""
    items = list(brand.kpis.all())
    figures = brand_figures(user=user, brand=brand, items=items)
    others = list(
        Brand.objects.visible_to(user)
        .filter(region=brand.region)
        .exclude(pk=brand.pk)
        .order_by("-year")
        .only("pk", "year", "status", "title")
    )
    return BrandPage(
        brand=brand,
        figures=figures,
        trends=_trends(user=user, brand=brand, figures=figures),
        other_years=others,
    )


@dataclass
class ReportSection:
    county: Any  # org.Region
    brand: Brand | None
    figures: list[BrandFigure]

    @property
    def published(self) -> bool:
        return self.brand is not None and self.brand.status == BrandStatus.PUBLISHED


def brand_report_sections(*, user: Any, year: int) -> list[ReportSection]:
    """One section per county-level unit the user sees (a county admin: only its own), in
    the order of the region tree, with the brand of ``year`` (if registered) and its figures
    as of the year's end (past years, from the December snapshot) or today.

    The figures of every county come from one batch (``kpi_values_by_region``: one grouped
    query per model for all counties, one for their snapshots, one for their targets), so
    the report's queries do not grow with the number of counties; each model is read only
    for the counties whose brand measures one of its indicators."""
    Region = apps.get_model("org", "Region")
    counties = list(Region.objects.visible_to(user).filter(level="county").order_by("path"))
    brands = {
        b.region_id: b
        for b in Brand.objects.visible_to(user)
        .filter(year=year, region__in=counties)
        .select_related("region")
        .prefetch_related("kpis")
    }
    codes = sorted({i.code for b in brands.values() for i in b.kpis.all()})
    with_brand = [c for c in counties if c.pk in brands]
    by_region: dict[str, list[KpiValue]] = {}
    if codes and with_brand:
        by_region = kpi_values_by_region(
            user=user,
            regions=with_brand,
            year=year,
            as_of=figures_as_of(year),
            codes=codes,
            use_snapshots=True,
            wanted={c.code: [i.code for i in brands[c.pk].kpis.all()] for c in with_brand},
        )
    sections = []
    for county in counties:
        brand = brands.get(county.pk)
        figures: list[BrandFigure] = []
        if brand is not None:
            values = {v.code: v for v in by_region.get(county.code, [])}
            figures = [BrandFigure(item=i, value=values.get(i.code)) for i in brand.kpis.all()]
        sections.append(ReportSection(county=county, brand=brand, figures=figures))
    return sections


def figure_text(figure: BrandFigure) -> str:
    """``服务驿站 35 个（目标 40 个，完成 87.5%）`` — a figure as the report writes it inline."""
    if figure.value is None:
        return f"{figure.name} —"
    kpi = figure.value.kpi
    unit = "" if kpi.unit == "%" else kpi.unit
    text = f"{figure.name} {figure.display}{unit}"
    if figure.value.target is not None:
        text += f"（目标 {format_value(kpi, figure.value.target)}{unit}"
        if figure.progress is not None:
            text += f"，完成 {figure.progress}%"
        text += "）"
    return text
