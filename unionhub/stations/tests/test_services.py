"""The station services' rules and their write-side scope: each refusal names its field and a
stable code; an actor writing under another county's station is refused and nothing is
written; the system (``actor=None``) acts everywhere."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.models import Region
from unionhub.stations import choices, services
from unionhub.stations.models import (
    CheckIn,
    DemandPoint,
    Device,
    HygieneCheck,
    PatrolLog,
    ScheduleException,
    ScheduleWindow,
    SpotCheck,
    Station,
    StationStaff,
    Ticket,
)
from unionhub.stations.tests.conftest import local_today_at, make_station

pytestmark = pytest.mark.django_db
TODAY = dt.date(2030, 6, 3)


# --- the API-create bug (issue #12) ---------------------------------------------------------


def test_station_created_through_the_api_gets_the_checklist(demo, api_as):
    r = api_as("xiangshui_admin").post(
        "/api/v1/stations/",
        {
            "name": "接口驿站",
            "code": "API-H",
            "kind": "partner",
            "region": "320921100",
            "address": "响水镇2号",
            "lat": "34.2",
            "lng": "119.57",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    station = Station.objects.get(code="API-H")
    assert station.hygiene_checklist == list(choices.DEFAULT_HYGIENE_CHECKLIST)
    nothing_ticked = services.hygiene_check_record(
        actor=None, station=station, date=TODAY, results={}
    )
    assert nothing_ticked.passed is False


def test_a_station_without_checklist_cannot_pass(station):
    Station.objects.filter(pk=station.pk).update(hygiene_checklist=[])
    station.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.hygiene_check_record(actor=None, station=station, date=TODAY, results={})
    assert_invalid(exc, field="results", code="blank")


def _staff_member():
    from unionhub.accounts.demo import ensure_user
    from unionhub.org.demo import county_union

    return ensure_user("xiangshui_st_t", "值守员乙", county_union("xiangshui"), ["station_staff"])


# --- rules: field and code ------------------------------------------------------------------


def _checkin(station, **kw):
    data = {"phone": "13900001111", "occupation": "courier", "event_id": uuid.uuid4()}
    data.update(kw)
    return services.checkin_record(actor=None, station=station, **data)


@pytest.mark.parametrize(
    "kwargs, field, code",
    [
        ({"phone": "1390000"}, "phone", "invalid_phone"),
        ({"phone": "23900001111"}, "phone", "invalid_phone"),
        ({"phone": None}, "phone", "visitor_required"),
        ({"occupation": None}, "occupation", "occupation_required"),
        ({"occupation": "astronaut"}, "occupation", "occupation_required"),
        ({"at": "future+6"}, "at", "future"),
        ({"at": "03:00"}, "at", "closed"),
    ],
)
def test_checkin_refusals(station, kwargs, field, code):
    from django.utils import timezone

    if kwargs.get("at") == "future+6":
        kwargs["at"] = timezone.now() + dt.timedelta(minutes=6)
    elif kwargs.get("at") == "03:00":
        kwargs["at"] = local_today_at("03:00")
    with pytest.raises(ValidationError) as exc:
        _checkin(station, **kwargs)
    assert_invalid(exc, field=field, code=code)
    assert not CheckIn.objects.exists()


def test_future_skew_boundary(open_station):
    from django.utils import timezone

    assert _checkin(open_station, at=timezone.now() + dt.timedelta(minutes=4)).created


def test_inactive_station_refused(open_station):
    Station.objects.filter(pk=open_station.pk).update(is_active=False)
    open_station.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _checkin(open_station)
    assert_invalid(exc, field="station", code="inactive")


def test_ticket_rules(station, user_named):
    admin = user_named("xiangshui_admin")
    with pytest.raises(ValidationError) as exc:
        services.ticket_raise(actor=admin, station=station, category="nope", title="x")
    assert_invalid(exc, field="category", code="invalid_category")
    t = services.ticket_raise(actor=admin, station=station, category="hygiene", title="x")
    services.ticket_resolve(actor=admin, ticket=t)
    with pytest.raises(ValidationError) as exc:
        services.ticket_resolve(actor=admin, ticket=t)
    assert_invalid(exc, field="status", code="already_resolved")


def test_hygiene_item_not_on_the_checklist(station):
    with pytest.raises(ValidationError) as exc:
        services.hygiene_check_record(
            actor=None, station=station, date=TODAY, results={"擦窗户": True}
        )
    assert_invalid(exc, field="results", code="unknown_item")


def test_patrol_rules(station, user_named):
    with pytest.raises(ValidationError) as exc:
        services.patrol_log_record(
            actor=None, station=station, at=local_today_at("19:00"), normal=False
        )
    assert_invalid(exc, field="observations", code="observations_required")
    log = services.patrol_log_record(
        actor=None, station=station, at=local_today_at("19:00"), normal=True
    )
    with pytest.raises(ValidationError) as exc:
        services.patrol_review(actor=_staff_member(), log=log)
    assert_invalid(exc, field="reviewed_by", code="not_reviewer")


def test_spot_check_rules(station):
    with pytest.raises(ValidationError) as exc:
        services.spot_check_record(
            actor=None,
            station=station,
            date=TODAY,
            inspector="x",
            passed=False,
            rectify_by=TODAY - dt.timedelta(days=1),
        )
    assert_invalid(exc, field="rectify_by", code="deadline_before_check")
    check = services.spot_check_record(
        actor=None, station=station, date=TODAY, inspector="x", passed=False, rectify_by=TODAY
    )  # the deadline may be the day of the check
    with pytest.raises(ValidationError) as exc:
        services.spot_check_close(actor=None, check=check, closed_on=TODAY, note="  ")
    assert_invalid(exc, field="closure_note", code="note_required")
    services.spot_check_close(actor=None, check=check, closed_on=TODAY, note="已更换药品")
    with pytest.raises(ValidationError) as exc:
        services.spot_check_close(actor=None, check=check, closed_on=TODAY, note="再次")
    assert_invalid(exc, field="status", code="already_closed")


def test_special_hours_need_times(station):
    with pytest.raises(ValidationError) as exc:
        services.schedule_exception_set(
            actor=None, station=station, date=TODAY, reason="缩短", closed=False
        )
    assert_invalid(exc, field="start", code="hours_required")


def test_unknown_device_event_kind(station):
    device, _key = services.device_create(actor=None, station=station, name="d", kind="door")
    with pytest.raises(ValidationError) as exc:
        services.device_event_record(
            actor=None, device=device, event_id=uuid.uuid4(), kind="explosion"
        )
    assert_invalid(exc, field="kind", code="unknown_kind")


# --- write-side scope: a 射阳 administrator under a 响水 station ------------------------------


def _writes(station, user):
    """(service call, model whose rows it would add) for each write under ``station``."""
    xiangshui_town = Region.objects.get(code="320921100")
    return {
        "station_update": (
            lambda: services.station_update(actor=user, station=station, name="改名"),
            None,
        ),
        "station_create": (
            lambda: services.station_create(
                actor=user,
                name="越界驿站",
                code="X-OUT",
                kind="partner",
                region=xiangshui_town,
                address="x",
                lat=Decimal("34.2"),
                lng=Decimal("119.5"),
            ),
            Station,
        ),
        "station_clone": (
            lambda: services.station_clone(
                actor=user,
                template=station,
                name="克隆",
                code="X-CLONE",
                region=xiangshui_town,
                address="x",
                lat=Decimal("34.2"),
                lng=Decimal("119.5"),
            ),
            Station,
        ),
        "schedule_window_create": (
            lambda: services.schedule_window_create(
                actor=user,
                station=station,
                weekday=0,
                start=dt.time(22),
                end=dt.time(23),
                mode="unmanned",
            ),
            ScheduleWindow,
        ),
        "schedule_exception_set": (
            lambda: services.schedule_exception_set(
                actor=user, station=station, date=TODAY, reason="x"
            ),
            ScheduleException,
        ),
        "staff_assign": (
            lambda: services.staff_assign(
                actor=user, station=station, user=user, role=choices.StaffRole.STAFF
            ),
            StationStaff,
        ),
        "device_create": (
            lambda: services.device_create(actor=user, station=station, name="d", kind="door"),
            Device,
        ),
        "ticket_raise": (
            lambda: services.ticket_raise(
                actor=user, station=station, category="hygiene", title="x"
            ),
            Ticket,
        ),
        "checkin_record": (
            lambda: services.checkin_record(
                actor=user,
                station=station,
                phone="13900002222",
                occupation="courier",
                at=local_today_at("10:00"),
            ),
            CheckIn,
        ),
        "hygiene_check_record": (
            lambda: services.hygiene_check_record(
                actor=user, station=station, date=TODAY, results={}
            ),
            HygieneCheck,
        ),
        "patrol_log_record": (
            lambda: services.patrol_log_record(
                actor=user, station=station, at=local_today_at("19:00"), normal=True
            ),
            PatrolLog,
        ),
        "spot_check_record": (
            lambda: services.spot_check_record(
                actor=user, station=station, date=TODAY, inspector="x", passed=True
            ),
            SpotCheck,
        ),
        "demand_point_create": (
            lambda: services.demand_point_create(
                actor=user,
                name="越界需求点",
                kind="courier_hub",
                region=xiangshui_town,
                lat=Decimal("34.2"),
                lng=Decimal("119.5"),
            ),
            DemandPoint,
        ),
    }


WRITES = [
    "station_update",
    "station_create",
    "station_clone",
    "schedule_window_create",
    "schedule_exception_set",
    "staff_assign",
    "device_create",
    "ticket_raise",
    "checkin_record",
    "hygiene_check_record",
    "patrol_log_record",
    "spot_check_record",
    "demand_point_create",
]


def test_the_table_names_every_write(station):
    assert sorted(_writes(station, None)) == sorted(WRITES)


@pytest.mark.parametrize("name", WRITES)
def test_writes_under_another_county_are_refused(station, user_named, name):
    call, model = _writes(station, user_named("sheyang_admin"))[name]
    before = model.objects.count() if model else None
    with pytest.raises(ValidationError) as exc:
        call()
    codes = {c for errors in _codes(exc.value).values() for c in errors}
    assert codes & {"out_of_scope", "template_not_found"}, codes
    if model is not None:
        assert model.objects.count() == before
    station.refresh_from_db()
    assert station.name != "改名"


@pytest.mark.parametrize("name", WRITES)
def test_the_same_writes_in_scope_succeed(station, user_named, name):
    call, model = _writes(station, user_named("xiangshui_admin"))[name]
    before = model.objects.count() if model else None
    call()
    if model is not None:
        assert model.objects.count() == before + 1


def _codes(exc):
    from unionhub.core.testing.assertions import error_codes

    return error_codes(exc)


def test_deletes_outside_scope_are_refused(station, user_named):
    other = user_named("sheyang_admin")
    window = station.windows.first()
    with pytest.raises(ValidationError) as exc:
        services.schedule_window_delete(actor=other, window=window)
    assert_invalid(exc, field=None, code="out_of_scope")
    with pytest.raises(ValidationError) as exc:
        services.station_delete(actor=other, station=station)
    assert_invalid(exc, field=None, code="out_of_scope")
    assert Station.objects.filter(pk=station.pk).exists() and window.pk


def test_make_station_helper_is_in_xiangshui(demo):
    assert make_station("T-X").region.path.startswith("320900/320921/")
