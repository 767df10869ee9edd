"""Civil Code period arithmetic (domain.md §0.2): periods in years and months end on the
corresponding day; when the final month has no such day, on its last day (art. 202)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """``add_years(2024-02-29, 1)`` → 2025-02-28."""
    return add_months(day, 12 * years)


def term_end(start: dt.date, years: int) -> dt.date:
    """Last day of a committee term: elected 2023-06-15 for 5 years → 2028-06-14."""
    return add_years(start, years) - dt.timedelta(days=1)


def full_years_reached(start: dt.date, years: int, today: dt.date) -> bool:
    """Whether ``years`` full years have passed since ``start`` by ``today`` (the
    anniversary day itself counts)."""
    return today >= add_years(start, years)
