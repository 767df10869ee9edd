"""Writes of the station module. Each service validates, runs in a transaction and raises
Django ``ValidationError`` with Chinese messages (mapped to HTTP 400)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from unionhub.stations import choices, schedule
from unionhub.stations.models import (
    CheckIn,
    Device,
    DeviceEvent,
    HygieneCheck,
    PatrolLog,
    ScheduleException,
    ScheduleWindow,
    SlaPolicy,
    SpotCheck,
    Station,
    StationStaff,
    Ticket,
    TicketEvent,
)

DEDUPE_MINUTES = 10
DEVICE_SILENCE_MINUTES = 10
MAX_FUTURE_SKEW = dt.timedelta(minutes=5)
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
OCCUPATIONS = frozenset(choices.Occupation.values)  # ``.values`` builds a new list per call

# Default SLA (minutes) when no SlaPolicy row exists: acknowledge 5 min for emergencies and
# 30 min otherwise (issue 6); resolve limits per category.
DEFAULT_SLA = {
    choices.TicketCategory.EMERGENCY: (5, 60),
    choices.TicketCategory.SAFETY: (30, 240),
    choices.TicketCategory.EQUIPMENT: (30, 1440),
    choices.TicketCategory.HYGIENE: (30, 480),
}


class Conflict(Exception):
    """The same ``event_id`` was already recorded with different content (HTTP 409)."""

    def __init__(self, existing):
        super().__init__("event_id reused with different content")
        self.existing = existing


# --- stations and schedules ----------------------------------------------------------------


def _full_clean_save(obj) -> Any:
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def station_create(
    *, actor=None, windows: list[schedule.Window] | None = None, **fields
) -> Station:
    station = Station(created_by=actor if getattr(actor, "pk", None) else None, **fields)
    if not station.hygiene_checklist:
        station.hygiene_checklist = list(choices.DEFAULT_HYGIENE_CHECKLIST)
    _full_clean_save(station)
    if windows:
        schedule_set(station=station, windows=windows, actor=actor)
    return station


def schedule_validate(windows: list[schedule.Window]) -> None:
    clashes = schedule.windows_overlap(windows)
    if clashes:
        a, b = clashes[0]
        day = dict(choices.Weekday.choices)
        raise ValidationError(
            {
                "windows": [
                    f"开放时段重叠：{day[a.weekday]} {a.start:%H:%M}–{a.end:%H:%M} 与 "
                    f"{day[b.weekday]} {b.start:%H:%M}–{b.end:%H:%M}"
                ]
            }
        )


@transaction.atomic
def schedule_set(
    *, station: Station, windows: list[schedule.Window], actor=None
) -> list[ScheduleWindow]:
    """Replace the weekly schedule; overlapping windows are rejected. Written in bulk with
    one audit entry on the station listing the new schedule."""
    from unionhub.core.audit import record_change

    schedule_validate(windows)
    before = [str(w) for w in station.windows.all()]
    station.windows.all().delete()
    created = []
    for w in windows:
        row = ScheduleWindow(
            station=station,
            weekday=w.weekday,
            start=w.start,
            end=w.end,
            mode=w.mode,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        row.full_clean(exclude=["station"], validate_constraints=False)
        created.append(row)
    ScheduleWindow.objects.bulk_create(created)
    schedule_changed(station.pk, station=station)  # bulk_create sends no signals
    after = [f"{w} {w.get_mode_display()}" for w in created]
    record_change(
        obj=station,
        action="update",
        changes={"schedule": [before, after]},
        note="设置每周开放时间",
        actor=actor if getattr(actor, "pk", None) else None,
    )
    return created


@transaction.atomic
def schedule_window_add(
    *, station: Station, weekday: int, start, end, mode: str, actor=None
) -> ScheduleWindow:
    row = ScheduleWindow(
        station=station, weekday=weekday, start=start, end=end, mode=mode, created_by=actor
    )
    return _full_clean_save(row)


def daily_windows(
    *,
    days=range(7),
    manned: tuple[str, str] = ("06:30", "18:00"),
    unmanned: tuple[str, str] | None = ("18:00", "21:30"),
) -> list[schedule.Window]:
    """Helper: the same hours every day (响水: 06:30–21:30, manned then unmanned)."""
    t = dt.time.fromisoformat
    result = []
    for d in days:
        result.append(schedule.Window(d, t(manned[0]), t(manned[1]), choices.Mode.MANNED))
        if unmanned:
            result.append(schedule.Window(d, t(unmanned[0]), t(unmanned[1]), choices.Mode.UNMANNED))
    return result


@transaction.atomic
def schedule_exception_set(
    *,
    station: Station,
    date: dt.date,
    reason: str,
    closed: bool = True,
    start=None,
    end=None,
    mode: str = choices.Mode.MANNED,
    actor=None,
) -> ScheduleException:
    row = ScheduleException.objects.filter(station=station, date=date).first() or ScheduleException(
        station=station, date=date, created_by=actor
    )
    row.reason, row.closed, row.start, row.end, row.mode = reason, closed, start, end, mode
    return _full_clean_save(row)


@transaction.atomic
def station_clone(
    *, template: Station, name: str, code: str, region, address: str, lat, lng, actor=None, **extra
) -> Station:
    """“Clone from template”: a new station starts with the template's kind, smart flag,
    facilities, hygiene checklist and weekly schedule (not its staff, devices or history)."""
    fields = {
        "kind": template.kind,
        "is_smart": template.is_smart,
        "facilities": list(template.facilities),
        "hygiene_checklist": list(template.hygiene_checklist),
        "contact_phone": template.contact_phone,
    }
    fields.update(extra)
    windows = [w.as_window() for w in template.windows.all()]
    return station_create(
        actor=actor,
        name=name,
        code=code,
        region=region,
        address=address,
        lat=lat,
        lng=lng,
        windows=windows,
        **fields,
    )


@transaction.atomic
def staff_assign(*, station: Station, user, role: str, actor=None) -> StationStaff:
    row, _ = StationStaff.objects.get_or_create(
        station=station, user=user, role=role, defaults={"created_by": actor}
    )
    return row


# --- devices -------------------------------------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def device_create(*, station: Station, name: str, kind: str, actor=None) -> tuple[Device, str]:
    """Register a device; returns it with its key, shown once (only the hash is stored)."""
    raw = "uhd_" + secrets.token_urlsafe(32)
    device = Device(
        station=station,
        name=name,
        kind=kind,
        key_hash=hash_key(raw),
        key_prefix=raw[:8],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    device.full_clean(exclude=["key_hash"])
    device.save()
    return device, raw


# What the device endpoints use of the device and its station (others load on access).
DEVICE_AUTH_FIELDS = (
    "id",
    "name",
    "kind",
    "key_hash",
    "is_active",
    "station__id",
    "station__name",
    "station__code",
    "station__region_id",
    "station__is_active",
    "station__updated_at",
)
DEVICE_CACHE_MAX = 50_000  # keys per process

# Devices by key hash, for the check-in hot path only (``device_authenticate(cached=True)``).
# Per process, so never trusted on its own: a check-in made with a cached device inserts only
# if the database still confirms, in the same statement, that the device is active with that
# key at that station and that the station's ``updated_at`` (the schedule stamp) is unchanged;
# otherwise the request is decided again from a fresh read (``StaleCache``). A key switched
# off or deleted on any server is therefore refused at its next use.
_devices: dict[str, Device] = {}


class StaleCache(Exception):
    """A check-in relied on a cached device or station that the database did not confirm."""


def device_authenticate(
    raw_key: str, *, cached: bool = False, refresh: bool = False
) -> Device | None:
    """The active device with this key (and its station), or None. One indexed statement;
    with ``cached`` a device seen before by this process is returned without a query,
    marked ``from_cache`` — only for callers that re-check it in their write, which only
    PostgreSQL does (``checkin_record``). ``refresh`` reads afresh and updates the cache."""
    if not raw_key:
        return None
    key_hash = hash_key(raw_key.strip())
    cached = (cached or refresh) and connection.vendor == "postgresql"
    if cached and not refresh:
        hit = _devices.get(key_hash)
        if hit is not None:
            return hit
    found = (
        Device.objects.select_related("station")
        .only(*DEVICE_AUTH_FIELDS)
        .filter(key_hash=key_hash, is_active=True)
        .order_by()[:1]  # the hash is unique: no sort
    )
    device = next(iter(found), None)
    if device is None:
        _devices.pop(key_hash, None)
        return None
    device.from_cache = False
    if cached:
        kept = copy.copy(device)
        kept.from_cache = True
        if len(_devices) >= DEVICE_CACHE_MAX:
            _devices.clear()
        _devices[key_hash] = kept
    return device


def device_forget(key_hash: str | None = None) -> None:
    """Drop this process's cached device (all with ``None``); see ``_devices``."""
    if key_hash is None:
        _devices.clear()
    else:
        _devices.pop(key_hash, None)


