"""Opening hours: table-driven, Asia/Shanghai, across midnight, exceptions and boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from unionhub.stations import schedule
from unionhub.stations.schedule import Exception_, Window

SH = schedule.SHANGHAI
T = dt.time.fromisoformat


def at(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).replace(tzinfo=SH)


# 响水: every day 06:30–18:00 manned, 18:00–21:30 unmanned. 2026-06-01 is a Monday.
XIANGSHUI = [
    w
    for d in range(7)
    for w in (
        Window(d, T("06:30"), T("18:00"), "manned"),
        Window(d, T("18:00"), T("21:30"), "unmanned"),
    )
]
# Night station: Friday 22:00 → Saturday 02:00 (crosses midnight), unmanned.
NIGHT = [Window(4, T("22:00"), T("02:00"), "unmanned")]
# 24 hours on Sunday (start == end).
H24_SUNDAY = [Window(6, T("00:00"), T("00:00"), "manned")]
# Saturday → Monday wrap-around of the week: Sunday 23:00 – Monday 01:00.
WEEK_WRAP = [Window(6, T("23:00"), T("01:00"), "unmanned")]

HOLIDAY = {dt.date(2026, 6, 2): Exception_(dt.date(2026, 6, 2), True)}
SPECIAL = {
    dt.date(2026, 6, 3): Exception_(dt.date(2026, 6, 3), False, T("10:00"), T("14:00"), "unmanned")
}
NIGHT_HOLIDAY_SAT = {dt.date(2026, 6, 6): Exception_(dt.date(2026, 6, 6), True)}
NIGHT_HOLIDAY_FRI = {dt.date(2026, 6, 5): Exception_(dt.date(2026, 6, 5), True)}


@pytest.mark.parametrize(
    "windows, exceptions, when, is_open, mode",
    [
        (XIANGSHUI, {}, "2026-06-01T06:29:59", False, "closed"),
        (XIANGSHUI, {}, "2026-06-01T06:30:00", True, "manned"),  # opening boundary inclusive
        (XIANGSHUI, {}, "2026-06-01T17:59:59", True, "manned"),
        (XIANGSHUI, {}, "2026-06-01T18:00:00", True, "unmanned"),  # hand-over to unmanned
        (XIANGSHUI, {}, "2026-06-01T21:29:59", True, "unmanned"),
        (XIANGSHUI, {}, "2026-06-01T21:30:00", False, "closed"),  # closing boundary exclusive
        (XIANGSHUI, {}, "2026-06-01T03:00:00", False, "closed"),
        (XIANGSHUI, HOLIDAY, "2026-06-02T12:00:00", False, "closed"),  # holiday closure
        (XIANGSHUI, HOLIDAY, "2026-06-01T12:00:00", True, "manned"),  # day before unaffected
        (XIANGSHUI, SPECIAL, "2026-06-03T09:59:00", False, "closed"),  # special hours replace
        (XIANGSHUI, SPECIAL, "2026-06-03T10:00:00", True, "unmanned"),
        (XIANGSHUI, SPECIAL, "2026-06-03T14:00:00", False, "closed"),
        (NIGHT, {}, "2026-06-05T21:59:59", False, "closed"),
        (NIGHT, {}, "2026-06-05T22:00:00", True, "unmanned"),
        (NIGHT, {}, "2026-06-06T00:00:00", True, "unmanned"),  # midnight inside the window
        (NIGHT, {}, "2026-06-06T01:59:59", True, "unmanned"),
        (NIGHT, {}, "2026-06-06T02:00:00", False, "closed"),
        (
            NIGHT,
            NIGHT_HOLIDAY_SAT,
            "2026-06-06T01:00:00",
            True,
            "unmanned",
        ),  # Friday's shift continues
        (NIGHT, NIGHT_HOLIDAY_FRI, "2026-06-05T23:00:00", False, "closed"),
        (NIGHT, NIGHT_HOLIDAY_FRI, "2026-06-06T01:00:00", False, "closed"),
        (H24_SUNDAY, {}, "2026-06-07T00:00:00", True, "manned"),
        (H24_SUNDAY, {}, "2026-06-07T23:59:59", True, "manned"),
        (H24_SUNDAY, {}, "2026-06-08T00:00:00", False, "closed"),
        (WEEK_WRAP, {}, "2026-06-08T00:30:00", True, "unmanned"),  # Monday 00:30 from Sunday
        (WEEK_WRAP, {}, "2026-06-08T01:00:00", False, "closed"),
        ([], {}, "2026-06-01T12:00:00", False, "closed"),
    ],
)
def test_state_at(windows, exceptions, when, is_open, mode):
    state = schedule.state_at(windows, exceptions, at(when))
    assert (state.is_open, state.mode) == (is_open, mode)


def test_state_uses_shanghai_time_for_utc_instants():
    # 22:29 UTC on 31 May = 06:29 on 1 June in Shanghai (UTC+8, no DST): closed; one minute later open.
    utc = dt.UTC
    assert not schedule.state_at(
        XIANGSHUI, {}, dt.datetime(2026, 5, 31, 22, 29, tzinfo=utc)
    ).is_open
    assert schedule.state_at(XIANGSHUI, {}, dt.datetime(2026, 5, 31, 22, 30, tzinfo=utc)).is_open


@pytest.mark.parametrize("month", [1, 3, 7, 10, 11])
def test_no_daylight_saving_in_shanghai(month):
    offset = dt.datetime(2026, month, 15, 12, tzinfo=SH).utcoffset()
    assert offset == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    "windows, exceptions, when, expected",
    [
        (XIANGSHUI, {}, "2026-06-01T05:00:00", "2026-06-01T06:30:00"),
        (XIANGSHUI, {}, "2026-06-01T21:30:00", "2026-06-02T06:30:00"),
        (XIANGSHUI, {}, "2026-06-01T12:00:00", "2026-06-01T12:00:00"),  # open now → now
        (XIANGSHUI, HOLIDAY, "2026-06-01T22:00:00", "2026-06-03T06:30:00"),  # skips the holiday
        (XIANGSHUI, SPECIAL, "2026-06-02T22:00:00", "2026-06-03T10:00:00"),
        (NIGHT, {}, "2026-06-06T02:00:00", "2026-06-12T22:00:00"),
        (NIGHT, NIGHT_HOLIDAY_FRI, "2026-06-01T08:00:00", "2026-06-12T22:00:00"),
    ],
)
def test_next_opening(windows, exceptions, when, expected):
    assert schedule.next_opening_at(windows, exceptions, at(when)) == at(expected)


def test_next_opening_none_without_windows():
    assert schedule.next_opening_at([], {}, at("2026-06-01T12:00:00")) is None


@pytest.mark.parametrize(
    "windows, overlapping",
    [
        (XIANGSHUI, False),  # touching windows (18:00 end / 18:00 start) do not overlap
        (
            [
                Window(0, T("08:00"), T("12:00"), "manned"),
                Window(0, T("11:59"), T("13:00"), "manned"),
            ],
            True,
        ),
        (
            [
                Window(0, T("22:00"), T("02:00"), "manned"),
                Window(1, T("01:00"), T("05:00"), "manned"),
            ],
            True,
        ),
        (
            [
                Window(0, T("22:00"), T("02:00"), "manned"),
                Window(1, T("02:00"), T("05:00"), "manned"),
            ],
            False,
        ),
        (
            [
                Window(6, T("23:00"), T("01:00"), "manned"),
                Window(0, T("00:30"), T("06:00"), "manned"),
            ],
            True,
        ),  # week wrap
        (
            [
                Window(2, T("00:00"), T("00:00"), "manned"),
                Window(2, T("10:00"), T("11:00"), "manned"),
            ],
            True,
        ),
        (
            [
                Window(2, T("08:00"), T("09:00"), "manned"),
                Window(3, T("08:00"), T("09:00"), "manned"),
            ],
            False,
        ),
    ],
)
def test_windows_overlap(windows, overlapping):
    assert bool(schedule.windows_overlap(windows)) is overlapping


@pytest.mark.parametrize(
    "value, now, text",
    [
        ("2026-06-01T06:30:00", "2026-06-01T05:00:00", "今天 06:30"),
        ("2026-06-02T06:30:00", "2026-06-01T22:00:00", "明天 06:30"),
        ("2026-06-05T06:30:00", "2026-06-01T22:00:00", "6月5日 06:30"),
    ],
)
def test_format_opening(value, now, text):
    assert schedule.format_opening(at(value), at(now)) == text
