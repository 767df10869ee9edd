"""Devices of smart stations: registration, heartbeats, events and the offline check."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.stations import choices
from unionhub.stations.models import Device, DeviceEvent, Station, Ticket
from unionhub.stations.selectors import hash_key
from unionhub.stations.services._common import (
    Conflict,
    check_station_visible,
    check_visible,
    full_clean_save,
    invalid,
    user_or_none,
)
from unionhub.stations.services.tickets import ticket_raise

if TYPE_CHECKING:
    from unionhub.accounts.models import User

DEVICE_SILENCE_MINUTES = 10


@transaction.atomic
def device_create(
    *, actor: User | None, station: Station, name: str, kind: str, is_active: bool = True
) -> tuple[Device, str]:
    """Register a device; returns it with its key, shown once (only the hash is stored)."""
    check_station_visible(station, actor)
    raw = "uhd_" + secrets.token_urlsafe(32)
    device = Device(
        station=station,
        name=name,
        kind=kind,
        is_active=is_active,
        key_hash=hash_key(raw),
        key_prefix=raw[:8],
        created_by=user_or_none(actor),
    )
    device.full_clean(exclude=["key_hash"])
    device.save()
    check_visible(device, actor)
    return device, raw


@transaction.atomic
def device_register(
    *, actor: User | None, station: Station, name: str, kind: str, is_active: bool = True
) -> Device:
    """``device_create`` for the page: the device carries its key once as ``new_key``."""
    device, raw = device_create(
        actor=actor, station=station, name=name, kind=kind, is_active=is_active
    )
    device.new_key = raw
    return device


@transaction.atomic
def device_update(*, actor: User | None, device: Device, **fields: Any) -> Device:
    """Rename, move or switch off a device (its key stays; a switched-off key is refused at
    its next use, see ``selectors.device_authenticate``)."""
    check_visible(device, actor)
    for name, value in fields.items():
        setattr(device, name, value)
    full_clean_save(device)
    check_visible(device, actor)
    return device


def device_heartbeat(
    *, actor: User | None, device: Device, now: dt.datetime | None = None
) -> Device:
    """The device says it is alive (``actor`` is None: the device acts, by its key)."""
    now = now or timezone.now()
    Device.objects.filter(pk=device.pk).update(last_seen_at=now)
    device.last_seen_at = now
    return device


def _fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def device_event_record(
    *,
    actor: User | None,
    device: Device,
    event_id: uuid.UUID,
    kind: str,
    at: dt.datetime | None = None,
    payload: dict | None = None,
) -> tuple[DeviceEvent, bool]:
    """Record a device event once per ``event_id`` (a duplicate delivery returns the first
    record; the same id with other content raises ``Conflict``). Alarms and faults raise a
    service ticket. ``actor`` is None when the device itself posts."""
    if kind not in choices.DeviceEventKind.values:
        raise invalid("kind", _("Unknown event kind: %(kind)s.") % {"kind": kind}, "unknown_kind")
    check_station_visible(device.station, actor)
    payload = payload or {}
    fp = _fingerprint(
        {"device": device.pk, "kind": kind, "at": at.isoformat() if at else "", "payload": payload}
    )
    existing = DeviceEvent.objects.filter(event_id=event_id).first()
    if existing is not None:
        if existing.fingerprint != fp:
            raise Conflict(existing)
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            event = DeviceEvent.objects.create(
                device=device,
                event_id=event_id,
                kind=kind,
                at=at or now,
                payload=payload,
                fingerprint=fp,
            )
            if kind == choices.DeviceEventKind.ALARM:
                ticket_raise(
                    actor=None,
                    station=device.station,
                    category=choices.TicketCategory.EMERGENCY,
                    source=choices.TicketSource.DEVICE,
                    title=_("Emergency alarm: %(device)s") % {"device": device.name},
                    device=device,
                    now=event.at,
                )
            elif kind == choices.DeviceEventKind.FAULT:
                ticket_raise(
                    actor=None,
                    station=device.station,
                    category=choices.TicketCategory.EQUIPMENT,
                    source=choices.TicketSource.DEVICE,
                    title=_("Device fault: %(device)s") % {"device": device.name},
                    description=str(payload.get("message", ""))[:500],
                    device=device,
                    now=event.at,
                )
    except IntegrityError:
        existing = DeviceEvent.objects.filter(event_id=event_id).first()
        if existing is None:
            raise
        if existing.fingerprint != fp:
            raise Conflict(existing) from None
        return existing, False
    Device.objects.filter(pk=device.pk).update(last_seen_at=now)
    return event, True


def _silent_since(limit: dt.datetime) -> Q:
    return Q(last_seen_at__lte=limit) | Q(last_seen_at=None, created_at__lte=limit)


def devices_check_offline(*, actor: User | None, now: dt.datetime | None = None) -> list[Ticket]:
    """Raise an equipment ticket for every active device silent for 10 minutes or more
    (once: not while an offline ticket for it is still unresolved). The system runs it
    (``actor=None``: every device); an actor checks the devices in their scope."""
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=DEVICE_SILENCE_MINUTES)
    devices = Device.objects.all() if actor is None else Device.objects.visible_to(actor)
    silent = devices.filter(is_active=True).select_related("station").filter(_silent_since(limit))
    tickets = []
    for device in silent:
        already = Ticket.objects.filter(device=device, source=choices.TicketSource.SYSTEM).exclude(
            status=choices.TicketStatus.RESOLVED
        )
        if already.exists():
            continue
        seen = (
            timezone.localtime(device.last_seen_at).strftime("%m-%d %H:%M")
            if device.last_seen_at
            else _("never")
        )
        tickets.append(
            ticket_raise(
                actor=None,
                station=device.station,
                category=choices.TicketCategory.EQUIPMENT,
                source=choices.TicketSource.SYSTEM,
                title=_("Device offline: %(device)s") % {"device": device.name},
                description=_(
                    "Last heartbeat: %(seen)s; no heartbeat for more than %(minutes)s minutes."
                )
                % {"seen": seen, "minutes": DEVICE_SILENCE_MINUTES},
                device=device,
                now=now,
            )
        )
    return tickets


def devices_check_offline_due() -> str:
    """The scheduled job (``jobs.py``): the system checks every device now."""
    tickets = devices_check_offline(actor=None)
    return _("%(n)s offline tickets raised") % {"n": len(tickets)}