def device_heartbeat(*, device: Device, now=None) -> Device:
    now = now or timezone.now()
    Device.objects.filter(pk=device.pk).update(last_seen_at=now)
    device.last_seen_at = now
    return device


def _fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def device_event_record(
    *,
    device: Device,
    event_id: uuid.UUID,
    kind: str,
    at: dt.datetime | None = None,
    payload: dict | None = None,
) -> tuple[DeviceEvent, bool]:
    """Record a device event once per ``event_id`` (a duplicate delivery returns the first
    record; the same id with other content raises ``Conflict``). Alarms and faults raise a
    service ticket."""
    if kind not in choices.DeviceEventKind.values:
        raise ValidationError({"kind": [f"未知的事件类型：{kind}"]})
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
                    station=device.station,
                    category=choices.TicketCategory.EMERGENCY,
                    source=choices.TicketSource.DEVICE,
                    title=f"一键报警：{device.name}",
                    device=device,
                    now=event.at,
                )
            elif kind == choices.DeviceEventKind.FAULT:
                ticket_raise(
                    station=device.station,
                    category=choices.TicketCategory.EQUIPMENT,
                    source=choices.TicketSource.DEVICE,
                    title=f"设备故障：{device.name}",
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


def devices_check_offline(*, now: dt.datetime | None = None) -> list[Ticket]:
    """Raise an equipment ticket for every active device silent for 10 minutes or more
    (once: not while an offline ticket for it is still unresolved)."""
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=DEVICE_SILENCE_MINUTES)
    silent = (
        Device.objects.filter(is_active=True).select_related("station").filter(dt_q_silent(limit))
    )
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
            else "从未"
        )
        tickets.append(
            ticket_raise(
                station=device.station,
                category=choices.TicketCategory.EQUIPMENT,
                source=choices.TicketSource.SYSTEM,
                title=f"设备离线：{device.name}",
                description=f"最后心跳：{seen}；超过 {DEVICE_SILENCE_MINUTES} 分钟无心跳。",
                device=device,
                now=now,
            )
        )
    return tickets


