"""Reads of the points system: the caller's account, queues, leaderboards and statistics.
Everything starts from ``visible_to(user)`` — except the few reads an employee makes about
their own programme (its items and rewards), which go through their own account."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.org.models import OrgUnit
from unionhub.points.choices import (
    CapPeriod,
    EntryKind,
    LeaderboardPeriod,
    SubmissionStatus,
    SuggestionStatus,
)
from unionhub.points.models import (
    BenefitTier,
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Reward,
    Submission,
    Suggestion,
)
from unionhub.points.periods import period_bounds, year_bounds


def account_for_user(*, user: Any, programme_id: int | None = None) -> PointsAccount | None:
    """The caller's own account (the newest active one, or the one in ``programme_id``)."""
    if not getattr(user, "is_authenticated", False):
        return None
    qs = PointsAccount.objects.filter(user=user, programme__is_active=True).select_related(
        "programme__union", "department", "user"
    )
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    return qs.order_by("-pk").first()


def programme_list(*, user: Any) -> QuerySet[Programme]:
    return Programme.objects.visible_to(user).select_related("union")


def items_for_account(*, account: PointsAccount) -> QuerySet[PointItem]:
    return (
        PointItem.objects.filter(programme_id=account.programme_id, is_active=True)
        .select_related("category")
        .order_by("category__order", "order")
    )


def reward_list(*, user: Any) -> QuerySet[Reward]:
    """Rewards the user manages plus the rewards of the programmes they belong to."""
    own_programmes = PointsAccount.objects.filter(user=user).values("programme_id")
    visible = Reward.objects.visible_to(user).values("pk")
    return (
        Reward.objects.filter(
            Q(pk__in=visible) | Q(programme_id__in=own_programmes, is_active=True)
        )
        .select_related("programme__union")
        .order_by("programme_id", "cost", "pk")
    )


def item_choices(*, user: Any) -> QuerySet[PointItem]:
    """Items a user may claim or manage: those of their own programmes and those in scope."""
    own_programmes = PointsAccount.objects.filter(user=user).values("programme_id")
    visible = PointItem.objects.visible_to(user).values("pk")
    return PointItem.objects.filter(Q(pk__in=visible) | Q(programme_id__in=own_programmes))


def submission_queue(*, user: Any) -> QuerySet[Submission]:
    return (
        Submission.objects.visible_to(user)
        .filter(status=SubmissionStatus.PENDING)
        .select_related("account__user", "account__department", "item")
        .order_by("occurred_at", "pk")
    )


def _period_start(period: str, today: dt.date | None = None) -> dt.datetime | None:
    if period == LeaderboardPeriod.ALL:
        return None
    now = timezone.now()
    if today is not None:
        now = dt.datetime.combine(today, dt.time(12), tzinfo=timezone.get_current_timezone())
    return period_bounds(CapPeriod(period), now)[0]


def earned_entries(*, programme_ids: Any, since: dt.datetime | None = None, until=None):
    """Awards that still stand (not reversed): what leaderboards and participation count."""
    qs = LedgerEntry.objects.filter(
        account__programme_id__in=programme_ids, kind=EntryKind.AWARD, reversed_by__isnull=True
    )
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    if until is not None:
        qs = qs.filter(occurred_at__lt=until)
    return qs


