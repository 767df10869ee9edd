"""Opening hours as pure functions of (weekly windows, date exceptions, instant).

Rules (docs/stations.md):
- times are Asia/Shanghai wall-clock times (no DST in China, so every day has 24 hours);
- a window ``start``–``end`` on weekday W opens at ``start`` (inclusive) and closes at ``end``
  (exclusive); ``end <= start`` means it runs past midnight into the next day; ``start ==
  end`` means a full 24 hours;
- an exception dated D replaces every window *starting* on D (closed, or special hours which
  may also cross midnight); windows of D-1 that run past midnight into D are unaffected;
- windows of one station may not overlap (checked by ``windows_overlap``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEK_MINUTES = 7 * 24 * 60
CLOSED = "closed"


@dataclass(frozen=True)
class Window:
    weekday: int  # 0 = Monday
    start: dt.time
    end: dt.time
    mode: str

    @property
    def minutes(self) -> int:
        return _duration(self.start, self.end)


@dataclass(frozen=True)
class Exception_:
    date: dt.date
    closed: bool
    start: dt.time | None = None
    end: dt.time | None = None
    mode: str = "manned"


@dataclass(frozen=True)
class State:
    is_open: bool
    mode: str  # manned / unmanned / closed
    closes_at: dt.datetime | None = None


def _duration(start: dt.time, end: dt.time) -> int:
    s = start.hour * 60 + start.minute
    e = end.hour * 60 + end.minute
    return (e - s) % (24 * 60) or 24 * 60


def windows_overlap(windows: Iterable[Window]) -> list[tuple[Window, Window]]:
    """Pairs of windows that overlap anywhere in the (circular) week."""
    spans = []
    for w in windows:
        s = w.weekday * 1440 + w.start.hour * 60 + w.start.minute
        spans.append((s, s + w.minutes, w))
    clashes = []
    for i, (s1, e1, w1) in enumerate(spans):
        for s2, e2, w2 in spans[i + 1 :]:
            for shift in (-WEEK_MINUTES, 0, WEEK_MINUTES):
                if s1 < e2 + shift and s2 + shift < e1:
                    clashes.append((w1, w2))
                    break
    return clashes


def local(when: dt.datetime) -> dt.datetime:
    """The naive Asia/Shanghai wall-clock time of an aware instant."""
    if when.tzinfo is None:  # naive values are taken as Shanghai wall-clock time
        return when
    return when.astimezone(SHANGHAI).replace(tzinfo=None)


def intervals_starting_on(
    day: dt.date, windows: Iterable[Window], exceptions: dict[dt.date, Exception_]
) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """Naive local (start, end, mode) intervals that start on ``day``."""
    exc = exceptions.get(day)
    if exc is not None:
        if exc.closed or exc.start is None or exc.end is None:
            return []
        start = dt.datetime.combine(day, exc.start)
        return [(start, start + dt.timedelta(minutes=_duration(exc.start, exc.end)), exc.mode)]
    result = []
    for w in windows:
        if w.weekday == day.weekday():
            start = dt.datetime.combine(day, w.start)
            result.append((start, start + dt.timedelta(minutes=w.minutes), w.mode))
    return sorted(result)


def state_at(
    windows: list[Window], exceptions: dict[dt.date, Exception_], when: dt.datetime
) -> State:
    now = local(when)
    for day in (now.date() - dt.timedelta(days=1), now.date()):
        for start, end, mode in intervals_starting_on(day, windows, exceptions):
            if start <= now < end:
                return State(True, mode, end.replace(tzinfo=SHANGHAI))
    return State(False, CLOSED)


def next_opening_at(
    windows: list[Window],
    exceptions: dict[dt.date, Exception_],
    when: dt.datetime,
    horizon_days: int = 60,
) -> dt.datetime | None:
    """When the station is next open at or after ``when`` (``when`` itself if open now);
    None when it never opens within the horizon."""
    now = local(when)
    if state_at(windows, exceptions, when).is_open:
        return when.astimezone(SHANGHAI)
    for offset in range(0, horizon_days + 1):
        day = now.date() + dt.timedelta(days=offset)
        for start, _end, _mode in intervals_starting_on(day, windows, exceptions):
            if start >= now:
                return start.replace(tzinfo=SHANGHAI)
    return None


def format_opening(value: dt.datetime | None, now: dt.datetime) -> str:
    """``今天 06:30`` / ``明天 06:30`` / ``12月3日 06:30`` for messages (in the active language)."""
    from django.utils.translation import gettext as _

    if value is None:
        return _("no opening scheduled")
    day = value.astimezone(SHANGHAI).date()
    today = local(now).date()
    hhmm = value.astimezone(SHANGHAI).strftime("%H:%M")
    if day == today:
        return _("today %(time)s") % {"time": hhmm}
    if day == today + dt.timedelta(days=1):
        return _("tomorrow %(time)s") % {"time": hhmm}
    return _("%(month)s/%(day)s %(time)s") % {"month": day.month, "day": day.day, "time": hhmm}
