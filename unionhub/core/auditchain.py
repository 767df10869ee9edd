"""Tamper evidence for the audit trail: a SHA-256 hash chain (``AuditSeal``) over the change
records, sealed by a scheduled job shortly after they are written, and its verification.

Why after the fact: chaining at insert time would make every audited write in the city
queue for the chain's head until its transaction commits (an import holds its transaction
for minutes). Sealing in the order records are *sealed* — not by id — also copes with a
record that commits after a later id was already sealed: it gets the next seal.

What a seal covers: every column of the record except ``actor`` (the foreign key is set to
NULL when a user is deleted; ``actor_name`` keeps who it was and is covered). So an edited
record no longer matches its seal, a deleted record leaves its seal pointing at nothing
(on PostgreSQL the foreign key and the append-only trigger refuse both anyway), and a
removed seal breaks the sequence and the next seal's ``prev_hash``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from unionhub.core.models import AuditSeal, ChangeRecord

GENESIS = "0" * 64
_LOCK_KEY = 7_302_021  # advisory lock: one sealer at a time on PostgreSQL

__all__ = ["GENESIS", "ChainReport", "record_digest", "seal_pending", "verify_chain"]


def _canonical(record: ChangeRecord) -> bytes:
    body = {
        "id": record.pk,
        "at": record.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_name": record.actor_name,
        "ip": record.ip or "",
        "action": record.action,
        "app_label": record.app_label,
        "model_name": record.model_name,
        "object_id": record.object_id,
        "object_repr": record.object_repr,
        "changes": record.changes,
        "note": record.note,
        "org_path": record.org_path,
        "region_path": record.region_path,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def record_digest(record: ChangeRecord, prev_hash: str) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + _canonical(record)).hexdigest()


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    # SQLite serialises writers itself.


#: how far below the newest sealed record id the minute's job still looks for records that
#: committed late (a long transaction took its id before later ones were sealed)
LATE_WINDOW = 10_000


def seal_pending(*, batch: int = 5000, everything: bool = False) -> int:
    """Seal the committed, unsealed change records (oldest first); returns how many.

    The scheduled run looks only at ids above ``newest sealed − LATE_WINDOW`` — an index
    range, not an anti-join over the whole trail every minute; ``everything=True``
    (``verify_audit --seal``) sweeps the whole trail."""
    sealed = 0
    while True:
        with transaction.atomic():
            _lock()
            head = (
                AuditSeal.objects.order_by("-seq").values_list("seq", "hash", "record_id").first()
            )
            seq, prev, newest = head if head else (0, GENESIS, 0)
            pending = ChangeRecord.objects.filter(seal__isnull=True)
            if not everything and newest:
                pending = pending.filter(id__gt=newest - LATE_WINDOW)
            records = list(pending.order_by("id")[:batch])
            if not records:
                return sealed
            seals = []
            for record in records:
                seq += 1
                digest = record_digest(record, prev)
                seals.append(AuditSeal(seq=seq, record=record, prev_hash=prev, hash=digest))
                prev = digest
            AuditSeal.objects.bulk_create(seals)
            sealed += len(seals)
        if len(records) < batch:
            return sealed


@dataclass(frozen=True)
class ChainReport:
    sealed: int
    unsealed: int
    broken_seq: int | None = None
    broken_record: int | None = None
    #: ``missing_seal`` | ``prev_mismatch`` | ``altered`` (stable, for scripts and tests)
    problem: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def _seals() -> Iterator[AuditSeal]:
    return AuditSeal.objects.select_related("record").order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> ChainReport:
    """Walk the chain from the first seal; the first link that does not hold is named."""
    expected_seq, prev, count = 1, GENESIS, 0
    unsealed = ChangeRecord.objects.filter(seal__isnull=True).count()
    for seal in _seals():
        count += 1
        reason = problem = ""
        if seal.seq != expected_seq:
            problem = "missing_seal"
            reason = _("seal no. %(seq)s is missing: the chain jumps to no. %(next)s") % {
                "seq": expected_seq,
                "next": seal.seq,
            }
        elif seal.prev_hash != prev:
            problem = "prev_mismatch"
            reason = _("seal no. %(seq)s does not follow the seal before it") % {"seq": seal.seq}
        elif record_digest(seal.record, prev) != seal.hash:
            problem = "altered"
            reason = _("change record %(id)s was altered after it was sealed") % {
                "id": seal.record_id
            }
        if reason:
            return ChainReport(count - 1, unsealed, seal.seq, seal.record_id, problem, reason)
        expected_seq, prev = seal.seq + 1, seal.hash
    return ChainReport(count, unsealed)
