"""KPI values of many regions at once (the city dashboard, the big screen, the statutory
statistics): the same declarations and the same conditions as ``selectors.kpi_values``, but
each (model, region lookup) group is read with **one** aggregate query grouped by region —
``CASE WHEN path LIKE '<county 1>%' THEN '<code 1>' … END`` — instead of one query per region.
The number of queries depends on the registered models only, never on the number of regions
or records. Figures are computed live, except that ``use_snapshots=True`` reproduces, as
``kpi_values`` does, the monthly snapshot kept for a past ``as_of`` (one query for every
region's snapshots; a KPI is computed live only where some region has no snapshot of it)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from functools import reduce
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Substr
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from unionhub.core.kpis.registry import Kpi, Part
from unionhub.core.kpis.selectors import (
    KpiValue,
    _money,
    _rate,
    _region_lookup,
    _typed,
    conditional_aggregates,
    kpi_context,
    kpis_for,
    period_q,
)

__all__ = ["kpi_values_by_region"]


def _only_regions(lookup: str, regions: Sequence[Any]) -> Q:
    """Records of these regions only, as ``<fk>__in (SELECT id FROM region WHERE path LIKE …)``:
    the small region table takes the path condition, so the planner estimates the records
    side by a semi-join instead of a LIKE on every record's joined path."""
    paths = reduce(operator.or_, [Q(path__startswith=r.path) for r in regions])
    if lookup.endswith("__path"):
        Region = apps.get_model("org", "Region")
        ids = Region.objects.filter(paths).values("pk")
        return Q(**{f"{lookup.removesuffix('__path')}__in": ids})
    return reduce(operator.or_, [Q(**{f"{lookup}__startswith": r.path}) for r in regions])


def _compute(
    *,
    user: Any,
    kpis: list[Kpi],
    regions: Sequence[Any],
    year: int,
    as_of: dt.date,
    wanted: dict[str, set[str]] | None = None,
) -> dict[tuple[str, str, int], Any]:
    """``{(region code, kpi code, part index): count or sum}``. With ``wanted`` ({region code:
    KPI codes}), a model's query reads only the records of the regions that want one of its
    KPIs (a brand report: each county its own few indicators)."""
    ctx = kpi_context(region=None, year=year, as_of=as_of)
    groups: dict[tuple[str, str], list[tuple[Kpi, int, Part]]] = {}
    for kpi in kpis:
        for index, part in enumerate(kpi.parts):
            model = apps.get_model(part.model)
            groups.setdefault((part.model, _region_lookup(part, model)), []).append(
                (kpi, index, part)
            )
    results: dict[tuple[str, str, int], Any] = {}
    # Regions whose paths have one length (the county-level units: "320900/320902/") are
    # told apart by that prefix of the record's path — one SUBSTR per row instead of a CASE
    # over every region; other sets of regions fall back to the CASE.
    lengths = {len(r.path) for r in regions}
    by_prefix: dict[str, str] | None = (
        {r.path: r.code for r in regions} if len(lengths) == 1 else None
    )
    for (label, lookup), entries in groups.items():
        model = apps.get_model(label)
        only: list[Any] | None = None
        if wanted is not None:
            codes = {kpi.code for kpi, _i, _p in entries}
            only = [r for r in regions if codes & wanted.get(r.code, set())]
            if not only:
                continue
            if len(only) == len(regions):
                only = None
        conditions = [part.q(ctx) & period_q(kpi, part, model, ctx) for kpi, _i, part in entries]
        where, aggregates, alias = conditional_aggregates(entries, conditions)
        if only is not None and len(only) == 1:
            # One region wants this model (a brand report: most indicators belong to one
            # county's brand): read it as ``kpi_values`` does for that region — the path
            # condition on the joined region and one plain aggregate. Grouping one group
            # adds only a semi-join and a SUBSTR per row; at city scale that made the
            # report's dearest query (the ledger's 2M entries, one county) 10 % slower
            # than the county's own query (1.83 s vs 1.66 s), so the batch lost to the
            # county-by-county loop. Still one query per model: the count does not grow
            # with the counties.
            (region,) = only
            one = model._default_manager.visible_to(user).filter(
                **{f"{lookup}__startswith": region.path}
            )
            if where is not None:
                one = one.filter(where)
            row = one.aggregate(**aggregates)
            for name, targets in alias.items():
                for code, index in targets:
                    results[(region.code, code, index)] = row[name] or 0
            continue
        if by_prefix is not None:
            key_expr: Any = Substr(lookup, 1, len(regions[0].path))
        else:
            key_expr = Case(
                *[When(**{f"{lookup}__startswith": r.path}, then=Value(r.code)) for r in regions],
                default=None,
                output_field=CharField(),
            )
        qs = model._default_manager.visible_to(user)
        # With prefixes, no path condition at all: rows of other regions only make groups
        # that are skipped below, and a LIKE on the path misleads PostgreSQL's planner into
        # nested loops over every record (seen at county scale: 0.47 s instead of 0.12 s).
        if only is not None:
            qs = qs.filter(_only_regions(lookup, only))
        elif by_prefix is None:
            qs = qs.filter(
                reduce(operator.or_, [Q(**{f"{lookup}__startswith": r.path}) for r in regions])
            )
        if where is not None:
            qs = qs.filter(where)
        rows = (
            qs.annotate(region_key=key_expr).values("region_key").order_by().annotate(**aggregates)
        )
        for row in rows:
            key = row["region_key"]
            if by_prefix is not None:
                key = by_prefix.get(key)
                if key is None:  # a record outside every region (another county)
                    continue
            for name, targets in alias.items():
                for code, index in targets:
                    results[(key, code, index)] = row[name] or 0
    return results


