"""Scope-matrix samples: one record per model inside a given county (by demo slug)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils import timezone

from unionhub.accounts.demo import ensure_user
from unionhub.org.demo import COUNTY_SLUGS
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


def sample_png(name: str):
    """A real (tiny) PNG: the photo fields decode what they are given."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 50)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def station_in(slug: str) -> Station:
    code = f"SAMPLE-{slug}"
    existing = Station.objects.filter(code=code).first()
    if existing:
        return existing
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    town = Region.objects.filter(parent=county).order_by("code").first() or county
    return services.station_create(
        actor=None,
        name=f"样例驿站{slug}",
        code=code,
        kind=choices.StationKind.SELF_BUILT,
        region=town,
        address=f"{county.name}样例路1号",
        lat=Decimal("33.500000"),
        lng=Decimal("120.100000"),
        facilities=["water", "rest"],
        windows=services.daily_windows(manned=("06:30", "18:00"), unmanned=("18:00", "21:30")),
    )


def window_in(slug: str) -> ScheduleWindow:
    return station_in(slug).windows.order_by("pk").first()


def exception_in(slug: str) -> ScheduleException:
    return services.schedule_exception_set(
        actor=None, station=station_in(slug), date=dt.date(2031, 1, 1), reason=f"元旦闭站{slug}"
    )


def ticket_in(slug: str) -> Ticket:
    return services.ticket_raise(
        actor=None,
        station=station_in(slug),
        category=choices.TicketCategory.HYGIENE,
        source=choices.TicketSource.STAFF,
        title=f"样例工单{slug}",
    )


def checkin_in(slug: str) -> CheckIn:
    station = station_in(slug)
    return CheckIn.objects.create(
        station=station,
        event_id=uuid.uuid4(),
        at=timezone.now(),
        occupation="courier",
        visitor=services.visitor_token("phone", f"sample-{slug}"),
        source="desk",
    )


def device_in(slug: str) -> Device:
    return services.device_create(
        actor=None, station=station_in(slug), name=f"样例门禁{slug}", kind="door"
    )[0]


def hygiene_in(slug: str) -> HygieneCheck:
    station = station_in(slug)
    return services.hygiene_check_record(
        actor=None,
        station=station,
        date=dt.date(2030, 5, 1),
        results={i: True for i in station.hygiene_checklist},
    )


def patrol_in(slug: str) -> PatrolLog:
    return PatrolLog.objects.create(
        station=station_in(slug), at=timezone.now(), normal=True, observations=f"样例巡查{slug}"
    )


def spotcheck_in(slug: str) -> SpotCheck:
    return services.spot_check_record(
        actor=None,
        station=station_in(slug),
        date=dt.date(2030, 5, 2),
        inspector=f"样例检查员{slug}",
        passed=False,
        findings="药箱过期",
        rectify_by=dt.date(2030, 5, 9),
        photo=sample_png("药箱.png"),
    )


def demandpoint_in(slug: str) -> DemandPoint:
    return DemandPoint.objects.create(
        name=f"样例快递点{slug}",
        kind="courier_hub",
        region=Region.objects.get(code=COUNTY_SLUGS[slug]),
        lat=Decimal("33.500000"),
        lng=Decimal("120.100000"),
    )


def staff_in(slug: str) -> StationStaff:
    from unionhub.org.demo import county_union

    user = ensure_user(
        f"{slug}_sample_staff", f"样例值守员{slug}", county_union(slug), ["station_staff"]
    )
    return services.staff_assign(
        actor=None, station=station_in(slug), user=user, role=choices.StaffRole.STAFF
    )


SAMPLES = {
    StationStaff: staff_in,
    Station: station_in,
    ScheduleWindow: window_in,
    ScheduleException: exception_in,
    Ticket: ticket_in,
    CheckIn: checkin_in,
    Device: device_in,
    HygieneCheck: hygiene_in,
    PatrolLog: patrol_in,
    SpotCheck: spotcheck_in,
    DemandPoint: demandpoint_in,
}


