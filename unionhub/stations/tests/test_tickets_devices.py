"""24-hour service tickets (SLA escalation timing), device events and heartbeats."""

from __future__ import annotations

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from unionhub.accounts.demo import ensure_user
from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.demo import county_union
from unionhub.stations import choices, services
from unionhub.stations.models import DeviceEvent, SlaPolicy, Ticket
from unionhub.stations.tests.conftest import SH

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 6, 1, 10, 0, tzinfo=SH)
M = dt.timedelta(minutes=1)


def raise_(station, category, now=T0):
    return services.ticket_raise(
        actor=None,
        station=station,
        category=category,
        source=choices.TicketSource.WORKER,
        title="求助",
        now=now,
    )


def test_default_sla_policies_are_data(demo):
    assert {
        p.category: (p.acknowledge_minutes, p.resolve_minutes) for p in SlaPolicy.objects.all()
    } == {
        "emergency": (5, 60),
        "safety": (30, 240),
        "equipment": (30, 1440),
        "hygiene": (30, 480),
    }


def test_sla_deadlines(station):
    t = raise_(station, "emergency")
    assert (t.acknowledge_due, t.resolve_due) == (T0 + 5 * M, T0 + 60 * M)
    t = raise_(station, "equipment")
    assert (t.acknowledge_due, t.resolve_due) == (T0 + 30 * M, T0 + 1440 * M)
    SlaPolicy.objects.filter(category="hygiene").update(acknowledge_minutes=15)
    assert raise_(station, "hygiene").acknowledge_due == T0 + 15 * M


@pytest.mark.parametrize(
    "category, minutes, acked_after, level",
    [
        ("emergency", 5, None, 0),  # exactly at the deadline: not yet breached
        ("emergency", 5.02, None, 1),  # just after: safety officer
        ("emergency", 10, None, 1),  # 2× the limit, boundary
        ("emergency", 10.02, None, 2),  # still unacknowledged after 2×: county
        ("emergency", 30, 3, 0),  # acknowledged in time, resolve not due
        ("emergency", 60.02, 3, 2),  # resolve deadline passed
        ("hygiene", 30, None, 0),
        ("hygiene", 31, None, 1),
        ("hygiene", 61, None, 2),
        ("hygiene", 200, 20, 0),
        ("hygiene", 481, 20, 2),
    ],
)
def test_escalation_due(station, category, minutes, acked_after, level):
    t = raise_(station, category)
    if acked_after is not None:
        services.ticket_acknowledge(ticket=t, actor=None, now=T0 + acked_after * M)
    assert services.escalation_due(t, T0 + dt.timedelta(minutes=minutes)) == level


def test_escalate_tickets_writes_timeline_and_targets(station):
    officer = ensure_user(
        "xiangshui_safety_t", "安全员甲", county_union("xiangshui"), ["station_staff"]
    )
    services.staff_assign(
        actor=None, station=station, user=officer, role=choices.StaffRole.SAFETY_OFFICER
    )
    t = raise_(station, "emergency")
    assert services.tickets_escalate(actor=None, now=T0 + 5 * M) == []
    services.tickets_escalate(actor=None, now=T0 + 6 * M)
    t.refresh_from_db()
    assert t.escalation == 1 and "安全员甲" in t.escalated_to
    assert services.tickets_escalate(actor=None, now=T0 + 7 * M) == []  # idempotent
    out = StringIO()
    call_command("escalate_tickets", now=(T0 + 11 * M).isoformat(), stdout=out)
    t.refresh_from_db()
    assert t.escalation == 2 and t.escalated_to == "响水县总工会劳动经济部"
    kinds = list(t.timeline.values_list("kind", flat=True))
    assert kinds == ["created", "escalated", "escalated"]


def test_acknowledge_and_resolve(station, user_named):
    t = raise_(station, "safety")
    admin = user_named("xiangshui_admin")
    services.ticket_acknowledge(ticket=t, actor=admin, now=T0 + 4 * M)
    with pytest.raises(ValidationError) as exc:
        services.ticket_acknowledge(ticket=t, actor=admin, now=T0 + 5 * M)
    assert_invalid(exc, field="status", code="not_open")
    services.ticket_resolve(ticket=t, actor=admin, now=T0 + 40 * M, note="已修复")
    assert t.status == "resolved" and t.response_minutes() == 4
    assert services.escalation_due(t, T0 + 10000 * M) == 0


def test_ticket_pages(station, client_as):
    t = raise_(station, "emergency")
    c = client_as("xiangshui_admin")
    assert "sla-clock" in c.get(f"/stations/tickets/{t.pk}/").content.decode()
    c.post(f"/stations/tickets/{t.pk}/action/", {"do": "acknowledge", "note": "到场"})
    t.refresh_from_db()
    assert t.status == "acknowledged"
    assert (
        client_as("sheyang_admin")
        .post(f"/stations/tickets/{t.pk}/action/", {"do": "resolve"})
        .status_code
        == 404
    )


EVENTS = "/api/v1/stations/devices/events/"
HEARTBEAT = "/api/v1/stations/devices/heartbeat/"


def test_device_event_idempotent_and_alarm_raises_ticket(station):
    device, key = services.device_create(actor=None, station=station, name="一键报警", kind="alarm")
    api = APIClient()
    data = {"event_id": str(uuid.uuid4()), "kind": "alarm", "payload": {"button": 1}}
    first = api.post(EVENTS, data, format="json", HTTP_X_DEVICE_KEY=key)
    assert first.status_code == 201
    dup = api.post(EVENTS, data, format="json", HTTP_X_DEVICE_KEY=key)
    assert dup.status_code == 200 and dup.json()["id"] == first.json()["id"]
    conflict = api.post(
        EVENTS, {**data, "payload": {"button": 2}}, format="json", HTTP_X_DEVICE_KEY=key
    )
    assert conflict.status_code == 409
    assert DeviceEvent.objects.count() == 1
    ticket = Ticket.objects.get(station=station)
    assert ticket.category == "emergency" and ticket.source == "device"


def test_device_endpoints_need_a_valid_key(station):
    api = APIClient()
    assert api.post(HEARTBEAT).status_code == 401
    assert api.post(HEARTBEAT, HTTP_X_DEVICE_KEY="nope").status_code == 401
    device, key = services.device_create(actor=None, station=station, name="门禁", kind="door")
    assert api.post(HEARTBEAT, HTTP_X_DEVICE_KEY=key).status_code == 200
    device.refresh_from_db()
    assert device.last_seen_at is not None
    bad = api.post(
        EVENTS,
        {"event_id": str(uuid.uuid4()), "kind": "explode"},
        format="json",
        HTTP_X_DEVICE_KEY=key,
    )
    assert bad.status_code == 400 and "kind" in bad.json()


@pytest.mark.parametrize("silent_minutes, offline", [(9, False), (10, True), (30, True)])
def test_check_devices_raises_offline_ticket_once(station, silent_minutes, offline):
    device, _ = services.device_create(
        actor=None, station=station, name="人流计数器", kind="counter"
    )
    services.device_heartbeat(actor=None, device=device, now=T0)
    now = T0 + dt.timedelta(minutes=silent_minutes)
    call_command("check_devices", now=now.isoformat(), stdout=StringIO())
    call_command("check_devices", now=now.isoformat(), stdout=StringIO())  # again: no second ticket
    tickets = Ticket.objects.filter(device=device, source="system")
    assert tickets.count() == (1 if offline else 0)
    if offline:
        assert tickets.get().title == "设备离线：人流计数器"
