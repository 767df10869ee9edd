"""Reads of the station module: opening state, nearby stations, statistics, coverage and
compliance. Every function that shows records takes a queryset or a user and starts from
``visible_to``."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.stations import choices, schedule
from unionhub.stations.models import (
    CheckIn,
    DemandPoint,
    Device,
    HygieneCheck,
    PatrolLog,
    ScheduleException,
    ScheduleWindow,
    SlaPolicy,
    SpotCheck,
    Station,
    StationStaff,
    Ticket,
)

EARTH_RADIUS_M = 6_371_008.8


# --- opening hours -----------------------------------------------------------------------


def _schedule_of(station: Station) -> tuple[list[schedule.Window], dict[dt.date, Any]]:
    windows = [w.as_window() for w in station.windows.all()]
    exceptions = {e.date: e.as_exception() for e in station.exceptions.all()}
    return windows, exceptions


def station_state_at(station: Station, when: dt.datetime) -> schedule.State:
    """Open/closed and manned/unmanned at ``when`` (Asia/Shanghai rules, see schedule.py).
    Uses prefetched ``windows`` / ``exceptions`` when present."""
    windows, exceptions = _schedule_of(station)
    return schedule.state_at(windows, exceptions, when)


def next_opening(station: Station, when: dt.datetime, horizon_days: int = 60) -> dt.datetime | None:
    """When the station next opens (``when`` if open). Reads the exceptions of the whole
    horizon afresh: a prefetch may hold only the days around now."""
    day = schedule.local(when).date()
    windows = [w.as_window() for w in station.windows.all()]
    exceptions = {
        e.date: e.as_exception()
        for e in ScheduleException.objects.filter(
            station=station,
            date__gte=day - dt.timedelta(days=1),
            date__lte=day + dt.timedelta(days=horizon_days),
        )
    }
    return schedule.next_opening_at(windows, exceptions, when, horizon_days=horizon_days)


# --- compiled schedule cache (the check-in hot path) -----------------------------------------
#
# Evaluating a station's opening hours from the database costs two queries and a dozen model
# instances per check-in. The hot path instead uses the schedule compiled once per process and
# keyed by the station's ``updated_at``: every change of a window or an exception bumps it
# (signals in unionhub/stations/signals.py, ``schedule_set`` for its bulk write), in the same
# transaction. Callers pass a station row read in the same request, so a change made through any
# process is seen by every gunicorn worker on its next request, without a shared cache.

SCHEDULE_CACHE_DAYS_BACK = 7  # exceptions older than this (at compile time) are not held
SCHEDULE_CACHE_MAX = 20_000  # stations per process; the city has a few hundred


@dataclass(frozen=True)
class CompiledSchedule:
    windows: list[schedule.Window]
    exceptions: dict[dt.date, schedule.Exception_]
    since: dt.date  # exceptions dated before this day are not in ``exceptions``


_compiled: dict[int, tuple[dt.datetime, CompiledSchedule]] = {}


def compiled_schedule(station: Station) -> CompiledSchedule:
    """The weekly windows and the exceptions from a week ago onwards of ``station``, cached per
    process while ``station.updated_at`` (the version stamp) is unchanged."""
    stamp = station.updated_at
    hit = _compiled.get(station.pk)
    if hit is not None and stamp is not None and hit[0] == stamp:
        return hit[1]
    since = schedule.local(timezone.now()).date() - dt.timedelta(days=SCHEDULE_CACHE_DAYS_BACK)
    compiled = CompiledSchedule(
        windows=[
            schedule.Window(*row)
            for row in ScheduleWindow.objects.filter(station_id=station.pk)
            .order_by("weekday", "start")
            .values_list("weekday", "start", "end", "mode")
        ],
        exceptions={
            row[0]: schedule.Exception_(*row)
            for row in ScheduleException.objects.filter(
                station_id=station.pk, date__gte=since
            ).values_list("date", "closed", "start", "end", "mode")
        },
        since=since,
    )
    if stamp is not None:
        if len(_compiled) >= SCHEDULE_CACHE_MAX:
            _compiled.clear()
        _compiled[station.pk] = (stamp, compiled)
    return compiled


def forget_compiled_schedule(station_id: int | None = None) -> None:
    """Drop this process's compiled schedule of one station (all with ``None``). Other
    processes notice the change through the bumped ``updated_at``."""
    if station_id is None:
        _compiled.clear()
    else:
        _compiled.pop(station_id, None)


def _schedule_for(
    station: Station, first_day: dt.date
) -> tuple[list[schedule.Window], dict[dt.date, schedule.Exception_]]:
    """Windows and exceptions from ``first_day`` on: from the cache unless ``first_day`` is
    older than what it holds (a device delivering old events), then from the database."""
    compiled = compiled_schedule(station)
    if first_day >= compiled.since:
        return compiled.windows, compiled.exceptions
    exceptions = {
        e.date: e.as_exception()
        for e in ScheduleException.objects.filter(station_id=station.pk, date__gte=first_day)
    }
    return compiled.windows, exceptions


def station_open_at(station: Station, when: dt.datetime) -> bool:
    """Whether ``station`` is open at ``when`` (no query when its schedule is cached)."""
    day = schedule.local(when).date() - dt.timedelta(days=1)
    windows, exceptions = _schedule_for(station, day)
    return schedule.state_at(windows, exceptions, when).is_open


def station_next_opening(
    station: Station, when: dt.datetime, horizon_days: int = 60
) -> dt.datetime | None:
    """Like ``next_opening``, from the cached schedule."""
    day = schedule.local(when).date() - dt.timedelta(days=1)
    windows, exceptions = _schedule_for(station, day)
    return schedule.next_opening_at(windows, exceptions, when, horizon_days=horizon_days)


def with_schedule(qs, when: dt.datetime | None = None):
    """Prefetch what ``is_open_now`` needs: windows and the exceptions around ``when``."""
    day = schedule.local(when or timezone.now()).date()
    return qs.prefetch_related(
        "windows",
        Prefetch(
            "exceptions",
            queryset=ScheduleException.objects.filter(
                date__gte=day - dt.timedelta(days=1), date__lte=day + dt.timedelta(days=14)
            ),
        ),
    )


# --- distance ------------------------------------------------------------------------------


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres between two WGS-84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def distance_label(metres: int) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres} m"


def stations_nearby(
    *, lat: float, lng: float, open_now: bool = False, limit: int = 20, when=None
) -> list[Station]:
    """Public finder: active stations sorted by straight-line distance, each with
    ``distance_m`` (int metres). Stations are public information (“六有”: findable on a map)."""
    when = when or timezone.now()
    stations = list(with_schedule(Station.objects.filter(is_active=True), when))
    for s in stations:
        s.distance_m = int(round(haversine_m(lat, lng, float(s.lat), float(s.lng))))
        s.distance_label = distance_label(s.distance_m)
        s._state_now = station_state_at(s, when)
    if open_now:
        stations = [s for s in stations if s._state_now.is_open]
    stations.sort(key=lambda s: (s.distance_m, s.pk))
    return stations[:limit]


# --- statistics ----------------------------------------------------------------------------


def checkins_visible(user, *, days: int = 30, station=None, now=None):
    now = now or timezone.now()
    qs = CheckIn.objects.visible_to(user).filter(at__gte=now - dt.timedelta(days=days), at__lte=now)
    if station is not None:
        qs = qs.filter(station=station)
    return qs


def visit_statistics(user, *, days: int = 30, station=None, now=None) -> dict[str, Any]:
    """Visits per day / hour / occupation / station, unique visitors and the peak hour."""
    now = now or timezone.now()
    qs = checkins_visible(user, days=days, station=station, now=now)
    tz = schedule.SHANGHAI
    per_day = {
        row["day"]: row["n"]
        for row in qs.annotate(day=TruncDate("at", tzinfo=tz)).values("day").annotate(n=Count("id"))
    }
    start = schedule.local(now).date() - dt.timedelta(days=days - 1)
    day_labels = [start + dt.timedelta(days=i) for i in range(days)]
    per_hour = Counter(
        {
            row["hour"]: row["n"]
            for row in qs.annotate(hour=ExtractHour("at", tzinfo=tz))
            .values("hour")
            .annotate(n=Count("id"))
        }
    )
    labels = dict(choices.Occupation.choices)
    per_occ = [
        (str(labels.get(row["occupation"], row["occupation"])), row["n"], row["occupation"])
        for row in qs.values("occupation").annotate(n=Count("id")).order_by("-n")
    ]
    per_station = list(
        qs.values("station_id", "station__name").annotate(n=Count("id")).order_by("-n")[:20]
    )
    total = sum(per_day.values())
    peak = max(range(24), key=lambda h: (per_hour.get(h, 0), -h)) if total else None
    today = schedule.local(now).date()
    return {
        "days": days,
        "total": total,
        "today": per_day.get(today, 0),
        "unique_visitors": qs.values("visitor").distinct().count(),
        "per_day": [(d, per_day.get(d, 0)) for d in day_labels],
        "per_hour": [(h, per_hour.get(h, 0)) for h in range(24)],
        "per_occupation": per_occ,
        "per_station": per_station,
        "peak_hour": peak,
    }


def ticket_statistics(user, *, days: int = 30, now=None) -> dict[str, Any]:
    now = now or timezone.now()
    qs = Ticket.objects.visible_to(user).filter(raised_at__gte=now - dt.timedelta(days=days))
    acked = [
        (t.acknowledged_at - t.raised_at).total_seconds() / 60
        for t in qs.exclude(acknowledged_at=None).only("raised_at", "acknowledged_at")
    ]
    return {
        "total": qs.count(),
        "open": Ticket.objects.visible_to(user)
        .exclude(status=choices.TicketStatus.RESOLVED)
        .count(),
        "avg_ack_minutes": round(sum(acked) / len(acked), 1) if acked else None,
        "ack_breaches": qs.filter(escalation__gte=1).count(),
    }


def county_rollup(user, *, days: int = 30, now=None) -> list[dict[str, Any]]:
    """Stations, visits and open tickets per county-level unit (city roll-up)."""
    from unionhub.org.choices import RegionLevel
    from unionhub.org.models import Region

    now = now or timezone.now()
    counties = list(Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"))
    stations = Station.objects.visible_to(user)
    visits = checkins_visible(user, days=days, now=now)
    rows = []
    for county in counties:
        n_st = stations.filter(region__path__startswith=county.path).count()
        if not n_st:
            continue
        rows.append(
            {
                "county": county,
                "stations": n_st,
                "smart": stations.filter(
                    region__path__startswith=county.path, is_smart=True
                ).count(),
                "visits": visits.filter(station__region__path__startswith=county.path).count(),
            }
        )
    return rows


# --- three-level management ----------------------------------------------------------------


def compliance_rates(user, *, days: int = 30, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Per station: level 1 = share of days with a passed hygiene check; level 2 = share of
    video patrol logs reviewed by the safety officer; level 3 = share of spot checks passed
    or rectified (closed) by their deadline."""
    today = today or schedule.local(timezone.now()).date()
    since = today - dt.timedelta(days=days - 1)
    stations = list(
        Station.objects.visible_to(user).filter(is_active=True).select_related("region")
    )
    ids = [s.pk for s in stations]
    hygiene = dict(
        HygieneCheck.objects.filter(
            station_id__in=ids, date__gte=since, date__lte=today, passed=True
        )
        .values_list("station_id")
        .annotate(n=Count("id"))
    )
    patrols = {
        row["station_id"]: row
        for row in PatrolLog.objects.filter(station_id__in=ids, at__date__gte=since)
        .values("station_id")
        .annotate(n=Count("id"), reviewed=Count("id", filter=~Q(reviewed_at=None)))
    }
    spot = defaultdict(lambda: [0, 0])
    for sc in SpotCheck.objects.filter(station_id__in=ids, date__gte=since, date__lte=today):
        if (
            sc.passed
            or sc.status == choices.SpotCheckStatus.OPEN
            and sc.rectify_by
            and sc.rectify_by >= today
        ):
            if sc.passed:
                spot[sc.station_id][0] += 1
                spot[sc.station_id][1] += 1
            continue
        spot[sc.station_id][1] += 1
        if (
            sc.status == choices.SpotCheckStatus.CLOSED
            and sc.closed_on
            and sc.closed_on <= sc.rectify_by
        ):
            spot[sc.station_id][0] += 1

    def pct(a, b):
        return round(100 * a / b, 1) if b else None

    rows = []
    for s in stations:
        p = patrols.get(s.pk, {"n": 0, "reviewed": 0})
        ok, due = spot[s.pk]
        rows.append(
            {
                "station": s,
                "level1": pct(hygiene.get(s.pk, 0), days),
                "level2": pct(p["reviewed"], p["n"]),
                "level3": pct(ok, due),
            }
        )
    return rows


