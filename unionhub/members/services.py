"""Writes of the members module: registering and editing members, revealing personal
data (audited), member codes, online joining, and transfers between unions."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Concat, Greatest, Left, Length, Repeat, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.scope import scope_for
from unionhub.core.validators.idcard import parse_id_number, parse_phone
from unionhub.enterprises.dates import add_years, full_years_reached
from unionhub.members.choices import (
    ApplicationStatus,
    KeyGroup,
    MemberStatus,
    Occupation,
    PoliticalStatus,
    SkillLevel,
    TransferStatus,
)
from unionhub.members.models import (
    JoinApplication,
    Member,
    MemberTransfer,
    id_number_hashes,
    may_view_personal_data,
)
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.models import OrgUnit, Region

CONSENT_VERSION = "2026-01"
MEMBER_CODE_SALT = "unionhub.members.code"
#: Seconds a member code stays valid (a phone shows a fresh one each time it is opened).
DEFAULT_MEMBER_CODE_MAX_AGE = 600
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_NOT_MEMBER_UNION_KINDS = {OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION}


def has_employer_field() -> bool:
    return any(f.name == "employer" for f in Member._meta.concrete_fields)


# --- shared validation -----------------------------------------------------------------


def _check_identity(errors: dict[str, list], *, name: str, id_number: str, phone: str) -> None:
    if not (name or "").strip():
        errors.setdefault("name", []).append(_("Enter the name."))
    elif len(name.strip()) > 50:
        errors.setdefault("name", []).append(_("The name is too long."))
    try:
        parse_id_number(id_number)
    except ValidationError as exc:
        errors.setdefault("id_number", []).extend(exc.messages)
    try:
        parse_phone(phone)
    except ValidationError as exc:
        errors.setdefault("phone", []).extend(exc.messages)


def _check_choice(errors: dict[str, list], field: str, value: str, choices) -> None:
    if value and value not in choices.values:
        errors.setdefault(field, []).append(_("“%(v)s” is not a valid choice.") % {"v": value})


def _check_key_group(errors: dict[str, list], is_new_employment: bool, key_group: str) -> None:
    _check_choice(errors, "key_group", key_group, KeyGroup)
    if key_group and not is_new_employment:
        errors.setdefault("key_group", []).append(
            _("A key group applies only to new-employment-form workers.")
        )


def _check_union(errors: dict[str, list], union: OrgUnit | None) -> None:
    if union is None:
        errors.setdefault("union", []).append(_("Choose the grassroots union."))
    elif union.kind in _NOT_MEMBER_UNION_KINDS:
        errors.setdefault("union", []).append(
            _("Members belong to a grassroots or town union, not to a city or county federation.")
        )


def _existing_member_with_id(id_number: str, exclude_pk: int | None = None) -> Member | None:
    qs = Member.objects.filter(id_number_hash__in=id_number_hashes(id_number))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _raise(errors: dict[str, list]) -> None:
    if errors:
        raise ValidationError(errors)


# --- members ---------------------------------------------------------------------------


@transaction.atomic
def member_create(
    *,
    name: str,
    id_number: str,
    phone: str,
    union: OrgUnit | None,
    employer: Any = None,
    occupation: str = "",
    is_new_employment: bool = False,
    key_group: str = "",
    platform_name: str = "",
    joined_on: dt.date | None = None,
    status: str = MemberStatus.ACTIVE,
    card_number: str = "",
    political_status: str = "",
    skill_level: str = "",
    consent_version: str = "",
    consented_at: dt.datetime | None = None,
    left_on: dt.date | None = None,
    created_by: Any = None,
) -> Member:
    errors: dict[str, list] = {}
    _check_identity(errors, name=name, id_number=id_number, phone=phone)
    _check_union(errors, union)
    _check_choice(errors, "occupation", occupation, Occupation)
    _check_choice(errors, "status", status, MemberStatus)
    _check_choice(errors, "political_status", political_status, PoliticalStatus)
    _check_choice(errors, "skill_level", skill_level, SkillLevel)
    _check_key_group(errors, is_new_employment, key_group)
    if "id_number" not in errors and _existing_member_with_id(id_number):
        errors["id_number"] = [_("A member with this ID number is already registered.")]
    if joined_on and joined_on > timezone.localdate():
        errors.setdefault("joined_on", []).append(_("The join date cannot be in the future."))
    card_number = (card_number or "").strip()
    if card_number and Member.objects.filter(card_number=card_number).exists():
        errors.setdefault("card_number", []).append(_("This member card number is already used."))
    left_on = _left_on(errors, status=status, left_on=left_on, joined_on=joined_on)
    _raise(errors)
    member = Member(
        name=name.strip(),
        union=union,
        occupation=occupation,
        is_new_employment=is_new_employment,
        key_group=key_group if is_new_employment else "",
        platform_name=platform_name.strip(),
        joined_on=joined_on or timezone.localdate(),
        status=status,
        card_number=card_number,
        political_status=political_status,
        skill_level=skill_level,
        consent_version=consent_version,
        consented_at=consented_at,
        left_on=left_on,
        created_by=created_by,
    )
    if has_employer_field():
        member.employer = employer
    member.id_number = id_number
    member.phone = phone
    if joined_on and member.birth_date and joined_on < member.birth_date:
        raise ValidationError({"joined_on": [_("The join date is before the birth date.")]})
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:  # a concurrent registration of the same person
        raise ValidationError(
            {"id_number": [_("A member with this ID number is already registered.")]}
        ) from exc
    return member


_UPDATABLE = (
    "name",
    "union",
    "employer",
    "occupation",
    "is_new_employment",
    "key_group",
    "platform_name",
    "joined_on",
    "status",
    "card_number",
    "political_status",
    "skill_level",
    "left_on",
)


def _left_on(
    errors: dict[str, list], *, status: str, left_on: dt.date | None, joined_on: dt.date | None
) -> dt.date | None:
    """The day membership ended: kept only for members who left (today when not given),
    since the retention period of their personal data is counted from it."""
    if status != MemberStatus.LEFT:
        return None
    left_on = left_on or timezone.localdate()
    if left_on > timezone.localdate():
        errors.setdefault("left_on", []).append(_("The leaving date cannot be in the future."))
    elif joined_on and left_on < joined_on:
        errors.setdefault("left_on", []).append(_("The leaving date is before the join date."))
    return left_on


@transaction.atomic
def member_update(*, member: Member, actor: Any = None, **data: Any) -> Member:
    """Change a member. ``id_number`` / ``phone`` are re-validated and re-encrypted only
    when given (blank or a masked value keeps the stored one)."""
    if member.anonymised_at is not None:
        raise ValidationError(
            _(
                "This member's personal data has been anonymised; the record can no longer be changed."
            )
        )
    errors: dict[str, list] = {}
    id_number = data.pop("id_number", None)
    phone = data.pop("phone", None)
    for key in list(data):
        if key not in _UPDATABLE:
            raise TypeError(f"member_update() got an unexpected field {key!r}")
        if key == "employer" and not has_employer_field():
            data.pop(key)
    if id_number and "*" not in id_number:
        try:
            parse_id_number(id_number)
            if _existing_member_with_id(id_number, exclude_pk=member.pk):
                errors["id_number"] = [_("A member with this ID number is already registered.")]
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if phone and "*" not in phone:
        try:
            parse_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if "name" in data and not (data["name"] or "").strip():
        errors["name"] = [_("Enter the name.")]
    if "union" in data:
        _check_union(errors, data["union"])
    is_new = data.get("is_new_employment", member.is_new_employment)
    key_group = data.get("key_group", member.key_group)
    _check_key_group(errors, is_new, key_group)
    for field, choices in (
        ("occupation", Occupation),
        ("status", MemberStatus),
        ("political_status", PoliticalStatus),
        ("skill_level", SkillLevel),
    ):
        if field in data:
            _check_choice(errors, field, data[field], choices)
    card = (data.get("card_number") or "").strip()
    if card and Member.objects.filter(card_number=card).exclude(pk=member.pk).exists():
        errors["card_number"] = [_("This member card number is already used.")]
    if data.get("joined_on") and data["joined_on"] > timezone.localdate():
        errors["joined_on"] = [_("The join date cannot be in the future.")]
    status = data.get("status", member.status)
    data["left_on"] = _left_on(
        errors,
        status=status,
        # a member who stays "left" keeps the recorded day unless a new one is given
        left_on=data.get("left_on") or (member.left_on if member.status == status else None),
        joined_on=data.get("joined_on", member.joined_on),
    )
    _raise(errors)
    for key, value in data.items():
        setattr(member, key, value.strip() if isinstance(value, str) else value)
    if id_number and "*" not in id_number:
        member.id_number = id_number
    if phone and "*" not in phone:
        member.phone = phone
    member.save()
    return member


def member_reveal(*, member: Member, user: Any, reason: str = "") -> dict[str, str]:
    """The clear ID number and phone for a permitted user; the viewing is audited."""
    if not may_view_personal_data(user):
        raise PermissionError("no permission to view personal data")
    record_change(
        obj=member,
        action="reveal",
        actor=user,
        changes={"fields": ["id_number", "phone"]},
        note=reason or _("Full ID number and phone displayed"),
    )
    return {"id_number": member.id_number, "phone": member.phone}


# --- retention (domain.md §11.3.5) ---------------------------------------------------------

#: Years after membership ends that a former member's personal data is kept [D].
DEFAULT_MEMBER_RETENTION_YEARS = 3
_PII_CLEARED = {"id_number_enc": "", "id_number_hash": "", "phone_enc": "", "phone_hash": ""}
#: ``core.pii.mask_name`` in SQL: the first character, then one "*" per further character
#: (at least one) → 张*, 欧***.
_MASKED_NAME = Concat(
    Left("name", 1),
    Repeat(Value("*"), Greatest(Length("name") - 1, Value(1))),
    output_field=CharField(),
)


def member_retention_years() -> int:
    return int(getattr(settings, "MEMBER_RETENTION_YEARS", DEFAULT_MEMBER_RETENTION_YEARS))


@dataclass
class AnonymiseResult:
    due: int  # members whose retention period has passed (anonymised unless a dry run)
    applications: int  # their join applications, cleared with them
    without_date: int  # left, but no leaving date recorded: kept, to be completed by hand
    retention_years: int
    dry_run: bool


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


@transaction.atomic
def members_anonymise(
    *, today: dt.date | None = None, dry_run: bool = False, actor: Any = None
) -> AnonymiseResult:
    """Anonymise the personal data of former members whose retention period has passed:
    name masked (``张*``), ID number and phone ciphertexts and hashes cleared, card number
    cleared, birth date reduced to the year; sex, union, employer, occupation, key group and
    the join and leaving dates stay for statistics. Their join applications are cleared the
    same way. Rows are written in bulk, so the audit trail gets one summary record instead
    of one per member (a per-row record would copy the clear names into the trail).
    Idempotent: anonymised members are not selected again."""
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
        note=(
            f"会员个人信息到期匿名化：退会满 {years} 年的 {len(due)} 名会员"
            f"（及 {app_count} 份入会申请）"
        ),
    )
    return result


# --- member code (QR) -------------------------------------------------------------------


def member_code_max_age() -> int:
    return int(getattr(settings, "MEMBER_CODE_MAX_AGE", DEFAULT_MEMBER_CODE_MAX_AGE))


def member_code_token(*, member: Member) -> str:
    """A signed, expiring token naming the member by id (never by ID number)."""
    return signing.TimestampSigner(salt=MEMBER_CODE_SALT).sign(f"m{member.pk}")


def member_code_check(token: str) -> tuple[Member | None, str]:
    """``(member, "valid")``, ``(None, "expired")`` or ``(None, "invalid")``."""
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


# --- online joining -----------------------------------------------------------------------


def _new_application_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        if not JoinApplication.objects.filter(code=code).exists():
            return code


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
    town = _town_region(region_code)
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
    town = _town_region(region_code)
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
        raise ValidationError({"region": [_("No union accepts applications for this region yet.")]})
    return county_union


def _town_region(region_code: str | None) -> Region | None:
    if not region_code:
        return None
    return (
        Region.objects.select_related("parent")
        .filter(code=region_code.strip(), level=RegionLevel.TOWN)
        .first()
    )


@transaction.atomic
def joinapplication_submit(
    *,
    name: str,
    id_number: str,
    phone: str,
    region_code: str,
    employer: Any = None,
    employer_name: str = "",
    no_fixed_employer: bool = False,
    occupation: str = "",
    is_new_employment: bool = False,
    key_group: str = "",
    platform_name: str = "",
    consent: bool = False,
) -> JoinApplication:
    """File an online join application (public, no login). All problems are reported at
    once in Chinese; nothing is saved unless everything is valid."""
    errors: dict[str, list] = {}
    _check_identity(errors, name=name, id_number=id_number, phone=phone)
    region = _town_region(region_code)
    if region is None:
        errors["region"] = [
            _(
                "Choose a town or street in Yancheng; applications from other regions are not accepted here."
            )
        ]
    if employer is None and not no_fixed_employer and not (employer_name or "").strip():
        errors["employer_name"] = [_("Enter your employer, or tick “no fixed employer”.")]
    _check_choice(errors, "occupation", occupation, Occupation)
    _check_key_group(errors, is_new_employment, key_group)
    if not consent:
        errors["consent"] = [
            _(
                "Please agree to the collection of your ID number and phone for membership registration."
            )
        ]
    if "id_number" not in errors:
        hashes = id_number_hashes(id_number)
        if Member.objects.filter(id_number_hash__in=hashes).exists():
            errors["id_number"] = [
                _(
                    "This ID number is already registered as a union member; no new application is needed."
                )
            ]
        elif JoinApplication.objects.pending().filter(id_number_hash__in=hashes).exists():
            errors["id_number"] = [
                _(
                    "An application with this ID number is already waiting for review; check its progress on the status page."
                )
            ]
    _raise(errors)
    union = joinapplication_route(region=region, employer=employer)
    app = JoinApplication(
        code=_new_application_code(),
        name=name.strip(),
        region=region,
        union=union,
        no_fixed_employer=no_fixed_employer and employer is None,
        employer_name=(getattr(employer, "name", "") or employer_name or "").strip()[:150],
        occupation=occupation,
        is_new_employment=is_new_employment,
        key_group=key_group if is_new_employment else "",
        platform_name=(platform_name or "").strip(),
        consent_version=CONSENT_VERSION,
        consented_at=timezone.now(),
    )
    app.employer = employer
    app.id_number = id_number
    app.phone = phone
    app.save()
    return app


def joinapplication_apply(
    *,
    name: str,
    id_number: str,
    phone: str,
    region_code: str,
    employer_name: str = "",
    no_fixed_employer: bool = False,
    occupation: str = "",
    is_new_employment: bool = False,
    key_group: str = "",
    platform_name: str = "",
    consent: bool = False,
) -> JoinApplication:
    """What the public join page and the mini-program API both call: the employer is
    matched by the name the worker typed (in the county of the chosen town), then the
    application is filed by ``joinapplication_submit`` with all its checks."""
    return joinapplication_submit(
        name=name,
        id_number=id_number,
        phone=phone,
        region_code=region_code,
        employer=employer_lookup(name=employer_name, region_code=region_code),
        employer_name=employer_name,
        no_fixed_employer=no_fixed_employer,
        occupation=occupation,
        is_new_employment=is_new_employment,
        key_group=key_group,
        platform_name=platform_name,
        consent=consent,
    )


def joinapplication_status(*, phone: str, code: str) -> JoinApplication | None:
    """The applicant's own application, found by phone + application code (both needed)."""
    code = (code or "").strip().upper()
    if not code or not phone:
        return None
    from unionhub.members.models import phone_hashes

    return (
        JoinApplication.objects.select_related("union", "region")
        .filter(code=code, phone_hash__in=phone_hashes(phone))
        .first()
    )


