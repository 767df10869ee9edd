"""Reads of the city dashboard and the big screen (数据驾驶舱).

Every figure comes from the KPI registry (``unionhub.core.kpis``) through
``kpi_values_by_region``: one grouped query per model for all county-level units at once.
Records are always read through ``visible_to(user)``:

- the city's administrators get every county-level unit side by side;
- a county administrator gets **only its own unit**, beside the *city average* — a single
  number per KPI over the eleven county-level units, computed by ``city_average`` and never
  broken down by county, so no other county's figure or record reaches the county.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count
from django.db.models.functions import ExtractHour
from django.utils import timezone

from unionhub.core.kpis.batch import kpi_values_by_region
from unionhub.core.kpis.registry import Kpi
from unionhub.core.kpis.selectors import KpiValue, kpi_region, kpis_for
from unionhub.core.scope import Scope, scope_for

__all__ = [
    "DASHBOARD_CODES",
    "SCREEN_CODES",
    "SUPPRESS_BELOW",
    "CityComparison",
    "city_average",
    "city_comparison",
    "county_regions",
    "screen_data",
    "screen_reader",
    "suppressed",
]

#: KPIs every county-level unit has (registered by the establishment, members, stations,
#: bargaining, activities and governance modules), in the order the dashboard shows them
DASHBOARD_CODES = [
    "establishment.coverage_25plus",
    "establishment.built",
    "establishment.enterprises",
    "members.active",
    "members.new_employment",
    "stations.total",
    "bargaining.effective_contracts",
    "activities.trainings",
    "activities.visits",
    "governance.open_warnings",
]

#: KPIs where a figure below the average is the good side
LOWER_IS_BETTER = {"governance.open_warnings"}

#: the figures of the big screen
SCREEN_CODES = [
    "establishment.enterprises",
    "establishment.built",
    "establishment.coverage_25plus",
    "members.active",
    "stations.total",
    "bargaining.effective_contracts",
    "governance.open_warnings",
]

#: domain.md §11.3.6: statistics about persons are published only in aggregates of ≥ 5
SUPPRESS_BELOW = 5
SMALL = "<5"


def county_regions(user: Any):
    """The county-level units the user may see, in code order (all eleven for the city)."""
    from unionhub.org.models import Region

    return list(Region.objects.visible_to(user).filter(level="county").order_by("code"))


def _all_counties():
    from unionhub.org.models import Region

    return list(Region.objects.filter(level="county").order_by("code"))


class _WholeCity:
    """The viewer of the city average: every record of the city, used only inside
    ``city_average``, which returns one number per KPI and nothing per county."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None
    _unionhub_scope = Scope(everything=True)


def _mean(kpi: Kpi, values: list[KpiValue]) -> Any:
    if not values:
        return None
    if kpi.aggregation == "rate":  # the city's own rate: all numerators over all denominators
        numerator = sum(Decimal(v.numerator or 0) for v in values)
        denominator = sum(Decimal(v.denominator or 0) for v in values)
        if not denominator:
            return None
        return (Decimal(100) * numerator / denominator).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    total = sum(Decimal(v.value or 0) for v in values)
    places = Decimal("0.01") if kpi.is_money else Decimal("0.1")
    return (total / len(values)).quantize(places, rounding=ROUND_HALF_UP)


def city_average(
    *,
    kpis: list[Kpi],
    year: int,
    as_of: dt.date,
    by_region: dict[str, list[KpiValue]] | None = None,
) -> dict[str, Any]:
    """``{kpi code: average over the county-level units}`` (for rates: the city-wide rate).
    Only these averages leave this function. ``by_region``: the values of all eleven units
    when the caller already has them (a viewer of the whole city), else computed here."""
    if by_region is None:
        by_region = kpi_values_by_region(
            user=_WholeCity(), regions=_all_counties(), year=year, as_of=as_of, kpis=kpis
        )
    columns: dict[str, list[KpiValue]] = {k.code: [] for k in kpis}
    for values in by_region.values():
        for v in values:
            columns[v.code].append(v)
    return {k.code: _mean(k, columns[k.code]) for k in kpis}


@dataclass
class CountyRow:
    region: Any
    values: list[KpiValue]

    def by_code(self) -> dict[str, KpiValue]:
        return {v.code: v for v in self.values}


@dataclass
class CityComparison:
    year: int
    as_of: dt.date
    kpis: list[Kpi]
    rows: list[CountyRow]
    average: dict[str, Any]
    own_region: Any  # the caller's own region (the city for the city's admins)
    is_city: bool
    totals: dict[str, Any] = field(default_factory=dict)

    def table_rows(self) -> list[tuple[Any, list[tuple[KpiValue, Decimal | None]]]]:
        """For the city table: each county-level unit with (value, progress) per KPI."""
        return [(row.region, [(v, progress(v)) for v in row.values]) for row in self.rows]

    def average_cells(self) -> list[tuple[Kpi, str]]:
        return [(k, average_display(k, self.average.get(k.code))) for k in self.kpis]

    def kpi_columns(self) -> list[dict[str, Any]]:
        """For the county view: each KPI with its own value, the city average and progress."""
        own = self.rows[0].by_code() if self.rows else {}
        result = []
        for kpi in self.kpis:
            value = own.get(kpi.code)
            avg = self.average.get(kpi.code)
            result.append(
                {
                    "kpi": kpi,
                    "value": value,
                    "average": avg,
                    "average_display": average_display(kpi, avg),
                    "versus": (versus := _versus(value.value if value else None, avg)),
                    # more is better, except for open warnings
                    "better": versus is not None
                    and (versus <= 100 if kpi.code in LOWER_IS_BETTER else versus >= 100),
                    "progress": progress(value),
                }
            )
        return result