# --- 15-minute service circle --------------------------------------------------------------


def uncovered_demand_points(
    user, *, distance_m: int = 1000, dense_distance_m: int = 500, open_now: bool = False, when=None
) -> list[DemandPoint]:
    """Demand points with no (open) station within ``distance_m`` (``dense_distance_m`` for
    points in dense areas). Each result carries ``nearest`` and ``nearest_m``."""
    when = when or timezone.now()
    points = list(DemandPoint.objects.visible_to(user).select_related("region"))
    stations = list(with_schedule(Station.objects.filter(is_active=True), when))
    if open_now:
        stations = [s for s in stations if station_state_at(s, when).is_open]
    result = []
    for p in points:
        best, best_d = None, None
        for s in stations:
            d = haversine_m(float(p.lat), float(p.lng), float(s.lat), float(s.lng))
            if best_d is None or d < best_d:
                best, best_d = s, d
        limit = dense_distance_m if p.dense else distance_m
        p.nearest, p.nearest_m = best, None if best_d is None else int(round(best_d))
        if best_d is None or best_d > limit:
            result.append(p)
    return result


# --- device keys (the check-in hot path) ---------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# What the device endpoints use of the device and its station (others load on access).
DEVICE_AUTH_FIELDS = (
    "id",
    "name",
    "kind",
    "key_hash",
    "is_active",
    "station__id",
    "station__name",
    "station__code",
    "station__region_id",
    "station__is_active",
    "station__updated_at",
)
DEVICE_CACHE_MAX = 50_000  # keys per process