def dt_q_silent(limit):
    from django.db.models import Q

    return Q(last_seen_at__lte=limit) | Q(last_seen_at=None, created_at__lte=limit)


# --- check-ins -----------------------------------------------------------------------------


def visitor_token(kind: str, value: str) -> str:
    """Pseudonymous visitor token: HMAC-SHA-256 of the normalised phone (or member id) with
    the PII key. The clear value is never stored."""
    key = settings.PII_KEY.encode() if isinstance(settings.PII_KEY, str) else settings.PII_KEY
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s-]", "", phone or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    if not PHONE_RE.match(digits):
        raise ValidationError({"phone": ["请输入11位手机号码。"]})
    return digits


def member_visitor(member_code: str) -> tuple[str, str | None]:
    """(visitor token, occupation or None) for a member code, through the members module."""
    try:
        from unionhub.members.services import member_code_verify
    except ImportError:
        raise ValidationError({"member_code": ["会员码暂不可用"]}) from None
    member = member_code_verify(member_code)
    if not member:
        raise ValidationError({"member_code": ["会员码无效或已过期。"]})
    ident = getattr(member, "pk", member)
    occupation = getattr(member, "occupation", None)
    if occupation not in choices.Occupation.values:
        occupation = getattr(member, "key_group", None)
    return visitor_token(
        "member", str(ident)
    ), occupation if occupation in choices.Occupation.values else None


@dataclass
class CheckInResult:
    checkin: CheckIn
    created: bool
    duplicate_of_recent: bool = False


def closed_message(station: Station, at: dt.datetime) -> str:
    from unionhub.stations.selectors import station_next_opening

    nxt = station_next_opening(station, at)
    return f"驿站当前未开放，下次开放时间：{schedule.format_opening(nxt, at)}。"


def _open_at(station: Station, at: dt.datetime) -> bool:
    from unionhub.stations.selectors import station_open_at

    return station_open_at(station, at)


