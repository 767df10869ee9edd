"""Opening hours in bulk (issue #21): 每天 / 工作日 / 复制到全周 through one service call and
one audit entry; Chinese refusals for close-before-open and overlapping ranges."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from unionhub.core.models import ChangeRecord
from unionhub.stations.forms import WeekHoursForm
from unionhub.stations.models import ScheduleWindow
from unionhub.stations.tests.samples import station_in

pytestmark = pytest.mark.django_db


def _week(station) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {d: [] for d in range(7)}
    for w in ScheduleWindow.objects.filter(station=station).order_by("weekday", "start"):
        found[w.weekday].append(f"{w.start:%H:%M}-{w.end:%H:%M} {w.mode}")
    return found


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"start_1": "18:00", "end_1": "06:30"}, "end_1", "close_before_open"),
        ({"start_1": "08:00", "end_1": "08:00"}, "end_1", "close_before_open"),
        (
            {"start_1": "08:00", "end_1": "18:00", "overnight_1": "on"},
            "overnight_1",
            "not_overnight",
        ),
        ({"start_1": "08:00"}, "end_1", "incomplete"),
        (
            {"start_1": "06:30", "end_1": "18:00", "start_2": "17:00", "end_2": "21:30"},
            "start_2",
            "overlap",
        ),
        (
            {
                "start_1": "20:00",
                "end_1": "02:00",
                "overnight_1": "on",
                "start_2": "23:00",
                "end_2": "23:30",
            },
            "start_2",
            "overlap",
        ),
        ({}, "start_1", "no_ranges"),
        ({"apply_to": "copy"}, "copy_from", "required"),
    ],
)
def test_form_refusals(data, field, code):
    payload = {"apply_to": "every_day", "mode_1": "manned", "mode_2": "unmanned", **data}
    form = WeekHoursForm(payload)
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()[field]] == [code]


def test_messages_are_chinese_sentences():
    form = WeekHoursForm({"apply_to": "every_day", "start_1": "18:00", "end_1": "06:30"})
    form.is_valid()
    assert form.errors["end_1"] == [
        "关门时间 06:30 不晚于开门时间 18:00；营业到次日的时段请勾选“次日关门”。"
    ]


def test_every_day_then_workdays_then_copy(demo, client_as):
    station = station_in("sheyang")
    client = client_as("sheyang_admin")
    url = reverse("stations:station_hours", args=[station.pk])
    assert client.get(url).status_code == 200
    before = ChangeRecord.objects.count()
    response = client.post(
        url,
        {
            "apply_to": "every_day",
            "start_1": "06:30",
            "end_1": "18:00",
            "mode_1": "manned",
            "start_2": "18:00",
            "end_2": "21:30",
            "mode_2": "unmanned",
        },
    )
    assert response.status_code == 302
    week = _week(station)
    assert all(week[d] == ["06:30-18:00 manned", "18:00-21:30 unmanned"] for d in range(7))
    entries = ChangeRecord.objects.filter(pk__gt=0).order_by("-pk")[
        : ChangeRecord.objects.count() - before
    ]
    assert [e.model_name for e in entries if e.model_name == "station"] == ["station"]

    client.post(
        url, {"apply_to": "workdays", "start_1": "08:00", "end_1": "17:00", "mode_1": "manned"}
    )
    week = _week(station)
    assert all(week[d] == ["08:00-17:00 manned"] for d in range(5))
    assert week[5] == week[6] == ["06:30-18:00 manned", "18:00-21:30 unmanned"]

    client.post(url, {"apply_to": "copy", "copy_from": "5"})
    week = _week(station)
    assert all(week[d] == ["06:30-18:00 manned", "18:00-21:30 unmanned"] for d in range(7))


def test_a_range_past_midnight_clashing_with_the_next_morning_is_refused(demo, client_as):
    station = station_in("sheyang")
    client = client_as("sheyang_admin")
    url = reverse("stations:station_hours", args=[station.pk])
    client.post(
        url, {"apply_to": "every_day", "start_1": "06:00", "end_1": "12:00", "mode_1": "manned"}
    )
    kept = _week(station)
    response = client.post(
        url,
        {
            "apply_to": "workdays",
            "start_1": "20:00",
            "end_1": "07:00",
            "overnight_1": "on",
            "mode_1": "unmanned",
        },
    )
    assert response.status_code == 400
    assert "开放时段重叠" in response.content.decode()
    assert _week(station) == kept  # nothing written


def test_another_countys_station_is_a_404(demo, client_as):
    station = station_in("xiangshui")
    url = reverse("stations:station_hours", args=[station.pk])
    assert client_as("sheyang_admin").get(url).status_code == 404
    assert client_as("sheyang_admin").post(url, {"apply_to": "every_day"}).status_code == 404
    assert dt  # keep the import for the time helpers above
