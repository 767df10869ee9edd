"""SME classification (中小企业划型标准规定, 工信部联企业〔2011〕300号), domain.md §5.

The thresholds are data (``SmeStandard`` / ``SmeThreshold``, seeded by a data migration
from ``SME_2011`` below); ``classify`` uses the version in force on the reference date.
A tier needs **every** metric of the industry at or above its lower bound ("及以上");
anything that reaches no tier is micro. A missing metric means no classification (no guess).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from unionhub.core.validators.industry import sme_industry

TIERS = ("large", "medium", "small")

# industry: (metrics, {tier: bounds in the order of metrics}) — domain.md §5.1
SME_2011: dict[str, tuple[tuple[str, ...], dict[str, tuple[int, ...]]]] = {
    "agriculture": (("revenue",), {"large": (20000,), "medium": (500,), "small": (50,)}),
    "industry": (
        ("employees", "revenue"),
        {"large": (1000, 40000), "medium": (300, 2000), "small": (20, 300)},
    ),
    "construction": (
        ("revenue", "assets"),
        {"large": (80000, 80000), "medium": (6000, 5000), "small": (300, 300)},
    ),
    "wholesale": (
        ("employees", "revenue"),
        {"large": (200, 40000), "medium": (20, 5000), "small": (5, 1000)},
    ),
    "retail": (
        ("employees", "revenue"),
        {"large": (300, 20000), "medium": (50, 500), "small": (10, 100)},
    ),
    "transport": (
        ("employees", "revenue"),
        {"large": (1000, 30000), "medium": (300, 3000), "small": (20, 200)},
    ),
    "warehousing": (
        ("employees", "revenue"),
        {"large": (200, 30000), "medium": (100, 1000), "small": (20, 100)},
    ),
    "postal": (
        ("employees", "revenue"),
        {"large": (1000, 30000), "medium": (300, 2000), "small": (20, 100)},
    ),
    "accommodation": (
        ("employees", "revenue"),
        {"large": (300, 10000), "medium": (100, 2000), "small": (10, 100)},
    ),
    "catering": (
        ("employees", "revenue"),
        {"large": (300, 10000), "medium": (100, 2000), "small": (10, 100)},
    ),
    "information": (
        ("employees", "revenue"),
        {"large": (2000, 100000), "medium": (100, 1000), "small": (10, 100)},
    ),
    "software": (
        ("employees", "revenue"),
        {"large": (300, 10000), "medium": (100, 1000), "small": (10, 50)},
    ),
    "real_estate": (
        ("revenue", "assets"),
        {"large": (200000, 10000), "medium": (1000, 5000), "small": (100, 2000)},
    ),
    "property": (
        ("employees", "revenue"),
        {"large": (1000, 5000), "medium": (300, 1000), "small": (100, 500)},
    ),
    "leasing": (
        ("employees", "assets"),
        {"large": (300, 120000), "medium": (100, 8000), "small": (10, 100)},
    ),
    "other": (("employees",), {"large": (300,), "medium": (100,), "small": (10,)}),
}


@dataclass(frozen=True)
class Rule:
    metrics: tuple[str, ...]
    bounds: dict[str, tuple[Decimal, ...]]


Table = dict[str, Rule]


def table_from_spec(spec=SME_2011) -> Table:
    return {
        ind: Rule(metrics, {t: tuple(Decimal(b) for b in bs) for t, bs in bounds.items()})
        for ind, (metrics, bounds) in spec.items()
    }


_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar("sme_tables", default=None)


@contextlib.contextmanager
def cached_tables() -> Iterator[None]:
    """Within the block, ``table_for`` reads each date's table once (bulk jobs)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def table_for(on: dt.date) -> Table | None:
    """The thresholds of the standard version in force on ``on`` (None if none is)."""
    cache = _cache.get()
    if cache is not None:
        if on not in cache:
            cache[on] = _load_table(on)
        return cache[on]
    return _load_table(on)


def _load_table(on: dt.date) -> Table | None:
    from django.db.models import Q

    from unionhub.enterprises.models import SmeStandard, SmeThreshold

    standard = (
        SmeStandard.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if standard is None:
        if not SmeStandard.objects.exists() and ensure_default_standard():
            return _load_table(on)
        return None
    rows: dict[str, dict[str, dict[str, Decimal]]] = {}
    for t in SmeThreshold.objects.filter(standard=standard):
        rows.setdefault(t.industry, {}).setdefault(t.tier, {})[t.metric] = t.lower_bound
    table: Table = {}
    order = ("employees", "revenue", "assets")
    for industry, tiers in rows.items():
        metrics = tuple(m for m in order if m in tiers.get("small", {}))
        table[industry] = Rule(
            metrics, {tier: tuple(bounds[m] for m in metrics) for tier, bounds in tiers.items()}
        )
    return table


def classify(
    industry: str | None,
    *,
    employees: int | Decimal | None,
    revenue: Decimal | None,
    assets: Decimal | None,
    table: Table,
) -> str:
    """``large``/``medium``/``small``/``micro``, or ``""`` when it cannot be decided."""
    rule = table.get(industry or "")
    if rule is None:
        return ""
    given = {"employees": employees, "revenue": revenue, "assets": assets}
    values = [given[m] for m in rule.metrics]
    if any(v is None for v in values):
        return ""
    for tier in TIERS:
        bounds = rule.bounds.get(tier)
        if bounds and all(Decimal(v) >= b for v, b in zip(values, bounds, strict=True)):
            return tier
    return "micro"


def classify_enterprise(ent, table: Table | None) -> str:
    if table is None:
        return ""
    return classify(
        sme_industry(ent.industry_code),
        employees=ent.employees,
        revenue=ent.revenue_wan,
        assets=ent.assets_wan,
        table=table,
    )


DEFAULT_VERSION = "MIIT-2011-300"


def ensure_default_standard() -> bool:
    """Re-create the 2011 standard when the table was emptied (a test flush, a fresh
    database restored without data); migration 0002 seeds it normally. True if created."""
    from unionhub.enterprises.models import SmeStandard, SmeThreshold

    if SmeStandard.objects.filter(version_code=DEFAULT_VERSION).exists():
        return False
    standard = SmeStandard.objects.create(
        version_code=DEFAULT_VERSION,
        name="中小企业划型标准规定（工信部联企业〔2011〕300号）",
        effective_from=dt.date(2011, 6, 18),
    )
    SmeThreshold.objects.bulk_create(
        SmeThreshold(standard=standard, industry=ind, tier=tier, metric=m, lower_bound=b)
        for ind, (metrics, tiers) in SME_2011.items()
        for tier, bounds in tiers.items()
        for m, b in zip(metrics, bounds, strict=True)
    )
    return True
