"""Due dates of to-do items: the one place where a module's period becomes a last day.

Legal periods (the 15-day review of a join application, …) are counted as domain.md §0.2
says: the starting day is not counted, so "within N days of D" ends on ``D + N days``, and the
last day ends at 24:00, and a last day that falls in a public-holiday block rolls to the day
after it (art. 203) — all through the one deadline service, ``unionhub.core.calendar``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

__all__ = ["end_of_day", "period_end"]


def period_end(start: dt.date, days: int, *, kind: str = "") -> dt.date:
    """The last day of a period of ``days`` days starting on ``start`` (start day not
    counted, rolled past a public-holiday block). ``kind`` names the period (for readers)."""
    from unionhub.core.calendar.deadlines import add_period

    return add_period(start, days=days).due


def end_of_day(day: dt.date) -> dt.datetime:
    """The moment a last day ends (art. 203: 24:00), as an aware datetime in Asia/Shanghai;
    one second before midnight so the item still shows that date."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