def schedule_changed(station_id: int, *, station: Station | None = None) -> None:
    """Bump the station's ``updated_at`` — the version stamp of its compiled schedule — after a
    change of its windows or exceptions (in the caller's transaction, so the new stamp and the
    new schedule become visible together), and drop this process's compiled copy. ``station``,
    if given, is the caller's instance, kept in step so it does not carry the old stamp."""
    from unionhub.stations.selectors import forget_compiled_schedule

    stamp = timezone.now()
    Station.objects.filter(pk=station_id).update(updated_at=stamp)
    if station is not None and station.pk == station_id:
        station.updated_at = stamp
    forget_compiled_schedule(station_id)


def checkin_record(
    *,
    station: Station,
    event_id: uuid.UUID | None = None,
    occupation: str | None = None,
    phone: str | None = None,
    member_code: str | None = None,
    visitor: str | None = None,
    at: dt.datetime | None = None,
    source: str = choices.CheckInSource.PHONE,
    device: Device | None = None,
    actor=None,
) -> CheckInResult:
    """Record a visit. Idempotent per ``event_id`` (same content → the same record; other
    content → ``Conflict``); refused when the station is closed at ``at`` (message with
    the next opening time); the same visitor within 10 minutes counts once (the earlier
    record is returned).

    ``station`` must be a row read in the current request (its ``updated_at`` selects the
    cached opening schedule), or the cached station of a ``device`` marked ``from_cache``: then
    the insert confirms both, and any outcome but a new visit raises ``StaleCache`` for the
    caller to decide again from a fresh read. A new visit is one SQL statement on PostgreSQL."""
    event_id = event_id or uuid.uuid4()
    now = timezone.now()
    member_occupation = None
    if visitor:
        token = visitor
    elif member_code:
        token, member_occupation = member_visitor(member_code)
    elif phone:
        token = visitor_token("phone", normalise_phone(phone))
    else:
        raise ValidationError({"phone": ["请填写手机号码或会员码。"]})
    occupation = occupation or member_occupation
    if occupation not in OCCUPATIONS:
        raise ValidationError({"occupation": ["请选择职业类别。"]})
    fp = _fingerprint(
        {
            "station": station.pk,
            "visitor": token,
            "occupation": occupation,
            "at": at.isoformat() if at else "",
        }
    )
    at = at or now
    refusal = None
    if at > now + MAX_FUTURE_SKEW:
        refusal = {"at": ["登记时间不能晚于当前时间。"]}
    elif not station.is_active:
        refusal = {"station": ["该驿站已停用。"]}
    elif not _open_at(station, at):
        refusal = {"at": [closed_message(station, at)]}
    optimistic = getattr(device, "from_cache", False)
    if refusal is not None:
        if optimistic:
            raise StaleCache  # refuse only on a fresh reading of the station
        # A repeated delivery of an event recorded earlier is answered as such even if the
        # station has closed since (the device retries after a lost answer).
        existing = CheckIn.objects.filter(event_id=event_id).first()
        if existing is not None:
            return _same_event(existing, fp)
        raise ValidationError(refusal)
    row = CheckIn(
        station=station,
        event_id=event_id,
        at=at,
        occupation=occupation,
        visitor=token,
        is_member=bool(member_code and not visitor),
        source=source,
        device=device,
        fingerprint=fp,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=now,
        updated_at=now,
    )
    if connection.vendor == "postgresql":
        return _checkin_insert_pg(row, confirm_device=optimistic)
    if optimistic:
        raise StaleCache  # only the PostgreSQL statement can confirm a cached device
    return _checkin_insert_portable(row)


def _same_event(existing: CheckIn, fp: str) -> CheckInResult:
    if existing.fingerprint != fp:
        raise Conflict(existing)
    return CheckInResult(existing, False)


def _recent_visit(row: CheckIn) -> CheckIn | None:
    window = dt.timedelta(minutes=DEDUPE_MINUTES)
    return (
        CheckIn.objects.filter(
            station_id=row.station_id,
            visitor=row.visitor,
            at__gt=row.at - window,
            at__lt=row.at + window,
        )
        .order_by("at")
        .first()
    )