# --- the write-side matrix (unionhub/core/testing/write_matrix.py) ---------------------------


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def _new_code(slug: str) -> str:
    return f"W-{slug[:3]}-{uuid.uuid4().hex[:6]}"


def station_form(slug: str) -> dict:
    return {
        "name": f"矩阵驿站{slug}",
        "code": _new_code(slug),
        "kind": choices.StationKind.PARTNER,
        "region": _town(slug).pk,
        "address": "矩阵路1号",
        "lat": "33.600000",
        "lng": "120.200000",
        "facilities": ["water", "rest"],
        "hygiene_checklist": "地面清洁\n垃圾已清运",
        "honours": "",
        "contact_phone": "",
        "is_active": "on",
    }


def station_api(slug: str) -> dict:
    return {
        "name": f"接口矩阵驿站{slug}",
        "code": _new_code(slug),
        "kind": choices.StationKind.PARTNER,
        "region": _town(slug).code,
        "address": "矩阵路2号",
        "lat": "33.600000",
        "lng": "120.200000",
        "facilities": ["water"],
    }


def station_deletable(slug: str) -> Station:
    return services.station_create(actor=None, **{**station_api(slug), "region": _town(slug)})


FORM_DATA = {
    Station: station_form,
    # Monday late evening: clear of the sample station's 06:30–21:30 windows
    ScheduleWindow: lambda slug: {
        "station": station_in(slug).pk,
        "weekday": 0,
        "start": "22:00",
        "end": "23:00",
        "mode": choices.Mode.UNMANNED,
    },
    ScheduleException: lambda slug: {
        "station": station_in(slug).pk,
        "date": "2031-02-01",
        "closed": "on",
        "mode": choices.Mode.MANNED,
        "reason": "检修",
    },
    StationStaff: lambda slug: {
        "station": station_in(slug).pk,
        "user": ensure_user(
            f"{slug}_matrix_staff", f"矩阵值守员{slug}", _county_union(slug), ["station_staff"]
        ).pk,
        "role": choices.StaffRole.STAFF,
    },
    Device: lambda slug: {
        "station": station_in(slug).pk,
        "name": f"矩阵门禁{slug}",
        "kind": "door",
        "is_active": "on",
    },
    Ticket: lambda slug: {
        "station": station_in(slug).pk,
        "category": choices.TicketCategory.HYGIENE,
        "title": f"矩阵工单{slug}",
        "description": "",
    },
    HygieneCheck: lambda slug: {
        "station": station_in(slug).pk,
        "date": "2030-05-02",
        "note": "",
        "items": "地面清洁无杂物",  # the first item of the sample station's checklist
    },
    PatrolLog: lambda slug: {
        "station": station_in(slug).pk,
        "at": "2030-05-01T19:30",  # unmanned hours of the sample station
        "normal": "on",
        "observations": "",
    },
    SpotCheck: lambda slug: {
        "station": station_in(slug).pk,
        "date": "2030-05-03",
        "inspector": f"矩阵检查员{slug}",
        "passed": "on",
        "findings": "",
    },
    DemandPoint: lambda slug: {
        "name": f"矩阵需求点{slug}",
        "kind": "courier_hub",
        "region": Region.objects.get(code=COUNTY_SLUGS[slug]).pk,
        "lat": "33.500000",
        "lng": "120.100000",
    },
}

API_DATA = {Station: station_api}

ACTION_DATA = {
    "stations:ticket_action": lambda obj: {"do": "acknowledge", "note": "已到场"},
    "stations:patrollog_review": lambda obj: {"note": "已审核"},
    "stations:spotcheck_close": lambda obj: {"note": "已更换过期药品"},
    "stations:station_hours": lambda obj: {
        "apply_to": "workdays",
        "start_1": "07:00",
        "end_1": "19:00",
        "mode_1": "manned",
    },
}

# A station the delete endpoints may really delete (the sample has windows, visits, tickets).
DELETABLE = {Station: station_deletable}


def _county_union(slug: str):
    from unionhub.org.demo import county_union

    return county_union(slug)