# Devices by key hash, for the check-in hot path only (``device_authenticate(cached=True)``).
# Per process, so never trusted on its own: a check-in made with a cached device inserts only
# if the database still confirms, in the same statement, that the device is active with that
# key at that station and that the station's ``updated_at`` (the schedule stamp) is unchanged;
# otherwise the request is decided again from a fresh read (``StaleCache``). A key switched
# off or deleted on any server is therefore refused at its next use.
_devices: dict[str, Device] = {}


class StaleCache(Exception):
    """A check-in relied on a cached device or station that the database did not confirm."""


def device_authenticate(
    raw_key: str, *, cached: bool = False, refresh: bool = False
) -> Device | None:
    """The active device with this key (and its station), or None. One indexed statement;
    with ``cached`` a device seen before by this process is returned without a query,
    marked ``from_cache`` — only for callers that re-check it in their write, which only
    PostgreSQL does (``checkin_record``). ``refresh`` reads afresh and updates the cache."""
    if not raw_key:
        return None
    key_hash = hash_key(raw_key.strip())
    cached = (cached or refresh) and connection.vendor == "postgresql"
    if cached and not refresh:
        hit = _devices.get(key_hash)
        if hit is not None:
            return hit
    found = (
        Device.objects.select_related("station")
        .only(*DEVICE_AUTH_FIELDS)
        .filter(key_hash=key_hash, is_active=True)
        .order_by()[:1]  # the hash is unique: no sort
    )
    device = next(iter(found), None)
    if device is None:
        _devices.pop(key_hash, None)
        return None
    device.from_cache = False
    if cached:
        kept = copy.copy(device)
        kept.from_cache = True
        if len(_devices) >= DEVICE_CACHE_MAX:
            _devices.clear()
        _devices[key_hash] = kept
    return device