def average_display(kpi: Kpi, value: Any) -> str:
    """An average as people read it: ``87.5%``, ``1,234.5`` (counts keep one decimal)."""
    if value is None:
        return "—"
    if kpi.aggregation == "rate":
        return f"{Decimal(value):.1f}%"
    if kpi.is_money:
        return f"{Decimal(value):,.2f}"
    return f"{Decimal(value):,.1f}"


def _versus(value: Any, average: Any) -> Decimal | None:
    """The own figure as a percentage of the city average (100 = on the average)."""
    if value is None or not average:
        return None
    return (Decimal(100) * Decimal(value) / Decimal(average)).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )


def progress(value: KpiValue | None) -> Decimal | None:
    """Progress towards the target in % (capped at 100 for bars; ``None`` without target)."""
    if value is None or value.target in (None, 0) or value.value is None:
        return None
    return (Decimal(100) * Decimal(value.value) / Decimal(value.target)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def city_comparison(*, user: Any, year: int, as_of: dt.date) -> CityComparison:
    """The city dashboard: the county-level units the user may see side by side on the
    shared KPIs (with their targets), and the city average of each KPI."""
    kpis = kpis_for(user, DASHBOARD_CODES)
    own = kpi_region(user=user)
    is_city = own is not None and own.parent_id is None
    if is_city:
        regions = county_regions(user)
    else:
        # a county admin (or a town cadre): its own county-level unit only
        regions = [r for r in county_regions(user) if own.path.startswith(r.path)]
    by_region = kpi_values_by_region(user=user, regions=regions, year=year, as_of=as_of, kpis=kpis)
    rows = [CountyRow(region=r, values=by_region[r.code]) for r in regions]
    whole_city = is_city and scope_for(user).everything
    average = city_average(
        kpis=kpis, year=year, as_of=as_of, by_region=by_region if whole_city else None
    )
    return CityComparison(
        year=year,
        as_of=as_of,
        kpis=kpis,
        rows=rows,
        average=average,
        own_region=own,
        is_city=is_city,
    )


# --- big screen --------------------------------------------------------------------------------


def suppressed(n: Any) -> str:
    """A count as the public screen may show it: ``<5`` for 1–4 (domain.md §11.3.6)."""
    n = int(n or 0)
    if 0 < n < SUPPRESS_BELOW:
        return SMALL
    return f"{n:,}"


def _rate_display(v: KpiValue) -> str:
    """A rate is published only when its denominator is itself ≥ 5 (a rate over three
    enterprises tells which of them has a union)."""
    if v.value is None or (v.denominator or 0) < SUPPRESS_BELOW:
        return "—"
    return f"{Decimal(v.value):.1f}%"


def _figure(v: KpiValue) -> str:
    if v.kpi.aggregation == "rate":
        return _rate_display(v)
    return suppressed(v.value)


#: the permission of the hall display account (role ``screen_viewer``): the screen, nothing else
SCREEN_PERMISSION = "dashboards.view_screen"
#: what the screen's aggregates read besides its KPIs (live check-ins, open warnings)
SCREEN_READS = ("stations.view_checkin", "governance.view_riskwarning")


class ScreenReader:
    """The hall display account as the screen's selectors see it: the account's own data
    scope (``visible_to`` resolves its roles and organisation as always), but allowed to read
    the records behind the screen's figures — and only here, since the account holds nothing
    but ``dashboards.view_screen``, so every list, detail, export and API refuses it. What
    the screen shows are aggregates with counts 1–4 suppressed, never a record."""

    def __init__(self, user: Any):
        self._user = user
        registry_perms = {k.view_permission for k in _screen_kpis()}
        self._reads = frozenset(registry_perms | set(SCREEN_READS))

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return perm in self._reads or self._user.has_perm(perm, obj)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._user, name)


def _screen_kpis() -> list[Kpi]:
    from unionhub.core.kpis.registry import all_kpis

    by_code = {k.code: k for k in all_kpis()}
    return [by_code[c] for c in SCREEN_CODES if c in by_code]


def screen_reader(user: Any) -> Any:
    """Who the screen's figures are read as: the user, or for an account that may see the
    screen only (``dashboards.view_screen`` without the dashboards' ``kpis.view_kpitarget``),
    a ``ScreenReader`` of it."""
    if user.has_perm(SCREEN_PERMISSION) and not user.has_perm("kpis.view_kpitarget"):
        return ScreenReader(user)
    return user


