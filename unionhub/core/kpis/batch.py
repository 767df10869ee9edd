"""KPI values of many regions at once (the city dashboard, the big screen, the statutory
statistics): the same declarations and the same conditions as ``selectors.kpi_values``, but
each (model, region lookup) group is read with **one** aggregate query grouped by region —
``CASE WHEN path LIKE '<county 1>%' THEN '<code 1>' … END`` — instead of one query per region.
The number of queries depends on the registered models only, never on the number of regions
or records. Figures are always computed live (snapshots are per region; see ``kpi_values``)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from functools import reduce
from typing import Any

from django.apps import apps
from django.db.models import Case, CharField, Count, Q, Sum, Value, When

from unionhub.core.kpis.registry import Kpi, Part
from unionhub.core.kpis.selectors import (
    KpiValue,
    _money,
    _rate,
    _region_lookup,
    kpi_context,
    kpis_for,
    period_q,
    records_urls,
)

__all__ = ["kpi_values_by_region"]


def _compute(
    *, user: Any, kpis: list[Kpi], regions: Sequence[Any], year: int, as_of: dt.date
) -> dict[tuple[str, str, int], Any]:
    """``{(region code, kpi code, part index): count or sum}``."""
    ctx = kpi_context(region=None, year=year, as_of=as_of)
    groups: dict[tuple[str, str], list[tuple[Kpi, int, Part]]] = {}
    for kpi in kpis:
        for index, part in enumerate(kpi.parts):
            model = apps.get_model(part.model)
            groups.setdefault((part.model, _region_lookup(part, model)), []).append(
                (kpi, index, part)
            )
    results: dict[tuple[str, str, int], Any] = {}
    for (label, lookup), entries in groups.items():
        model = apps.get_model(label)
        key_expr = Case(
            *[When(**{f"{lookup}__startswith": r.path}, then=Value(r.code)) for r in regions],
            default=None,
            output_field=CharField(),
        )
        qs = model._default_manager.visible_to(user).filter(
            reduce(operator.or_, [Q(**{f"{lookup}__startswith": r.path}) for r in regions])
        )
        conditions = [part.q(ctx) & period_q(kpi, part, model, ctx) for kpi, _i, part in entries]
        if all(q.children for q in conditions):
            qs = qs.filter(reduce(operator.or_, conditions))
        aggregates: dict[str, Any] = {}
        alias: dict[str, tuple[str, int]] = {}
        for n, ((kpi, index, part), q) in enumerate(zip(entries, conditions, strict=True)):
            cond = q if q.children else None
            name = f"a{n}"
            if kpi.aggregation == "sum" and index == 0:
                aggregates[name] = Sum(part.sum_field, filter=cond)
            else:
                aggregates[name] = Count("pk", filter=cond)
            alias[name] = (kpi.code, index)
        rows = (
            qs.annotate(region_key=key_expr).values("region_key").order_by().annotate(**aggregates)
        )
        for row in rows:
            for name, (code, index) in alias.items():
                results[(row["region_key"], code, index)] = row[name] or 0
    return results


def kpi_values_by_region(
    *,
    user: Any,
    regions: Sequence[Any],
    year: int,
    as_of: dt.date,
    codes: Iterable[str] | None = None,
    kpis: list[Kpi] | None = None,
) -> dict[str, list[KpiValue]]:
    """``{region code: [KpiValue, …]}`` for disjoint ``regions`` (e.g. the county-level units):
    what ``kpi_values`` gives for each region, in one grouped query per model. Records come
    from ``visible_to(user)``, so a region outside the user's scope comes out as zeros —
    callers pass only the regions the user may see. ``kpis`` overrides the permission check
    of ``kpis_for`` (the caller has already chosen the KPIs)."""
    from unionhub.core.kpis.models import KpiTarget

    chosen = kpis if kpis is not None else kpis_for(user, codes)
    regions = list(regions)
    if not regions or not chosen:
        return {r.code: [] for r in regions}
    parts = _compute(user=user, kpis=chosen, regions=regions, year=year, as_of=as_of)
    targets = {
        (region_code, code): value
        for region_code, code, value in KpiTarget.objects.filter(
            region__in=regions, year=year, code__in=[k.code for k in chosen]
        ).values_list("region__code", "code", "value")
    }
    result: dict[str, list[KpiValue]] = {}
    for region in regions:
        ctx = kpi_context(region=region, year=year, as_of=as_of)
        values = []
        for kpi in chosen:
            numerator = parts.get((region.code, kpi.code, 0), 0)
            denominator = None
            if kpi.aggregation == "rate":
                denominator = sum(
                    parts.get((region.code, kpi.code, i), 0) for i in range(1, len(kpi.parts))
                )
                value = _rate(numerator, denominator)
            elif kpi.aggregation == "sum":
                value = _money(numerator) if kpi.is_money else numerator
            else:
                value = int(numerator)
            api_url, html_url = records_urls(kpi, ctx)
            values.append(
                KpiValue(
                    kpi=kpi,
                    value=value,
                    numerator=numerator,
                    denominator=denominator,
                    target=targets.get((region.code, kpi.code)),
                    records_url=api_url,
                    html_url=html_url,
                )
            )
        result[region.code] = values
    return result