def leaderboard(
    *,
    programme: Programme,
    period: str = LeaderboardPeriod.MONTH,
    by: str = "person",
    limit: int = 10,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Top earners (person or department) in the week / month / year / all time."""
    qs = earned_entries(programme_ids=[programme.pk], since=_period_start(period, today))
    if by == "department":
        rows = (
            qs.values("account__department__name")
            .annotate(
                points=Sum("points"), times=Count("pk"), people=Count("account", distinct=True)
            )
            .order_by("-points", "account__department__name")[:limit]
        )
        return [
            {
                "name": r["account__department__name"] or "—",
                "points": r["points"],
                "times": r["times"],
                "people": r["people"],
            }
            for r in rows
        ]
    rows = (
        qs.values(
            "account_id",
            "account__user__full_name",
            "account__user__username",
            "account__department__name",
        )
        .annotate(points=Sum("points"), times=Count("pk"))
        .order_by("-points", "account_id")[:limit]
    )
    return [
        {
            "account_id": r["account_id"],
            "name": r["account__user__full_name"] or r["account__user__username"],
            "department": r["account__department__name"] or "",
            "points": r["points"],
            "times": r["times"],
        }
        for r in rows
    ]


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return year_bounds(year)


def _money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def suggestion_totals(*, programme_ids: Any, year: int | None = None) -> dict[str, Any]:
    """Suggestions of a year: counts and benefit. ``realized`` (yuan) is the sum of realized
    benefit of suggestions implemented that year — the seed's 全年合理化建议总收益."""
    qs = Suggestion.objects.filter(programme_id__in=programme_ids)
    submitted = qs if year is None else qs.filter(submitted_on__year=year)
    adopted = qs.filter(status__in=[SuggestionStatus.ADOPTED, SuggestionStatus.IMPLEMENTED])
    implemented = qs.filter(status=SuggestionStatus.IMPLEMENTED)
    if year is not None:
        adopted = adopted.filter(decided_on__year=year)
        implemented = implemented.filter(implemented_on__year=year)
    return {
        "submitted": submitted.count(),
        "adopted": adopted.count(),
        "implemented": implemented.count(),
        "estimated": _money(adopted.aggregate(s=Sum("estimated_benefit"))["s"]),
        "realized": _money(implemented.aggregate(s=Sum("realized_benefit"))["s"]),
    }


def programme_stats(*, programme: Programme, year: int | None = None) -> dict[str, Any]:
    """Participation person-times (人次), distinct participants, points awarded and redeemed,
    suggestion benefit; by month and by item category (for the charts)."""
    year = year or timezone.localdate().year
    start, end = _year_bounds(year)
    earned = earned_entries(programme_ids=[programme.pk], since=start, until=end)
    agg = earned.aggregate(
        times=Count("pk"), people=Count("account", distinct=True), points=Sum("points")
    )
    redeemed = -(
        LedgerEntry.objects.filter(
            account__programme=programme,
            kind=EntryKind.REDEMPTION,
            occurred_at__gte=start,
            occurred_at__lt=end,
        ).aggregate(s=Sum("points"))["s"]
        or 0
    )
    refunded = (
        LedgerEntry.objects.filter(
            account__programme=programme,
            kind=EntryKind.REFUND,
            occurred_at__gte=start,
            occurred_at__lt=end,
        ).aggregate(s=Sum("points"))["s"]
        or 0
    )
    monthly = {m: 0 for m in range(1, 13)}
    for row in (
        earned.annotate(m=ExtractMonth("occurred_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by("m")
    ):
        monthly[row["m"]] = row["n"]
    by_item = list(
        earned.values("item__name").annotate(n=Count("pk"), points=Sum("points")).order_by("-n")
    )
    return {
        "year": year,
        "person_times": agg["times"] or 0,
        "participants": agg["people"] or 0,
        "points_awarded": agg["points"] or 0,
        "points_redeemed": redeemed - refunded,
        "accounts": programme.accounts.count(),
        "monthly": monthly,
        "by_item": [
            {
                "name": r["item__name"] or _("Suggestion benefit bonus"),
                "times": r["n"],
                "points": r["points"],
            }
            for r in by_item
        ],
        "suggestions": suggestion_totals(programme_ids=[programme.pk], year=year),
    }


def rollup(*, user: Any, year: int | None = None) -> list[dict[str, Any]]:
    """City / county roll-up of every visible programme: one row per county-level union."""
    year = year or timezone.localdate().year
    start, end = _year_bounds(year)
    programmes = list(programme_list(user=user))
    if not programmes:
        return []
    ids = [p.pk for p in programmes]
    counties = {
        u.pk: u
        for u in OrgUnit.objects.filter(
            pk__in={
                int(p.union.path.split("/")[1]) for p in programmes if p.union.path.count("/") > 1
            }
        )
    }
    per_prog = {
        r["account__programme_id"]: r
        for r in earned_entries(programme_ids=ids, since=start, until=end)
        .values("account__programme_id")
        .annotate(times=Count("pk"), people=Count("account", distinct=True), points=Sum("points"))
    }
    accounts = dict(
        PointsAccount.objects.filter(programme_id__in=ids)
        .values("programme_id")
        .annotate(n=Count("pk"))
        .values_list("programme_id", "n")
    )
    benefit = dict(
        Suggestion.objects.filter(
            programme_id__in=ids, status=SuggestionStatus.IMPLEMENTED, implemented_on__year=year
        )
        .values("programme_id")
        .annotate(s=Sum("realized_benefit"))
        .values_list("programme_id", "s")
    )
    rows: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {
            "programmes": 0,
            "accounts": 0,
            "person_times": 0,
            "participants": 0,
            "points": 0,
            "benefit": Decimal("0.00"),
        }
    )
    for p in programmes:
        parts = p.union.path.split("/")
        county = counties.get(int(parts[1])) if len(parts) > 2 else None
        row = rows[county.name if county else p.union.name]
        row["programmes"] += 1
        row["accounts"] += accounts.get(p.pk, 0)
        stats = per_prog.get(p.pk, {})
        row["person_times"] += stats.get("times", 0)
        row["participants"] += stats.get("people", 0)
        row["points"] += stats.get("points", 0) or 0
        row["benefit"] += _money(benefit.get(p.pk))
    return [{"county": name, **values} for name, values in sorted(rows.items())]


def account_statement(*, account: PointsAccount) -> QuerySet[LedgerEntry]:
    return account.entries.select_related("item", "actor").order_by("-occurred_at", "-pk")


def tier_points(*, programme: Programme, benefit: Decimal) -> int:
    """Bonus points of the highest benefit tier ``benefit`` (yuan) reaches (0 below all)."""
    tier = (
        BenefitTier.objects.filter(programme=programme, min_benefit__lte=benefit)
        .order_by("-min_benefit")
        .first()
    )
    return tier.points if tier else 0


def ledger_check() -> list[tuple[PointsAccount, int, int]]:
    """Accounts whose cached balance differs from the sum of their entries:
    ``[(account, cached, computed)]`` (``manage.py points_check``)."""
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
