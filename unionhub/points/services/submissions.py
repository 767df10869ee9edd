"""Claims (积分申报) and their review, appeals (申诉), and batch awards for activities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionhub.core.audit import record_change
from unionhub.points.choices import AppealStatus, EntryKind, Evidence, SubmissionStatus
from unionhub.points.models import (
    Appeal,
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Submission,
)
from unionhub.points.services._common import invalid, require_perm, require_visible, user_or_none
from unionhub.points.services.ledger import (
    AWARD_PERMISSION,
    check_points_and_cap,
    entry_key,
    lock_account,
    post,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User

REVIEW_PERMISSION = "points.review_submission"


@transaction.atomic
def submission_create(
    *,
    actor: User | None,
    account: PointsAccount,
    item: PointItem,
    description: str,
    photo: Any = None,
    occurred_at: dt.datetime | None = None,
) -> Submission:
    """An employee's claim on an item of their programme, with evidence when the item asks."""
    require_perm(actor, "points.add_submission")
    require_visible(account, actor)
    if item.programme_id != account.programme_id or not item.is_active:
        raise invalid("item", _("This item is not in your programme."), "item_not_in_programme")
    if not description.strip():
        raise invalid("description", _("Describe what you did."), "description_required")
    if item.evidence != Evidence.NONE and not photo:
        # Enforced here so the phone page and the API refuse alike (the reviewer would
        # otherwise have nothing to check).
        raise invalid(
            "photo",
            _(
                "“%(item)s” requires evidence (%(kind)s): upload a photo or PDF in the "
                "“Evidence (photo or PDF)” field."
            )
            % {"item": item.name, "kind": item.get_evidence_display()},
            "evidence_required",
        )
    submission = Submission(
        account=account,
        item=item,
        description=description.strip(),
        occurred_at=occurred_at or timezone.now(),
        created_by=user_or_none(actor),
    )
    if photo:
        submission.photo = photo
    submission.full_clean(exclude=["account", "item"])  # given as checked objects
    submission.save()
    require_visible(submission, actor)
    return submission


def _lock_submission(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update()
        .select_related("item", "account__programme__union__region")
        .get(pk=submission.pk)
    )


def _award_submission(
    *, sub: Submission, points: int | None, actor: User | None, reason: str
) -> int:
    """Award a LOCKED submission's points, the one path shared by approval and an upheld
    appeal: a fixed item takes its points without input, the range and the per-period cap
    are checked on the locked account, and the award is posted once per submission (the
    idempotency key is the submission, whichever decision awards it). Marks the submission
    approved; the caller saves it."""
    if points is None and sub.item.is_fixed:
        points = sub.item.points_min
    if points is None:
        raise invalid("points", _("Give the points to award."), "points_required")
    account = lock_account(sub.account_id)
    check_points_and_cap(account=account, item=sub.item, points=points, occurred_at=sub.occurred_at)
    post(
        account=account,
        kind=EntryKind.AWARD,
        points=points,
        reason=reason,
        key=entry_key("submission", sub.pk, account.pk),
        actor=actor,
        item=sub.item,
        ref=sub,
        occurred_at=sub.occurred_at,
    )
    sub.status = SubmissionStatus.APPROVED
    sub.points = points
    return points


def _start_review(submission: Submission, actor: User | None) -> Submission:
    require_perm(actor, REVIEW_PERMISSION)
    require_visible(submission, actor)
    sub = _lock_submission(submission)
    if sub.status != SubmissionStatus.PENDING:
        raise invalid("status", _("This submission has already been reviewed."), "already_reviewed")
    if actor is not None and sub.account.user_id == actor.pk:
        raise invalid("reviewer", _("You cannot review your own submission."), "own_submission")
    return sub


@transaction.atomic
def submission_approve(
    *, actor: User | None, submission: Submission, points: int | None, note: str = ""
) -> Submission:
    """Approve with points inside the item's range, within the per-period cap; never one's own."""
    sub = _start_review(submission, actor)
    _award_submission(
        sub=sub,
        points=points,
        actor=actor,
        reason=f"{sub.item.name}：{sub.description[:60]}",
    )
    sub.reviewed_by = user_or_none(actor)
    sub.reviewed_at = timezone.now()
    sub.review_note = note[:300]
    sub.save()
    require_visible(sub, actor)
    return sub


@transaction.atomic
def submission_reject(*, actor: User | None, submission: Submission, reason: str) -> Submission:
    sub = _start_review(submission, actor)
    if not reason.strip():
        raise invalid(
            "review_note",
            pgettext("points review", "Give the reason for the rejection."),
            "reason_required",
        )
    sub.status = SubmissionStatus.REJECTED
    sub.reviewed_by = user_or_none(actor)
    sub.reviewed_at = timezone.now()
    sub.review_note = reason.strip()[:300]
    sub.save()
    require_visible(sub, actor)
    return sub


def _already_appealed() -> ValidationError:
    return invalid(
        "submission",
        _("Only one appeal per rejection: this submission has already been appealed."),
        "already_appealed",
    )