def _lock_pending(application: JoinApplication) -> JoinApplication:
    app = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if app.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been decided."))
    return app


@transaction.atomic
def joinapplication_approve(
    *, application: JoinApplication, actor: Any, card_number: str = ""
) -> Member:
    """Approve: the applicant becomes a member of the reviewing union."""
    app = _lock_pending(application)
    if _existing_member_with_id(app.id_number):
        raise ValidationError(
            {"id_number": [_("A member with this ID number is already registered.")]}
        )
    member = member_create(
        name=app.name,
        id_number=app.id_number,
        phone=app.phone,
        union=app.union,
        employer=getattr(app, "employer", None),
        occupation=app.occupation,
        is_new_employment=app.is_new_employment,
        key_group=app.key_group,
        platform_name=app.platform_name,
        card_number=card_number,
        consent_version=app.consent_version,
        consented_at=app.consented_at,
        created_by=actor,
    )
    app.status = ApplicationStatus.APPROVED
    app.decided_at = timezone.now()
    app.decided_by = actor
    app.member = member
    app.save()
    application.refresh_from_db()
    return member


@transaction.atomic
def joinapplication_reject(
    *, application: JoinApplication, actor: Any, reason: str
) -> JoinApplication:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reject_reason": [_("Give the reason for rejecting the application.")]}
        )
    app = _lock_pending(application)
    app.status = ApplicationStatus.REJECTED
    app.decided_at = timezone.now()
    app.decided_by = actor
    app.reject_reason = reason[:300]
    app.save()
    application.refresh_from_db()
    return app