def screen_data(*, user: Any, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the big screen shows, already suppressed: no count from 1 to 4, no name of
    a person, no phone or ID number — only aggregates of stations, enterprises and members."""
    from unionhub.governance.models import RiskWarning
    from unionhub.stations.models import CheckIn

    now = now or timezone.now()
    today = timezone.localdate(now)
    kpis = kpis_for(user, SCREEN_CODES)
    counties = county_regions(user)
    by_region = kpi_values_by_region(
        user=user, regions=counties, year=today.year, as_of=today, kpis=kpis
    )
    totals: dict[str, dict[str, Any]] = {}
    for kpi in kpis:
        values = [v for vs in by_region.values() for v in vs if v.code == kpi.code]
        if kpi.aggregation == "rate":
            num = sum(v.numerator or 0 for v in values)
            den = sum(v.denominator or 0 for v in values)
            fake = KpiValue(kpi, None, num, den, None, "", "")
            if den:
                fake.value = (Decimal(100) * Decimal(num) / Decimal(den)).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
            totals[kpi.code] = {"kpi": kpi, "display": _rate_display(fake)}
        else:
            total = sum(int(v.value or 0) for v in values)
            totals[kpi.code] = {"kpi": kpi, "display": suppressed(total)}

    tiles = []
    for region in counties:
        values = {v.code: v for v in by_region[region.code]}
        cov = values.get("establishment.coverage_25plus")
        members = values.get("members.active")
        stations = values.get("stations.total")
        tiles.append(
            {
                "code": region.code,
                "name": _short(region.name),
                "coverage": (
                    float(cov.value)
                    if cov is not None
                    and cov.value is not None
                    and (cov.denominator or 0) >= SUPPRESS_BELOW
                    else None
                ),
                "coverage_display": _rate_display(cov) if cov is not None else "—",
                "members": suppressed(members.value) if members is not None else "—",
                "stations": suppressed(stations.value) if stations is not None else "—",
            }
        )

    # Live check-ins: counts per hour of the last 24 hours and per county over 7 days,
    # never one visit.
    checkins_hour = [0] * 24
    checkins_county: dict[str, int] = {}
    checkins_day = 0
    first_hour = now.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=23)
    hours = [timezone.localtime(first_hour + dt.timedelta(hours=i)).hour for i in range(24)]
    if user.has_perm("stations.view_checkin"):
        visits = CheckIn.objects.visible_to(user)
        last_day = visits.filter(at__gte=first_hour, at__lte=now)
        for row in (
            last_day.annotate(h=ExtractHour("at", tzinfo=timezone.get_current_timezone()))
            .values("h")
            .order_by()
            .annotate(n=Count("pk"))
        ):
            checkins_hour[hours.index(row["h"])] = row["n"]
        checkins_day = sum(checkins_hour)
        week = visits.filter(at__gte=now - dt.timedelta(days=7), at__lte=now)
        checkins_county = _per_county(week, "station__region__path", counties)
    warnings_level: list[dict[str, Any]] = []
    warnings_county: dict[str, int] = {}
    if user.has_perm("governance.view_riskwarning"):
        open_warnings = RiskWarning.objects.visible_to(user).filter(status="open")
        for row in (
            open_warnings.values("level__name", "level__color", "level__rank")
            .order_by("level__rank")
            .annotate(n=Count("pk"))
        ):
            warnings_level.append(
                {
                    "name": row["level__name"],
                    "color": row["level__color"],
                    "display": suppressed(row["n"]),
                    "n": row["n"],
                }
            )
        warnings_county = _per_county(open_warnings, "enterprise__region__path", counties)
    return {
        "now": now,
        "totals": totals,
        "tiles": tiles,
        "checkins_day": suppressed(checkins_day),
        "checkins_hour": checkins_hour,
        "hours": hours,
        "checkins_county": checkins_county,
        "warnings_level": warnings_level,
        "warnings_county": warnings_county,
        "counties": counties,
    }


def _per_county(qs, lookup: str, counties: list[Any]) -> dict[str, int]:
    """``{county code: count}`` in one aggregate query (a CASE over the county paths)."""
    from django.db.models import Case, CharField, Value, When

    if not counties:
        return {}
    key = Case(
        *[When(**{f"{lookup}__startswith": c.path}, then=Value(c.code)) for c in counties],
        default=None,
        output_field=CharField(),
    )
    rows = qs.annotate(county=key).values("county").order_by().annotate(n=Count("pk"))
    return {r["county"]: r["n"] for r in rows if r["county"]}


def _short(name: str) -> str:
    """``盐城经济技术开发区`` → ``经开区``, ``盐南高新技术产业开发区`` → ``盐南高新区``."""
    return {"盐城经济技术开发区": "经开区", "盐南高新区": "盐南高新区"}.get(name, name).replace(
        "盐南高新技术产业开发区", "盐南高新区"
    )