@transaction.atomic
def appeal_create(*, actor: User | None, submission: Submission, reason: str) -> Appeal:
    """One appeal per rejection, by the employee whose submission it was."""
    require_visible(submission, actor)
    sub = _lock_submission(submission)
    if actor is not None and sub.account.user_id != actor.pk:
        raise PermissionDenied
    if sub.status != SubmissionStatus.REJECTED:
        raise invalid(
            "submission", _("Only a rejected submission can be appealed."), "not_rejected"
        )
    if Appeal.objects.filter(submission=sub).exists():
        raise _already_appealed()
    if not reason.strip():
        raise invalid("reason", _("Give the reason for the appeal."), "reason_required")
    appeal = Appeal(submission=sub, reason=reason.strip(), created_by=user_or_none(actor))
    appeal.full_clean(exclude=["submission"])
    try:
        with transaction.atomic():
            appeal.save()
    except IntegrityError as exc:
        raise _already_appealed() from exc
    require_visible(appeal, actor)
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: User | None,
    appeal: Appeal,
    uphold: bool,
    points: int | None = None,
    note: str = "",
) -> Appeal:
    """Decided by a reviewer other than the one who rejected (and not the appellant). Upheld
    appeals award the points exactly as an approval would (range and cap checked)."""
    require_perm(actor, REVIEW_PERMISSION)
    require_visible(appeal, actor)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    sub = _lock_submission(appeal.submission)
    if appeal.status != AppealStatus.PENDING:
        raise invalid("status", _("This appeal has already been decided."), "already_decided")
    decider_id = getattr(actor, "pk", None)
    if decider_id is not None and decider_id == sub.reviewed_by_id:
        raise invalid(
            "decided_by",
            _("An appeal must be decided by someone other than the original reviewer."),
            "same_reviewer",
        )
    if decider_id is not None and decider_id == sub.account.user_id:
        raise invalid("decided_by", _("You cannot review your own submission."), "own_submission")
    if uphold:
        _award_submission(
            sub=sub,
            points=points,
            actor=actor,
            reason=_("%(item)s (appeal upheld): %(text)s")
            % {"item": sub.item.name, "text": sub.description[:50]},
        )
        sub.save()
        appeal.status = AppealStatus.UPHELD
    else:
        if not note.strip():
            raise invalid(
                "decision_note",
                _("Give the reason for dismissing the appeal."),
                "reason_required",
            )
        appeal.status = AppealStatus.DISMISSED
    appeal.decided_by = user_or_none(actor)
    appeal.decided_at = timezone.now()
    appeal.decision_note = note[:300]
    appeal.save()
    require_visible(appeal, actor)
    return appeal


@transaction.atomic
def submission_decide_appeal(
    *,
    actor: User | None,
    submission: Submission,
    uphold: bool,
    points: int | None = None,
    note: str = "",
) -> Appeal:
    """Decide the pending appeal of ``submission`` (the submission page's action)."""
    appeal = Appeal.objects.filter(submission=submission).first()
    if appeal is None:
        raise invalid("submission", _("This submission has not been appealed."), "not_appealed")
    return appeal_decide(actor=actor, appeal=appeal, uphold=uphold, points=points, note=note)


# --- batch awards ------------------------------------------------------------------------


def parse_participants(text: str) -> list[str]:
    """Usernames or employee numbers from a pasted list (lines, commas, spaces, 、)."""
    for sep in ",，、;；\t\r":
        text = text.replace(sep, "\n")
    seen: list[str] = []
    for token in text.replace(" ", "\n").split("\n"):
        token = token.strip()
        if token and token not in seen:
            seen.append(token)
    return seen


@transaction.atomic
def award_batch(
    *,
    actor: User | None,
    programme: Programme,
    item: PointItem,
    participants: Iterable[str],
    points: int,
    activity: str,
    occurred_at: dt.datetime | None = None,
) -> list[LedgerEntry]:
    """Award attendance points to everyone on a participant list (usernames or employee
    numbers). All or nothing: any unknown name, range or cap problem refuses the whole batch
    with every reason listed (each with its code)."""
    require_perm(actor, AWARD_PERMISSION)
    require_visible(programme, actor)
    if item.programme_id != programme.pk:
        raise invalid("item", _("This item is not in the programme."), "item_not_in_programme")
    if not activity.strip():
        raise invalid("activity", _("Name the activity."), "activity_required")
    names = list(participants)
    if not names:
        raise invalid("participants", _("The participant list is empty."), "participants_required")
    occurred_at = occurred_at or timezone.now()
    accounts = PointsAccount.objects.filter(programme=programme).select_related("user")
    by_name = {a.user.username: a for a in accounts.filter(user__username__in=names)}
    by_no = {a.employee_no: a for a in accounts.filter(employee_no__in=names) if a.employee_no}
    errors: list[ValidationError] = []
    found: list[PointsAccount] = []
    for name in names:
        account = by_name.get(name) or by_no.get(name)
        if account is None:
            errors.append(
                ValidationError(
                    _("“%(n)s” is not a member of this points programme.") % {"n": name},
                    code="unknown_participant",
                )
            )
        elif account not in found:
            found.append(account)
    if errors:
        raise ValidationError({"participants": errors})
    batch = f"{item.pk}:{occurred_at:%Y%m%d}:{activity.strip()}"[:80]
    entries = []
    for account in sorted(found, key=lambda a: a.pk):  # stable lock order
        locked = lock_account(account.pk)
        try:
            check_points_and_cap(account=locked, item=item, points=points, occurred_at=occurred_at)
        except ValidationError as exc:
            errors.extend(
                ValidationError(f"{account}：{e.message}", code=e.code)
                for e in exc.error_dict["points"]
            )
            continue
        entries.append(
            post(
                account=locked,
                kind=EntryKind.AWARD,
                points=points,
                reason=f"{item.name}：{activity.strip()}",
                key=entry_key("batch", batch, locked.pk),
                actor=actor,
                item=item,
                reference=activity.strip(),
                occurred_at=occurred_at,
            )
        )
    if errors:
        raise ValidationError({"participants": errors})
    record_change(
        obj=programme,
        action="create",
        note=_("Batch award: %(item)s “%(activity)s”, %(n)d people, %(points)d points each")
        % {"item": item.name, "activity": activity.strip(), "n": len(entries), "points": points},
        actor=actor,
    )
    return entries
