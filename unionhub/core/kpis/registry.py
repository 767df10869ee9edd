"""KPI declarations (指标). A module lists its KPIs in ``<app>/kpis.py``::

    from unionhub.core.kpis.registry import Kpi, Part, Records

    KPIS = [
        Kpi(
            code="establishment.built",
            name=_("Enterprises with a union"),
            unit=_("enterprises"),
            aggregation="count",
            part=Part("enterprises.Enterprise", Q(union_status="built")),
            records=Records("/api/v1/enterprises/", {"union_status": "built"},
                            html="enterprises:enterprise_list"),
        ),
    ]

A KPI is computed from live records, scoped (``Model.objects.visible_to(user)``), narrowed
to a region's subtree by its materialized path, for a period:

- ``period="current"``: the records' state now (statuses); no date condition;
- ``period="cumulative"``: records whose ``Part.date_field`` is on or before ``as_of``;
- ``period="yearly"``: records whose ``Part.date_field`` falls in ``year``, up to ``as_of``.

``records`` names the API list (and optionally the HTML list) that reproduces the same
records with query parameters: for a count its ``count`` equals the value, for a sum it
lists the records summed, for a rate the numerator's records. The test
``test_records_urls`` holds every registered KPI to that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

__all__ = [
    "AGGREGATIONS",
    "MONEY_UNIT",
    "PERIODS",
    "RATE_UNIT",
    "Context",
    "Kpi",
    "Part",
    "Records",
    "all_kpis",
    "get",
    "register",
    "register_declared",
]

AGGREGATIONS = ("count", "sum", "rate")
#: units are stable data (the contract's ``元`` and ``%``), not translated
MONEY_UNIT = "元"
RATE_UNIT = "%"
PERIODS = ("current", "cumulative", "yearly")

Params = dict[str, Any] | Callable[["Context"], dict[str, Any]]


@dataclass(frozen=True)
class Context:
    """What a KPI is computed for: a region (``None`` = no narrowing), a year and a date.
    ``start``/``end`` are the yearly window (1 January … the earlier of 31 December and
    ``as_of``)."""

    region: Any
    year: int
    as_of: Any
    start: Any
    end: Any
    today: Any


@dataclass(frozen=True)
class Part:
    """A set of records of one model: ``filter`` (a ``Q`` or ``fn(ctx) -> Q``) narrows
    ``Model.objects.visible_to(user)``; ``sum_field`` is summed for ``sum`` KPIs;
    ``date_field`` places a record in time (for yearly and cumulative KPIs);
    ``region_path`` is the lookup of the record's region path (default: the model's
    ``scope_spec.region_path``)."""

    model: str
    filter: Q | Callable[[Context], Q] = field(default_factory=Q)
    sum_field: str | None = None
    date_field: str | None = None
    region_path: str | None = None

    def q(self, ctx: Context) -> Q:
        return self.filter(ctx) if callable(self.filter) else self.filter


@dataclass(frozen=True)
class Records:
    """The list behind a figure: the API list path with its query parameters (and the HTML
    list's URL name with its own, when one reproduces the same records). ``region`` turns
    the region into parameters (default ``{"region": <code>}``)."""

    api: str
    params: Params = field(default_factory=dict)
    html: str = ""
    html_params: Params | None = None
    region: Callable[[Any], dict[str, Any]] | None = None
    html_region: Callable[[Any], dict[str, Any]] | None = None

    def _resolve(self, params: Params | None, ctx: Context) -> dict[str, Any]:
        if params is None:
            params = self.params
        return dict(params(ctx) if callable(params) else params)

    def api_params(self, ctx: Context) -> dict[str, Any]:
        result = self._resolve(self.params, ctx)
        if ctx.region is not None:
            result.update((self.region or _region_code)(ctx.region))
        return result

    def html_query(self, ctx: Context) -> dict[str, Any]:
        result = self._resolve(self.html_params, ctx)
        if ctx.region is not None:
            result.update((self.html_region or self.region or _region_code)(ctx.region))
        return result


def _region_code(region: Any) -> dict[str, Any]:
    return {"region": region.code}


@dataclass(frozen=True)
class Kpi:
    code: str
    name: Any
    unit: str
    aggregation: str
    part: Part
    records: Records
    period: str = "current"
    #: for rates: the records the numerator is a share of (summed when several)
    denominator: tuple[Part, ...] = ()
    #: who may see the figure (default: the view permission of the part's model)
    permission: str | None = None
    description: Any = ""
    order: int = 100

    def __post_init__(self) -> None:
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"{self.code}: aggregation must be one of {AGGREGATIONS}")
        if self.period not in PERIODS:
            raise ValueError(f"{self.code}: period must be one of {PERIODS}")
        if (self.aggregation == "rate") != (self.unit == RATE_UNIT):
            raise ValueError(f"{self.code}: rates, and only rates, have the unit %")
        if self.aggregation == "rate" and not self.denominator:
            raise ValueError(f"{self.code}: a rate needs a denominator")
        if self.aggregation == "sum" and not self.part.sum_field:
            raise ValueError(f"{self.code}: a sum needs Part.sum_field")
        if self.period != "current" and not self.part.date_field:
            raise ValueError(f"{self.code}: a {self.period} KPI needs Part.date_field")

    @property
    def parts(self) -> tuple[Part, ...]:
        return (self.part, *self.denominator)

    @property
    def view_permission(self) -> str:
        if self.permission:
            return self.permission
        app_label, model = self.part.model.split(".")
        return f"{app_label}.view_{model.lower()}"

    @property
    def is_money(self) -> bool:
        return self.unit == MONEY_UNIT


_registry: dict[str, Kpi] = {}
_modules: dict[str, str] = {}


def register(kpi: Kpi, *, module: str = "") -> None:
    if kpi.code in _registry and _registry[kpi.code] != kpi:
        raise ValueError(f"KPI {kpi.code!r} is declared twice")
    _registry[kpi.code] = kpi
    _modules[kpi.code] = module


def register_declared(config: Any, kpis: list[Kpi]) -> None:
    """``consume("kpis", ...)``: each module's ``KPIS`` list."""
    for kpi in kpis:
        register(kpi, module=config.label)


def all_kpis() -> list[Kpi]:
    """Every registered KPI, ordered by ``order`` then code."""
    return sorted(_registry.values(), key=lambda k: (k.order, k.code))


def get(code: str) -> Kpi | None:
    return _registry.get(code)


def module_of(code: str) -> str:
    return _modules.get(code, "")
