"""Writes of the points system. Every balance change goes through ``_post`` with the account
row locked, inside one transaction: the entry is appended and the cached balance moved
together, and a balance can never go below zero.

Lock order, everywhere: reward row(s) first, then the account row — so two redemptions can
never wait on each other in opposite orders (no deadlocks under concurrency)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionhub.core.audit import record_change
from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit
from unionhub.points.choices import (
    AppealStatus,
    CapPeriod,
    EntryKind,
    Evidence,
    ExpiryPolicy,
    RedemptionStatus,
    SubmissionStatus,
    SuggestionStatus,
)
from unionhub.points.models import (
    Appeal,
    BenefitTier,
    Department,
    ItemCategory,
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Redemption,
    Reward,
    RulesVersion,
    Submission,
    Suggestion,
)

# The seed's catalogue (阜宁协鑫光伏 "小积分激发大能量"): category → items
# (code, name, min, max, cap count, cap period, evidence). The default template of a programme.
DEFAULT_TEMPLATE: list[tuple[str, list[tuple[str, str, int, int, int | None, str, str]]]] = [
    (
        "安全",
        [
            ("safety_snapshot", "安全随手拍", 2, 5, 8, CapPeriod.MONTH, Evidence.PHOTO),
            ("safety_activity", "安全主题活动", 5, 5, 4, CapPeriod.MONTH, Evidence.ATTENDANCE),
        ],
    ),
    (
        "改善创新",
        [
            ("suggestion", "合理化建议", 5, 20, 10, CapPeriod.MONTH, Evidence.DOCUMENT),
            ("tech_project", "技改项目", 20, 100, 4, CapPeriod.YEAR, Evidence.DOCUMENT),
            ("oit", "OIT改善", 10, 50, 6, CapPeriod.YEAR, Evidence.DOCUMENT),
            ("occ", "OCC改善", 10, 50, 6, CapPeriod.YEAR, Evidence.DOCUMENT),
        ],
    ),
    (
        "6S管理",
        [
            ("6s_snapshot", "6S随手拍", 1, 3, 8, CapPeriod.MONTH, Evidence.PHOTO),
            ("6s_improvement", "6S改善", 5, 20, 4, CapPeriod.MONTH, Evidence.PHOTO),
        ],
    ),
    (
        "质量",
        [
            ("kaizen_week", "改善周", 10, 10, 1, CapPeriod.YEAR, Evidence.ATTENDANCE),
            ("quality_month", "质量月", 10, 10, 1, CapPeriod.YEAR, Evidence.ATTENDANCE),
        ],
    ),
    ("文体", [("culture_sports", "文体活动", 3, 10, 4, CapPeriod.MONTH, Evidence.ATTENDANCE)]),
]

# Default benefit tiers for implemented suggestions (realized benefit in yuan → bonus points).
DEFAULT_TIERS: list[tuple[Decimal, int]] = [
    (Decimal("1"), 10),
    (Decimal("10000"), 30),
    (Decimal("100000"), 80),
    (Decimal("1000000"), 200),
]


# --- programme and catalogue --------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    union: OrgUnit,
    name: str,
    actor: Any = None,
    slogan: str = "",
    with_default_catalogue: bool = True,
    expiry_policy: str = ExpiryPolicy.YEAR_END,
    expiry_years: int = 1,
) -> Programme:
    if union.kind in {OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION, OrgKind.TOWN_FEDERATION}:
        raise ValidationError({"union": [_("A points programme belongs to a grassroots union.")]})
    programme = Programme(
        union=union,
        name=name,
        slogan=slogan,
        expiry_policy=expiry_policy,
        expiry_years=expiry_years,
        created_by=actor,
    )
    programme.full_clean()
    programme.save()
    if with_default_catalogue:
        catalogue_apply_default(programme=programme, actor=actor)
    return programme


@transaction.atomic
def catalogue_apply_default(*, programme: Programme, actor: Any = None) -> int:
    """Create the seed's categories, items and benefit tiers that are missing. Idempotent."""
    created = 0
    order = 0
    for c_index, (category_name, items) in enumerate(DEFAULT_TEMPLATE):
        category, _new = ItemCategory.objects.get_or_create(
            programme=programme,
            name=category_name,
            defaults={"order": c_index, "created_by": actor},
        )
        for code, name, low, high, cap, period, evidence in items:
            order += 1
            _item, new = PointItem.objects.get_or_create(
                programme=programme,
                code=code,
                defaults={
                    "category": category,
                    "name": name,
                    "points_min": low,
                    "points_max": high,
                    "cap_count": cap,
                    "cap_period": period,
                    "evidence": evidence,
                    "order": order,
                    "created_by": actor,
                },
            )
            created += int(new)
    if not programme.benefit_tiers.exists():
        for min_benefit, points in DEFAULT_TIERS:
            BenefitTier.objects.create(
                programme=programme, min_benefit=min_benefit, points=points, created_by=actor
            )
    return created


