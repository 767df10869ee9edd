"""值班台 (the attendant's shift page, issue #21): the day's tasks of my station from live data —
hygiene not done, video patrol due in unmanned hours, open tickets against their SLA, devices
offline — with one-tap actions, scoped through ``visible_to`` and a constant query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhub.stations import choices, schedule, services, shift
from unionhub.stations.models import Device, HygieneCheck, Ticket
from unionhub.stations.tests.conftest import always_open, make_station

pytestmark = pytest.mark.django_db

SH = schedule.SHANGHAI


def at(hhmm: str, day: dt.date = dt.date(2026, 12, 2)) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm)).replace(tzinfo=SH)


# --- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "expected"),
    [
        (None, "todo"),
        (HygieneCheck(passed=True), "done"),
        (HygieneCheck(passed=False), "failed"),
    ],
)
def test_hygiene_task(check, expected):
    assert shift.hygiene_task(check) == expected


PERIOD = (at("18:00"), at("21:30"))


@pytest.mark.parametrize(
    ("period", "last", "now", "due", "since"),
    [
        # not in unmanned hours: nothing due
        (None, None, at("12:00"), False, None),
        # the first round falls due when the unmanned period starts (inclusive)
        (PERIOD, None, at("18:00"), True, at("18:00")),
        (PERIOD, None, at("19:10"), True, at("18:00")),
        # a patrol before the period (yesterday, or in the afternoon) does not count
        (PERIOD, at("17:59"), at("18:05"), True, at("18:00")),
        # every 120 minutes after the last patrol of the period
        (PERIOD, at("18:05"), at("20:04"), False, at("20:05")),
        (PERIOD, at("18:05"), at("20:05"), True, at("20:05")),
        # the next round would fall after the period ends: done for tonight
        (PERIOD, at("19:31"), at("21:00"), False, None),
    ],
)
def test_patrol_due(period, last, now, due, since):
    result = shift.patrol_due(period, last, now)
    assert (result.due, result.since) == (due, since)


@pytest.mark.parametrize(
    ("now", "period"),
    [
        (at("17:59"), None),  # manned
        (at("18:00"), (at("18:00"), at("21:30"))),
        (at("21:29"), (at("18:00"), at("21:30"))),
        (at("21:30"), None),  # closed
        (at("03:00"), None),
    ],
)
def test_unmanned_period_at(now, period):
    windows = services.daily_windows()
    assert shift.unmanned_period_at(windows, {}, now) == period


@pytest.mark.parametrize(
    ("last_seen_minutes_ago", "created_minutes_ago", "offline"),
    [
        (9, 600, False),
        (10, 600, True),  # the offline check's limit, inclusive
        (None, 9, False),  # never reported, registered 9 minutes ago
        (None, 11, True),
    ],
)
def test_device_offline(last_seen_minutes_ago, created_minutes_ago, offline):
    now = at("12:00")
    seen = (
        None if last_seen_minutes_ago is None else now - dt.timedelta(minutes=last_seen_minutes_ago)
    )
    created = now - dt.timedelta(minutes=created_minutes_ago)
    assert shift.device_offline(seen, created, now) is offline


# --- the day of a station --------------------------------------------------------------------


def _attendant(username="xiangshui_station"):
    from unionhub.accounts.demo import ensure_user
    from unionhub.org.demo import county_union

    return ensure_user(username, "响水驿站值守员", county_union("xiangshui"), ["station_staff"])


@pytest.fixture
def staff(demo):
    return _attendant()


@pytest.fixture
def my_station(staff):
    station = make_station("T-SHIFT", hygiene_checklist=["地面清洁", "饮水机正常"])
    services.staff_assign(actor=None, station=station, user=staff, role=choices.StaffRole.STAFF)
    return station


def _ticket(station, *, minutes_ago=0, category=choices.TicketCategory.HYGIENE, now=None):
    now = now or timezone.now()
    return services.ticket_raise(
        actor=None,
        station=station,
        category=category,
        source=choices.TicketSource.WORKER,
        title="求助：卫生",
        now=now - dt.timedelta(minutes=minutes_ago),
    )


@pytest.mark.parametrize(
    ("minutes_ago", "overdue"),
    [
        (29, False),
        (30, False),  # at exactly the acknowledge deadline it is not yet overdue
        (31, True),
    ],
)
def test_open_ticket_overdue_boundary(my_station, staff, minutes_ago, overdue):
    now = timezone.now().replace(microsecond=0)
    _ticket(my_station, minutes_ago=minutes_ago, now=now)
    stations = shift.shift_stations(user=staff, now=now)
    day = shift.shift_for(user=staff, station=my_station, stations=stations, now=now)
    (ticket,) = day.tickets
    assert ticket.sla_due() == ticket.acknowledge_due  # the clock of the step it waits for
    assert ticket.sla_overdue(now) is overdue
    assert day.overdue_tickets == int(overdue)


def test_the_day_from_live_data(my_station, staff):
    now = timezone.now()
    stations = shift.shift_stations(user=staff, now=now)
    assert my_station in stations
    day = shift.shift_for(user=staff, station=my_station, stations=stations, now=now)
    assert day.hygiene_state == "todo" and day.tickets == [] and day.devices_offline == []

    services.hygiene_check_record(
        actor=staff,
        station=my_station,
        date=schedule.local(now).date(),
        results={"地面清洁": True, "饮水机正常": True},
    )
    late = _ticket(my_station, minutes_ago=60, now=now)
    fresh = _ticket(my_station, minutes_ago=1, now=now)
    services.ticket_acknowledge(actor=staff, ticket=fresh)
    done = _ticket(my_station, now=now)
    services.ticket_resolve(actor=staff, ticket=done)
    device, _key = services.device_create(
        actor=None, station=my_station, name="门禁", kind=choices.DeviceKind.DOOR
    )
    Device.objects.filter(pk=device.pk).update(last_seen_at=now - dt.timedelta(minutes=30))

    day = shift.shift_for(user=staff, station=my_station, stations=stations, now=now)
    assert day.hygiene_state == "done"
    # open and acknowledged, the most urgent deadline first; resolved ones are gone
    assert [t.pk for t in day.tickets] == [late.pk, fresh.pk]
    assert [d.pk for d in day.devices_offline] == [device.pk]
    assert day.task_count == 3 + day.patrol.due


def test_my_stations_only_and_a_switcher(staff, my_station):
    second = make_station("T-SHIFT2")
    services.staff_assign(actor=None, station=second, user=staff, role=choices.StaffRole.STAFF)
    make_station("T-OTHER")  # in scope but not mine
    assert [s.code for s in shift.shift_stations(user=staff)] == ["T-SHIFT", "T-SHIFT2"]


def test_an_assignment_outside_the_scope_is_not_shown(staff):
    far = make_station("T-FAR", county="320924")  # 射阳: outside 响水's scope
    services.staff_assign(actor=None, station=far, user=staff, role=choices.StaffRole.STAFF)
    assert far not in shift.shift_stations(user=staff)


# --- the page --------------------------------------------------------------------------------


def test_the_attendant_lands_on_the_shift_page(my_station, client_as):
    client = client_as("xiangshui_station")
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("stations:shift")
    # a cadre who manages stations keeps the dashboard
    assert client_as("xiangshui_admin").get("/").status_code == 200


def test_page_shows_tasks_and_one_tap_actions(my_station, client_as):
    ticket = _ticket(my_station, minutes_ago=45)
    client = client_as("xiangshui_station")
    html = client.get(reverse("stations:shift")).content.decode()
    here = f"{reverse('stations:shift')}?station={my_station.pk}"
    assert 'data-state="todo"' in html
    assert f"{reverse('stations:hygienecheck_add')}?station={my_station.pk}&amp;next=" in html
    assert f'action="{reverse("stations:ticket_action", args=[ticket.pk])}?next=' in html
    assert "已超时" in html and "受理截止" in html
    assert "操作日志" not in html and "数据大屏" not in html  # only the role's own menu

    # one tap: acknowledge, and back on the shift page
    response = client.post(
        reverse("stations:ticket_action", args=[ticket.pk]) + "?next=" + here,
        {"do": "acknowledge", "note": ""},
    )
    assert response.status_code == 302 and response.url == here
    assert Ticket.objects.get(pk=ticket.pk).status == choices.TicketStatus.ACKNOWLEDGED


def test_hygiene_from_the_shift_page_goes_back_to_it(my_station, client_as):
    client = client_as("xiangshui_station")
    here = f"{reverse('stations:shift')}?station={my_station.pk}"
    url = f"{reverse('stations:hygienecheck_add')}?station={my_station.pk}&next={here}"
    form = client.get(url).content.decode()
    assert 'value="地面清洁"' in form
    response = client.post(
        url,
        {
            "station": my_station.pk,
            "date": schedule.local(timezone.now()).date().isoformat(),
            "items": ["地面清洁", "饮水机正常"],
        },
    )
    assert response.status_code == 302 and response.url == here
    assert 'data-state="done"' in client.get(here).content.decode()


def test_next_elsewhere_is_ignored(my_station, client_as):
    ticket = _ticket(my_station)
    response = client_as("xiangshui_station").post(
        reverse("stations:ticket_action", args=[ticket.pk]) + "?next=https://evil.example/",
        {"do": "acknowledge"},
    )
    assert response.url == reverse("stations:ticket", args=[ticket.pk])


def test_a_station_outside_my_list_is_404(my_station, client_as):
    far = make_station("T-FAR", county="320924")
    client = client_as("xiangshui_station")
    assert client.get(reverse("stations:shift"), {"station": far.pk}).status_code == 404
    assert client.get(reverse("stations:shift"), {"station": my_station.pk}).status_code == 200


def test_a_user_with_no_station_is_told_so(client):
    client.force_login(_attendant("xiangshui_safety"))  # the role, no station in scope
    html = client.get(reverse("stations:shift")).content.decode()
    assert 'data-testid="shift-no-station"' in html
    assert client.get("/").status_code == 200  # no assignment: no landing redirect


def test_signed_out_goes_to_login(client):
    response = client.get(reverse("stations:shift"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_worker_may_not_open_it(client):
    from unionhub.points import demo as points_demo

    points_demo.load_core()
    from unionhub.accounts.models import User

    client.force_login(User.objects.get(username="funing_worker"))
    assert client.get(reverse("stations:shift")).status_code == 403


def test_query_count_does_not_grow(my_station, client_as, django_assert_max_num_queries):
    client = client_as("xiangshui_station")
    url = reverse("stations:shift")
    _ticket(my_station)
    services.device_create(
        actor=None, station=my_station, name="门禁", kind=choices.DeviceKind.DOOR
    )
    with django_assert_max_num_queries(30) as first:
        assert client.get(url).status_code == 200
    for i in range(8):
        _ticket(my_station, minutes_ago=i)
        services.device_create(
            actor=None, station=my_station, name=f"设备{i}", kind=choices.DeviceKind.CAMERA
        )
    services.staff_assign(
        actor=None,
        station=make_station("T-SHIFT3", windows=always_open()),
        user=my_station.staff.first().user,
        role=choices.StaffRole.STAFF,
    )
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200