# --- transfers ------------------------------------------------------------------------------


def _sides(user: Any, transfer: MemberTransfer) -> tuple[bool, bool]:
    scope = scope_for(user)
    return scope.covers_org_path(transfer.from_union.path), scope.covers_org_path(
        transfer.to_union.path
    )


@transaction.atomic
def membertransfer_request(
    *, member: Member, to_union: OrgUnit, actor: Any, reason: str = ""
) -> MemberTransfer:
    """Start a transfer; the side the requester works for confirms at once."""
    errors: dict[str, list] = {}
    if member.status != MemberStatus.ACTIVE:
        errors["member"] = [_("Only active members can be transferred.")]
    _check_union(errors, to_union)
    if to_union is not None and to_union.pk == member.union_id:
        errors["to_union"] = [_("The member already belongs to this union.")]
    if MemberTransfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        errors["member"] = [_("A transfer of this member is already waiting for confirmation.")]
    _raise(errors)
    transfer = MemberTransfer(
        member=member,
        from_union=member.union,
        to_union=to_union,
        reason=(reason or "").strip()[:300],
        created_by=actor,
    )
    from_side, to_side = _sides(actor, transfer)
    now = timezone.now()
    if from_side:
        transfer.from_confirmed_at, transfer.from_confirmed_by = now, actor
    elif to_side:
        transfer.to_confirmed_at, transfer.to_confirmed_by = now, actor
    else:
        raise ValidationError(_("You can only transfer members from or to a union in your scope."))
    transfer.save()
    return transfer


