"""Legal periods as pure arithmetic (domain.md §0.2; 民法典 art. 200–204). No database here:
the holidays come in as a ``HolidayCalendar`` so every rule can be table-tested and a list
page can compute hundreds of deadlines from one loaded calendar.

The rules, in the order they are applied:

1. **Years and months** (art. 202): the period ends on the *corresponding day* of the final
   month; a month without that day ends the period on its last day (Jan 31 + 1 month →
   Feb 28, or Feb 29 in a leap year; Feb 29 + 1 year → Feb 28). Negative counts go back the
   same way (Aug 15 − 3 months → May 15).
2. **Days** (art. 201): the starting day is not counted, so "within N days of D" ends on
   ``D + N``.
3. **Working days** (工作日): counted one by one from the day after the start, skipping the
   listed holidays and ordinary weekends but counting a 调休 Saturday/Sunday (``workday``).
4. **Roll-forward** (art. 203), only for a period's *last day*: a last day inside a listed
   holiday block moves to the day after the block. Ordinary weekends roll only when
   ``roll_weekends`` is on; otherwise a weekend last day gets a warning (domain.md §0.2.2).

Every result says which years it relied on; a year whose arrangement was never loaded
still gets a date, with a warning naming the year.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "EMPTY_CALENDAR",
    "HolidayCalendar",
    "Notice",
    "PeriodResult",
    "add_months",
    "add_period",
]

#: notice codes (stable; the Chinese sentences are made from them by ``deadlines``)
NO_ARRANGEMENT = "no_arrangement"
WEEKEND = "weekend"
HOLIDAY_NOT_ROLLED = "holiday_not_rolled"
ROLLED = "rolled"


@dataclass(frozen=True)
class HolidayCalendar:
    """The loaded public-holiday arrangements: holiday days (放假, incl. weekend days inside
    a block), 调休 working days (weekend days worked), and the arrangement years loaded."""

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    @classmethod
    def build(
        cls,
        rows: Iterable[tuple[dt.date, str, str, int]],
    ) -> HolidayCalendar:
        """From ``(date, kind, name, arrangement year)`` rows, kind ``holiday``/``workday``."""
        holidays: dict[dt.date, str] = {}
        workdays: dict[dt.date, str] = {}
        years: set[int] = set()
        for day, kind, name, year in rows:
            (holidays if kind == "holiday" else workdays)[day] = name
            years.add(year)
        return cls(MappingProxyType(holidays), MappingProxyType(workdays), frozenset(years))

    def is_holiday(self, day: dt.date) -> bool:
        return day in self.holidays

    def is_shifted_workday(self, day: dt.date) -> bool:
        return day in self.workdays

    def is_weekend_rest(self, day: dt.date) -> bool:
        """An ordinary Saturday or Sunday off (not a 调休 working day)."""
        return day.weekday() >= 5 and day not in self.workdays

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        return day in self.workdays or day.weekday() < 5

    def has_arrangement(self, year: int) -> bool:
        return year in self.years

    def block_of(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """First and last day of the holiday block holding ``day`` (consecutive holidays)."""
        first = last = day
        while first - dt.timedelta(days=1) in self.holidays:
            first -= dt.timedelta(days=1)
        while last + dt.timedelta(days=1) in self.holidays:
            last += dt.timedelta(days=1)
        return first, last


EMPTY_CALENDAR = HolidayCalendar()


@dataclass(frozen=True)
class Notice:
    """Something the user should know about a computed date: ``code`` is stable, ``params``
    fill the sentence (dates, years, holiday names)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PeriodResult:
    start: dt.date
    #: the date the arithmetic gives, before any roll-forward
    computed: dt.date
    due: dt.date
    #: ``computed`` when the date was rolled forward, else None
    rolled_from: dt.date | None
    notices: tuple[Notice, ...]


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later (or earlier), clamped to the month end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _add_working_days(start: dt.date, count: int, cal: HolidayCalendar) -> dt.date:
    step = dt.timedelta(days=1 if count > 0 else -1)
    day = start
    remaining = abs(count)
    while remaining:
        day += step
        if cal.is_working_day(day):
            remaining -= 1
    return day


def _years_between(first: dt.date, last: dt.date) -> range:
    low, high = sorted((first.year, last.year))
    return range(low, high + 1)


def add_period(
    start: dt.date,
    *,
    days: int = 0,
    months: int = 0,
    years: int = 0,
    working_days: int = 0,
    roll: bool = True,
    calendar: HolidayCalendar = EMPTY_CALENDAR,
    roll_weekends: bool = False,
) -> PeriodResult:
    """The end of a period starting on ``start`` (which is not counted).

    ``roll`` says the result is the *last day* of a period, so art. 203 applies; pass
    ``roll=False`` for a date that is not a last day (the first day of a window, the day a
    contract takes effect): such a date never moves, and landing on a holiday is only noted.
    """
    day = add_months(start, years * 12 + months) if (years or months) else start
    day += dt.timedelta(days=days)
    if working_days:
        day = _add_working_days(day, working_days, calendar)
    computed = day
    notices: list[Notice] = []

    if roll:
        while calendar.is_holiday(day) or (roll_weekends and calendar.is_weekend_rest(day)):
            day += dt.timedelta(days=1)
        if day != computed:
            notices.append(
                Notice(
                    ROLLED,
                    {
                        "computed": computed,
                        "due": day,
                        "holiday": calendar.holidays.get(computed, ""),
                    },
                )
            )
        if not roll_weekends and calendar.is_weekend_rest(day):
            notices.append(Notice(WEEKEND, {"due": day, "weekday": day.weekday()}))
    elif calendar.is_holiday(day):
        notices.append(Notice(HOLIDAY_NOT_ROLLED, {"due": day, "holiday": calendar.holidays[day]}))

    # The years whose arrangement the answer depends on: every year a working-day count
    # crossed, and the years of the computed and of the final date.
    needed = set(_years_between(start, computed)) if working_days else {computed.year}
    needed |= set(_years_between(computed, day))
    for year in sorted(needed):
        if not calendar.has_arrangement(year):
            notices.append(Notice(NO_ARRANGEMENT, {"year": year, "roll": roll}))

    return PeriodResult(
        start=start,
        computed=computed,
        due=day,
        rolled_from=computed if day != computed else None,
        notices=tuple(notices),
    )
