"""Reads: KPI values for a region, year and date (scoped), trends from snapshots.

Efficiency: the parts of all KPIs asked for are grouped by (model, region lookup), and each
group is read with *one* aggregate (conditional ``COUNT``/``SUM`` … ``FILTER`` per part),
whatever the number of records: one query per group (some thirty for every registered KPI
of every module), plus the region and the targets."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum, Value
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.kpis.registry import Context, Kpi, Part, all_kpis
from unionhub.core.scope import scope_for

__all__ = [
    "KpiValue",
    "kpi_context",
    "kpi_period",
    "kpi_region",
    "kpi_trend",
    "kpi_values",
    "kpis_for",
]

REGION_LEVELS = ("city", "county", "town")
FIRST_YEAR = 2000
_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _region_model():
    return apps.get_model("org", "Region")


# --- input ----------------------------------------------------------------------------------


def kpi_period(
    *, year: str | int | None = None, as_of: str | dt.date | None = None
) -> tuple[int, dt.date]:
    """Parse ``year`` and ``as_of`` (both optional): ``as_of`` defaults to today, or to the last
    day of ``year`` when that year is over; ``year`` defaults to the year of ``as_of``.
    Raises ``ValidationError`` (fields ``year`` / ``as_of``) on malformed or impossible input."""
    today = timezone.localdate()
    parsed_as_of: dt.date | None = None
    if isinstance(as_of, dt.date):
        parsed_as_of = as_of
    elif as_of not in (None, ""):
        text = str(as_of).strip()
        try:
            if not _DATE.match(text):
                raise ValueError(text)
            parsed_as_of = dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                {
                    "as_of": ValidationError(
                        _("The date must be written as YYYY-MM-DD, e.g. 2026-06-30."),
                        code="invalid_as_of",
                    )
                }
            ) from None
        if parsed_as_of > today:
            raise ValidationError(
                {
                    "as_of": ValidationError(
                        _("Figures cannot be computed for a date in the future."),
                        code="as_of_future",
                    )
                }
            )
    parsed_year: int | None = None
    if year not in (None, ""):
        text = str(year).strip()
        if not _YEAR.match(text) or not FIRST_YEAR <= int(text) <= today.year:
            raise ValidationError(
                {
                    "year": ValidationError(
                        _("The year must be four digits between %(first)s and %(last)s.")
                        % {"first": FIRST_YEAR, "last": today.year},
                        code="invalid_year",
                    )
                }
            )
        parsed_year = int(text)
    if parsed_as_of is None:
        if parsed_year is not None and parsed_year < today.year:
            parsed_as_of = dt.date(parsed_year, 12, 31)
        else:
            parsed_as_of = today
    if parsed_year is None:
        parsed_year = parsed_as_of.year
    if parsed_year > parsed_as_of.year:
        raise ValidationError(
            {
                "year": ValidationError(
                    _("The year cannot be later than the date the figures are computed for."),
                    code="year_after_as_of",
                )
            }
        )
    return parsed_year, parsed_as_of


def kpi_region(*, user: Any, code: str | None = None):
    """The region a user asks figures for: ``code`` (the city, a county-level unit or a town,
    which must be inside the caller's scope, else ``Http404``) or, without a code, the
    caller's own area (the region of their organisation; the city for the city's admins)."""
    Region = _region_model()
    visible = Region.objects.visible_to(user).filter(level__in=REGION_LEVELS)
    if code not in (None, ""):
        region = visible.filter(code=str(code).strip()).first()
        if region is None:
            raise Http404(_("No such region in your data scope."))
        return region
    scope = scope_for(user)
    unit = getattr(user, "org_unit", None)
    region = getattr(unit, "region", None) if unit is not None else None
    if scope.everything or region is None:
        return Region.objects.filter(parent__isnull=True).order_by("path").first()
    if region.level not in REGION_LEVELS:  # a village or community: its town
        region = (
            Region.objects.filter(level__in=REGION_LEVELS, path__in=_ancestor_paths(region.path))
            .order_by("-depth")
            .first()
        )
    return region


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def kpi_context(*, region: Any, year: int, as_of: dt.date) -> Context:
    end = min(dt.date(year, 12, 31), as_of)
    narrow = region if region is not None and region.parent_id is not None else None
    return Context(
        region=narrow,
        year=year,
        as_of=as_of,
        start=dt.date(year, 1, 1),
        end=end,
        today=timezone.localdate(),
    )


# --- computing ------------------------------------------------------------------------------


def kpis_for(user: Any, codes: Iterable[str] | None = None) -> list[Kpi]:
    """The registered KPIs the user may see (all, or those of ``codes`` in that order)."""
    if codes is None:
        chosen = all_kpis()
    else:
        by_code = {k.code: k for k in all_kpis()}
        chosen = [by_code[c] for c in codes if c in by_code]
    return [k for k in chosen if user.has_perm(k.view_permission)]


def _field_is_datetime(model, lookup: str) -> bool:
    from django.db.models import DateTimeField

    field = None
    for name in lookup.split("__"):
        field = model._meta.get_field(name)
        if field.is_relation:
            model = field.related_model
    return isinstance(field, DateTimeField)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def period_q(kpi: Kpi, part: Part, model, ctx: Context) -> Q:
    """The date condition of a part: the yearly window, or on-or-before ``as_of``."""
    if kpi.period == "current" or not part.date_field:
        return Q()
    field = part.date_field
    last = ctx.end if kpi.period == "yearly" else ctx.as_of
    if _field_is_datetime(model, field):
        q = Q(**{f"{field}__lt": _aware(last + dt.timedelta(days=1))})
        if kpi.period == "yearly":
            q &= Q(**{f"{field}__gte": _aware(ctx.start)})
        return q
    q = Q(**{f"{field}__lte": last})
    if kpi.period == "yearly":
        q &= Q(**{f"{field}__gte": ctx.start})
    return q


def _region_lookup(part: Part, model) -> str:
    if part.region_path:
        return part.region_path
    spec = getattr(model, "scope_spec", None)
    if spec is None or not spec.region_path:
        raise TypeError(f"{model.__name__} has no region path: set Part.region_path")
    return spec.region_path


def part_queryset(*, user: Any, kpi: Kpi, part: Part, ctx: Context):
    """The records of one part, as a queryset (the test and the records lists use it)."""
    model = apps.get_model(part.model)
    qs = model._default_manager.visible_to(user)
    if ctx.region is not None:
        qs = qs.filter(**{f"{_region_lookup(part, model)}__startswith": ctx.region.path})
    return qs.filter(part.q(ctx) & period_q(kpi, part, model, ctx))


def _implies(strict: Q, loose: Q) -> bool:
    """Whether every row ``strict`` matches also matches ``loose``: both plain AND lists and
    each of ``loose``'s conditions among ``strict``'s."""
    if strict.negated or loose.negated or Q.AND != strict.connector or loose.connector != Q.AND:
        return False
    try:
        return set(loose.children) <= set(strict.children)
    except TypeError:  # an unhashable value in a condition: do not guess
        return False


def count_rows(cond: Q | None = None) -> Count:
    """``COUNT(*)`` (``COUNT(1) FILTER (WHERE cond)`` for a condition): the rows, naming no
    column. ``COUNT(pk)`` counts the same rows (the main table's key is never NULL) but names
    the key, and a column named in the SELECT must be read: PostgreSQL then cannot answer
    from an index that holds only the filtered columns (an index-only scan) and reads every
    row from the table instead — the city's active members, ``COUNT(id) … WHERE status =
    'active'``: a sequential scan of 60,000 pages (0.77 s) instead of 900 pages of the
    (status, is_new_employment) index (0.32 s). Django refuses ``Count("*", filter=…)``,
    hence the constant."""
    if cond is None:
        return Count("*")
    return Count(Value(1), filter=cond)


def conditional_aggregates(
    entries: list[tuple[Kpi, int, Part]], conditions: list[Q], *, prefix: str = ""
) -> tuple[Q | None, dict[str, Any], dict[str, list[tuple[str, int]]]]:
    """For the parts of one (model, region lookup) group and their conditions: the WHERE
    that reads only the rows some part counts (``None``: every row), the conditional
    aggregates (``COUNT``/``SUM`` … ``FILTER (WHERE <part>)``, each distinct one once) and
    which (code, part index) each aggregate answers. Shared by ``kpi_values`` and the batch
    of many regions (``batch.kpi_values_by_region``), so both send the same conditions."""
    where = None
    wider: list[Q] = []
    if all(q.children for q in conditions):
        # Read only the rows some part counts (lets the indexes work); each aggregate
        # keeps its own FILTER, so the figures are the same.
        unique = [q for n, q in enumerate(conditions) if q not in conditions[:n]]
        # A condition stricter than another adds nothing to the OR ("active" OR "active
        # and new-employment" is "active"), and PostgreSQL does not simplify it itself.
        wider = [q for q in unique if not any(o is not q and _implies(q, o) for o in unique)]
        where = reduce(operator.or_, wider)
    # A condition that is the whole WHERE (one condition, or one every other implies: the
    # members' "active" beside "active and new-employment") needs no FILTER: the WHERE
    # already says it, a FILTER would only repeat it per row (and keeps PostgreSQL from
    # turning a "not reversed" LEFT JOIN … IS NULL into an anti-join: 1.35 s instead of
    # 0.9 s for the city's two million ledger entries).
    whole = wider[0] if len(wider) == 1 else None
    aggregates: dict[str, Any] = {}
    alias: dict[str, list[tuple[str, int]]] = {}
    seen: list[tuple[Any, str]] = []  # (what is aggregated, its key): each once
    for (kpi, index, part), q in zip(entries, conditions, strict=True):
        cond = q if q.children and not (whole is not None and q == whole) else None
        what = (part.sum_field if kpi.aggregation == "sum" and index == 0 else None, cond)
        key = next((k for w, k in seen if w == what), None)
        if key is None:
            key = f"{prefix}a{len(seen)}"
            seen.append((what, key))
            if what[0]:
                aggregates[key] = Sum(what[0], filter=cond)
            else:
                aggregates[key] = count_rows(cond)
        alias.setdefault(key, []).append((kpi.code, index))
    return where, aggregates, alias


def _group_aggregates(
    *, user: Any, kpis: list[Kpi], ctx: Context
) -> list[tuple[Any, dict[str, Any], dict[str, tuple[str, int]]]]:
    """Per (model, region lookup): the narrowed queryset, its conditional aggregates
    (``COUNT``/``SUM`` … ``FILTER (WHERE <part>)``) and which (code, part index) each is."""
    groups: dict[tuple[str, str], list[tuple[Kpi, int, Part]]] = {}
    for kpi in kpis:
        for index, part in enumerate(kpi.parts):
            model = apps.get_model(part.model)
            key = (part.model, _region_lookup(part, model))
            groups.setdefault(key, []).append((kpi, index, part))
    out = []
    for n_group, ((label, region_lookup), entries) in enumerate(groups.items()):
        model = apps.get_model(label)
        qs = model._default_manager.visible_to(user)
        if ctx.region is not None:
            qs = qs.filter(**{f"{region_lookup}__startswith": ctx.region.path})
        conditions = [part.q(ctx) & period_q(kpi, part, model, ctx) for kpi, _i, part in entries]
        where, aggregates, alias = conditional_aggregates(
            entries, conditions, prefix=f"g{n_group}_"
        )
        if where is not None:
            qs = qs.filter(where)
        out.append((qs, aggregates, alias))
    return out


def _compute_parts(*, user: Any, kpis: list[Kpi], ctx: Context) -> dict[tuple[str, int], Any]:
    """``{(code, part index): count or sum}``: one conditional aggregate query per (model,
    region lookup). (Sending them all as one statement — each aggregate a subquery of a
    ``CROSS JOIN`` — was tried and measured: one round trip instead of some thirty, but at
    city scale PostgreSQL ran the combined statement up to twice as slowly as the same
    aggregates one by one; see docs/performance.md.)"""
    results: dict[tuple[str, int], Any] = {}
    for qs, aggregates, alias in _group_aggregates(user=user, kpis=kpis, ctx=ctx):
        row = qs.aggregate(**aggregates)
        for key, targets in alias.items():
            for target in targets:
                results[target] = row[key] or 0
    return results


@dataclass
class KpiValue:
    kpi: Kpi
    value: Any  # int (count), Decimal (sum), Decimal with one place (rate) or None
    numerator: Any
    denominator: Any
    target: Decimal | None
    records_url: str
    html_url: str
    source: str = "live"  # or "snapshot"

    @property
    def code(self) -> str:
        return self.kpi.code

    def display(self) -> str:
        return format_value(self.kpi, self.value)

    def target_display(self) -> str:
        return format_value(self.kpi, self.target) if self.target is not None else ""

    @property
    def url(self) -> str:
        return self.html_url or self.records_url


def _rate(numerator: Any, denominator: Any) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(100) * Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_value(kpi: Kpi, value: Any) -> str:
    """The figure as people read it: ``1,234``, ``1,234.50 元``, ``87.5%``."""
    if value is None:
        return "—"
    if kpi.aggregation == "rate":
        return f"{Decimal(value):.1f}%"
    if kpi.is_money:
        return f"{Decimal(value):,.2f}"
    if kpi.aggregation == "count":
        return f"{int(value):,}"
    return f"{Decimal(value).normalize():,f}"


def records_urls(kpi: Kpi, ctx: Context) -> tuple[str, str]:
    api = kpi.records.api + "?" + urlencode(kpi.records.api_params(ctx))
    html = ""
    if kpi.records.html:
        try:
            html = reverse(kpi.records.html)
        except NoReverseMatch:
            html = ""
        if html:
            query = urlencode(kpi.records.html_query(ctx))
            html = f"{html}?{query}" if query else html
    return api.rstrip("?"), html


def kpi_values(
    *,
    user: Any,
    region: Any,
    year: int,
    as_of: dt.date,
    codes: Iterable[str] | None = None,
    use_snapshots: bool = True,
) -> list[KpiValue]:
    """The KPIs the user may see, for ``region`` (a county-level unit, a town or the city),
    ``year`` and ``as_of``. A past ``as_of`` for which the monthly job kept a snapshot of the
    region reproduces that snapshot's values (``source="snapshot"``); otherwise every figure
    is computed from the live records (``source="live"``)."""
    from unionhub.core.kpis.models import KpiSnapshot, KpiTarget

    kpis = kpis_for(user, codes)
    ctx = kpi_context(region=region, year=year, as_of=as_of)
    snapshots: dict[str, KpiSnapshot] = {}
    if use_snapshots and region is not None and as_of < timezone.localdate():
        snapshots = {
            s.code: s
            for s in KpiSnapshot.objects.filter(
                region=region, as_of=as_of, year=year, code__in=[k.code for k in kpis]
            )
        }
    live = [k for k in kpis if k.code not in snapshots]
    parts = _compute_parts(user=user, kpis=live, ctx=ctx) if live else {}
    targets = {}
    if region is not None and kpis:
        targets = dict(
            KpiTarget.objects.filter(region=region, year=year).values_list("code", "value")
        )
    result = []
    for kpi in kpis:
        api_url, html_url = records_urls(kpi, ctx)
        snap = snapshots.get(kpi.code)
        if snap is not None:
            value, numerator, denominator = (
                _typed(kpi, snap.value),
                snap.numerator,
                snap.denominator,
            )
            source = "snapshot"
        else:
            numerator = parts.get((kpi.code, 0), 0)
            denominator = None
            if kpi.aggregation == "rate":
                denominator = sum(parts.get((kpi.code, i), 0) for i in range(1, len(kpi.parts)))
                value = _rate(numerator, denominator)
            elif kpi.aggregation == "sum":
                value = _money(numerator) if kpi.is_money else numerator
            else:
                value = int(numerator)
            source = "live"
        target = targets.get(kpi.code)
        result.append(
            KpiValue(
                kpi=kpi,
                value=value,
                numerator=numerator,
                denominator=denominator,
                target=target,
                records_url=api_url,
                html_url=html_url,
                source=source,
            )
        )
    return result


def _typed(kpi: Kpi, value: Decimal | None) -> Any:
    if value is None:
        return None
    if kpi.aggregation == "count":
        return int(value)
    if kpi.aggregation == "rate":
        return value.quantize(Decimal("0.1"))
    return _money(value) if kpi.is_money else value


def kpi_trend(*, user: Any, code: str, region: Any, months: int = 12) -> list[dict[str, Any]]:
    """The monthly snapshots of one KPI for a region (oldest first, at most ``months``), for
    the trend charts of the dashboards. The region must be inside the user's scope (the
    caller resolves it with ``kpi_region``); the KPI must be one the user may see."""
    from unionhub.core.kpis.models import KpiSnapshot

    kpi = next(iter(kpis_for(user, [code])), None)
    if kpi is None or region is None:
        raise Http404(_("No such indicator."))
    rows = list(
        KpiSnapshot.objects.visible_to(user)
        .filter(code=code, region=region)
        .order_by("-month")[: max(1, min(int(months), 120))]
    )
    rows.reverse()
    return [
        {"month": r.month, "as_of": r.as_of, "year": r.year, "value": _typed(kpi, r.value)}
        for r in rows
    ]