@transaction.atomic
def membertransfer_confirm(*, transfer: MemberTransfer, actor: Any) -> MemberTransfer:
    """Confirm the side the actor works for; when both have confirmed, the member moves."""
    transfer = (
        MemberTransfer.objects.select_for_update()
        .select_related("from_union", "to_union", "member")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("This transfer has already been closed."))
    from_side, to_side = _sides(actor, transfer)
    now = timezone.now()
    if from_side and transfer.from_confirmed_at is None:
        transfer.from_confirmed_at, transfer.from_confirmed_by = now, actor
    elif to_side and transfer.to_confirmed_at is None:
        transfer.to_confirmed_at, transfer.to_confirmed_by = now, actor
    else:
        raise ValidationError(_("Your side has already confirmed; the other union must confirm."))
    if transfer.from_confirmed_at and transfer.to_confirmed_at:
        transfer.status = TransferStatus.COMPLETED
        member = transfer.member
        if member.union_id != transfer.from_union_id or member.status != MemberStatus.ACTIVE:
            raise ValidationError(_("The member's union has changed since the request."))
        member.union = transfer.to_union
        member.save()
    transfer.save()
    return transfer


@transaction.atomic
def membertransfer_reject(*, transfer: MemberTransfer, actor: Any, reason: str) -> MemberTransfer:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"decision_note": [_("Give the reason.")]})
    transfer = MemberTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("This transfer has already been closed."))
    transfer.status = TransferStatus.REJECTED
    transfer.decision_note = reason[:300]
    transfer.save()
    return transfer
