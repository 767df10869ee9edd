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
    help_requests: list[Any] = field(default_factory=list)


def my_member(*, user: Any):
    """The member linked to the account, with their union (None if not linked)."""
    from unionhub.members.models import Member

    return (
        Member.objects.select_related("union", "union__region")
        .filter(account=user)
        .order_by()
        .first()
    )


HELP_REQUESTS_SHOWN = 5
#: Seconds before its expiry that the page fetches a fresh member code.
CODE_REFRESH_MARGIN = 60


def code_refresh_seconds() -> int:
    """How often /me/ fetches a fresh member code: a margin before the signed token
    expires (members.selectors.member_code_max_age), never less than 10 s."""
    from unionhub.members.selectors import member_code_max_age

    max_age = member_code_max_age()
    return max(10, max_age - min(CODE_REFRESH_MARGIN, max_age // 2))


def my_visitor_tokens(*, member: Any) -> list[str]:
    """The station module's pseudonymous visitor tokens of this member (HMAC of their phone
    and of their member id): a help request sent from a phone that checked in with the
    member's number or member code carries one of them."""
    if member is None:
        return []
    from django.core.exceptions import ValidationError

    from unionhub.stations.services import normalise_phone, visitor_token

    tokens = [visitor_token("member", str(member.pk))]
    try:
        phone = normalise_phone(member.phone or "")
    except ValidationError:  # no usable mobile number on file: by member id and account
        return tokens
    return [*tokens, visitor_token("phone", phone)]


def my_help_requests(*, user: Any, member: Any = None, limit: int = HELP_REQUESTS_SHOWN):
    """我的求助: the station tickets this worker asked for — submitted while signed in, or
    from a phone the station knows as theirs (visitor token) — newest first, each with its
    timeline (two queries, whatever the number of tickets). Read from the worker themself,
    never from a list: another worker's requests are never among them."""
    from django.db.models import Q

    from unionhub.stations.models import Ticket

    if not getattr(user, "is_authenticated", False):
        return []
    match = Q(submitted_by=user)
    tokens = my_visitor_tokens(member=member)
    if tokens:
        match |= Q(visitor__in=tokens)
    return list(
        Ticket.objects.filter(match)
        .select_related("station")
        .prefetch_related("timeline")
        .order_by("-raised_at", "-pk")[:limit]
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
    if apps.is_installed("unionhub.stations"):
        day.help_requests = my_help_requests(user=user, member=day.member)
    return day
