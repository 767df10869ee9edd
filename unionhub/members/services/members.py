"""Registering, editing and deleting members, and revealing their personal data (audited)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.validators.idcard import parse_id_number, parse_phone
from unionhub.members.choices import MemberStatus, Occupation, PoliticalStatus, SkillLevel
from unionhub.members.models import JoinApplication, Member, may_view_personal_data
from unionhub.members.services._common import (
    Errors,
    add_error,
    check_choice,
    check_identity,
    check_key_group,
    check_name,
    check_union,
    check_visible,
    duplicate_id_error,
    ensure_visible,
    existing_member_with_id,
    has_employer_field,
    raise_errors,
)
from unionhub.org.models import OrgUnit

if TYPE_CHECKING:
    from unionhub.accounts.models import User

__all__ = ["MEMBER_UPDATABLE", "member_create", "member_delete", "member_reveal", "member_update"]

#: The fields ``member_update`` changes besides ``id_number`` and ``phone``.
MEMBER_UPDATABLE = (
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

#: Text fields stored as "" when empty.
_BLANK_TEXT = {
    "occupation",
    "key_group",
    "platform_name",
    "card_number",
    "political_status",
    "skill_level",
}

_CHOICE_FIELDS = (
    ("occupation", Occupation),
    ("status", MemberStatus),
    ("political_status", PoliticalStatus),
    ("skill_level", SkillLevel),
)


def _check_scope(errors: Errors, actor: User | None, *, union: Any, employer: Any) -> None:
    check_visible(errors, "union", union, actor, _("The union is outside your data scope."))
    check_visible(
        errors, "employer", employer, actor, _("The employer is outside your data scope.")
    )


def _check_card(errors: Errors, card_number: str, exclude_pk: int | None = None) -> None:
    if not card_number:
        return
    qs = Member.objects.filter(card_number=card_number)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        add_error(errors, "card_number", _("This member card number is already used."), "duplicate")


def _check_joined_on(errors: Errors, joined_on: dt.date | None) -> None:
    if joined_on and joined_on > timezone.localdate():
        add_error(errors, "joined_on", _("The join date cannot be in the future."), "future")


def _left_on(
    errors: Errors, *, status: str, left_on: dt.date | None, joined_on: dt.date | None
) -> dt.date | None:
    """The day membership ended: kept only for members who left (today when not given),
    since the retention period of their personal data is counted from it."""
    if status != MemberStatus.LEFT:
        return None
    left_on = left_on or timezone.localdate()
    if left_on > timezone.localdate():
        add_error(errors, "left_on", _("The leaving date cannot be in the future."), "future")
    elif joined_on and left_on < joined_on:
        add_error(errors, "left_on", _("The leaving date is before the join date."), "before_join")
    return left_on


@transaction.atomic
def member_create(
    *,
    actor: User | None,
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
    application: JoinApplication | None = None,
) -> Member:
    """Register a member of ``union`` (inside the actor's scope; ``actor=None`` is the
    system). The ID number and phone are validated, then stored encrypted. ``application``
    is the approved join application the member comes from: its employer was named by the
    applicant (any in the town's county), so only the union is checked against the scope."""
    errors: Errors = {}
    check_identity(errors, name=name, id_number=id_number, phone=phone)
    check_union(errors, union)
    _check_scope(errors, actor, union=union, employer=employer if application is None else None)
    for field, value, choices in (
        ("occupation", occupation, Occupation),
        ("status", status, MemberStatus),
        ("political_status", political_status, PoliticalStatus),
        ("skill_level", skill_level, SkillLevel),
    ):
        check_choice(errors, field, value, choices)
    check_key_group(errors, is_new_employment, key_group)
    if "id_number" not in errors and existing_member_with_id(id_number):
        errors["id_number"] = [duplicate_id_error()]
    _check_joined_on(errors, joined_on)
    card_number = (card_number or "").strip()
    _check_card(errors, card_number)
    left_on = _left_on(errors, status=status, left_on=left_on, joined_on=joined_on)
    raise_errors(errors)
    member = Member(
        name=name.strip(),
        union=union,
        occupation=occupation or "",
        is_new_employment=is_new_employment,
        key_group=key_group if is_new_employment else "",
        platform_name=(platform_name or "").strip(),
        joined_on=joined_on or timezone.localdate(),
        status=status,
        card_number=card_number,
        political_status=political_status or "",
        skill_level=skill_level or "",
        consent_version=consent_version,
        consented_at=consented_at,
        left_on=left_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if has_employer_field():
        member.employer = employer
    member.id_number = id_number
    member.phone = phone
    if joined_on and member.birth_date and joined_on < member.birth_date:
        raise ValidationError(
            {
                "joined_on": ValidationError(
                    _("The join date is before the birth date."), code="before_birth"
                )
            }
        )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:  # a concurrent registration of the same person
        raise ValidationError({"id_number": duplicate_id_error()}) from exc
    ensure_visible(member, actor)
    return member


@transaction.atomic
def member_update(*, actor: User | None, member: Member, **data: Any) -> Member:
    """Change a member (one the actor sees, and it must stay inside the actor's scope).
    ``id_number`` / ``phone`` are re-validated and re-encrypted only when given (blank or
    a masked value keeps the stored one)."""
    ensure_visible(member, actor)
    if member.anonymised_at is not None:
        raise ValidationError(
            _(
                "This member's personal data has been anonymised; the record can no longer be changed."
            ),
            code="anonymised",
        )
    errors: Errors = {}
    id_number = data.pop("id_number", None)
    phone = data.pop("phone", None)
    for key in list(data):
        if key not in MEMBER_UPDATABLE:
            raise TypeError(f"member_update() got an unexpected field {key!r}")
        if key == "employer" and not has_employer_field():
            data.pop(key)
    new_id = bool(id_number) and "*" not in id_number
    new_phone = bool(phone) and "*" not in phone
    if new_id:
        try:
            parse_id_number(id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.error_list
        else:
            if existing_member_with_id(id_number, exclude_pk=member.pk):
                errors["id_number"] = [duplicate_id_error()]
    if new_phone:
        try:
            parse_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.error_list
    if "name" in data:
        check_name(errors, data["name"])
    if "union" in data:
        check_union(errors, data["union"])
    # Only a new union or employer must be inside the scope (the member itself is).
    _check_scope(
        errors,
        actor,
        union=data["union"] if data.get("union") not in (None, member.union) else None,
        employer=(
            data["employer"] if data.get("employer") not in (None, member.employer) else None
        ),
    )
    is_new = data.get("is_new_employment", member.is_new_employment)
    check_key_group(errors, is_new, data.get("key_group", member.key_group))
    for field, choices in _CHOICE_FIELDS:
        if field in data:
            check_choice(errors, field, data[field], choices)
    _check_card(errors, (data.get("card_number") or "").strip(), exclude_pk=member.pk)
    _check_joined_on(errors, data.get("joined_on"))
    status = data.get("status", member.status)
    data["left_on"] = _left_on(
        errors,
        status=status,
        # a member who stays "left" keeps the recorded day unless a new one is given
        left_on=data.get("left_on") or (member.left_on if member.status == status else None),
        joined_on=data.get("joined_on", member.joined_on),
    )
    raise_errors(errors)
    for key, value in data.items():
        if value is None and key in _BLANK_TEXT:
            value = ""
        setattr(member, key, value.strip() if isinstance(value, str) else value)
    if new_id:
        member.id_number = id_number
    if new_phone:
        member.phone = phone
    member.save()
    ensure_visible(member, actor)
    return member


@transaction.atomic
def member_delete(*, actor: User | None, member: Member) -> None:
    """Delete a member registered by mistake. A member with a transfer history is kept
    (a member who leaves is marked "left", not deleted)."""
    ensure_visible(member, actor)
    if member.transfers.exists():
        raise ValidationError(
            _("The member has transfer records; mark the member as left instead."),
            code="has_transfers",
        )
    member.delete()


@transaction.atomic
def member_link_account(*, actor: User | None, member: Member, account: User | None) -> Member:
    """Link a member to the worker's own platform account (or unlink with ``None``), so
    that /me/ shows them their card, points and sign-ins. One account, one member."""
    ensure_visible(member, actor)
    if account is not None:
        taken = Member.objects.filter(account=account).exclude(pk=member.pk).first()
        if taken is not None:
            raise ValidationError(
                {
                    "account": ValidationError(
                        _("This account is already linked to another member."),
                        code="account_taken",
                    )
                }
            )
    member.account = account
    member.save(update_fields=["account", "updated_at"])
    return member


def member_form_printed(*, actor: User, member: Member) -> bool:
    """Record that ``actor`` printed the member's registration form (会员登记表): a viewing
    of personal data when the form carried the clear ID number and phone, else an export.
    Returns whether the numbers were printed in full."""
    ensure_visible(member, actor)
    unmasked = may_view_personal_data(actor)
    record_change(
        obj=member,
        action="reveal" if unmasked else "export",
        actor=actor,
        changes={"document": "registration_form", "format": "pdf", "unmasked": unmasked},
        note=_("Registration form printed with the full ID number and phone")
        if unmasked
        else _("Registration form printed (ID number and phone masked)"),
    )
    return unmasked


def member_reveal(*, actor: User, member: Member, reason: str = "") -> dict[str, str]:
    """The clear ID number and phone for a permitted user; the viewing is audited."""
    if not may_view_personal_data(actor):
        raise PermissionError("no permission to view personal data")
    ensure_visible(member, actor)
    record_change(
        obj=member,
        action="reveal",
        actor=actor,
        changes={"fields": ["id_number", "phone"]},
        note=reason or _("Full ID number and phone displayed"),
    )
    return {"id_number": member.id_number, "phone": member.phone}
