"""Crontab expressions → APScheduler triggers, run times and words, in Asia/Shanghai.

The timing itself is APScheduler's (``CronTrigger``); this module only reads the five-field
crontab the way cron does before handing it over:

* **weekdays**: cron counts 0 (and 7) as Sunday, APScheduler 3.x counts 0 as Monday (its
  documented "historical mistake", fixed only in 4.x). The weekday field is therefore
  expanded here into day names (``1-5`` → ``mon,tue,wed,thu,fri``), which both read alike.
* **day of month *and* weekday**: cron runs when *either* matches, APScheduler when *both*
  do. Such expressions are refused rather than silently run on other days.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

__all__ = [
    "SHANGHAI",
    "CronError",
    "describe",
    "next_run",
    "previous_run",
    "trigger_for",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")

_DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
_NAME_TO_CRON = {name: i for i, name in enumerate(_DAY_NAMES)}
_PART = re.compile(r"^(?P<range>\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:/(?P<step>\d+))?$")


class CronError(ValueError):
    """An expression the scheduler cannot read as a five-field crontab."""


def _weekday(token: str) -> int:
    if token in _NAME_TO_CRON:
        return _NAME_TO_CRON[token]
    if token.isdigit() and 0 <= int(token) <= 7:
        return int(token) % 7
    raise CronError(f"bad weekday {token!r}")


def _weekdays(field: str) -> str:
    """The cron weekday field as APScheduler day names (``*`` when every day)."""
    days: set[int] = set()
    for part in field.lower().split(","):
        match = _PART.match(part)
        if not match:
            raise CronError(f"bad weekday field {field!r}")
        step = int(match["step"] or 1)
        if step < 1:
            raise CronError(f"bad step in {field!r}")
        span = match["range"]
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            a, b = span.split("-")
            first, last = _weekday(a), int(b) if b == "7" else _weekday(b)
            if last < first:
                raise CronError(f"backward weekday range {span!r}")
        else:
            first = _weekday(span)
            last = 6 if match["step"] else first
        days.update(d % 7 for d in range(first, last + 1, step))
    if len(days) == 7:
        return "*"
    return ",".join(_DAY_NAMES[d] for d in sorted(days))


@lru_cache(maxsize=256)
def trigger_for(cron: str) -> CronTrigger:
    """The APScheduler trigger of a crontab expression, in the platform's time zone."""
    fields = cron.split()
    if len(fields) != 5:
        raise CronError(f"a crontab has five fields, got {len(fields)}: {cron!r}")
    minute, hour, day, month, weekday = fields
    if day != "*" and weekday != "*":
        raise CronError(f"restrict the day of month or the weekday, not both: {cron!r}")
    try:
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_weekdays(weekday),
            timezone=SHANGHAI,
        )
    except ValueError as exc:
        raise CronError(f"{cron!r}: {exc}") from exc


def next_run(cron: str, after: dt.datetime) -> dt.datetime | None:
    """The first run strictly after ``after`` (Asia/Shanghai)."""
    trigger = trigger_for(cron)
    start = after.astimezone(SHANGHAI) + dt.timedelta(microseconds=1)
    return trigger.get_next_fire_time(None, start)


def previous_run(cron: str, at: dt.datetime) -> dt.datetime | None:
    """The latest run at or before ``at``: the period that ``at`` falls in. Every scheduler
    (on any server) computes the same value for the same period, which is what the
    once-per-period guard is keyed on."""
    trigger = trigger_for(cron)
    at = at.astimezone(SHANGHAI)
    # Look back in growing windows; a window holding at least one run holds the answer.
    for window in (dt.timedelta(hours=2), dt.timedelta(days=2), dt.timedelta(days=32)):
        last = None
        when = trigger.get_next_fire_time(None, at - window)
        while when is not None and when <= at:
            last = when
            when = trigger.get_next_fire_time(when, when)
        if last is not None:
            return last
    when = trigger.get_next_fire_time(None, at - dt.timedelta(days=370 * 4))
    last = None
    while when is not None and when <= at:
        last = when
        when = trigger.get_next_fire_time(when, when)
    return last


_WEEKDAY_WORDS = {
    "sun": gettext_noop("Sunday"),
    "mon": gettext_noop("Monday"),
    "tue": gettext_noop("Tuesday"),
    "wed": gettext_noop("Wednesday"),
    "thu": gettext_noop("Thursday"),
    "fri": gettext_noop("Friday"),
    "sat": gettext_noop("Saturday"),
}


def describe(cron: str) -> str:
    """The schedule in words (``每天 03:00``), for the job page and the docs."""
    try:
        trigger_for(cron)
    except CronError:
        return _("invalid schedule: %(cron)s") % {"cron": cron}
    minute, hour, day, month, weekday = cron.split()
    simple_time = minute.isdigit() and hour.isdigit()
    at: dict[str, Any] = {"time": f"{int(hour):02d}:{int(minute):02d}"} if simple_time else {}
    if (hour, day, month, weekday) == ("*", "*", "*", "*"):
        if minute == "*":
            return _("every minute")
        if minute.startswith("*/") and minute[2:].isdigit():
            return _("every %(n)s minutes") % {"n": int(minute[2:])}
        if minute.isdigit():
            return _("every hour at minute %(minute)s") % {"minute": int(minute)}
    if simple_time and (day, month) == ("*", "*"):
        if weekday == "*":
            return _("every day at %(time)s") % at
        names = _weekdays(weekday).split(",")
        if names == ["mon", "tue", "wed", "thu", "fri"]:
            return _("every weekday (Monday to Friday) at %(time)s") % at
        days = "、".join(_(_WEEKDAY_WORDS[n]) for n in names)
        return _("every %(days)s at %(time)s") % {**at, "days": days}
    if simple_time and day.isdigit() and month == "*" and weekday == "*":
        return _("on day %(day)s of every month at %(time)s") % {**at, "day": int(day)}
    return _("crontab %(cron)s (Asia/Shanghai)") % {"cron": cron}