# One statement for a new visit: insert unless the same visitor checked in at this station
# within the dedupe window, and do nothing when the event id is already recorded (a repeated
# delivery, possibly concurrent: the unique index decides, no exception, no savepoint).
# ``at + interval '0 s'`` keeps the planner off the index on ``at`` alone: right after a burst
# of visits its statistics say "no recent rows" and it would scan every visit of the last ten
# minutes of the whole city (measured 10–18 ms); the (station, visitor, at) index finds the few
# visits of one person at one station in well under a millisecond.
_INSERT_VISIT_PG = """
INSERT INTO stations_checkin (created_at, updated_at, created_by_id, station_id, event_id, at,
    occupation, visitor, is_member, source, device_id, fingerprint)
SELECT %(now)s::timestamptz, %(now)s::timestamptz, %(actor)s::bigint, %(station)s::bigint,
    %(event)s::uuid, %(at)s::timestamptz, %(occupation)s::varchar, %(visitor)s::varchar,
    %(member)s::boolean, %(source)s::varchar, %(device)s::bigint, %(fp)s::varchar
WHERE NOT EXISTS (
    SELECT 1 FROM stations_checkin
    WHERE station_id = %(station)s::bigint AND visitor = %(visitor)s::varchar
      AND at + interval '0 s' > %(after)s::timestamptz
      AND at + interval '0 s' < %(before)s::timestamptz
){confirm}
ON CONFLICT (event_id) DO NOTHING
RETURNING id
"""
# With a cached device: what the cache said must still hold when the row is written.
_CONFIRM_DEVICE_PG = """
AND EXISTS (
    SELECT 1 FROM stations_device d JOIN stations_station s ON s.id = d.station_id
    WHERE d.id = %(device)s::bigint AND d.key_hash = %(key_hash)s::varchar AND d.is_active
      AND s.id = %(station)s::bigint AND s.is_active AND s.updated_at = %(stamp)s::timestamptz
)"""
_INSERT_SQL = {
    False: _INSERT_VISIT_PG.format(confirm=""),
    True: _INSERT_VISIT_PG.format(confirm=_CONFIRM_DEVICE_PG),
}


def _checkin_insert_pg(row: CheckIn, *, confirm_device: bool = False) -> CheckInResult:
    window = dt.timedelta(minutes=DEDUPE_MINUTES)
    params = {
        "now": row.created_at,
        "actor": row.created_by_id,
        "station": row.station_id,
        "event": str(row.event_id),
        "at": row.at,
        "occupation": row.occupation,
        "visitor": row.visitor,
        "member": row.is_member,
        "source": row.source,
        "device": row.device_id,
        "fp": row.fingerprint,
        "after": row.at - window,
        "before": row.at + window,
    }
    if confirm_device:
        params["key_hash"] = row.device.key_hash
        params["stamp"] = row.station.updated_at
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL[confirm_device], params)
        inserted = cursor.fetchone()
    if inserted is not None:
        row.pk = inserted[0]
        row._state.adding = False
        row._state.db = connection.alias
        return CheckInResult(row, True)
    if confirm_device:
        raise StaleCache  # a repeat, a revoked key or a changed station: decide afresh
    # Not inserted: the event id is recorded already (checked first: a retried event is
    # answered as itself), or the visitor was counted within the dedupe window.
    existing = CheckIn.objects.filter(event_id=row.event_id).first()
    if existing is not None:
        return _same_event(existing, row.fingerprint)
    recent = _recent_visit(row)
    if recent is not None:
        return CheckInResult(recent, False, duplicate_of_recent=True)
    return _checkin_insert_portable(row)  # the other row vanished meanwhile: plain path


def _checkin_insert_portable(row: CheckIn) -> CheckInResult:
    """Any database: look up the event id and recent visits, then insert."""
    existing = CheckIn.objects.filter(event_id=row.event_id).first()
    if existing is not None:
        return _same_event(existing, row.fingerprint)
    recent = _recent_visit(row)
    if recent is not None:
        return CheckInResult(recent, False, duplicate_of_recent=True)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        existing = CheckIn.objects.filter(event_id=row.event_id).first()
        if existing is None:
            raise
        return _same_event(existing, row.fingerprint)
    return CheckInResult(row, True)


# --- tickets -------------------------------------------------------------------------------


def sla_for(category: str) -> tuple[int, int]:
    policy = SlaPolicy.objects.filter(category=category).first()
    if policy is not None:
        return policy.acknowledge_minutes, policy.resolve_minutes
    return DEFAULT_SLA[choices.TicketCategory(category)]


