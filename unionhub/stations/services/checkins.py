"""Check-ins (扫码登记): the busiest write of the platform. A device's new visit is one SQL
statement on PostgreSQL (see ``_INSERT_VISIT_PG``); keep it that way."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.stations import choices, schedule
from unionhub.stations.models import CheckIn, Device, Station
from unionhub.stations.selectors import StaleCache
from unionhub.stations.services._common import (
    Conflict,
    check_station_visible,
    invalid,
    user_or_none,
)
from unionhub.stations.services.devices import _fingerprint

if TYPE_CHECKING:
    from unionhub.accounts.models import User

DEDUPE_MINUTES = 10
MAX_FUTURE_SKEW = dt.timedelta(minutes=5)
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
OCCUPATIONS = frozenset(choices.Occupation.values)  # ``.values`` builds a new list per call


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
        raise invalid("phone", _("Enter an 11-digit mobile number."), "invalid_phone")
    return digits


def member_visitor(member_code: str) -> tuple[str, str | None]:
    """(visitor token, occupation or None) for a member code, through the members module."""
    try:
        from unionhub.members.services import member_code_verify
    except ImportError:
        raise invalid(
            "member_code", _("Member codes are not available yet."), "member_code_unavailable"
        ) from None
    member = member_code_verify(member_code)
    if not member:
        raise invalid(
            "member_code", _("The member code is invalid or has expired."), "invalid_member_code"
        )
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
    return _("The station is closed now; it next opens %(when)s.") % {
        "when": schedule.format_opening(nxt, at)
    }


def _open_at(station: Station, at: dt.datetime) -> bool:
    from unionhub.stations.selectors import station_open_at

    return station_open_at(station, at)


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
    actor: User | None,
) -> CheckInResult:
    """Record a visit. Idempotent per ``event_id`` (same content → the same record; other
    content → ``Conflict``); refused when the station is closed at ``at`` (message with
    the next opening time); the same visitor within 10 minutes counts once (the earlier
    record is returned).

    ``station`` must be a row read in the current request (its ``updated_at`` selects the
    cached opening schedule), or the cached station of a ``device`` marked ``from_cache``: then
    the insert confirms both, and any outcome but a new visit raises ``StaleCache`` for the
    caller to decide again from a fresh read. A new visit is one SQL statement on PostgreSQL.

    ``actor`` is the staff member registering at the desk (the station must be in their
    scope; a check-in's scope is its station's), or None for a device or the public phone
    page, whose callers have already tied the request to the station."""
    check_station_visible(station, actor)
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
        raise invalid("phone", _("Enter a mobile number or a member code."), "visitor_required")
    occupation = occupation or member_occupation
    if occupation not in OCCUPATIONS:
        raise invalid("occupation", _("Choose an occupation."), "occupation_required")
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
        refusal = invalid("at", _("The check-in time cannot be in the future."), "future")
    elif not station.is_active:
        refusal = invalid("station", _("This station is no longer in service."), "inactive")
    elif not _open_at(station, at):
        refusal = invalid("at", closed_message(station, at), "closed")
    optimistic = getattr(device, "from_cache", False)
    if refusal is not None:
        if optimistic:
            raise StaleCache  # refuse only on a fresh reading of the station
        # A repeated delivery of an event recorded earlier is answered as such even if the
        # station has closed since (the device retries after a lost answer).
        existing = CheckIn.objects.filter(event_id=event_id).first()
        if existing is not None:
            return _same_event(existing, fp)
        raise refusal
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
        created_by=user_or_none(actor),
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