@transaction.atomic
def rules_version_add(
    *,
    programme: Programme,
    title: str,
    effective_from: dt.date,
    document: Any = None,
    summary: str = "",
    actor: Any = None,
) -> RulesVersion:
    """Attach a new version of the rules document; earlier versions are kept."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    last = programme.rules_versions.aggregate(m=models.Max("version"))["m"] or 0
    version = RulesVersion(
        programme=programme,
        version=last + 1,
        title=title,
        effective_from=effective_from,
        summary=summary,
        created_by=actor,
    )
    if document is not None:
        version.document = document
    version.full_clean()
    version.save()
    return version


def item_validate(item: PointItem) -> None:
    if item.points_min and item.points_max and item.points_max < item.points_min:
        raise ValidationError({"points_max": [_("The maximum cannot be below the minimum.")]})


@transaction.atomic
def account_open(
    *,
    programme: Programme,
    user: Any,
    department: Department | None = None,
    employee_no: str = "",
    actor: Any = None,
) -> PointsAccount:
    """Open (or return) the user's account in the programme."""
    account = PointsAccount.objects.filter(programme=programme, user=user).first()
    if account is not None:
        return account
    if department is not None and department.programme_id != programme.pk:
        raise ValidationError({"department": [_("The department belongs to another programme.")]})
    account = PointsAccount(
        programme=programme,
        user=user,
        department=department,
        employee_no=employee_no,
        created_by=actor,
    )
    account.full_clean()
    account.save()
    return account


# --- the ledger -------------------------------------------------------------------------


def _lock_account(account_id: int) -> PointsAccount:
    return PointsAccount.objects.select_for_update().get(pk=account_id)


def _key(source_type: str, source_id: Any, account_id: int) -> str:
    return f"{source_type}:{source_id}:{account_id}"


def _post(
    *,
    account: PointsAccount,
    kind: str,
    points: int,
    reason: str,
    key: str,
    actor: Any = None,
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
    if points == 0:
        raise ValidationError({"points": [_("The points must not be zero.")]})
    new_balance = account.balance + points
    if new_balance < 0:
        raise ValidationError({"points": [_("Insufficient points")]})
    entry = LedgerEntry(
        account=account,
        kind=kind,
        points=points,
        balance_after=new_balance,
        reason=reason[:200],
        actor=actor if getattr(actor, "pk", None) else None,
        item=item,
        ref_type=ContentType.objects.get_for_model(ref) if ref is not None else None,
        ref_id=ref.pk if ref is not None else None,
        reference=reference[:100],
        reverses=reverses,
        idempotency_key=key,
        occurred_at=occurred_at or timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    entry.save()
    # queryset.update on the account (not the ledger): the cache moves with the entry.
    PointsAccount.objects.filter(pk=account.pk).update(balance=F("balance") + points)
    account.balance = new_balance
    return entry


@transaction.atomic
def entry_adjust(
    *,
    account: PointsAccount,
    points: int,
    reason: str,
    actor: Any,
    key: str | None = None,
    occurred_at: dt.datetime | None = None,
) -> LedgerEntry:
    """A manual adjustment (with a reason) by someone allowed to award points."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the adjustment.")]})
    locked = _lock_account(account.pk)
    key = key or _key("adjustment", uuid.uuid4().hex, account.pk)
    return _post(
        account=locked,
        kind=EntryKind.ADJUSTMENT,
        points=points,
        reason=reason,
        key=key,
        actor=actor,
        occurred_at=occurred_at,
    )


@transaction.atomic
def entry_reverse(*, entry: LedgerEntry, reason: str, actor: Any) -> LedgerEntry:
    """Correct a posted entry by appending its opposite; the original stays as it is."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the reversal.")]})
    locked = _lock_account(entry.account_id)
    if entry.kind == EntryKind.REVERSAL:
        raise ValidationError({"entry": [_("A reversal cannot itself be reversed.")]})
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError({"entry": [_("This entry has already been reversed.")]})
    return _post(
        account=locked,
        kind=EntryKind.REVERSAL,
        points=-entry.points,
        reason=reason,
        key=_key("reversal", entry.pk, entry.account_id),
        actor=actor,
        item=entry.item,
        reverses=entry,
        reference=f"#{entry.pk}",
    )


