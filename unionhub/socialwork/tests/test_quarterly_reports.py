"""Quarterly reports: one per quarter, not for a quarter that has not begun; attendance
within the quarter's working days (the rate is days present / working days)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.socialwork import services

pytestmark = pytest.mark.django_db


def _report(worker, year, quarter, workdays=60, present=58):
    return services.quarterlyreport_create(
        actor=None,
        worker=worker,
        year=year,
        quarter=quarter,
        performance="完成任务",
        rating="good",
        workdays=workdays,
        attendance_days=present,
    )


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _next(year, quarter):
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def test_current_quarter_allowed_next_refused(make_worker, today):
    worker = make_worker()
    year, quarter = _quarter(today)
    assert _report(worker, year, quarter)
    with pytest.raises(ValidationError) as caught:
        _report(worker, *_next(year, quarter))
    assert_invalid(caught, code="future_quarter", field="quarter")


def test_a_quarter_twice_is_refused(make_worker):
    worker = make_worker()
    _report(worker, 2024, 3)
    with pytest.raises(ValidationError) as caught:
        _report(worker, 2024, 3)
    assert_invalid(caught, code="duplicate_quarter", field="quarter")


@pytest.mark.parametrize(
    ("workdays", "present", "code", "rate"),
    [
        (60, 61, "attendance_exceeds_workdays", None),
        (60, 60, None, Decimal("100.0")),
        (62, 59, None, Decimal("95.2")),
        (61, 0, None, Decimal("0.0")),
    ],
)
def test_attendance(make_worker, workdays, present, code, rate):
    worker = make_worker()
    if code:
        with pytest.raises(ValidationError) as caught:
            _report(worker, 2024, 1, workdays, present)
        assert_invalid(caught, code=code, field="attendance_days")
    else:
        assert _report(worker, 2024, 1, workdays, present).attendance_rate == rate


def test_quarter_five_is_refused(make_worker):
    with pytest.raises(ValidationError) as caught:
        _report(make_worker(), 2024, 5)
    assert_invalid(caught, code="max_value", field="quarter")
