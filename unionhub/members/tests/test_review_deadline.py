"""The 15-day review of a join application ends on a day computed by the one deadline
service: start day not counted, a last day inside a public-holiday block rolls to the day
after it (民法典 art. 201, 203). The overdue count on the members pages agrees with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from unionhub.core.calendar import demo as holidays_demo
from unionhub.members.models import JoinApplication
from unionhub.members.selectors import _latest_overdue_submission_day

D = dt.date


def _submitted(day: dt.date) -> JoinApplication:
    return JoinApplication(created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))))


@pytest.fixture
def holidays(db):
    holidays_demo.load()


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (D(2025, 3, 3), D(2025, 3, 18)),  # plain 15 days
        (D(2025, 9, 15), D(2025, 9, 30)),  # the day before the National Day block
        (D(2025, 9, 16), D(2025, 10, 9)),  # 10-01 falls in 10-01…10-08: rolled to 10-09
        (D(2025, 9, 23), D(2025, 10, 9)),  # 10-08, the block's last day: rolled as well
        (D(2025, 9, 24), D(2025, 10, 9)),  # 10-09 itself: a working day
        (D(2025, 1, 20), D(2025, 2, 5)),  # 02-04 in the Spring Festival block (01-28…02-04)
    ],
)
def test_review_period_last_day(holidays, submitted, due):
    assert _submitted(submitted).due_on() == due


@pytest.mark.parametrize(
    ("today", "latest_overdue"),
    [
        (D(2025, 3, 19), D(2025, 3, 3)),  # due 03-18 < 03-19
        (D(2025, 10, 1), D(2025, 9, 15)),  # 09-16's period runs to 10-09
        (D(2025, 10, 9), D(2025, 9, 15)),  # 10-09 is still inside 09-16…09-24's periods
        (D(2025, 10, 10), D(2025, 9, 24)),
    ],
)
def test_overdue_split_matches_the_last_days(holidays, today, latest_overdue):
    day = _latest_overdue_submission_day(today)
    assert day == latest_overdue
    assert _submitted(day).due_on() < today
    assert _submitted(day + dt.timedelta(days=1)).due_on() >= today
