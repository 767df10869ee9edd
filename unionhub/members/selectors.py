"""Reads of the members module: scoped lists and the membership KPIs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from unionhub.members.choices import ApplicationStatus, KeyGroup, MemberStatus, TransferStatus
from unionhub.members.models import REVIEW_DEADLINE_DAYS, JoinApplication, Member, MemberTransfer
from unionhub.org.choices import RegionLevel
from unionhub.org.models import Region


def member_list(*, user: Any) -> QuerySet[Member]:
    return Member.objects.visible_to(user).select_related("union", "union__region")


def joinapplication_list(*, user: Any) -> QuerySet[JoinApplication]:
    return JoinApplication.objects.visible_to(user).select_related("union", "region")


def joinapplication_overdue_count(*, user: Any, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    # submitted_on + 15 days < today ⇔ created before the start of (today - 15 days)
    limit = today - dt.timedelta(days=REVIEW_DEADLINE_DAYS)
    start = timezone.make_aware(dt.datetime.combine(limit, dt.time.min))
    return (
        JoinApplication.objects.visible_to(user)
        .filter(status=ApplicationStatus.PENDING, created_at__lt=start)
        .count()
    )


def membertransfer_pending_count(*, user: Any) -> int:
    return MemberTransfer.objects.visible_to(user).filter(status=TransferStatus.PENDING).count()


# --- KPIs ---------------------------------------------------------------------------------


def _active(user: Any) -> QuerySet[Member]:
    return Member.objects.visible_to(user).filter(status=MemberStatus.ACTIVE)


def member_kpi_totals(*, user: Any) -> dict[str, int]:
    today = timezone.localdate()
    month_start = today.replace(day=1)
    data = _active(user).aggregate(
        total=Count("pk"),
        new_employment=Count("pk", filter=Q(is_new_employment=True)),
        joined_this_month=Count("pk", filter=Q(joined_on__gte=month_start)),
    )
    data["pending_applications"] = (
        JoinApplication.objects.visible_to(user).filter(status=ApplicationStatus.PENDING).count()
    )
    data["overdue_applications"] = joinapplication_overdue_count(user=user, today=today)
    return data


def member_count_by_county(*, user: Any) -> list[dict[str, Any]]:
    """Active members per county-level unit (by the union's region path)."""
    counties = list(Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"))
    rows = []
    qs = _active(user)
    counts = (
        qs.aggregate(
            **{
                f"c{c.pk}": Count("pk", filter=Q(union__region__path__startswith=c.path))
                for c in counties
            }
        )
        if counties
        else {}
    )
    for county in counties:
        n = counts.get(f"c{county.pk}", 0)
        if n:
            rows.append({"region": county, "count": n})
    return rows


def member_count_by_union(*, user: Any, limit: int = 15) -> list[dict[str, Any]]:
    return list(
        _active(user)
        .values("union_id", "union__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "union__name")[:limit]
    )


def member_count_by_key_group(*, user: Any) -> list[dict[str, Any]]:
    counts = dict(
        _active(user)
        .filter(is_new_employment=True)
        .exclude(key_group="")
        .values_list("key_group")
        .annotate(n=Count("pk"))
    )
    return [
        {"key_group": code, "label": label, "count": counts.get(code, 0)}
        for code, label in KeyGroup.choices
    ]


def member_joins_by_month(*, user: Any, months: int = 12) -> list[dict[str, Any]]:
    today = timezone.localdate()
    first = today.replace(day=1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    rows = (
        Member.objects.visible_to(user)
        .filter(joined_on__gte=first)
        .annotate(month=TruncMonth("joined_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    counts = {(r["month"].year, r["month"].month): r["n"] for r in rows}
    result = []
    cursor = first
    for _ in range(months):
        result.append(
            {
                "month": cursor,
                "label": f"{cursor.year}-{cursor.month:02d}",
                "count": counts.get((cursor.year, cursor.month), 0),
            }
        )
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return result


def enterprise_membership_rates(*, user: Any, limit: int = 20) -> list[dict[str, Any]]:
    """Members ÷ employees per employer (needs the enterprises module's ``employees``)."""
    from unionhub.members.services import has_employer_field

    if not has_employer_field():
        return []
    rows = (
        _active(user)
        .exclude(employer=None)
        .values("employer_id", "employer__name", "employer__employees")
        .annotate(members=Count("pk"))
        .order_by("-members")[:limit]
    )
    result = []
    for r in rows:
        employees = r.get("employer__employees") or 0
        rate = round(r["members"] * 100 / employees, 1) if employees else None
        result.append(
            {
                "employer_id": r["employer_id"],
                "name": r["employer__name"],
                "employees": employees,
                "members": r["members"],
                "rate": rate,
            }
        )
    return result