def period_bounds(period: str, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the week / month / year containing ``moment`` (local time)."""
    local = timezone.localtime(moment)
    day = local.date()
    if period == CapPeriod.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=7)
    elif period == CapPeriod.MONTH:
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
    else:
        start = day.replace(month=1, day=1)
        end = start.replace(year=start.year + 1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def _check_points_and_cap(
    *, account: PointsAccount, item: PointItem, points: int, occurred_at: dt.datetime
) -> None:
    if not item.points_min <= points <= item.points_max:
        raise ValidationError(
            {
                "points": [
                    _("Points outside the item's range: “%(item)s” allows %(low)d–%(high)d points.")
                    % {"item": item.name, "low": item.points_min, "high": item.points_max}
                ]
            }
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
            raise ValidationError(
                {
                    "points": [
                        _(
                            "Cap for this period exceeded: “%(item)s” may be awarded at most "
                            "%(cap)d times per person per %(period)s."
                        )
                        % {
                            "item": item.name,
                            "period": CapPeriod(item.cap_period).label,
                            "cap": item.cap_count,
                        }
                    ]
                }
            )


# --- submissions, review, appeals, batch awards -------------------------------------------


@transaction.atomic
def submission_create(
    *,
    account: PointsAccount,
    item: PointItem,
    description: str,
    photo: Any = None,
    occurred_at: dt.datetime | None = None,
    actor: Any = None,
) -> Submission:
    if item.programme_id != account.programme_id or not item.is_active:
        raise ValidationError({"item": [_("This item is not in your programme.")]})
    if not description.strip():
        raise ValidationError({"description": [_("Describe what you did.")]})
    if item.evidence != Evidence.NONE and not photo:
        # Enforced here so the phone page and the API refuse alike (the reviewer would
        # otherwise have nothing to check).
        raise ValidationError(
            {
                "photo": [
                    _(
                        "“%(item)s” requires evidence (%(kind)s): upload a photo or PDF in the "
                        "“Evidence (photo or PDF)” field."
                    )
                    % {"item": item.name, "kind": item.get_evidence_display()}
                ]
            }
        )
    submission = Submission(
        account=account,
        item=item,
        description=description.strip(),
        occurred_at=occurred_at or timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if photo:
        submission.photo = photo
    submission.full_clean(exclude=["account", "item"])  # given as checked objects
    submission.save()
    return submission


def _lock_submission(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update()
        .select_related("item", "account__programme__union__region")
        .get(pk=submission.pk)
    )


def _award_submission(*, sub: Submission, points: int | None, actor: Any, reason: str) -> int:
    """Award a LOCKED submission's points, the one path shared by approval and an upheld
    appeal: a fixed item takes its points without input, the range and the per-period cap
    are checked on the locked account, and the award is posted once per submission (the
    idempotency key is the submission, whichever decision awards it). Marks the submission
    approved; the caller saves it."""
    if points is None and sub.item.is_fixed:
        points = sub.item.points_min
    if points is None:
        raise ValidationError({"points": [_("Give the points to award.")]})
    account = _lock_account(sub.account_id)
    _check_points_and_cap(
        account=account, item=sub.item, points=points, occurred_at=sub.occurred_at
    )
    _post(
        account=account,
        kind=EntryKind.AWARD,
        points=points,
        reason=reason,
        key=_key("submission", sub.pk, account.pk),
        actor=actor,
        item=sub.item,
        ref=sub,
        occurred_at=sub.occurred_at,
    )
    sub.status = SubmissionStatus.APPROVED
    sub.points = points
    return points


@transaction.atomic
def submission_approve(
    *, submission: Submission, points: int | None, reviewer: Any, note: str = ""
) -> Submission:
    """Approve with points inside the item's range, within the per-period cap; never one's own."""
    sub = _lock_submission(submission)
    if sub.status != SubmissionStatus.PENDING:
        raise ValidationError({"status": [_("This submission has already been reviewed.")]})
    if sub.account.user_id == getattr(reviewer, "pk", None):
        raise ValidationError({"reviewer": [_("You cannot review your own submission.")]})
    _award_submission(
        sub=sub,
        points=points,
        actor=reviewer,
        reason=f"{sub.item.name}：{sub.description[:60]}",
    )
    sub.reviewed_by = reviewer
    sub.reviewed_at = timezone.now()
    sub.review_note = note[:300]
    sub.save()
    return sub


@transaction.atomic
def submission_reject(*, submission: Submission, reviewer: Any, reason: str) -> Submission:
    sub = _lock_submission(submission)
    if sub.status != SubmissionStatus.PENDING:
        raise ValidationError({"status": [_("This submission has already been reviewed.")]})
    if sub.account.user_id == getattr(reviewer, "pk", None):
        raise ValidationError({"reviewer": [_("You cannot review your own submission.")]})
    if not reason.strip():
        raise ValidationError(
            {"review_note": [pgettext("points review", "Give the reason for the rejection.")]}
        )
    sub.status = SubmissionStatus.REJECTED
    sub.reviewed_by = reviewer
    sub.reviewed_at = timezone.now()
    sub.review_note = reason.strip()[:300]
    sub.save()
    return sub


@transaction.atomic
def appeal_create(*, submission: Submission, reason: str, actor: Any) -> Appeal:
    """One appeal per rejection, by the employee whose submission it was."""
    sub = _lock_submission(submission)
    if sub.status != SubmissionStatus.REJECTED:
        raise ValidationError({"submission": [_("Only a rejected submission can be appealed.")]})
    if Appeal.objects.filter(submission=sub).exists():
        raise ValidationError(
            {
                "submission": [
                    _("Only one appeal per rejection: this submission has already been appealed.")
                ]
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the appeal.")]})
    appeal = Appeal(submission=sub, reason=reason.strip(), created_by=actor)
    appeal.full_clean(exclude=["submission"])
    try:
        with transaction.atomic():
            appeal.save()
    except IntegrityError as exc:
        raise ValidationError(
            {
                "submission": [
                    _("Only one appeal per rejection: this submission has already been appealed.")
                ]
            }
        ) from exc
    return appeal


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, uphold: bool, decider: Any, points: int | None = None, note: str = ""
) -> Appeal:
    """Decided by a reviewer other than the one who rejected (and not the appellant). Upheld
    appeals award the points exactly as an approval would (range and cap checked)."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    sub = _lock_submission(appeal.submission)
    if appeal.status != AppealStatus.PENDING:
        raise ValidationError({"status": [_("This appeal has already been decided.")]})
    if getattr(decider, "pk", None) == sub.reviewed_by_id:
        raise ValidationError(
            {
                "decided_by": [
                    _("An appeal must be decided by someone other than the original reviewer.")
                ]
            }
        )
    if getattr(decider, "pk", None) == sub.account.user_id:
        raise ValidationError({"decided_by": [_("You cannot review your own submission.")]})
    if uphold:
        _award_submission(
            sub=sub,
            points=points,
            actor=decider,
            reason=f"{sub.item.name}（申诉改判）：{sub.description[:50]}",
        )
        sub.save()
        appeal.status = AppealStatus.UPHELD
    else:
        if not note.strip():
            raise ValidationError(
                {"decision_note": [_("Give the reason for dismissing the appeal.")]}
            )
        appeal.status = AppealStatus.DISMISSED
    appeal.decided_by = decider
    appeal.decided_at = timezone.now()
    appeal.decision_note = note[:300]
    appeal.save()
    return appeal


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
    programme: Programme,
    item: PointItem,
    participants: Iterable[str],
    points: int,
    actor: Any,
    activity: str,
    occurred_at: dt.datetime | None = None,
) -> list[LedgerEntry]:
    """Award attendance points to everyone on a participant list (usernames or employee
    numbers). All or nothing: any unknown name, range or cap problem refuses the whole batch
    with every reason listed."""
    if item.programme_id != programme.pk:
        raise ValidationError({"item": [_("This item is not in the programme.")]})
    if not activity.strip():
        raise ValidationError({"activity": [_("Name the activity.")]})
    names = list(participants)
    if not names:
        raise ValidationError({"participants": [_("The participant list is empty.")]})
    occurred_at = occurred_at or timezone.now()
    accounts = PointsAccount.objects.filter(programme=programme).select_related("user")
    by_name = {a.user.username: a for a in accounts.filter(user__username__in=names)}
    by_no = {a.employee_no: a for a in accounts.filter(employee_no__in=names) if a.employee_no}
    errors: list[str] = []
    found: list[PointsAccount] = []
    for name in names:
        account = by_name.get(name) or by_no.get(name)
        if account is None:
            errors.append(_("“%(n)s” is not a member of this points programme.") % {"n": name})
        elif account not in found:
            found.append(account)
    if errors:
        raise ValidationError({"participants": errors})
    batch = f"{item.pk}:{occurred_at:%Y%m%d}:{activity.strip()}"[:80]
    entries = []
    for account in sorted(found, key=lambda a: a.pk):  # stable lock order
        locked = _lock_account(account.pk)
        try:
            _check_points_and_cap(account=locked, item=item, points=points, occurred_at=occurred_at)
        except ValidationError as exc:
            errors.extend(f"{account}：{m}" for m in exc.messages)
            continue
        entries.append(
            _post(
                account=locked,
                kind=EntryKind.AWARD,
                points=points,
                reason=f"{item.name}：{activity.strip()}",
                key=_key("batch", batch, locked.pk),
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
        note=f"批量奖励积分：{item.name}「{activity.strip()}」{len(entries)} 人，每人 {points} 分",
        actor=actor,
    )
    return entries


# --- rewards and redemption ---------------------------------------------------------------


@transaction.atomic
def redemption_create(
    *, account: PointsAccount, reward: Reward, quantity: int, actor: Any = None
) -> Redemption:
    """Redeem: stock, per-person limit and balance checked under row locks (reward, then
    account), so concurrent orders never oversell or overdraw."""
    if quantity is None or quantity < 1:
        raise ValidationError({"quantity": [_("The quantity must be at least 1.")]})
    locked_reward = Reward.objects.select_for_update().get(pk=reward.pk)
    locked = _lock_account(account.pk)
    if locked_reward.programme_id != locked.programme_id or not locked_reward.is_active:
        raise ValidationError({"reward": [_("This reward is not available in your programme.")]})
    if locked_reward.stock < quantity:
        raise ValidationError({"quantity": [_("Insufficient stock")]})
    if locked_reward.per_person_limit:
        taken = (
            Redemption.objects.filter(account=locked, reward=locked_reward)
            .exclude(status=RedemptionStatus.CANCELLED)
            .aggregate(n=Sum("quantity"))["n"]
            or 0
        )
        if taken + quantity > locked_reward.per_person_limit:
            raise ValidationError({"quantity": [_("Exceeds the redemption limit per person")]})
    cost = locked_reward.cost * quantity
    if locked.balance < cost:
        raise ValidationError({"quantity": [_("Insufficient points")]})
    order = Redemption.objects.create(
        account=locked,
        reward=locked_reward,
        quantity=quantity,
        points=cost,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    Reward.objects.filter(pk=locked_reward.pk).update(stock=F("stock") - quantity)
    _post(
        account=locked,
        kind=EntryKind.REDEMPTION,
        points=-cost,
        reason=f"兑换 {locked_reward.name} ×{quantity}",
        key=_key("redemption", order.pk, locked.pk),
        actor=actor,
        ref=order,
    )
    return order


@transaction.atomic
def redemption_fulfil(*, order: Redemption, actor: Any, note: str = "") -> Redemption:
    order = Redemption.objects.select_for_update().get(pk=order.pk)
    if order.status != RedemptionStatus.PENDING:
        raise ValidationError({"status": [_("Only a pending order can be fulfilled.")]})
    order.status = RedemptionStatus.FULFILLED
    order.handled_by = actor
    order.handled_at = timezone.now()
    order.note = note[:200]
    order.save()
    return order


@transaction.atomic
def redemption_cancel(*, order: Redemption, actor: Any, note: str = "") -> Redemption:
    """Cancel a pending order: the stock goes back and the points are refunded by an entry."""
    order = Redemption.objects.get(pk=order.pk)
    Reward.objects.select_for_update().get(pk=order.reward_id)  # lock order: reward first
    locked = _lock_account(order.account_id)
    order = Redemption.objects.select_for_update().get(pk=order.pk)
    if order.status != RedemptionStatus.PENDING:
        raise ValidationError({"status": [_("Only a pending order can be cancelled.")]})
    Reward.objects.filter(pk=order.reward_id).update(stock=F("stock") + order.quantity)
    _post(
        account=locked,
        kind=EntryKind.REFUND,
        points=order.points,
        reason=f"取消兑换 {order.reward.name} ×{order.quantity}",
        key=_key("refund", order.pk, locked.pk),
        actor=actor,
        ref=order,
    )
    order.status = RedemptionStatus.CANCELLED
    order.handled_by = actor if getattr(actor, "pk", None) else None
    order.handled_at = timezone.now()
    order.note = note[:200]
    order.save()
    return order


# --- rationalization suggestions ----------------------------------------------------------


@transaction.atomic
def suggestion_submit(
    *,
    account: PointsAccount,
    title: str,
    content: str,
    submitted_on: dt.date | None = None,
    actor: Any = None,
) -> Suggestion:
    suggestion = Suggestion(
        programme=account.programme,
        account=account,
        title=title.strip(),
        content=content.strip(),
        submitted_on=submitted_on or timezone.localdate(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def _lock_suggestion(suggestion: Suggestion) -> Suggestion:
    return (
        Suggestion.objects.select_for_update()
        .select_related("programme__union__region")
        .get(pk=suggestion.pk)
    )


@transaction.atomic
def suggestion_evaluate(
    *, suggestion: Suggestion, estimated_benefit: Decimal, evaluation: str, actor: Any
) -> Suggestion:
    s = _lock_suggestion(suggestion)
    if s.status != SuggestionStatus.SUBMITTED:
        raise ValidationError({"status": [_("Only a submitted suggestion can be evaluated.")]})
    if estimated_benefit is None or estimated_benefit < 0:
        raise ValidationError({"estimated_benefit": [_("The benefit cannot be negative.")]})
    s.estimated_benefit = estimated_benefit
    s.evaluation = evaluation[:500]
    s.evaluated_by = actor
    s.status = SuggestionStatus.EVALUATED
    s.save()
    return s


@transaction.atomic
def suggestion_decide(
    *, suggestion: Suggestion, adopt: bool, actor: Any, on: dt.date | None = None
) -> Suggestion:
    s = _lock_suggestion(suggestion)
    if s.status != SuggestionStatus.EVALUATED:
        raise ValidationError(
            {"status": [_("Only an evaluated suggestion can be adopted or rejected.")]}
        )
    s.status = SuggestionStatus.ADOPTED if adopt else SuggestionStatus.REJECTED
    s.decided_on = on or timezone.localdate()
    s.save()
    return s


def tier_points(*, programme: Programme, benefit: Decimal) -> int:
    tier = (
        BenefitTier.objects.filter(programme=programme, min_benefit__lte=benefit)
        .order_by("-min_benefit")
        .first()
    )
    return tier.points if tier else 0


@transaction.atomic
def suggestion_implement(
    *,
    suggestion: Suggestion,
    realized_benefit: Decimal,
    department: Department | None,
    actor: Any,
    on: dt.date | None = None,
) -> Suggestion:
    """Record the realized benefit and award the tier's bonus points to the proposer."""
    s = _lock_suggestion(suggestion)
    if s.status != SuggestionStatus.ADOPTED:
        raise ValidationError({"status": [_("Only an adopted suggestion can be implemented.")]})
    if realized_benefit is None or realized_benefit < 0:
        raise ValidationError({"realized_benefit": [_("The benefit cannot be negative.")]})
    if department is not None and department.programme_id != s.programme_id:
        raise ValidationError({"department": [_("The department belongs to another programme.")]})
    s.status = SuggestionStatus.IMPLEMENTED
    s.realized_benefit = realized_benefit
    s.department = department
    s.implemented_on = on or timezone.localdate()
    bonus = tier_points(programme=s.programme, benefit=realized_benefit)
    s.bonus_points = bonus
    s.save()
    if bonus:
        account = _lock_account(s.account_id)
        when = dt.datetime.combine(
            s.implemented_on, dt.time(12), tzinfo=timezone.get_current_timezone()
        )
        _post(
            account=account,
            kind=EntryKind.AWARD,
            points=bonus,
            reason=f"合理化建议效益奖励：{s.title[:60]}（实现效益 {realized_benefit} 元）",
            key=_key("suggestion", s.pk, account.pk),
            actor=actor,
            ref=s,
            occurred_at=min(when, timezone.now()),
        )
    return s


# --- expiry and consistency ---------------------------------------------------------------


def _year_end(year: int) -> dt.datetime:
    return dt.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())


@transaction.atomic
def expiry_run_account(*, account: PointsAccount, today: dt.date) -> list[LedgerEntry]:
    """Expire, first-in-first-out, what is left of each year's credits once that year's
    expiry date (end of year + N) has passed. Idempotent: one entry per account and year."""
    programme = account.programme
    if programme.expiry_policy != ExpiryPolicy.YEAR_END:
        return []
    locked = _lock_account(account.pk)
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
        key = _key("expiry", year, locked.pk)
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
                    _post(
                        account=locked,
                        kind=EntryKind.EXPIRY,
                        points=-amount,
                        reason=_("Points of %(year)d expired") % {"year": year},
                        key=key,
                        reference=str(year),
                    )
                )
        year += 1
    return created


def expiry_run(*, today: dt.date | None = None, programme: Programme | None = None) -> int:
    today = today or timezone.localdate()
    accounts = PointsAccount.objects.filter(programme__expiry_policy=ExpiryPolicy.YEAR_END)
    if programme is not None:
        accounts = accounts.filter(programme=programme)
    count = 0
    for account in accounts.select_related("programme").iterator():
        count += len(expiry_run_account(account=account, today=today))
    return count


def ledger_check() -> list[tuple[PointsAccount, int, int]]:
    """Accounts whose cached balance differs from the sum of their entries:
    ``[(account, cached, computed)]``."""
    sums = dict(
        LedgerEntry.objects.values("account_id")
        .annotate(s=Sum("points"))
        .values_list("account_id", "s")
    )
    problems = []
    for account in PointsAccount.objects.select_related("user").order_by("pk").iterator():
        computed = sums.get(account.pk, 0) or 0
        if computed != account.balance:
            problems.append((account, account.balance, computed))
    return problems
