"""Check-ins: API contract (201/200/409/400), closed station, 10-minute dedupe, device keys,
desk staff, the phone-page session, pseudonymous visitors and query counts."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from unionhub.stations import choices, services
from unionhub.stations.models import CheckIn
from unionhub.stations.tests.conftest import local_today_at, make_station

pytestmark = pytest.mark.django_db
URL = "/api/v1/stations/{}/checkins/"


def body(**kw):
    data = {"event_id": str(uuid.uuid4()), "phone": "13812345678", "occupation": "courier"}
    data.update(kw)
    return data


def test_desk_checkin_created_then_same_event_is_200(open_station, api_as):
    api = api_as("xiangshui_admin")
    data = body()
    first = api.post(URL.format(open_station.pk), data, format="json")
    assert first.status_code == 201, first.content
    again = api.post(URL.format(open_station.pk), data, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert CheckIn.objects.filter(station=open_station).count() == 1
    assert first.json()["source"] == "desk"


def test_same_event_id_other_content_is_409(open_station, api_as):
    api = api_as("xiangshui_admin")
    data = body()
    assert api.post(URL.format(open_station.pk), data, format="json").status_code == 201
    conflict = api.post(
        URL.format(open_station.pk), {**data, "occupation": "sanitation"}, format="json"
    )
    assert conflict.status_code == 409
    assert "event_id" in conflict.json()
    assert CheckIn.objects.count() == 1


def test_closed_station_refused_with_next_opening(station, api_as):
    at = local_today_at("03:00")
    r = api_as("xiangshui_admin").post(
        URL.format(station.pk), body(at=at.isoformat()), format="json"
    )
    assert r.status_code == 400
    message = r.json()["at"][0]
    assert "06:30" in message  # the reason names the next opening time
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "minutes_later, counted",
    [(0, False), (5, False), (9, False), (10, True), (11, True)],
)
def test_same_visitor_within_10_minutes_counts_once(open_station, minutes_later, counted):
    t0 = local_today_at("10:00")
    first = services.checkin_record(
        actor=None, station=open_station, phone="13812345678", occupation="courier", at=t0
    )
    second = services.checkin_record(
        actor=None,
        station=open_station,
        phone="138 1234 5678",
        occupation="courier",
        at=t0 + dt.timedelta(minutes=minutes_later),
    )
    assert first.created
    assert second.created is counted
    if not counted:
        assert second.checkin.pk == first.checkin.pk
    assert CheckIn.objects.count() == (2 if counted else 1)


def test_dedupe_returns_200_through_api(open_station, api_as):
    api = api_as("xiangshui_admin")
    t0 = local_today_at("10:00")
    a = api.post(URL.format(open_station.pk), body(at=t0.isoformat()), format="json")
    b = api.post(
        URL.format(open_station.pk),
        body(at=(t0 + dt.timedelta(minutes=3)).isoformat()),
        format="json",
    )
    assert (a.status_code, b.status_code) == (201, 200)
    assert b.json()["id"] == a.json()["id"] and b.json()["counted"] is False


def test_phone_is_never_stored_in_clear(open_station):
    services.checkin_record(
        actor=None, station=open_station, phone="13812345678", occupation="courier"
    )
    row = CheckIn.objects.get()
    assert "13812345678" not in row.visitor and len(row.visitor) == 64
    assert row.visitor == services.visitor_token("phone", "13812345678")


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"phone": "1234"}, "phone"),
        ({"phone": "", "member_code": ""}, "phone"),
        ({"occupation": "pilot"}, "occupation"),
        ({"event_id": "not-a-uuid"}, "event_id"),
        ({"at": "yesterday"}, "at"),
    ],
)
def test_bad_input_is_400_in_chinese(open_station, api_as, payload, field):
    r = api_as("xiangshui_admin").post(URL.format(open_station.pk), body(**payload), format="json")
    assert r.status_code == 400
    assert field in r.json()
    assert not CheckIn.objects.exists()


def test_member_code_without_members_service_is_clear_400(open_station, api_as, monkeypatch):
    import importlib

    try:
        members_services = importlib.import_module("unionhub.members.services")
    except ImportError:
        pass  # no members module at all: the guarded import already fails
    else:
        monkeypatch.delattr(members_services, "member_code_verify", raising=False)
    r = api_as("xiangshui_admin").post(
        URL.format(open_station.pk),
        {"event_id": str(uuid.uuid4()), "member_code": "abc", "occupation": "courier"},
        format="json",
    )
    assert r.status_code == 400
    assert list(r.json()) == ["member_code"]


def test_unknown_station_is_404(api_as, demo):
    assert (
        api_as("xiangshui_admin").post(URL.format(999999), body(), format="json").status_code == 404
    )


def test_other_county_staff_gets_404(open_station, api_as):
    assert (
        api_as("sheyang_admin").post(URL.format(open_station.pk), body(), format="json").status_code
        == 404
    )


def test_device_key(open_station):
    device, key = services.device_create(actor=None, station=open_station, name="门禁", kind="door")
    api = APIClient()
    ok = api.post(URL.format(open_station.pk), body(), format="json", HTTP_X_DEVICE_KEY=key)
    assert ok.status_code == 201 and ok.json()["source"] == "device"
    wrong = api.post(
        URL.format(open_station.pk), body(), format="json", HTTP_X_DEVICE_KEY="uhd_wrong"
    )
    assert wrong.status_code == 401
    other = make_station(
        "T-OTHER", windows=services.daily_windows(manned=("00:00", "00:00"), unmanned=None)
    )
    foreign = api.post(URL.format(other.pk), body(), format="json", HTTP_X_DEVICE_KEY=key)
    assert foreign.status_code == 403
    assert CheckIn.objects.count() == 1
    assert device.key_hash != key and key not in device.key_hash


def test_anonymous_needs_phone_page_session(open_station, client):
    r = client.post(URL.format(open_station.pk), body(), content_type="application/json")
    assert r.status_code in (401, 403)
    client.get(f"/stations/s/{open_station.code}/")
    r = client.post(URL.format(open_station.pk), body(), content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["source"] == "phone"


def test_user_without_permission_is_403(open_station):
    from unionhub.accounts.demo import ensure_user
    from unionhub.org.demo import county_union

    worker = ensure_user("xiangshui_worker_t", "测试职工", county_union("xiangshui"), ["worker"])
    api = APIClient()
    api.force_authenticate(worker)
    assert api.post(URL.format(open_station.pk), body(), format="json").status_code == 403
    assert not CheckIn.objects.exists()


def test_checkin_hot_path_is_lean(open_station):
    device, key = services.device_create(actor=None, station=open_station, name="门禁", kind="door")
    api = APIClient()
    api.post(URL.format(open_station.pk), body(), format="json", HTTP_X_DEVICE_KEY=key)  # warm up
    with CaptureQueriesContext(connection) as ctx:
        r = api.post(
            URL.format(open_station.pk),
            body(phone="13900000000"),
            format="json",
            HTTP_X_DEVICE_KEY=key,
        )
    assert r.status_code == 201
    assert len(ctx.captured_queries) <= 8, [q["sql"] for q in ctx.captured_queries]


def test_get_lists_station_checkins_scoped(open_station, api_as):
    services.checkin_record(
        actor=None, station=open_station, phone="13812345678", occupation="courier"
    )
    assert api_as("xiangshui_admin").get(URL.format(open_station.pk)).json()["count"] == 1
    assert api_as("sheyang_admin").get(URL.format(open_station.pk)).status_code == 404


def test_station_api_fields(open_station, api_as, django_assert_max_num_queries):
    make_station("T-002")
    make_station("T-003")
    with django_assert_max_num_queries(12):
        r = api_as("xiangshui_admin").get("/api/v1/stations/")
    rows = {row["code"]: row for row in r.json()["results"]}
    assert rows["T-24H"]["is_open_now"] is True and rows["T-24H"]["mode_now"] == "manned"
    assert rows["T-24H"]["kind"] == "self_built" and rows["T-24H"]["region"].startswith("320921")
    assert "T-24H" not in {
        row["code"] for row in api_as("sheyang_admin").get("/api/v1/stations/").json()["results"]
    }


def test_occupation_codes_match_contract():
    assert choices.Occupation.values == [
        "truck_driver",
        "sanitation",
        "courier",
        "delivery_rider",
        "ride_hailing",
        "construction",
        "landscaping",
        "other",
    ]


def test_member_code_checkin(open_station, api_as):
    members_services = pytest.importorskip("unionhub.members.services")
    member_samples = pytest.importorskip("unionhub.members.tests.samples")
    if not hasattr(members_services, "member_code_token"):
        pytest.skip("members module has no member codes yet")
    member = member_samples.member_in("xiangshui")
    token = members_services.member_code_token(member=member)
    api = api_as("xiangshui_admin")
    r = api.post(
        URL.format(open_station.pk),
        {"event_id": str(uuid.uuid4()), "member_code": token, "occupation": "courier"},
        format="json",
    )
    assert r.status_code == 201, r.content
    row = CheckIn.objects.get()
    assert row.is_member and row.visitor == services.visitor_token("member", str(member.pk))
    bad = api.post(
        URL.format(open_station.pk),
        {"event_id": str(uuid.uuid4()), "member_code": "forged", "occupation": "courier"},
        format="json",
    )
    assert bad.status_code == 400 and "member_code" in bad.json()


def test_station_api_create_in_scope_only(demo, api_as):
    payload = {
        "name": "接口新建驿站",
        "code": "API-1",
        "kind": "partner",
        "region": "320921100",
        "address": "响水镇1号",
        "lat": "34.2",
        "lng": "119.57",
        "is_smart": False,
        "facilities": ["water", "toilet"],
    }
    ok = api_as("xiangshui_admin").post("/api/v1/stations/", payload, format="json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["mode_now"] == "closed" and ok.json()["is_open_now"] is False
    other = api_as("sheyang_admin").post(
        "/api/v1/stations/", {**payload, "code": "API-2"}, format="json"
    )
    assert other.status_code == 403
    bad = api_as("xiangshui_admin").post(
        "/api/v1/stations/", {**payload, "code": "API-3", "lat": "95"}, format="json"
    )
    assert bad.status_code == 400 and "lat" in bad.json()


def test_next_opening_skips_a_long_closure(station):
    from django.utils import timezone

    from unionhub.stations import schedule, selectors
    from unionhub.stations.models import Station

    today = schedule.local(timezone.now()).date()
    for offset in range(30):  # closed 30 days for renovation, longer than the prefetch window
        services.schedule_exception_set(
            actor=None, station=station, date=today + dt.timedelta(days=offset), reason="装修"
        )
    prefetched = selectors.with_schedule(Station.objects.filter(pk=station.pk)).get()
    when = dt.datetime.combine(today, dt.time(12, 0)).replace(tzinfo=schedule.SHANGHAI)
    expected = dt.datetime.combine(today + dt.timedelta(days=30), dt.time(6, 30)).replace(
        tzinfo=schedule.SHANGHAI
    )
    assert selectors.next_opening(prefetched, when) == expected
