"""Public finder API and pages, the phone flow, staff pages, clone, statistics, coverage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.models import Region
from unionhub.stations import choices, selectors, services
from unionhub.stations.models import CheckIn, DemandPoint, Station, Ticket
from unionhub.stations.tests.conftest import always_open, make_station

pytestmark = pytest.mark.django_db
NEARBY = "/api/v1/stations/nearby/"


@pytest.mark.parametrize(
    "a, b, metres",
    [
        ((34.0, 119.0), (34.0, 119.0), 0),
        ((34.0, 119.0), (34.01, 119.0), 1112),  # 0.01° latitude ≈ 1.112 km
        ((0.0, 0.0), (0.0, 1.0), 111195),
    ],
)
def test_haversine(a, b, metres):
    assert round(selectors.haversine_m(*a, *b)) == metres


@pytest.fixture
def three(demo):
    near = make_station("N-1", lat="34.200000", lng="119.578000", windows=always_open())
    mid = make_station("N-2", lat="34.210000", lng="119.578000", windows=[])  # never open
    far = make_station("N-3", lat="34.300000", lng="119.578000", windows=always_open())
    return near, mid, far


def test_nearby_sorted_with_distance_without_login(three):
    r = APIClient().get(NEARBY, {"lat": "34.199", "lng": "119.578"})
    assert r.status_code == 200
    rows = r.json()
    codes = [row["code"] for row in rows if row["code"].startswith("N-")]
    assert codes == ["N-1", "N-2", "N-3"]
    assert [row["distance_m"] for row in rows[:3]] == sorted(row["distance_m"] for row in rows[:3])
    assert rows[0]["distance_m"] == 111 and isinstance(rows[0]["distance_m"], int)
    assert rows[0]["entry_url"] == "/stations/s/N-1/"


def test_nearby_open_now_and_limit(three):
    rows = APIClient().get(NEARBY, {"lat": "34.199", "lng": "119.578", "open_now": "1"}).json()
    assert "N-2" not in [r["code"] for r in rows]
    assert (
        len(APIClient().get(NEARBY, {"lat": "34.199", "lng": "119.578", "limit": "1"}).json()) == 1
    )


@pytest.mark.parametrize(
    "params, field",
    [
        ({"lat": "abc", "lng": "119"}, "lat"),
        ({"lat": "34"}, "lng"),
        ({"lat": "91", "lng": "119"}, "lat"),
        ({"lat": "34", "lng": "-181"}, "lng"),
        ({"lat": "34", "lng": "119", "limit": "0"}, "limit"),
        ({}, "lat"),
    ],
)
def test_nearby_malformed_is_400_chinese(three, params, field):
    r = APIClient().get(NEARBY, params)
    assert r.status_code == 400
    message = r.json()[field][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_finder_page(three, client):
    page = client.get("/stations/nearby/")
    assert page.status_code == 200 and "finder.js" in page.content.decode()
    listed = client.get("/stations/nearby/", {"lat": "34.199", "lng": "119.578"}).content.decode()
    assert listed.index("测试驿站N-1") < listed.index("测试驿站N-3")
    assert "geo:34.200000,119.578000" in listed
    assert client.get("/stations/nearby/", {"lat": "x", "lng": "1"}).status_code == 400


def test_phone_flow_register_then_one_tap_then_help(demo, client):
    station = make_station("P-1", windows=always_open())
    page = client.get("/stations/s/P-1/")
    assert page.status_code == 200 and "register-submit" in page.content.decode()
    event_id = page.context["form"]["event_id"].value()
    r = client.post(
        "/stations/s/P-1/",
        {"phone": "13912345678", "occupation": "sanitation", "event_id": event_id},
    )
    assert r.status_code == 302 and r["Location"] == "/stations/s/P-1/done/"
    assert CheckIn.objects.filter(station=station).count() == 1
    # Later visit: one tap (the signed cookie remembers the pseudonymous token).
    page = client.get("/stations/s/P-1/")
    assert "one-tap" in page.content.decode()
    r = client.post("/stations/s/P-1/", {"one_tap": "1", "event_id": page.context["event_id"]})
    assert r["Location"].endswith("?repeat=1")  # within 10 minutes: counted once
    assert CheckIn.objects.filter(station=station).count() == 1
    assert "13912345678" not in client.cookies["uh_station_visitor"].value
    # Help button → ticket with an SLA clock.
    r = client.post("/stations/s/P-1/help/", {"category": "emergency", "description": "中暑"})
    ticket = Ticket.objects.get(station=station)
    assert r["Location"] == f"/stations/t/{ticket.ref}/"
    status = client.get(r["Location"]).content.decode()
    assert "sla-clock" in status and ticket.source == "worker"


def test_phone_page_closed_station_shows_next_opening(demo, client):
    make_station("P-2", windows=[])
    services.schedule_set(
        actor=None,
        station=Station.objects.get(code="P-2"),
        windows=services.daily_windows(days=[0]),
    )
    r = client.post(
        "/stations/s/P-2/",
        {
            "phone": "13912345678",
            "occupation": "courier",
            "event_id": "5f0c6a1e-2b1a-4d7e-9f3a-1c2b3d4e5f60",
        },
    )
    # Whether open or not depends on today; when refused the message carries the next opening.
    if r.status_code == 400:
        assert "下次开放时间" in r.content.decode()
    assert client.get("/stations/s/NOPE/").status_code == 404


def test_overlapping_window_rejected(station, client_as):
    with pytest.raises(ValidationError) as exc:
        services.schedule_set(
            actor=None,
            station=station,
            windows=[*services.daily_windows(days=[0]), *services.daily_windows(days=[0])],
        )
    assert_invalid(exc, field="windows", code="overlap")
    c = client_as("xiangshui_admin")
    r = c.post(
        "/stations/windows/add/",
        {"station": station.pk, "weekday": 0, "start": "17:00", "end": "19:00", "mode": "manned"},
    )
    assert r.status_code == 200 and r.context["form"].errors  # shown on the form
    assert not station.windows.filter(start="17:00").exists()
    with pytest.raises(ValidationError) as exc:
        services.schedule_window_create(
            actor=None,
            station=station,
            weekday=0,
            start=dt.time(17),
            end=dt.time(19),
            mode="manned",
        )
    assert_invalid(exc, field="windows", code="overlap")


def test_clone_from_template(station, client_as, user_named):
    region = Region.objects.get(code="320921101")
    c = client_as("xiangshui_admin")
    r = c.post(
        "/stations/add/",
        {
            "template": station.pk,
            "name": "克隆驿站",
            "code": "CL-1",
            "kind": "partner",
            "region": region.pk,
            "address": "陈家港镇1号",
            "lat": "34.3",
            "lng": "119.8",
            "is_active": "on",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    clone = Station.objects.get(code="CL-1")
    assert (
        clone.facilities == station.facilities
        and clone.hygiene_checklist == station.hygiene_checklist
    )
    assert sorted((w.weekday, w.start, w.end, w.mode) for w in clone.windows.all()) == sorted(
        (w.weekday, w.start, w.end, w.mode) for w in station.windows.all()
    )


def test_staff_pages_render(station, client_as):
    services.ticket_raise(
        actor=None, station=station, category="hygiene", source="staff", title="地面湿滑"
    )
    c = client_as("xiangshui_admin")
    for url in [
        "/stations/",
        f"/stations/{station.pk}/",
        "/stations/statistics/",
        "/stations/screen/",
        "/stations/management/",
        "/stations/coverage/",
        "/stations/tickets/",
        "/stations/checkins/",
        "/stations/devices/",
        "/stations/hygiene/add/",
        "/stations/patrols/",
        "/stations/spot-checks/",
        "/stations/demand-points/",
        "/",
    ]:
        assert c.get(url).status_code == 200, url
    assert c.get("/stations/screen/", HTTP_HX_REQUEST="true").status_code == 200


def test_poster_pdf(station, client_as, settings):
    r = client_as("xiangshui_admin").get(f"/stations/{station.pk}/poster.pdf")
    assert (
        r.status_code == 200
        and r["Content-Type"] == "application/pdf"
        and r.content.startswith(b"%PDF")
    )
    from unionhub.stations.poster import station_poster_pdf

    assert station_poster_pdf(station, "http://x/stations/s/T-001/", font=None).startswith(
        b"%PDF"
    )  # no CJK font


def test_station_staff_sees_only_their_stations(demo, client_as):
    from unionhub.stations import demo as stations_demo

    stations_demo._accounts([(make_station("XS-T1"), {})])
    c = client_as("xiangshui_station")
    assert c.get("/stations/").status_code == 200
    assert c.get("/stations/hygiene/add/").status_code == 200


def test_statistics_shapes(open_station, user_named):
    services.checkin_record(
        actor=None, station=open_station, phone="13812345678", occupation="courier"
    )
    services.checkin_record(
        actor=None, station=open_station, phone="13812345679", occupation="sanitation"
    )
    stats = selectors.visit_statistics(user_named("xiangshui_admin"), days=7)
    assert stats["total"] == 2 and stats["unique_visitors"] == 2 and stats["today"] == 2
    assert len(stats["per_day"]) == 7 and len(stats["per_hour"]) == 24
    assert selectors.visit_statistics(user_named("sheyang_admin"), days=7)["total"] == 0


@pytest.mark.parametrize("distance, uncovered", [(100, {"A", "B"}), (1200, {"B"}), (1000, {"B"})])
def test_coverage(demo, user_named, distance, uncovered):
    make_station("C-1", lat="34.000000", lng="119.000000")
    region = Region.objects.get(code="320921")
    DemandPoint.objects.create(
        name="A", kind="courier_hub", region=region, lat=Decimal("34.008"), lng=Decimal("119.0")
    )  # ≈ 890 m
    DemandPoint.objects.create(
        name="B",
        kind="courier_hub",
        region=region,
        lat=Decimal("34.008"),
        lng=Decimal("119.0"),
        dense=True,
    )
    names = {
        p.name
        for p in selectors.uncovered_demand_points(
            user_named("xiangshui_admin"), distance_m=distance
        )
    }
    assert names == uncovered


def test_compliance_rates(station, user_named):
    today = dt.date.today()
    for back in range(10):
        services.hygiene_check_record(
            actor=None,
            station=station,
            date=today - dt.timedelta(days=back),
            results={i: True for i in station.hygiene_checklist},
        )
    sc = services.spot_check_record(
        actor=None,
        station=station,
        date=today - dt.timedelta(days=20),
        inspector="劳动经济部",
        passed=False,
        findings="药箱过期",
        rectify_by=today - dt.timedelta(days=13),
    )
    services.spot_check_close(
        actor=None, check=sc, closed_on=today - dt.timedelta(days=14), note="已更换"
    )
    row = next(
        r
        for r in selectors.compliance_rates(user_named("xiangshui_admin"), days=30, today=today)
        if r["station"].pk == station.pk
    )
    assert (
        row["level1"] == round(100 * 10 / 30, 1)
        and row["level3"] == 100.0
        and row["level2"] is None
    )


def test_spot_check_needs_deadline_when_failed(station):
    with pytest.raises(ValidationError) as exc:
        services.spot_check_record(
            actor=None, station=station, date=dt.date.today(), inspector="x", passed=False
        )
    assert_invalid(exc, field="rectify_by", code="deadline_required")


def test_patrol_only_in_unmanned_hours(station):
    from unionhub.stations.tests.conftest import local_today_at

    with pytest.raises(ValidationError) as exc:
        services.patrol_log_record(
            actor=None, station=station, at=local_today_at("10:00"), normal=True
        )
    assert_invalid(exc, field="at", code="manned_hours")
    log = services.patrol_log_record(
        actor=None, station=station, at=local_today_at("19:00"), normal=True
    )
    assert log.pk


def test_dashboard_cards(open_station, user_named):
    from unionhub.stations.dashboard import station_cards

    titles = [str(c.title) for c in station_cards(user_named("xiangshui_admin"))]
    assert len(titles) == 3
    assert station_cards(user_named("sheyang_admin")) == []


def test_kind_codes_match_contract():
    assert choices.StationKind.values == ["self_built", "town_centre", "partner"]
    assert choices.ModeNow.values == ["manned", "unmanned", "closed"]


def test_assign_and_remove_staff(station, client_as, user_named):
    from unionhub.stations.models import StationStaff

    c = client_as("xiangshui_admin")
    user = user_named("xiangshui_town")
    r = c.post(
        "/stations/staff/add/", {"station": station.pk, "user": user.pk, "role": "safety_officer"}
    )
    assert r.status_code == 302 and r["Location"] == f"/stations/{station.pk}/"
    assignment = StationStaff.objects.get(station=station, user=user)
    assert user.full_name in c.get(f"/stations/{station.pk}/").content.decode()
    r = c.post(f"/stations/staff/{assignment.pk}/delete/")
    assert r.status_code == 302 and not StationStaff.objects.filter(pk=assignment.pk).exists()
    # Another county's user cannot be picked.
    other = user_named("sheyang_admin")
    r = c.post("/stations/staff/add/", {"station": station.pk, "user": other.pk, "role": "staff"})
    assert r.status_code == 200 and not StationStaff.objects.filter(user=other).exists()
