"""What /me/ shows a signed-in worker, read from the modules that own it. Every read starts
from the worker themself (their linked member, their points account), never from a list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps


@dataclass
class MyDay:
    member: Any = None
    account: Any = None  # points account
    rank: int | None = None  # place in this month's leaderboard of the programme
    leaders: list[dict[str, Any]] = field(default_factory=list)
    recent_points: list[Any] = field(default_factory=list)
    orders: list[Any] = field(default_factory=list)
    signins: list[Any] = field(default_factory=list)


def my_member(*, user: Any):
    """The member linked to the account, with their union (None if not linked)."""
    from unionhub.members.models import Member

    return (
        Member.objects.select_related("union", "union__region")
        .filter(account=user)
        .order_by()
        .first()
    )


def my_day(*, user: Any) -> MyDay:
    day = MyDay(member=my_member(user=user))
    if apps.is_installed("unionhub.points"):
        from unionhub.points import selectors as points

        account = points.account_for_user(user=user)
        day.account = account
        if account is not None:
            day.leaders = points.leaderboard(programme=account.programme, limit=5)
            names = [row.get("account_id") for row in day.leaders]
            day.rank = names.index(account.pk) + 1 if account.pk in names else None
            day.recent_points = list(account.entries.order_by("-occurred_at", "-pk")[:5])
            day.orders = list(account.redemptions.select_related("reward").order_by("-pk")[:3])
    if day.member is not None and apps.is_installed("unionhub.activities"):
        from unionhub.activities.models import SignIn

        day.signins = list(
            SignIn.objects.filter(member=day.member)
            .select_related("activity")
            .order_by("-signed_at")[:5]
        )
    return day