def _urls(kpi: Kpi, ctx: Any, cache: dict[str, str]) -> tuple[str, str]:
    """``records_urls`` with the web list's path reversed once per KPI, not once per region."""
    api = kpi.records.api + "?" + urlencode(kpi.records.api_params(ctx))
    html = ""
    if kpi.records.html:
        if kpi.records.html not in cache:
            try:
                cache[kpi.records.html] = reverse(kpi.records.html)
            except NoReverseMatch:
                cache[kpi.records.html] = ""
        html = cache[kpi.records.html]
        if html:
            query = urlencode(kpi.records.html_query(ctx))
            html = f"{html}?{query}" if query else html
    return api.rstrip("?"), html


def kpi_values_by_region(
    *,
    user: Any,
    regions: Sequence[Any],
    year: int,
    as_of: dt.date,
    codes: Iterable[str] | None = None,
    kpis: list[Kpi] | None = None,
    use_snapshots: bool = False,
    wanted: dict[str, Iterable[str]] | None = None,
) -> dict[str, list[KpiValue]]:
    """``{region code: [KpiValue, …]}`` for disjoint ``regions`` (e.g. the county-level units):
    what ``kpi_values`` gives for each region, in one grouped query per model. Records come
    from ``visible_to(user)``, so a region outside the user's scope comes out as zeros —
    callers pass only the regions the user may see. ``kpis`` overrides the permission check
    of ``kpis_for`` (the caller has already chosen the KPIs). ``use_snapshots``: a past
    ``as_of`` answers from the snapshots the monthly job kept (``source="snapshot"``), like
    ``kpi_values`` does for one region. ``wanted`` ({region code: KPI codes}): each region
    gets only those of its KPIs, and each model is read only for the regions wanting it."""
    from unionhub.core.kpis.models import KpiSnapshot, KpiTarget

    chosen = kpis if kpis is not None else kpis_for(user, codes)
    regions = list(regions)
    if not regions or not chosen:
        return {r.code: [] for r in regions}
    want: dict[str, set[str]] | None = None
    if wanted is not None:
        want = {r.code: set(wanted.get(r.code, ())) for r in regions}
    snapshots: dict[tuple[str, str], Any] = {}
    if use_snapshots and as_of < timezone.localdate():
        snapshots = {
            (s.region.code, s.code): s
            for s in KpiSnapshot.objects.filter(
                region__in=regions, as_of=as_of, year=year, code__in=[k.code for k in chosen]
            ).select_related("region")
        }
    live = [
        k
        for k in chosen
        if any(
            (r.code, k.code) not in snapshots
            for r in regions
            if want is None or k.code in want[r.code]
        )
    ]
    parts = (
        _compute(user=user, kpis=live, regions=regions, year=year, as_of=as_of, wanted=want)
        if live
        else {}
    )
    targets = {
        (region_code, code): value
        for region_code, code, value in KpiTarget.objects.filter(
            region__in=regions, year=year, code__in=[k.code for k in chosen]
        ).values_list("region__code", "code", "value")
    }
    result: dict[str, list[KpiValue]] = {}
    reversed_html: dict[str, str] = {}
    for region in regions:
        ctx = kpi_context(region=region, year=year, as_of=as_of)
        values = []
        for kpi in chosen:
            if want is not None and kpi.code not in want[region.code]:
                continue
            api_url, html_url = _urls(kpi, ctx, reversed_html)
            snap = snapshots.get((region.code, kpi.code))
            if snap is not None:
                values.append(
                    KpiValue(
                        kpi=kpi,
                        value=_typed(kpi, snap.value),
                        numerator=snap.numerator,
                        denominator=snap.denominator,
                        target=targets.get((region.code, kpi.code)),
                        records_url=api_url,
                        html_url=html_url,
                        source="snapshot",
                    )
                )
                continue
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
