from __future__ import annotations

import time

import pytest

from unionhub.core.middleware import acting_as
from unionhub.stations import demo as stations_demo
from unionhub.stations.models import CheckIn, Station, Ticket

pytestmark = pytest.mark.django_db


def test_demo_loads_fast_and_idempotently(demo):
    started = time.monotonic()
    with acting_as(None):
        stations_demo.load()
    elapsed = time.monotonic() - started
    xs = Station.objects.filter(region__path__startswith="320900/320921/")
    assert xs.filter(kind="self_built").count() == 4 and xs.filter(kind="town_centre").count() == 2
    sy = Station.objects.filter(region__path__startswith="320900/320924/")
    assert sy.count() == 16
    assert sy.get(name="滨湖大道服务站").honours == "全国最美户外服务站点"
    assert (
        Station.objects.exclude(region__path__startswith="320900/320921/")
        .exclude(region__path__startswith="320900/320924/")
        .count()
        >= 9
    )
    n = CheckIn.objects.count()
    assert n > 20000
    assert elapsed < 120, elapsed  # gross-regression guard only; timings live in bench/
    with acting_as(None):
        stations_demo.load()
    assert CheckIn.objects.count() == n and Ticket.objects.count() > 0
