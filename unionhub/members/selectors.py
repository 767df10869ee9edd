"""Reads of the members module: scoped lists, member codes, the join page's look-ups,
retention due dates and the membership KPIs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.scope import scope_for
from unionhub.core.validators.idcard import parse_phone
from unionhub.enterprises.dates import add_years, full_years_reached
from unionhub.members.choices import ApplicationStatus, KeyGroup, MemberStatus, TransferStatus
from unionhub.members.models import (
    REVIEW_DEADLINE_DAYS,
    JoinApplication,
    Member,
    MemberTransfer,
    phone_hashes,
)
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.models import OrgUnit, Region

MEMBER_CODE_SALT = "unionhub.members.code"
#: Seconds a member code stays valid (a phone shows a fresh one each time it is opened).
DEFAULT_MEMBER_CODE_MAX_AGE = 600
#: Years after membership ends that a former member's personal data is kept [D].
DEFAULT_MEMBER_RETENTION_YEARS = 3


def has_employer_field() -> bool:
    """Whether members link an employer (the enterprises module is installed)."""
    return any(f.name == "employer" for f in Member._meta.concrete_fields)


def member_list(*, user: Any) -> QuerySet[Member]:
    return Member.objects.visible_to(user).select_related("union", "union__region")


def joinapplication_list(*, user: Any) -> QuerySet[JoinApplication]:
    return JoinApplication.objects.visible_to(user).select_related("union", "region")


def membertransfer_sides(*, user: Any, transfer: MemberTransfer) -> tuple[bool, bool]:
    """Whether ``user`` works for the side the member leaves, and for the side they join."""
    scope = scope_for(user)
    return (
        scope.covers_org_path(transfer.from_union.path),
        scope.covers_org_path(transfer.to_union.path),
    )


# --- member code (QR) -----------------------------------------------------------------------


def member_code_max_age() -> int:
    return int(getattr(settings, "MEMBER_CODE_MAX_AGE", DEFAULT_MEMBER_CODE_MAX_AGE))


def member_code_token(*, member: Member) -> str:
    """A signed, expiring token naming the member by id (never by ID number)."""
    return signing.TimestampSigner(salt=MEMBER_CODE_SALT).sign(f"m{member.pk}")


def member_code_check(token: str) -> tuple[Member | None, str]:
    """``(member, "valid")``, ``(None, "expired")`` or ``(None, "invalid")``. Not scoped:
    a device at any station checks the code of a member of any union."""
    signer = signing.TimestampSigner(salt=MEMBER_CODE_SALT)
    try:
        value = signer.unsign((token or "").strip(), max_age=member_code_max_age())
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not value.startswith("m") or not value[1:].isdigit():
        return None, "invalid"
    member = (
        Member.objects.select_related("union")
        .filter(pk=int(value[1:]), status=MemberStatus.ACTIVE)
        .first()
    )
    return (member, "valid") if member else (None, "invalid")


def member_code_verify(token: str) -> Member | None:
    """The active member a valid, unexpired member code names; None otherwise."""
    return member_code_check(token)[0]


def member_find_by_phone(phone: str) -> Member | None:
    """An active member by full mobile number (through the keyed hash)."""
    try:
        phone = parse_phone(phone)
    except ValidationError:
        return None
    return Member.objects.search_identity(phone).filter(status=MemberStatus.ACTIVE).first()


# --- online joining: the public page's look-ups ------------------------------------------------


def town_region(region_code: str | None) -> Region | None:
    """The town or street of Yancheng with this statistical code (None otherwise)."""
    if not region_code:
        return None
    return (
        Region.objects.select_related("parent")
        .filter(code=region_code.strip(), level=RegionLevel.TOWN)
        .first()
    )


def _employer_union(employer: Any) -> OrgUnit | None:
    """The grassroots union of an enterprise, if the enterprises module links one."""
    if employer is None:
        return None
    unions = getattr(employer, "unions", None)  # enterprises.EnterpriseUnion (M2M)
    if unions is None:
        return None
    link = unions.select_related("org_unit").filter(org_unit__is_active=True).order_by("pk").first()
    return link.org_unit if link is not None else None


def employer_lookup(*, name: str, region_code: str) -> Any:
    """The enterprise a worker names on the join page: exact name within the county of the
    chosen town (None when the enterprises module is absent or nothing matches)."""
    name = (name or "").strip()
    if not name or not has_employer_field():
        return None
    town = town_region(region_code)
    if town is None:
        return None
    enterprise_model = Member._meta.get_field("employer").related_model
    county_path = town.parent.path if town.parent else town.path
    return (
        enterprise_model._default_manager.filter(name=name, region__path__startswith=county_path)
        .order_by("pk")
        .first()
    )


def employer_name_suggestions(*, region_code: str, text: str, limit: int = 10) -> list[str]:
    """Up to ``limit`` employer names containing ``text`` (≥ 2 characters) in the county of
    the chosen town, for the join page's autocomplete."""
    text = (text or "").strip()
    town = town_region(region_code)
    if len(text) < 2 or town is None or not has_employer_field():
        return []
    enterprise_model = Member._meta.get_field("employer").related_model
    county_path = town.parent.path if town.parent else town.path
    return list(
        enterprise_model._default_manager.filter(
            name__icontains=text, region__path__startswith=county_path
        )
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )


