"""Reads of the holiday calendar. ``holiday_calendar()`` is what every deadline uses: the
rows loaded once into a ``periods.HolidayCalendar`` and kept in the process.

Keeping it current: a change saved in this process drops the cached copy at once (and again
when its transaction commits, in case the copy was re-read inside it); other processes
(gunicorn workers) notice within ``HOLIDAY_CALENDAR_RECHECK_SECONDS`` by comparing a cheap
stamp (row count, last change, highest id) with the one they loaded."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save

from unionhub.core.calendar.models import Holiday
from unionhub.core.calendar.periods import HolidayCalendar

__all__ = [
    "YearSummary",
    "arrangement_years",
    "forget_holiday_calendar",
    "holiday_calendar",
    "holiday_list",
]

_lock = threading.Lock()
_cache: dict[str, Any] = {"calendar": None, "stamp": None, "checked": 0.0}


def _stamp() -> tuple:
    row = Holiday.objects.aggregate(n=Count("id"), changed=Max("updated_at"), top=Max("id"))
    return (row["n"], row["changed"], row["top"])


def holiday_calendar() -> HolidayCalendar:
    """The loaded arrangements (cached in the process; see the module docstring)."""
    now = time.monotonic()
    recheck = float(getattr(settings, "HOLIDAY_CALENDAR_RECHECK_SECONDS", 10))
    cached = _cache["calendar"]
    if cached is not None and now - _cache["checked"] < recheck:
        return cached
    stamp = _stamp()
    with _lock:
        if _cache["calendar"] is not None and _cache["stamp"] == stamp:
            _cache["checked"] = now
            return _cache["calendar"]
        rows = Holiday.objects.order_by("date").values_list("date", "kind", "name", "year")
        calendar = HolidayCalendar.build(rows)
        _cache.update(calendar=calendar, stamp=stamp, checked=now)
        return calendar


def forget_holiday_calendar() -> None:
    with _lock:
        _cache.update(calendar=None, stamp=None, checked=0.0)


def _changed(sender, **kwargs) -> None:
    forget_holiday_calendar()
    transaction.on_commit(forget_holiday_calendar)


def connect_signals() -> None:
    post_save.connect(_changed, sender=Holiday, dispatch_uid="calendar_holiday_saved")
    post_delete.connect(_changed, sender=Holiday, dispatch_uid="calendar_holiday_deleted")


@dataclass(frozen=True)
class YearSummary:
    year: int
    holidays: int
    workdays: int
    sources: tuple[str, ...]


def arrangement_years() -> list[YearSummary]:
    """The arrangement years loaded, newest first, with their day counts and sources."""
    rows = (
        Holiday.objects.values("year", "kind", "source")
        .annotate(n=Count("id"))
        .order_by("-year", "source")
    )
    by_year: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = by_year.setdefault(row["year"], {"holiday": 0, "workday": 0, "sources": []})
        entry[row["kind"]] += row["n"]
        if row["source"] and row["source"] not in entry["sources"]:
            entry["sources"].append(row["source"])
    return [
        YearSummary(year, e["holiday"], e["workday"], tuple(e["sources"]))
        for year, e in sorted(by_year.items(), reverse=True)
    ]


def holiday_list(*, year: int | None = None):
    """The dates of one arrangement year (all years when None), in date order."""
    qs = Holiday.objects.order_by("date")
    return qs.filter(year=year) if year is not None else qs
