"""The pure period arithmetic (domain.md §0.2; 民法典 art. 200–204), table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from unionhub.core.calendar import periods
from unionhub.core.calendar.periods import EMPTY_CALENDAR, HolidayCalendar, add_months, add_period

D = dt.date.fromisoformat


def codes(result) -> list[str]:
    return [n.code for n in result.notices]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),  # no Feb 31: last day of February
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2025-01-30", 1, "2025-02-28"),
        ("2025-01-28", 1, "2025-02-28"),  # the corresponding day exists
        ("2025-03-31", 1, "2025-04-30"),
        ("2024-02-29", 12, "2025-02-28"),  # Feb 29 + 1 year
        ("2024-02-29", 48, "2028-02-29"),  # + 4 years: leap again
        ("2096-02-29", 48, "2100-02-28"),  # 2100 is not a leap year
        ("2000-02-29", 12, "2001-02-28"),
        ("2025-12-31", 2, "2026-02-28"),  # across the year end
        ("2023-11-30", 3, "2024-02-29"),
        ("2024-08-31", 6, "2025-02-28"),
        ("2024-03-31", -1, "2024-02-29"),  # backwards, clamped too
        ("2025-05-31", -3, "2025-02-28"),
        ("2026-08-15", -3, "2026-05-15"),
        ("2025-01-15", -1, "2024-12-15"),
        ("2025-06-15", 0, "2025-06-15"),
    ],
)
def test_add_months_corresponding_day_clamped_to_month_end(start, months, expected):
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    ("start", "kwargs", "expected"),
    [
        # the start day is not counted (art. 201): within N days of D ends on D + N
        ("2024-03-05", {"days": 20}, "2024-03-25"),
        ("2025-02-21", {"days": 10}, "2025-03-03"),  # Feb 2025 has 28 days
        ("2024-02-20", {"days": 15}, "2024-03-06"),  # 2024 is a leap year
        ("2025-02-20", {"days": 15}, "2025-03-07"),  # 2025 is not
        ("2025-12-20", {"days": 20}, "2026-01-09"),
        ("2025-06-30", {"days": 1}, "2025-07-01"),
        # years then days: a term (domain.md §2.1: add_years(start, N) − 1 day)
        ("2023-06-15", {"years": 5, "days": -1}, "2028-06-14"),
        ("2024-02-29", {"years": 3, "days": -1}, "2027-02-27"),
        ("2025-01-31", {"months": 1}, "2025-02-28"),
        ("2024-02-29", {"years": 1}, "2025-02-28"),
    ],
)
def test_calendar_periods_without_holidays(start, kwargs, expected):
    result = add_period(D(start), calendar=EMPTY_CALENDAR, roll=False, **kwargs)
    assert result.due == D(expected)
    assert result.rolled_from is None


@pytest.mark.parametrize(
    ("start", "days", "computed", "due"),
    [
        # 2025 春节 block 2025-01-28 … 02-04
        ("2025-01-10", 20, "2025-01-30", "2025-02-05"),  # inside the block
        ("2025-01-18", 10, "2025-01-28", "2025-02-05"),  # its first day
        ("2025-01-20", 15, "2025-02-04", "2025-02-05"),  # its last day
        ("2025-01-17", 10, "2025-01-27", None),  # the day before: no roll
        ("2025-01-26", 10, "2025-02-05", None),  # the day after: no roll
        # 2025 国庆/中秋 block 2025-10-01 … 10-08
        ("2025-09-11", 20, "2025-10-01", "2025-10-09"),
        ("2025-09-20", 15, "2025-10-05", "2025-10-09"),
        ("2025-09-28", 10, "2025-10-08", "2025-10-09"),
        ("2025-09-20", 10, "2025-09-30", None),
        # 2024 元旦 block starts in December 2023
        ("2023-12-20", 10, "2023-12-30", "2024-01-02"),
        # 2026 春节 block 02-15 … 02-23
        ("2026-02-01", 20, "2026-02-21", "2026-02-24"),
    ],
)
def test_roll_forward_over_holiday_blocks(cal, start, days, computed, due):
    result = add_period(D(start), days=days, calendar=cal)
    assert result.computed == D(computed)
    if due is None:
        assert result.due == D(computed)
        assert result.rolled_from is None
        assert periods.ROLLED not in codes(result)
    else:
        assert result.due == D(due)
        assert result.rolled_from == D(computed)
        assert periods.ROLLED in codes(result)


def test_block_of_a_holiday(cal):
    assert cal.block_of(D("2025-10-03")) == (D("2025-10-01"), D("2025-10-08"))
    assert cal.block_of(D("2025-01-28")) == (D("2025-01-28"), D("2025-02-04"))


@pytest.mark.parametrize(
    ("start", "days", "roll_weekends", "due", "notice"),
    [
        ("2025-03-12", 10, False, "2025-03-22", periods.WEEKEND),  # Saturday: warned, kept
        ("2025-03-13", 10, False, "2025-03-23", periods.WEEKEND),  # Sunday
        ("2025-03-12", 10, True, "2025-03-24", periods.ROLLED),  # rolled to Monday
        ("2025-03-13", 10, True, "2025-03-24", periods.ROLLED),
        ("2025-03-14", 10, False, "2025-03-24", None),  # Monday: nothing to say
        # a 调休 Saturday/Sunday is a working day: neither warned nor rolled
        ("2025-10-01", 10, False, "2025-10-11", None),
        ("2025-10-01", 10, True, "2025-10-11", None),
        ("2025-09-18", 10, True, "2025-09-28", None),
    ],
)
def test_weekends(cal, start, days, roll_weekends, due, notice):
    result = add_period(D(start), days=days, calendar=cal, roll_weekends=roll_weekends)
    assert result.due == D(due)
    found = [c for c in codes(result) if c in (periods.WEEKEND, periods.ROLLED)]
    assert found == ([notice] if notice else [])


def test_rolling_weekends_also_rolls_past_a_block_and_the_weekend_after(cal):
    # 2025 清明 block Fri 04-04 … Sun 04-06: the next day is Monday either way
    result = add_period(D("2025-03-25"), days=10, calendar=cal, roll_weekends=True)
    assert (result.computed, result.due) == (D("2025-04-04"), D("2025-04-07"))
    # a Saturday before a holiday block: both roll together with the setting on
    cal2 = HolidayCalendar.build([(D("2030-06-03"), "holiday", "测试节", 2030)])
    cal2 = HolidayCalendar(cal2.holidays, cal2.workdays, frozenset({2030}))
    result = add_period(D("2030-05-22"), days=10, calendar=cal2, roll_weekends=True)
    assert (result.computed, result.due) == (D("2030-06-01"), D("2030-06-04"))


@pytest.mark.parametrize(
    ("start", "working_days", "due"),
    [
        ("2025-09-26", 1, "2025-09-28"),  # Fri → the 调休 Sunday 09-28 is a working day
        ("2025-09-27", 1, "2025-09-28"),
        ("2025-09-28", 1, "2025-09-29"),
        ("2025-09-30", 1, "2025-10-09"),  # across the 国庆/中秋 block
        ("2025-09-30", 3, "2025-10-11"),  # 10-09, 10-10 and the 调休 Saturday 10-11
        ("2025-01-24", 3, "2025-02-05"),  # 01-26 (调休 Sunday), 01-27, then after 春节
        ("2025-03-14", 5, "2025-03-21"),  # an ordinary week
        ("2025-03-21", 1, "2025-03-24"),  # Friday → Monday
        ("2025-10-09", -1, "2025-09-30"),  # backwards across the block
    ],
)
def test_working_days_count_holiday_and_shifted_rows(cal, start, working_days, due):
    result = add_period(D(start), working_days=working_days, calendar=cal)
    assert result.due == D(due)
    assert result.rolled_from is None  # a working-day count ends on a working day


def test_working_days_without_arrangement_skip_weekends_only():
    result = add_period(D("2025-09-26"), working_days=1, calendar=EMPTY_CALENDAR)
    assert result.due == D("2025-09-29")
    assert codes(result) == [periods.NO_ARRANGEMENT]


@pytest.mark.parametrize(
    ("start", "kwargs", "years"),
    [
        ("2027-03-01", {"days": 20}, [2027]),
        ("2026-12-20", {"days": 15}, [2027]),  # due in a year with no arrangement
        ("2026-03-01", {"days": 20}, []),
        ("2026-12-20", {"working_days": 10}, [2027]),  # the count crosses into 2027
        ("2023-11-01", {"days": 10}, [2023]),
        ("2026-08-15", {"months": -3, "roll": False}, []),
        ("2027-08-15", {"months": -3, "roll": False}, [2027]),
    ],
)
def test_year_without_arrangement_still_gets_a_date_with_a_warning(cal, start, kwargs, years):
    result = add_period(D(start), calendar=cal, **kwargs)
    assert isinstance(result.due, dt.date)
    found = [n.params["year"] for n in result.notices if n.code == periods.NO_ARRANGEMENT]
    assert found == years


def test_a_date_that_is_not_a_last_day_never_rolls(cal):
    result = add_period(D("2026-01-01"), months=-3, roll=False, calendar=cal)
    assert result.due == D("2025-10-01")
    assert result.rolled_from is None
    assert codes(result) == [periods.HOLIDAY_NOT_ROLLED]
