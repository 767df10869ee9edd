"""Calendar periods of the points rules (pure functions, local time Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from unionhub.points.choices import CapPeriod


def period_bounds(period: str, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the week / month / year containing ``moment`` (local time)."""
    local = timezone.localtime(moment)
    day = local.date()
    if period == CapPeriod.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=7)
    elif period == CapPeriod.MONTH:
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
    else:
        start = day.replace(month=1, day=1)
        end = start.replace(year=start.year + 1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """[1 January, next 1 January) of ``year``, local time."""
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
