"""值班台: the station attendant's shift page — the day's tasks of one station computed from
live data (hygiene check not done, video patrol due in unmanned hours, open tickets against
their SLA, devices offline). Reads only; every record comes through ``visible_to(user)``.

The rules are pure functions (``hygiene_task``, ``patrol_due``, ``device_offline``) so the
boundaries are tested table-driven; ``shift_for`` reads a fixed number of queries whatever
the number of tickets or devices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, F, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from unionhub.stations import choices, schedule
from unionhub.stations.models import Device, HygieneCheck, PatrolLog, Station, Ticket
from unionhub.stations.selectors import station_state_at, with_schedule
from unionhub.stations.services.devices import DEVICE_SILENCE_MINUTES

#: During unmanned hours the staff look at the station's cameras (视频巡查) at the start of
#: each unmanned period and again every this many minutes while it lasts.
PATROL_EVERY_MINUTES = 120
#: At most this many stations in the switcher of a user with no assignment (a cadre).
SWITCHER_MAX = 200


# --- the rules (pure) ------------------------------------------------------------------------


def hygiene_task(check: HygieneCheck | None) -> str:
    """``todo`` (no check today), ``failed`` (done, some item not passed) or ``done``."""
    if check is None:
        return "todo"
    return "done" if check.passed else "failed"


def unmanned_period_at(
    windows: list[schedule.Window],
    exceptions: dict[dt.date, schedule.Exception_],
    when: dt.datetime,
) -> tuple[dt.datetime, dt.datetime] | None:
    """The unmanned opening period (aware start, end) that ``when`` falls in, or None."""
    now = schedule.local(when)
    for day in (now.date() - dt.timedelta(days=1), now.date()):
        for start, end, mode in schedule.intervals_starting_on(day, windows, exceptions):
            if start <= now < end and mode == choices.Mode.UNMANNED:
                return start.replace(tzinfo=schedule.SHANGHAI), end.replace(
                    tzinfo=schedule.SHANGHAI
                )
    return None


@dataclass(frozen=True)
class PatrolDue:
    due: bool  # a patrol is to be done now
    since: dt.datetime | None = None  # when it fell due (or falls due next)
    period_end: dt.datetime | None = None  # end of the unmanned period


def patrol_due(
    period: tuple[dt.datetime, dt.datetime] | None,
    last_patrol_at: dt.datetime | None,
    now: dt.datetime,
    every_minutes: int = PATROL_EVERY_MINUTES,
) -> PatrolDue:
    """Whether a video patrol is due at ``now``: only inside an unmanned period; due at its
    start and again ``every_minutes`` after the last patrol of the period (a patrol before
    the period does not count). At exactly the due time it is due."""
    if period is None:
        return PatrolDue(False)
    start, end = period
    last = last_patrol_at if last_patrol_at is not None and last_patrol_at >= start else None
    due_at = start if last is None else last + dt.timedelta(minutes=every_minutes)
    if due_at >= end:  # the period ends before the next round
        return PatrolDue(False, None, end)
    return PatrolDue(now >= due_at, due_at, end)


def device_offline(
    last_seen_at: dt.datetime | None, created_at: dt.datetime, now: dt.datetime
) -> bool:
    """Silent for ``DEVICE_SILENCE_MINUTES`` or longer (the offline check's rule, since
    registration for a device that never reported)."""
    silent_since = last_seen_at or created_at
    return now - silent_since >= dt.timedelta(minutes=DEVICE_SILENCE_MINUTES)


# --- reads -----------------------------------------------------------------------------------


def shift_stations(*, user: Any, now: dt.datetime | None = None) -> list[Station]:
    """The stations of the switcher: those the user is assigned to (值守人员 / 安全员); a user
    with no assignment (a cadre looking in) gets the active stations in their scope. With
    their opening hours prefetched (three queries)."""
    visible = Station.objects.visible_to(user).filter(is_active=True)
    mine = visible.filter(staff__user=user).distinct()
    stations = list(with_schedule(mine, now).order_by("code"))
    if stations:
        for s in stations:
            s.assigned = True
        return stations
    return list(with_schedule(visible, now).order_by("code")[:SWITCHER_MAX])


@dataclass
class Shift:
    station: Station
    stations: list[Station]
    now: dt.datetime
    today: dt.date
    state: schedule.State
    hygiene: HygieneCheck | None
    hygiene_state: str
    patrol: PatrolDue
    last_patrol: PatrolLog | None
    tickets: list[Ticket] = field(default_factory=list)
    devices_offline: list[Device] = field(default_factory=list)

    @property
    def closes_label(self) -> str:
        """When the current opening period ends: ``今天 21:30`` / ``明天 00:00``."""
        if self.state.closes_at is None:
            return ""
        return schedule.format_opening(self.state.closes_at, self.now)

    @property
    def overdue_tickets(self) -> int:
        return sum(1 for t in self.tickets if t.sla_overdue(self.now))

    @property
    def task_count(self) -> int:
        """Things to do now: hygiene not done, patrol due, each open ticket, each device."""
        return (
            (self.hygiene_state == "todo")
            + self.patrol.due
            + len(self.tickets)
            + len(self.devices_offline)
        )


def shift_for(
    *, user: Any, station: Station, stations: list[Station], now: dt.datetime | None = None
) -> Shift:
    """The day of ``station`` (one of ``shift_stations``) at ``now``: four queries."""
    now = now or timezone.now()
    today = schedule.local(now).date()
    hygiene = (
        HygieneCheck.objects.visible_to(user).filter(station=station, date=today).order_by().first()
    )
    windows = [w.as_window() for w in station.windows.all()]
    exceptions = {e.date: e.as_exception() for e in station.exceptions.all()}
    period = unmanned_period_at(windows, exceptions, now)
    last_patrol = (
        PatrolLog.objects.visible_to(user)
        .filter(station=station, at__lte=now)
        .order_by("-at", "-pk")
        .first()
    )
    tickets = list(
        Ticket.objects.visible_to(user)
        .filter(station=station)
        .exclude(status=choices.TicketStatus.RESOLVED)
        .annotate(
            shift_due=Case(
                When(status=choices.TicketStatus.OPEN, then=F("acknowledge_due")),
                default=F("resolve_due"),
            )
        )
        .order_by("shift_due", "pk")
    )
    limit = now - dt.timedelta(minutes=DEVICE_SILENCE_MINUTES)
    devices = list(
        Device.objects.visible_to(user)
        .filter(station=station, is_active=True)
        .annotate(silent_since=Coalesce("last_seen_at", "created_at"))
        .filter(silent_since__lte=limit)
        .order_by("silent_since", "pk")
    )
    return Shift(
        station=station,
        stations=stations,
        now=now,
        today=today,
        state=station_state_at(station, now),
        hygiene=hygiene,
        hygiene_state=hygiene_task(hygiene),
        patrol=patrol_due(period, last_patrol.at if last_patrol else None, now),
        last_patrol=last_patrol,
        tickets=tickets,
        devices_offline=devices,
    )
