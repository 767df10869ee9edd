"""Retention of former members' personal data (domain.md §11.3.5): anonymising it once
the retention period after leaving has passed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Concat, Greatest, Left, Length, Repeat, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.members.choices import MemberStatus
from unionhub.members.models import JoinApplication, Member
from unionhub.members.selectors import member_retention_years, members_due_for_anonymising

if TYPE_CHECKING:
    from unionhub.accounts.models import User

__all__ = ["AnonymiseResult", "members_anonymise"]

_PII_CLEARED = {"id_number_enc": "", "id_number_hash": "", "phone_enc": "", "phone_hash": ""}
#: ``core.pii.mask_name`` in SQL: the first character, then one "*" per further character
#: (at least one) → 张*, 欧***.
_MASKED_NAME = Concat(
    Left("name", 1),
    Repeat(Value("*"), Greatest(Length("name") - 1, Value(1))),
    output_field=CharField(),
)


@dataclass
class AnonymiseResult:
    due: int  # members whose retention period has passed (anonymised unless a dry run)
    applications: int  # their join applications, cleared with them
    without_date: int  # left, but no leaving date recorded: kept, to be completed by hand
    retention_years: int
    dry_run: bool


@transaction.atomic
def members_anonymise(
    *, actor: User | None, today: dt.date | None = None, dry_run: bool = False
) -> AnonymiseResult:
    """Anonymise the personal data of former members whose retention period has passed:
    name masked (``张*``), ID number and phone ciphertexts and hashes cleared, card number
    cleared, birth date reduced to the year; sex, union, employer, occupation, key group and
    the join and leaving dates stay for statistics. Their join applications are cleared the
    same way. Rows are written in bulk, so the audit trail gets one summary record instead
    of one per member (a per-row record would copy the clear names into the trail).
    Idempotent: anonymised members are not selected again. The law, not a user's scope,
    decides what is due: the scheduled job and ``anonymise_members`` pass ``actor=None``."""
    today = today or timezone.localdate()
    years = member_retention_years()
    due = members_due_for_anonymising(today=today, years=years)
    without_date = Member.objects.filter(
        status=MemberStatus.LEFT, anonymised_at__isnull=True, left_on__isnull=True
    ).count()
    ids = [m.pk for m in due]
    chunks = [ids[i : i + 1000] for i in range(0, len(ids), 1000)]  # bounded IN lists

    def applications(chunk: list[int]):
        return JoinApplication.objects.filter(member_id__in=chunk).exclude(
            id_number_enc="", phone_enc=""
        )

    result = AnonymiseResult(
        due=len(due),
        applications=sum(applications(chunk).count() for chunk in chunks),
        without_date=without_date,
        retention_years=years,
        dry_run=dry_run,
    )
    if dry_run or not due:
        return result
    now = timezone.now()
    cleared = {**_PII_CLEARED, "name": _MASKED_NAME, "birth_date": TruncYear("birth_date")}
    app_count = 0
    # Set-based UPDATEs: no per-row save (and so no per-row audit record with the clear
    # name), two statements per thousand members however large the backlog.
    for chunk in chunks:
        Member.objects.filter(pk__in=chunk).update(**cleared, card_number="", anonymised_at=now)
        app_count += applications(chunk).update(**cleared)
    record_change(
        model=Member,
        action="update",
        actor=actor,
        changes={
            "anonymised": len(due),
            "applications": app_count,
            "retention_years": years,
            "left_on_or_before": max(m.left_on for m in due).isoformat(),
        },
        note=_(
            "Personal data anonymised after the retention period: %(members)s members who "
            "left %(years)s years ago or more (and %(applications)s join applications)"
        )
        % {"members": len(due), "years": years, "applications": app_count},
    )
    return result