def joinapplication_route(*, region: Region, employer: Any = None) -> OrgUnit:
    """Where an application goes: the employer's grassroots union when it has one,
    otherwise the town (street) federation of the region (issue 5; the seed's practice for
    workers whose employer has no union)."""
    unit = _employer_union(employer)
    if unit is not None:
        return unit
    town_union = (
        OrgUnit.objects.filter(region=region, kind=OrgKind.TOWN_FEDERATION, is_active=True)
        .order_by("pk")
        .first()
    )
    if town_union is not None:
        return town_union
    # A town without its own federation: its county-level union reviews.
    county_union = (
        OrgUnit.objects.filter(region=region.parent, kind=OrgKind.COUNTY_FEDERATION)
        .order_by("pk")
        .first()
    )
    if county_union is None:
        raise ValidationError(
            {
                "region": ValidationError(
                    _("No union accepts applications for this region yet."), code="no_union"
                )
            }
        )
    return county_union


def joinapplication_status(*, phone: str, code: str) -> JoinApplication | None:
    """The applicant's own application, found by phone + application code (both needed)."""
    code = (code or "").strip().upper()
    if not code or not phone:
        return None
    return (
        JoinApplication.objects.select_related("union", "region")
        .filter(code=code, phone_hash__in=phone_hashes(phone))
        .first()
    )


# --- retention (domain.md §11.3.5) -------------------------------------------------------------


def member_retention_years() -> int:
    return int(getattr(settings, "MEMBER_RETENTION_YEARS", DEFAULT_MEMBER_RETENTION_YEARS))


def members_due_for_anonymising(*, today: dt.date, years: int) -> list[Member]:
    """Members who left and whose retention period has passed by ``today``: the period
    ends on the anniversary of the leaving day (Civil Code art. 202, ``add_years``: left
    2023-02-28 → due 2026-02-28; left 2024-02-29 → due 2027-02-28)."""
    # The database narrows by a date one day generous (29 February has no exact inverse);
    # the rule itself is decided in Python by ``full_years_reached``.
    latest = add_years(today, -years) + dt.timedelta(days=1)
    candidates = (
        Member.objects.filter(
            status=MemberStatus.LEFT, anonymised_at__isnull=True, left_on__lte=latest
        )
        .only("pk", "left_on")
        .order_by("pk")
    )
    return [m for m in candidates if full_years_reached(m.left_on, years, today)]


def _latest_overdue_submission_day(today: dt.date) -> dt.date:
    from unionhub.core.calendar.deadlines import add_period

    def due(day: dt.date) -> dt.date:
        return add_period(day, days=REVIEW_DEADLINE_DAYS).due

    one = dt.timedelta(days=1)
    day = today - dt.timedelta(days=REVIEW_DEADLINE_DAYS + 1)
    while due(day) >= today:  # rolled past today by a holiday block
        day -= one
    while due(day + one) < today:
        day += one
    return day


def joinapplication_overdue_count(*, user: Any, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    # Overdue ⇔ the review period's last day (JoinApplication.due_on, holidays rolled) is
    # before today. Last days never go backwards as the submission day advances, so one
    # latest overdue submission day splits the applications in a single COUNT.
    last = _latest_overdue_submission_day(today)
    start = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
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
    for _i in range(months - 1):
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
    for _i in range(months):
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


def account_linked_on_approval(application: JoinApplication) -> tuple[str, Any]:
    """What approving does with the applicant's platform account, for the reviewer to see
    before deciding: ``("link", account)`` when the worker filed it signed in and that
    account has no member yet; ``("taken", account)`` when the account already belongs to
    another member (approval then links nothing); ``("none", None)`` when it was filed
    without an account (anonymously, or by staff on the worker's behalf)."""
    account = application.applicant_account
    if account is None:
        return "none", None
    if Member.objects.filter(account=account).exists():
        return "taken", account
    return "link", account


def members_on(day: dt.date) -> Q:
    """Who was a member on ``day``: joined by then, and either still active or left after
    it (``left_on`` is kept for members who left). Transfers and deaths carry no date of
    their own, so such members count only while active."""
    return Q(joined_on__lte=day) & (
        Q(status=MemberStatus.ACTIVE) | Q(status=MemberStatus.LEFT, left_on__gt=day)
    )
