from __future__ import annotations

import pytest

from unionhub.core.calendar.demo import DATA_FILE
from unionhub.core.calendar.holiday_file import parse_holiday_file
from unionhub.core.calendar.periods import HolidayCalendar


def bundled_calendar() -> HolidayCalendar:
    """The 2024–2026 arrangements of data/cn_public_holidays.csv, without a database."""
    rows, errors = parse_holiday_file(DATA_FILE.read_bytes())
    assert not errors
    return HolidayCalendar.build((r.date, r.kind, r.name, r.year) for r in rows)


@pytest.fixture(scope="session")
def cal() -> HolidayCalendar:
    return bundled_calendar()


@pytest.fixture(autouse=True)
def _fresh_holiday_cache():
    """Each test starts like a fresh process: no cached calendar from a rolled-back test."""
    from unionhub.core.calendar.selectors import forget_holiday_calendar

    forget_holiday_calendar()
    yield
    forget_holiday_calendar()


@pytest.fixture
def holidays(db):
    """The demo arrangements (2024–2026) in the database."""
    from unionhub.core.calendar import demo

    demo.load()
