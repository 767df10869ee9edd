"""The ledger: every balance change is one appended entry, posted by ``post`` on a LOCKED
account row inside the caller's transaction, with the cached balance moved together; a
balance never goes below zero. Corrections are reversal entries, never edits.

Lock order, everywhere: reward row(s) first, then the account row — so two redemptions can
never wait on each other in opposite orders (no deadlocks under concurrency)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.points.choices import CapPeriod, EntryKind
from unionhub.points.models import LedgerEntry, PointItem, PointsAccount
from unionhub.points.periods import period_bounds
from unionhub.points.services._common import invalid, require_perm, require_visible, user_or_none

if TYPE_CHECKING:
    from unionhub.accounts.models import User

AWARD_PERMISSION = "points.award_points"


def lock_account(account_id: int) -> PointsAccount:
    return PointsAccount.objects.select_for_update().get(pk=account_id)


def entry_key(source_type: str, source_id: Any, account_id: int) -> str:
    """The idempotency key: source type + source id + account."""
    return f"{source_type}:{source_id}:{account_id}"


def post(
    *,
    account: PointsAccount,
    kind: str,
    points: int,
    reason: str,
    key: str,
    actor: User | None,
    item: PointItem | None = None,
    ref: Any = None,
    reference: str = "",
    reverses: LedgerEntry | None = None,
    occurred_at: dt.datetime | None = None,
) -> LedgerEntry:
    """Append one entry to a LOCKED account and move its cached balance. Idempotent by
    ``key``: posting the same key again returns the existing entry and changes nothing."""
    existing = LedgerEntry.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    if not points:
        raise invalid("points", _("The points must not be zero."), "zero_points")
    new_balance = account.balance + points
    if new_balance < 0:
        raise invalid("points", _("Insufficient points"), "insufficient_points")
    entry = LedgerEntry(
        account=account,
        kind=kind,
        points=points,
        balance_after=new_balance,
        reason=reason[:200],
        actor=user_or_none(actor),
        item=item,
        ref_type=ContentType.objects.get_for_model(ref) if ref is not None else None,
        ref_id=ref.pk if ref is not None else None,
        reference=reference[:100],
        reverses=reverses,
        idempotency_key=key,
        occurred_at=occurred_at or timezone.now(),
        created_by=user_or_none(actor),
    )
    entry.save()
    # queryset.update on the account (not the ledger): the cache moves with the entry.
    PointsAccount.objects.filter(pk=account.pk).update(balance=F("balance") + points)
    account.balance = new_balance
    return entry


def check_points_and_cap(
    *, account: PointsAccount, item: PointItem, points: int, occurred_at: dt.datetime
) -> None:
    """The points lie in the item's range and the person's awards of the item in the period
    (not counting reversed ones) are below its cap."""
    if not item.points_min <= points <= item.points_max:
        raise invalid(
            "points",
            _("Points outside the item's range: “%(item)s” allows %(low)d–%(high)d points.")
            % {"item": item.name, "low": item.points_min, "high": item.points_max},
            "out_of_range",
        )
    if item.cap_count:
        start, end = period_bounds(item.cap_period, occurred_at)
        used = LedgerEntry.objects.filter(
            account=account,
            item=item,
            kind=EntryKind.AWARD,
            occurred_at__gte=start,
            occurred_at__lt=end,
            reversed_by__isnull=True,
        ).count()
        if used >= item.cap_count:
            raise invalid(
                "points",
                _(
                    "Cap for this period exceeded: “%(item)s” may be awarded at most "
                    "%(cap)d times per person per %(period)s."
                )
                % {
                    "item": item.name,
                    "period": CapPeriod(item.cap_period).label,
                    "cap": item.cap_count,
                },
                "cap_exceeded",
            )


@transaction.atomic
def entry_adjust(
    *,
    actor: User | None,
    account: PointsAccount,
    points: int,
    reason: str,
    key: str | None = None,
    occurred_at: dt.datetime | None = None,
) -> LedgerEntry:
    """A manual adjustment (积分调整, with a reason) by someone allowed to award points."""
    require_perm(actor, AWARD_PERMISSION)
    require_visible(account, actor)
    if not reason.strip():
        raise invalid("reason", _("Give the reason for the adjustment."), "reason_required")
    locked = lock_account(account.pk)
    entry = post(
        account=locked,
        kind=EntryKind.ADJUSTMENT,
        points=points,
        reason=reason,
        key=key or entry_key("adjustment", uuid.uuid4().hex, account.pk),
        actor=actor,
        occurred_at=occurred_at,
    )
    require_visible(entry, actor)
    if actor is not None:
        # The ledger keeps its own trail; a manual adjustment also enters the audit log.
        record_change(obj=locked, action="update", note=f"{entry}", actor=actor)
    return entry


@transaction.atomic
def entry_reverse(*, actor: User | None, entry: LedgerEntry, reason: str) -> LedgerEntry:
    """Correct a posted entry by appending its opposite; the original stays as it is."""
    require_perm(actor, AWARD_PERMISSION)
    require_visible(entry, actor)
    if not reason.strip():
        raise invalid("reason", _("Give the reason for the reversal."), "reason_required")
    locked = lock_account(entry.account_id)
    if entry.kind == EntryKind.REVERSAL:
        raise invalid(
            "entry", _("A reversal cannot itself be reversed."), "reversal_not_reversible"
        )
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise invalid("entry", _("This entry has already been reversed."), "already_reversed")
    reversal = post(
        account=locked,
        kind=EntryKind.REVERSAL,
        points=-entry.points,
        reason=reason,
        key=entry_key("reversal", entry.pk, entry.account_id),
        actor=actor,
        item=entry.item,
        reverses=entry,
        reference=f"#{entry.pk}",
    )
    require_visible(reversal, actor)
    record_change(obj=locked, action="update", note=f"{reversal}", actor=actor)
    return reversal