def _actor_name(actor) -> str:
    return str(actor) if getattr(actor, "pk", None) else ""


@transaction.atomic
def ticket_raise(
    *,
    station: Station,
    category: str,
    source: str,
    title: str,
    description: str = "",
    device: Device | None = None,
    visitor: str = "",
    actor=None,
    now: dt.datetime | None = None,
) -> Ticket:
    if category not in choices.TicketCategory.values:
        raise ValidationError({"category": ["请选择工单类别。"]})
    now = now or timezone.now()
    ack, resolve = sla_for(category)
    ticket = Ticket(
        station=station,
        category=category,
        source=source,
        title=title[:150],
        description=description,
        raised_at=now,
        acknowledge_due=now + dt.timedelta(minutes=ack),
        resolve_due=now + dt.timedelta(minutes=resolve),
        device=device,
        visitor=visitor,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _full_clean_save(ticket)
    TicketEvent.objects.create(
        ticket=ticket,
        at=now,
        kind=choices.TicketEventKind.CREATED,
        note=f"{ticket.get_source_display()}：{title}"[:300],
        actor_name=_actor_name(actor),
    )
    return ticket


@transaction.atomic
def ticket_acknowledge(*, ticket: Ticket, actor, now=None, note: str = "") -> Ticket:
    now = now or timezone.now()
    if ticket.status != choices.TicketStatus.OPEN:
        raise ValidationError({"status": ["该工单已受理。"]})
    ticket.status = choices.TicketStatus.ACKNOWLEDGED
    ticket.acknowledged_at, ticket.acknowledged_by = now, actor
    ticket.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    TicketEvent.objects.create(
        ticket=ticket,
        at=now,
        kind=choices.TicketEventKind.ACKNOWLEDGED,
        note=note[:300],
        actor_name=_actor_name(actor),
    )
    return ticket


@transaction.atomic
def ticket_resolve(*, ticket: Ticket, actor, now=None, note: str = "") -> Ticket:
    now = now or timezone.now()
    if ticket.status == choices.TicketStatus.RESOLVED:
        raise ValidationError({"status": ["该工单已办结。"]})
    if ticket.acknowledged_at is None:
        ticket.acknowledged_at, ticket.acknowledged_by = now, actor
    ticket.status, ticket.resolved_at = choices.TicketStatus.RESOLVED, now
    ticket.save()
    TicketEvent.objects.create(
        ticket=ticket,
        at=now,
        kind=choices.TicketEventKind.RESOLVED,
        note=note[:300],
        actor_name=_actor_name(actor),
    )
    return ticket


def escalation_due(ticket: Ticket, now: dt.datetime) -> int:
    """The escalation level a ticket should have at ``now`` (pure):
    2 (county 劳动经济部) when the resolve deadline has passed, or when it is still
      unacknowledged after twice the acknowledge limit;
    1 (station safety officer) when the acknowledge deadline has passed unacknowledged;
    0 otherwise. Deadlines are inclusive: at exactly the deadline it is not yet breached."""
    if ticket.status == choices.TicketStatus.RESOLVED:
        return ticket.escalation
    level = 0
    unacked = ticket.acknowledged_at is None
    if unacked and now > ticket.acknowledge_due:
        level = 1
    if now > ticket.resolve_due or (
        unacked and now > ticket.raised_at + 2 * (ticket.acknowledge_due - ticket.raised_at)
    ):
        level = 2
    return max(level, ticket.escalation)


def county_union_of(station: Station):
    from unionhub.org.choices import RegionLevel
    from unionhub.org.models import OrgUnit, Region

    path = station.region.path
    county = next(
        (r for r in Region.objects.filter(level=RegionLevel.COUNTY) if path.startswith(r.path)),
        None,
    )
    if county is None:
        return None
    return OrgUnit.objects.filter(region=county).order_by("depth", "pk").first()


def escalation_target(ticket: Ticket, level: int) -> str:
    if level == 1:
        officers = [
            str(s.user)
            for s in StationStaff.objects.filter(
                station=ticket.station, role=choices.StaffRole.SAFETY_OFFICER
            ).select_related("user")
        ]
        return "驿站安全员 " + "、".join(officers) if officers else "驿站安全员（未指派）"
    union = county_union_of(ticket.station)
    return f"{union.name if union else '县级工会'}劳动经济部"


def tickets_escalate(*, now: dt.datetime) -> list[Ticket]:
    """Escalate every unresolved ticket whose SLA is breached at ``now`` (a pure function
    of the data and ``now``; run every minute by ``manage.py escalate_tickets``)."""
    changed = []
    qs = Ticket.objects.exclude(status=choices.TicketStatus.RESOLVED).select_related(
        "station__region"
    )
    for ticket in qs:
        level = escalation_due(ticket, now)
        if level <= ticket.escalation:
            continue
        with transaction.atomic():
            for step in range(ticket.escalation + 1, level + 1):
                target = escalation_target(ticket, step)
                reason = (
                    "超过受理时限未受理"
                    if step == 1
                    else (
                        "超过办结时限" if now > ticket.resolve_due else "超过受理时限两倍仍未受理"
                    )
                )
                TicketEvent.objects.create(
                    ticket=ticket,
                    at=now,
                    kind=choices.TicketEventKind.ESCALATED,
                    note=f"{reason}，升级至{target}"[:300],
                    actor_name="系统",
                )
                ticket.escalated_to = target[:150]
            ticket.escalation = level
            ticket.save(update_fields=["escalation", "escalated_to", "updated_at"])
        changed.append(ticket)
    return changed


# --- three-level management ----------------------------------------------------------------


@transaction.atomic
def hygiene_check_record(
    *, station: Station, date: dt.date, results: dict[str, bool], note: str = "", actor=None
) -> HygieneCheck:
    unknown = set(results) - set(station.hygiene_checklist)
    if unknown:
        raise ValidationError(
            {"results": [f"不在本站检查表中的项目：{'、'.join(sorted(unknown))}"]}
        )
    full = {item: bool(results.get(item, False)) for item in station.hygiene_checklist}
    row = HygieneCheck.objects.filter(station=station, date=date).first() or HygieneCheck(
        station=station, date=date, created_by=actor
    )
    row.results, row.passed, row.note = full, all(full.values()), note
    return _full_clean_save(row)


@transaction.atomic
def patrol_log_record(
    *, station: Station, at: dt.datetime, normal: bool, observations: str = "", actor=None
) -> PatrolLog:
    from unionhub.stations.selectors import station_state_at

    state = station_state_at(station, at)
    if state.mode == choices.ModeNow.MANNED:
        raise ValidationError({"at": ["视频巡查记录用于无人值守时段，该时间为有人值守。"]})
    if not normal and not observations.strip():
        raise ValidationError({"observations": ["发现异常时请填写情况说明。"]})
    return _full_clean_save(
        PatrolLog(
            station=station, at=at, normal=normal, observations=observations, created_by=actor
        )
    )


@transaction.atomic
def patrol_review(*, log: PatrolLog, actor, note: str = "", now=None) -> PatrolLog:
    if not StationStaff.objects.filter(
        station=log.station, user=actor, role=choices.StaffRole.SAFETY_OFFICER
    ).exists() and not actor.has_perm("stations.change_spotcheck"):
        raise ValidationError({"reviewed_by": ["只有本站安全员或县级工会可以审核巡查记录。"]})
    log.reviewed_by, log.reviewed_at, log.review_note = actor, now or timezone.now(), note
    log.save()
    return log


@transaction.atomic
def spot_check_record(
    *,
    station: Station,
    date: dt.date,
    inspector: str,
    passed: bool,
    findings: str = "",
    rectify_by: dt.date | None = None,
    actor=None,
) -> SpotCheck:
    row = SpotCheck(
        station=station,
        date=date,
        inspector=inspector,
        passed=passed,
        findings=findings,
        rectify_by=rectify_by if not passed else None,
        status=choices.SpotCheckStatus.CLOSED if passed else choices.SpotCheckStatus.OPEN,
        closed_on=date if passed else None,
        created_by=actor,
    )
    return _full_clean_save(row)


@transaction.atomic
def spot_check_close(*, check: SpotCheck, closed_on: dt.date, note: str, actor=None) -> SpotCheck:
    if check.status == choices.SpotCheckStatus.CLOSED:
        raise ValidationError({"status": ["该抽查已闭环。"]})
    if not note.strip():
        raise ValidationError({"closure_note": ["请填写整改情况。"]})
    check.status, check.closed_on, check.closure_note = (
        choices.SpotCheckStatus.CLOSED,
        closed_on,
        note,
    )
    return _full_clean_save(check)
