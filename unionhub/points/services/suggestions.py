"""Rationalization suggestions (合理化建议): submitted → evaluated → adopted / rejected →
implemented; implementation awards the benefit tier's bonus points."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.points.choices import EntryKind, SuggestionStatus
from unionhub.points.models import Department, PointsAccount, Suggestion
from unionhub.points.selectors import tier_points
from unionhub.points.services._common import invalid, require_perm, require_visible, user_or_none
from unionhub.points.services.ledger import entry_key, lock_account, post

if TYPE_CHECKING:
    from unionhub.accounts.models import User

HANDLE_PERMISSION = "points.change_suggestion"


@transaction.atomic
def suggestion_submit(
    *,
    actor: User | None,
    account: PointsAccount,
    title: str,
    content: str,
    submitted_on: dt.date | None = None,
) -> Suggestion:
    require_perm(actor, "points.add_suggestion")
    require_visible(account, actor)
    suggestion = Suggestion(
        programme=account.programme,
        account=account,
        title=title.strip(),
        content=content.strip(),
        submitted_on=submitted_on or timezone.localdate(),
        created_by=user_or_none(actor),
    )
    suggestion.full_clean()
    suggestion.save()
    require_visible(suggestion, actor)
    return suggestion


def _lock_suggestion(suggestion: Suggestion, actor: User | None) -> Suggestion:
    require_perm(actor, HANDLE_PERMISSION)
    require_visible(suggestion, actor)
    return (
        Suggestion.objects.select_for_update()
        .select_related("programme__union__region")
        .get(pk=suggestion.pk)
    )


def _negative_benefit(field: str):
    return invalid(field, _("The benefit cannot be negative."), "negative_benefit")


@transaction.atomic
def suggestion_evaluate(
    *, actor: User | None, suggestion: Suggestion, estimated_benefit: Decimal, evaluation: str
) -> Suggestion:
    s = _lock_suggestion(suggestion, actor)
    if s.status != SuggestionStatus.SUBMITTED:
        raise invalid("status", _("Only a submitted suggestion can be evaluated."), "not_submitted")
    if estimated_benefit is None or estimated_benefit < 0:
        raise _negative_benefit("estimated_benefit")
    s.estimated_benefit = estimated_benefit
    s.evaluation = evaluation[:500]
    s.evaluated_by = user_or_none(actor)
    s.status = SuggestionStatus.EVALUATED
    s.save()
    require_visible(s, actor)
    return s


@transaction.atomic
def suggestion_decide(
    *, actor: User | None, suggestion: Suggestion, adopt: bool, on: dt.date | None = None
) -> Suggestion:
    s = _lock_suggestion(suggestion, actor)
    if s.status != SuggestionStatus.EVALUATED:
        raise invalid(
            "status",
            _("Only an evaluated suggestion can be adopted or rejected."),
            "not_evaluated",
        )
    s.status = SuggestionStatus.ADOPTED if adopt else SuggestionStatus.REJECTED
    s.decided_on = on or timezone.localdate()
    s.save()
    require_visible(s, actor)
    return s


@transaction.atomic
def suggestion_implement(
    *,
    actor: User | None,
    suggestion: Suggestion,
    realized_benefit: Decimal,
    department: Department | None,
    on: dt.date | None = None,
) -> Suggestion:
    """Record the realized benefit and award the tier's bonus points to the proposer."""
    s = _lock_suggestion(suggestion, actor)
    if s.status != SuggestionStatus.ADOPTED:
        raise invalid("status", _("Only an adopted suggestion can be implemented."), "not_adopted")
    if realized_benefit is None or realized_benefit < 0:
        raise _negative_benefit("realized_benefit")
    if department is not None and department.programme_id != s.programme_id:
        raise invalid(
            "department", _("The department belongs to another programme."), "other_programme"
        )
    s.status = SuggestionStatus.IMPLEMENTED
    s.realized_benefit = realized_benefit
    s.department = department
    s.implemented_on = on or timezone.localdate()
    bonus = tier_points(programme=s.programme, benefit=realized_benefit)
    s.bonus_points = bonus
    s.save()
    if bonus:
        account = lock_account(s.account_id)
        when = dt.datetime.combine(
            s.implemented_on, dt.time(12), tzinfo=timezone.get_current_timezone()
        )
        post(
            account=account,
            kind=EntryKind.AWARD,
            points=bonus,
            reason=_("Suggestion benefit bonus: %(title)s (realized benefit %(benefit)s yuan)")
            % {"title": s.title[:60], "benefit": realized_benefit},
            key=entry_key("suggestion", s.pk, account.pk),
            actor=actor,
            ref=s,
            occurred_at=min(when, timezone.now()),
        )
    require_visible(s, actor)
    return s
