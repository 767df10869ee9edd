"""The check-in hot path (issue 8): the compiled schedule and the device keys cached per
process must never outlive a change — made through this process (signals, services) or
through another one (only the database knows) — and one check-in costs one SQL statement on
PostgreSQL. Each test starts as a fresh process (conftest)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from unionhub.core.testing.assertions import assert_invalid
from unionhub.stations import choices, schedule, services
from unionhub.stations.api.serializers import (
    CheckInInputSerializer,
    CheckInSerializer,
    checkin_body,
    checkin_input_fast,
)
from unionhub.stations.models import CheckIn, Device, ScheduleException, ScheduleWindow, Station
from unionhub.stations.tests.conftest import always_open, make_station

pytestmark = pytest.mark.django_db
URL = "/api/v1/stations/{}/checkins/"
POSTGRES = connection.vendor == "postgresql"


def body(**kw):
    data = {"event_id": str(uuid.uuid4()), "occupation": "courier"}
    data["phone"] = f"139{uuid.UUID(data['event_id']).int % 10**8:08d}"  # a new visitor
    data.update(kw)
    return data


@pytest.fixture
def device_api(open_station):
    device, key = services.device_create(
        actor=None, station=open_station, name="扫码器", kind="scanner"
    )
    api = APIClient()

    def post(station=open_station, **kw):
        return api.post(URL.format(station.pk), body(**kw), format="json", HTTP_X_DEVICE_KEY=key)

    post.device, post.key, post.station = device, key, open_station
    assert post().status_code == 201  # the key and the schedule are now cached
    assert post().status_code == 201  # … and used
    return post


def _today():
    return schedule.local(timezone.now()).date()


def _close_today_in_this_process(station):
    services.schedule_exception_set(actor=None, station=station, date=_today(), reason="停水检修")


def _close_today_in_another_process(station):
    # Another gunicorn worker or server: rows and stamp change, this process hears nothing.
    ScheduleException.objects.bulk_create(
        [ScheduleException(station=station, date=_today(), closed=True, reason="停水检修")]
    )
    Station.objects.filter(pk=station.pk).update(updated_at=timezone.now())


def _windows_replaced_by_night_only(station):
    # Open only 03:00–03:01 every day: closed at almost any time a test runs.
    t = dt.time
    services.schedule_set(
        actor=None,
        station=Station.objects.get(pk=station.pk),
        windows=[schedule.Window(d, t(3, 0), t(3, 1), choices.Mode.MANNED) for d in range(7)],
    )


def _windows_deleted_one_by_one(station):
    for w in ScheduleWindow.objects.filter(station=station):
        w.delete()  # as the window delete page does


def _window_edited(station):
    # As the window edit page does: each day's 24-hour window shrinks to 03:00–03:01.
    for w in ScheduleWindow.objects.filter(station=station):
        w.start, w.end = dt.time(3, 0), dt.time(3, 1)
        w.save()


@pytest.mark.parametrize(
    "change",
    [
        _close_today_in_this_process,
        _close_today_in_another_process,
        _windows_replaced_by_night_only,
        _windows_deleted_one_by_one,
        _window_edited,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_schedule_change_applies_to_the_next_checkin(device_api, change):
    if timezone.now().astimezone(schedule.SHANGHAI).time() < dt.time(3, 2):
        pytest.skip("the replacement schedule is open right now")
    change(device_api.station)
    refused = device_api()
    assert refused.status_code == 400, refused.content
    assert list(refused.json()) == ["at"]
    with pytest.raises(ValidationError) as exc:  # … because the station is closed then
        services.checkin_record(
            actor=None,
            station=Station.objects.get(pk=device_api.station.pk),
            phone="13900000001",
            occupation="courier",
        )
    assert_invalid(exc, field="at", code="closed")


def test_removing_the_closure_reopens_at_once(device_api):
    _close_today_in_this_process(device_api.station)
    assert device_api().status_code == 400
    ScheduleException.objects.get(station=device_api.station).delete()
    assert device_api().status_code == 201


def test_reopening_in_another_process_applies_at_once(device_api):
    _close_today_in_another_process(device_api.station)
    assert device_api().status_code == 400
    ScheduleException.objects.filter(station=device_api.station).delete()  # elsewhere:
    Station.objects.filter(pk=device_api.station.pk).update(updated_at=timezone.now())
    assert device_api().status_code == 201


@pytest.mark.parametrize("elsewhere", [False, True], ids=["this-process", "other-process"])
def test_station_taken_out_of_service_refuses_at_once(device_api, elsewhere):
    station = Station.objects.get(pk=device_api.station.pk)
    if elsewhere:
        Station.objects.filter(pk=station.pk).update(is_active=False, updated_at=timezone.now())
    else:
        station.is_active = False
        station.save()
    r = device_api()
    assert r.status_code == 400 and list(r.json()) == ["station"]
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(
            actor=None,
            station=Station.objects.get(pk=station.pk),
            phone="13900000001",
            occupation="courier",
        )
    assert_invalid(exc, field="station", code="inactive")


@pytest.mark.parametrize("elsewhere", [False, True], ids=["this-process", "other-process"])
@pytest.mark.parametrize("how", ["deactivated", "deleted"])
def test_revoked_device_key_is_refused_at_once(device_api, how, elsewhere):
    device = Device.objects.get(pk=device_api.device.pk)
    if how == "deactivated":
        if elsewhere:
            Device.objects.filter(pk=device.pk).update(is_active=False)
        else:
            device.is_active = False
            device.save()
    elif elsewhere:  # what another process's delete does, without this process's signals
        CheckIn.objects.filter(device=device).update(device=None)
        Device.objects.filter(pk=device.pk)._raw_delete(connection.alias)
    else:
        device.delete()
    before = CheckIn.objects.count()
    r = device_api()
    assert r.status_code == 401 and r["WWW-Authenticate"] == "X-Device-Key"
    assert CheckIn.objects.count() == before


def test_device_moved_to_another_station_is_refused_at_once(device_api, demo):
    other = make_station("T-MOVED", windows=always_open())
    Device.objects.filter(pk=device_api.device.pk).update(station=other)  # elsewhere
    assert device_api().status_code == 403
    assert device_api(station=other).status_code == 201


@pytest.mark.parametrize(
    "payload, status, counted",
    [
        ("same event, same content", 200, False),
        ("same event, other content", 409, None),
        ("same visitor 3 minutes later", 200, False),
    ],
)
def test_repeats_through_the_cached_path(device_api, payload, status, counted):
    at = timezone.now() - dt.timedelta(minutes=5)
    first = body(at=at.isoformat())
    api = APIClient()
    url = URL.format(device_api.station.pk)
    headers = {"HTTP_X_DEVICE_KEY": device_api.key}
    created = api.post(url, first, format="json", **headers)
    assert created.status_code == 201
    again = {
        "same event, same content": first,
        "same event, other content": {**first, "occupation": "sanitation"},
        "same visitor 3 minutes later": {
            **first,
            "event_id": str(uuid.uuid4()),
            "at": (at + dt.timedelta(minutes=3)).isoformat(),
        },
    }[payload]
    r = api.post(url, again, format="json", **headers)
    assert r.status_code == status, r.content
    if counted is not None:
        assert r.json()["id"] == created.json()["id"] and r.json()["counted"] is counted


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"phone": "1234"}, "phone"),
        ({"phone": "", "member_code": ""}, "phone"),
        ({"occupation": "pilot"}, "occupation"),
        ({"event_id": "not-a-uuid"}, "event_id"),
        ({"at": "yesterday"}, "at"),
        ({"phone": None}, "phone"),
        ({"phone": "1" * 21}, "phone"),
    ],
)
def test_bad_device_input_is_400_in_chinese(device_api, payload, field):
    before = CheckIn.objects.count()
    r = device_api(**payload)
    assert r.status_code == 400 and field in r.json(), r.content
    assert CheckIn.objects.count() == before


def test_one_statement_per_device_checkin(device_api):
    """PostgreSQL: the insert is the only statement (it also confirms the cached key and the
    schedule stamp). SQLite: key, event id and recent-visit look-ups, insert in a savepoint."""
    with CaptureQueriesContext(connection) as ctx:
        assert device_api().status_code == 201
    assert len(ctx.captured_queries) == (1 if POSTGRES else 6), [
        q["sql"] for q in ctx.captured_queries
    ]


def test_a_new_process_reads_key_and_schedule_once(open_station):
    _device, key = services.device_create(
        actor=None, station=open_station, name="门禁", kind="door"
    )
    api = APIClient()
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            r = api.post(URL.format(open_station.pk), body(), format="json", HTTP_X_DEVICE_KEY=key)
        assert r.status_code == 201
        counts.append(len(ctx.captured_queries))
    # key + weekly windows + exceptions + insert, then the insert alone
    assert counts == ([4, 1, 1] if POSTGRES else [8, 6, 6])


def test_fast_answer_equals_the_drf_answer(device_api):
    fast = device_api()
    # A query string sends the same request through the full DRF cycle.
    api = APIClient()
    full = api.post(
        URL.format(device_api.station.pk) + "?via=drf",
        body(),
        format="json",
        HTTP_X_DEVICE_KEY=device_api.key,
    )
    assert (fast.status_code, full.status_code) == (201, 201)
    for header in ("Content-Type", "Allow", "Vary"):
        assert fast.get(header) == full.get(header), header
    a, b = fast.json(), full.json()
    assert {k: type(v) for k, v in a.items()} == {k: type(v) for k, v in b.items()}
    assert a["source"] == b["source"] == "device" and a["counted"] is b["counted"] is True


def test_checkin_body_equals_the_serializer(open_station):
    new = services.checkin_record(
        actor=None, station=open_station, phone="13812345678", occupation="courier", source="device"
    ).checkin
    for row in (new, CheckIn.objects.get(pk=new.pk)):
        assert checkin_body(row, counted=True) == {
            **CheckInSerializer(row).data,
            "counted": True,
        }


@pytest.mark.parametrize(
    "data",
    [
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "phone": " 13812345678 "},
        {"event_id": "6F1C8C520F4B4A5E9D388A3B1C1F2E10", "member_code": "abc", "phone": ""},
        {
            "event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10",
            "occupation": "courier",
            "at": "2026-06-01T08:00:00",
            "ignored": [1],
        },
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "at": "2026-06-01T00:00:00Z"},
    ],
)
def test_fast_input_equals_the_serializer(data):
    checked = CheckInInputSerializer(data=data)
    assert checked.is_valid(), checked.errors
    assert checkin_input_fast(data) == checked.validated_data


@pytest.mark.parametrize(
    "data",
    [
        {"event_id": 123},
        {"event_id": "x"},
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "phone": 13812345678},
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "phone": "１３８"},
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "phone": "1" * 21},
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "occupation": "pilot"},
        {"event_id": "6f1c8c52-0f4b-4a5e-9d38-8a3b1c1f2e10", "at": "soon"},
        ["not", "a", "dict"],
    ],
)
def test_unusual_input_is_left_to_the_serializer(data):
    assert checkin_input_fast(data) is None


# --- the device check-in lane (stations/middleware.py, issue 20) -----------------------------


def test_lane_pattern_is_the_checkin_route():
    from django.urls import reverse

    from unionhub.stations.middleware import CHECKIN_PATH

    url = reverse("stations-station-checkins", kwargs={"pk": 4711})
    assert CHECKIN_PATH.fullmatch(url)[1] == "4711"
    assert CHECKIN_PATH.fullmatch(url + "x") is None
    assert CHECKIN_PATH.fullmatch(reverse("stations-nearby")) is None


def test_lane_answer_has_the_headers_of_the_full_stack(device_api):
    """The lane leaves out only middleware with nothing to do for a device: its 201 carries
    exactly the headers (security, CSP, frame options, permissions policy, language) of the
    same fast path behind the whole middleware stack."""
    from django.conf import settings
    from django.test import override_settings

    lane = device_api()
    without = [m for m in settings.MIDDLEWARE if not m.endswith("DeviceCheckInLane")]
    assert len(without) == len(settings.MIDDLEWARE) - 1
    with override_settings(MIDDLEWARE=without):
        full = APIClient().post(
            URL.format(device_api.station.pk),
            body(),
            format="json",
            HTTP_X_DEVICE_KEY=device_api.key,
        )
    assert (lane.status_code, full.status_code) == (201, 201)
    skip = {"Content-Length"}
    assert {k: v for k, v in lane.headers.items() if k not in skip} == {
        k: v for k, v in full.headers.items() if k not in skip
    }
    assert lane.json().keys() == full.json().keys()
    assert "Set-Cookie" not in lane.headers  # no session, no CSRF cookie for a device


def test_lane_declines_to_the_full_stack(device_api):
    """A repeat of an event goes through the full stack (200 with the earlier record), and a
    request without a device key is not the lane's: the phone page still needs its session."""
    again = body()
    first = device_api(**again)
    repeat = APIClient().post(
        URL.format(device_api.station.pk), again, format="json", HTTP_X_DEVICE_KEY=device_api.key
    )
    assert (first.status_code, repeat.status_code) == (201, 200)
    assert repeat.json()["id"] == first.json()["id"]
    anonymous = APIClient().post(URL.format(device_api.station.pk), body(), format="json")
    assert anonymous.status_code in (401, 403)
