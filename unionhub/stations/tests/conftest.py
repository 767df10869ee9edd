from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from unionhub.org.models import Region
from unionhub.stations import choices, schedule, services

SH = schedule.SHANGHAI


def make_station(
    code="T-001", *, county="320921", lat="34.199000", lng="119.578000", windows=None, **extra
):
    region = Region.objects.filter(parent__code=county).order_by("code").first()
    return services.station_create(
        actor=None,
        name=extra.pop("name", f"测试驿站{code}"),
        code=code,
        kind=choices.StationKind.SELF_BUILT,
        region=region,
        address="测试路1号",
        lat=Decimal(lat),
        lng=Decimal(lng),
        facilities=["water", "rest", "charging"],
        windows=services.daily_windows() if windows is None else windows,
        **extra,
    )


def always_open():
    return services.daily_windows(manned=("00:00", "00:00"), unmanned=None)


def local_today_at(hhmm: str, days_ago: int = 1) -> dt.datetime:
    day = schedule.local(timezone.now()).date() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm)).replace(tzinfo=SH)


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Every test starts as a newly started server process: no compiled schedules, no cached
    device keys (row ids and stamps can repeat across rolled-back tests)."""
    from unionhub.stations.selectors import forget_compiled_schedule
    from unionhub.stations.services import device_forget

    forget_compiled_schedule()
    device_forget()
    yield
    forget_compiled_schedule()
    device_forget()


@pytest.fixture
def station(demo):
    return make_station("T-001")


@pytest.fixture
def open_station(demo):
    return make_station("T-24H", windows=always_open())
