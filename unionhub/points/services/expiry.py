"""Expiry of points (积分清零): the programme's policy decides when a year's credits lapse."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.points.choices import EntryKind, ExpiryPolicy
from unionhub.points.models import LedgerEntry, PointsAccount, Programme
from unionhub.points.periods import year_bounds
from unionhub.points.services._common import require_perm, require_visible
from unionhub.points.services.ledger import AWARD_PERMISSION, entry_key, lock_account, post

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def _year_end(year: int) -> dt.datetime:
    return year_bounds(year)[1]


@transaction.atomic
def expiry_run_account(
    *, actor: User | None, account: PointsAccount, today: dt.date
) -> list[LedgerEntry]:
    """Expire, first-in-first-out, what is left of each year's credits once that year's
    expiry date (end of year + N) has passed. Idempotent: one entry per account and year."""
    programme = account.programme
    if programme.expiry_policy != ExpiryPolicy.YEAR_END:
        return []
    require_visible(account, actor)
    locked = lock_account(account.pk)
    entries = LedgerEntry.objects.filter(account=locked)
    first = entries.filter(points__gt=0).order_by("occurred_at").first()
    if first is None:
        return []
    created = []
    year = timezone.localtime(first.occurred_at).year
    while True:
        cutoff = _year_end(year + programme.expiry_years)  # expires at the end of that year
        if cutoff.date() > today:
            break
        key = entry_key("expiry", year, locked.pk)
        if not LedgerEntry.objects.filter(idempotency_key=key).exists():
            credits = (
                entries.filter(points__gt=0, occurred_at__lt=_year_end(year)).aggregate(
                    s=Sum("points")
                )["s"]
                or 0
            )
            debits = -(
                entries.filter(points__lt=0, occurred_at__lt=cutoff)
                .exclude(kind=EntryKind.EXPIRY)
                .aggregate(s=Sum("points"))["s"]
                or 0
            )
            expired = -(entries.filter(kind=EntryKind.EXPIRY).aggregate(s=Sum("points"))["s"] or 0)
            amount = min(credits - debits - expired, locked.balance)
            if amount > 0:
                created.append(
                    post(
                        account=locked,
                        kind=EntryKind.EXPIRY,
                        points=-amount,
                        reason=_("Points of %(year)d expired") % {"year": year},
                        key=key,
                        actor=actor,
                        reference=str(year),
                    )
                )
        year += 1
    return created


def expiry_run(
    *,
    actor: User | None,
    today: dt.date | None = None,
    programme: Programme | None = None,
) -> int:
    """Run the expiry of every account (the nightly job passes ``actor=None``); each
    account in its own transaction. Returns the number of entries posted."""
    require_perm(actor, AWARD_PERMISSION)
    today = today or timezone.localdate()
    accounts = PointsAccount.objects.filter(programme__expiry_policy=ExpiryPolicy.YEAR_END)
    if actor is not None:
        accounts = accounts.visible_to(actor)
    if programme is not None:
        accounts = accounts.filter(programme=programme)
    count = 0
    for account in accounts.select_related("programme").iterator():
        count += len(expiry_run_account(actor=actor, account=account, today=today))
    return count
