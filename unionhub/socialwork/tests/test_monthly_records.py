"""Monthly work records: one per month, never for a month that has not begun, never before
the hiring month; the months missing show with their due date (deadline kind
``socialwork_monthly_record``: the month's last day + 5 days, rolled past a holiday block)
and whether they are overdue; last month's missing record is a to-do."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.calendar import demo as calendar_demo
from unionhub.core.testing.assertions import assert_invalid
from unionhub.socialwork import selectors, services
from unionhub.socialwork.selectors import add_months

pytestmark = pytest.mark.django_db


def _record(worker, month, actor=None):
    return services.monthlyrecord_create(
        actor=actor, worker=worker, month=month, summary="走访企业", cases=1, visits=2
    )


@pytest.mark.parametrize(
    ("months_from_now", "code"),
    [
        (+1, "future_month"),  # next month has not begun
        (+12, "future_month"),
        (0, None),  # the current month may be written in its last days
        (-1, None),
        (-24, None),
    ],
)
def test_month_must_have_begun(make_worker, today, months_from_now, code):
    worker = make_worker(hired_on=dt.date(2020, 1, 1))
    month = add_months(today.replace(day=1), months_from_now)
    if code is None:
        assert _record(worker, month).month == month
    else:
        with pytest.raises(ValidationError) as caught:
            _record(worker, month)
        assert_invalid(caught, code=code, field="month")
        assert not worker.monthly_records.exists()


def test_a_month_twice_is_refused_whatever_day_names_it(make_worker, today):
    worker = make_worker()
    last = add_months(today.replace(day=1), -1)
    first = _record(worker, last)
    assert first.month == last  # stored as the 1st
    with pytest.raises(ValidationError) as caught:
        _record(worker, last + dt.timedelta(days=14))
    assert_invalid(caught, code="duplicate_month", field="month")
    assert worker.monthly_records.count() == 1


def test_editing_into_a_taken_month_is_refused(make_worker, today):
    worker = make_worker()
    last = add_months(today.replace(day=1), -1)
    _record(worker, last)
    other = _record(worker, add_months(last, -1))
    with pytest.raises(ValidationError) as caught:
        services.monthlyrecord_update(actor=None, monthlyrecord=other, month=last)
    assert_invalid(caught, code="duplicate_month", field="month")


@pytest.mark.parametrize(
    ("month", "code"),
    [(dt.date(2021, 2, 1), "before_hired"), (dt.date(2021, 3, 1), None)],
)
def test_no_record_before_the_hiring_month(make_worker, month, code):
    worker = make_worker(hired_on=dt.date(2021, 3, 20))
    if code:
        with pytest.raises(ValidationError) as caught:
            _record(worker, month)
        assert_invalid(caught, code=code, field="month")
    else:
        assert _record(worker, month)


def test_county_admin_cannot_write_another_countys_record(make_worker, user_named, today):
    worker = make_worker(slug="xiangshui")
    with pytest.raises(ValidationError) as caught:
        _record(worker, add_months(today.replace(day=1), -1), actor=user_named("sheyang_admin"))
    assert_invalid(caught, code="out_of_scope", field="worker")
    assert not worker.monthly_records.exists()


@pytest.mark.parametrize(
    ("month", "due"),
    [
        (dt.date(2025, 11, 1), dt.date(2025, 12, 5)),  # 30 Nov + 5 days
        (dt.date(2025, 2, 1), dt.date(2025, 3, 5)),  # 28 Feb + 5 days
        (dt.date(2024, 2, 1), dt.date(2024, 3, 5)),  # leap year: 29 Feb + 5
        # 30 Sep + 5 = 5 Oct, inside the National Day block 1–8 Oct 2025: rolls to 9 Oct
        (dt.date(2025, 9, 1), dt.date(2025, 10, 9)),
    ],
)
def test_due_date_comes_from_the_deadline_service(month, due):
    calendar_demo.load()
    assert selectors.monthly_record_due(month) == due


def test_missing_months_are_shown_with_overdue(make_worker):
    calendar_demo.load()
    worker = make_worker(hired_on=dt.date(2025, 6, 10))
    for month in (dt.date(2025, 6, 1), dt.date(2025, 8, 1)):
        services.monthlyrecord_create(
            actor=None, worker=worker, month=month, summary="走访", cases=0, visits=1
        )
    on = dt.date(2025, 12, 5)  # November's record is due today: not overdue yet
    missing = selectors.missing_months(worker, on=on)
    assert [m.month for m in missing] == [
        dt.date(2025, 11, 1),
        dt.date(2025, 10, 1),
        dt.date(2025, 9, 1),
        dt.date(2025, 7, 1),
    ]
    assert [m.overdue for m in missing] == [False, True, True, True]
    assert missing[2].due == dt.date(2025, 10, 9)
    assert not selectors.missing_months(worker, on=dt.date(2025, 12, 6))[0].due > dt.date(
        2025, 12, 5
    )
    assert selectors.missing_months(worker, on=dt.date(2025, 12, 6))[0].overdue


def test_records_due_from_a_later_month_than_hiring(make_worker):
    worker = make_worker(hired_on=dt.date(2020, 5, 1), monthly_records_from=dt.date(2025, 10, 1))
    missing = selectors.missing_months(worker, on=dt.date(2025, 12, 20))
    assert [m.month for m in missing] == [dt.date(2025, 11, 1), dt.date(2025, 10, 1)]


def test_last_months_missing_record_is_a_todo_until_written(make_worker, api_as, today):
    calendar_demo.load()
    worker = make_worker(name="罗佳", hired_on=dt.date(2022, 1, 1))
    api = api_as("tinghu_admin")

    def items():
        body = api.get("/api/v1/todos/", {"page_size": 500}).json()
        return [i for i in body["results"] if i["kind"] == "socialwork.monthly_record_due"]

    mine = [i for i in items() if "罗佳" in i["title"]]
    assert len(mine) == 1
    last = add_months(today.replace(day=1), -1)
    assert mine[0]["due"].startswith(selectors.monthly_record_due(last).isoformat())
    assert mine[0]["url"].endswith(f"/socialwork/archives/{worker.pk}/")
    # another county's administrator never sees it
    other = api_as("sheyang_admin").get("/api/v1/todos/", {"page_size": 500}).json()
    assert not any("罗佳" in i["title"] for i in other["results"])
    _record(worker, last)
    assert not [i for i in items() if "罗佳" in i["title"]]