def device_forget(key_hash: str | None = None) -> None:
    """Drop this process's cached device (all with ``None``); see ``_devices``."""
    if key_hash is None:
        _devices.clear()
    else:
        _devices.pop(key_hash, None)


# --- tickets -------------------------------------------------------------------------------

# Default SLA (minutes) when no SlaPolicy row exists: acknowledge 5 min for emergencies and
# 30 min otherwise (issue 6); resolve limits per category.
DEFAULT_SLA = {
    choices.TicketCategory.EMERGENCY: (5, 60),
    choices.TicketCategory.SAFETY: (30, 240),
    choices.TicketCategory.EQUIPMENT: (30, 1440),
    choices.TicketCategory.HYGIENE: (30, 480),
}


def sla_for(category: str) -> tuple[int, int]:
    """(acknowledge, resolve) minutes of a ticket category: its policy row, else the default."""
    policy = SlaPolicy.objects.filter(category=category).first()
    if policy is not None:
        return policy.acknowledge_minutes, policy.resolve_minutes
    return DEFAULT_SLA[choices.TicketCategory(category)]


def county_union_of(station: Station):
    """The county-level federation over the station's region (the level-2 escalation target)."""
    from unionhub.org.choices import RegionLevel
    from unionhub.org.models import OrgUnit, Region

    path = station.region.path
    county = next(
        (r for r in Region.objects.filter(level=RegionLevel.COUNTY) if path.startswith(r.path)),
        None,
    )
    if county is None:
        return None
    return OrgUnit.objects.filter(region=county).order_by("depth", "pk").first()


def escalation_target(ticket: Ticket, level: int) -> str:
    """Who a ticket escalates to at ``level`` (1: the station's safety officers; 2: the
    county union's 劳动经济部), as words for the timeline."""
    if level == 1:
        officers = [
            str(s.user)
            for s in StationStaff.objects.filter(
                station=ticket.station, role=choices.StaffRole.SAFETY_OFFICER
            ).select_related("user")
        ]
        if officers:
            return _("station safety officer %(names)s") % {"names": "、".join(officers)}
        return _("station safety officer (not assigned)")
    union = county_union_of(ticket.station)
    return _("%(union)s labour and economic department") % {
        "union": union.name if union else _("county union")
    }
