"""Crontab expressions → run times in Asia/Shanghai (cron's weekday numbering), and words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from unionhub.core.scheduler.cron import SHANGHAI, CronError, describe, next_run, previous_run


def sh(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


# 2026-06-01 is a Monday; 2026-06-07 a Sunday.
NEXT = [
    # cron, after (Shanghai), next run (Shanghai)
    ("* * * * *", "2026-06-01 10:00:00", "2026-06-01 10:01:00"),  # strictly after
    ("* * * * *", "2026-06-01 10:00:59.999999", "2026-06-01 10:01:00"),
    ("*/5 * * * *", "2026-06-01 10:01:00", "2026-06-01 10:05:00"),
    ("45 1 * * *", "2026-06-01 01:44:59", "2026-06-01 01:45:00"),
    ("45 1 * * *", "2026-06-01 01:45:00", "2026-06-02 01:45:00"),
    ("10 0 * * *", "2026-12-31 23:59:00", "2027-01-01 00:10:00"),  # across the year
    ("0 8 * * 1", "2026-06-01 08:00:00", "2026-06-08 08:00:00"),  # 1 = Monday (cron)
    ("0 8 * * 0", "2026-06-01 08:00:00", "2026-06-07 08:00:00"),  # 0 = Sunday (cron)
    ("0 8 * * 7", "2026-06-01 08:00:00", "2026-06-07 08:00:00"),  # 7 = Sunday too
    ("0 8 * * sun", "2026-06-01 08:00:00", "2026-06-07 08:00:00"),
    ("0 8 * * 1-5", "2026-06-05 08:00:00", "2026-06-08 08:00:00"),  # Fri → Mon
    ("0 8 * * 5-7", "2026-06-05 08:00:00", "2026-06-06 08:00:00"),  # Fri-Sun
    ("0 8 * * */2", "2026-06-01 09:00:00", "2026-06-02 08:00:00"),  # Sun, Tue, Thu, Sat
    ("0 2 31 * *", "2026-06-01 00:00:00", "2026-07-31 02:00:00"),  # June has no 31st
]


@pytest.mark.parametrize("cron, after, expected", NEXT)
def test_next_run(cron, after, expected):
    got = next_run(cron, sh(after))
    assert got == sh(expected)
    assert got.utcoffset() == dt.timedelta(hours=8)


def test_next_run_reads_the_expression_in_shanghai_whatever_the_given_zone():
    # 17:44 UTC on 31 May is 01:44 on 1 June in Shanghai.
    after = dt.datetime(2026, 5, 31, 17, 44, tzinfo=dt.UTC)
    assert next_run("45 1 * * *", after) == sh("2026-06-01 01:45:00")


PREVIOUS = [
    # the period a moment falls in: the latest run at or before it
    ("* * * * *", "2026-06-01 10:00:00", "2026-06-01 10:00:00"),  # at the run itself
    ("* * * * *", "2026-06-01 10:00:59.9", "2026-06-01 10:00:00"),
    ("45 1 * * *", "2026-06-01 01:44:59", "2026-05-31 01:45:00"),
    ("45 1 * * *", "2026-06-01 01:45:00", "2026-06-01 01:45:00"),
    ("45 1 * * *", "2026-06-01 23:00:00", "2026-06-01 01:45:00"),
    ("0 8 * * 1", "2026-06-07 23:59:00", "2026-06-01 08:00:00"),  # a week back
    ("0 2 31 * *", "2026-07-30 00:00:00", "2026-05-31 02:00:00"),  # two months back
    ("0 0 1 1 *", "2026-06-01 00:00:00", "2026-01-01 00:00:00"),  # yearly
]


@pytest.mark.parametrize("cron, at, expected", PREVIOUS)
def test_previous_run(cron, at, expected):
    assert previous_run(cron, sh(at)) == sh(expected)


@pytest.mark.parametrize(
    "cron",
    [
        "* * * *",  # four fields
        "* * * * * *",  # six
        "61 * * * *",
        "0 25 * * *",
        "0 8 * * 8",
        "0 8 * * mon-fri-sat",
        "0 8 5-1 * *",
        "0 8 1 * 1",  # day of month and weekday: cron ORs them, APScheduler ANDs them
    ],
)
def test_bad_expressions_are_refused(cron):
    with pytest.raises(CronError):
        next_run(cron, sh("2026-06-01 00:00:00"))


@pytest.mark.parametrize(
    "cron, words",
    [
        ("* * * * *", "every minute"),
        ("*/5 * * * *", "every 5 minutes"),
        ("7 * * * *", "every hour at minute 7"),
        ("45 1 * * *", "every day at 01:45"),
        ("0 8 * * 1-5", "every weekday (Monday to Friday) at 08:00"),
        ("0 8 * * 0,6", "every Sunday、Saturday at 08:00"),
        ("0 2 1 * *", "on day 1 of every month at 02:00"),
        ("0 2 1 1 *", "crontab 0 2 1 1 * (Asia/Shanghai)"),
    ],
)
def test_schedule_in_words(cron, words):
    with translation.override("en"):
        assert describe(cron) == words


def test_schedule_in_words_is_chinese_by_default():
    with translation.override("zh-hans"):
        assert describe("45 1 * * *") != "every day at 01:45"
