"""Concurrent duplicate delivery on PostgreSQL: the same event posted by several threads at
once is recorded exactly once (unique constraint + IntegrityError handling)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from unionhub.stations import services
from unionhub.stations.models import CheckIn, DeviceEvent
from unionhub.stations.tests.conftest import always_open, make_station

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_concurrently(n, target):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_concurrent_duplicate_checkin_counts_once(demo):
    station = make_station("PG-1", windows=always_open())
    event_id = uuid.uuid4()
    try:
        results, errors = _run_concurrently(
            8,
            lambda: services.checkin_record(
                actor=None,
                station=station,
                event_id=event_id,
                phone="13812345678",
                occupation="courier",
                source="device",
            ),
        )
        assert not errors, errors
        assert CheckIn.objects.filter(event_id=event_id).count() == 1
        assert sum(1 for r in results if r.created) == 1
        assert len({r.checkin.pk for r in results}) == 1
    finally:
        connection.close()


def test_concurrent_duplicate_device_event_recorded_once(demo):
    station = make_station("PG-2", windows=always_open())
    device, _key = services.device_create(
        actor=None, station=station, name="报警按钮", kind="alarm"
    )
    event_id = uuid.uuid4()
    try:
        results, errors = _run_concurrently(
            8,
            lambda: services.device_event_record(
                actor=None, device=device, event_id=event_id, kind="alarm", payload={"button": 1}
            ),
        )
        assert not errors, errors
        assert DeviceEvent.objects.filter(event_id=event_id).count() == 1
        assert sum(1 for _e, created in results if created) == 1
        assert station.tickets.count() == 1  # one alarm → one ticket
    finally:
        connection.close()
