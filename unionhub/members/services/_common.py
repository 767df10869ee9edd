"""Shared checks of the members services: each problem is a ``ValidationError`` with a
stable ``code`` on the field it concerns, collected so that all of them are reported at
once (and nothing is saved unless everything is valid)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from unionhub.core.validators.idcard import parse_id_number, parse_phone
from unionhub.members.choices import KeyGroup
from unionhub.members.models import Member, id_number_hashes
from unionhub.members.selectors import has_employer_field
from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit

if TYPE_CHECKING:
    from unionhub.accounts.models import User

Errors = dict[str, list[ValidationError]]

#: Unions that hold no members themselves (members belong to grassroots or town unions).
NOT_MEMBER_UNION_KINDS = {OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION}


__all__ = [
    "Errors",
    "add_error",
    "check_choice",
    "check_id_number",
    "check_identity",
    "check_key_group",
    "check_name",
    "check_phone",
    "check_union",
    "check_visible",
    "duplicate_id_error",
    "ensure_visible",
    "existing_member_with_id",
    "has_employer_field",
    "raise_errors",
    "visible",
]


def add_error(errors: Errors, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def raise_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def check_name(errors: Errors, name: str | None) -> None:
    if not (name or "").strip():
        add_error(errors, "name", _("Enter the name."), "required")
    elif len(name.strip()) > 50:
        add_error(errors, "name", _("The name is too long."), "too_long")


def check_id_number(errors: Errors, id_number: str) -> bool:
    try:
        parse_id_number(id_number)
    except ValidationError as exc:
        errors.setdefault("id_number", []).extend(exc.error_list)
        return False
    return True


def check_phone(errors: Errors, phone: str) -> None:
    try:
        parse_phone(phone)
    except ValidationError as exc:
        errors.setdefault("phone", []).extend(exc.error_list)


def check_identity(errors: Errors, *, name: str, id_number: str, phone: str) -> None:
    check_name(errors, name)
    check_id_number(errors, id_number)
    check_phone(errors, phone)


def check_choice(errors: Errors, field: str, value: str, choices: Any) -> None:
    if value and value not in choices.values:
        add_error(
            errors, field, _("“%(v)s” is not a valid choice.") % {"v": value}, "invalid_choice"
        )


def check_key_group(errors: Errors, is_new_employment: bool, key_group: str) -> None:
    check_choice(errors, "key_group", key_group, KeyGroup)
    if key_group and not is_new_employment:
        add_error(
            errors,
            "key_group",
            _("A key group applies only to new-employment-form workers."),
            "not_new_employment",
        )


def check_union(errors: Errors, union: OrgUnit | None, *, field: str = "union") -> None:
    if union is None:
        add_error(errors, field, _("Choose the grassroots union."), "required")
    elif union.kind in NOT_MEMBER_UNION_KINDS:
        add_error(
            errors,
            field,
            _("Members belong to a grassroots or town union, not to a city or county federation."),
            "federation",
        )


def visible(obj: models.Model | None, actor: User | None) -> bool:
    """Whether ``actor`` sees ``obj`` (the system, ``actor=None``, sees everything)."""
    if obj is None or actor is None:
        return True
    manager = type(obj)._default_manager
    if not hasattr(manager, "visible_to"):
        return True
    return manager.visible_to(actor).filter(pk=obj.pk).exists()


def check_visible(
    errors: Errors, field: str, obj: models.Model | None, actor: User | None, message: str
) -> None:
    if not visible(obj, actor):
        add_error(errors, field, message, "out_of_scope")


def ensure_visible(obj: models.Model, actor: User | None) -> None:
    """The write-side recheck: the record just written (or about to be) must be inside the
    actor's data scope, else the transaction is undone."""
    if not visible(obj, actor):
        raise ValidationError(
            _("The record would be outside your data scope."), code="out_of_scope"
        )


def existing_member_with_id(id_number: str, exclude_pk: int | None = None) -> Member | None:
    """The member holding ``id_number``. A hit tells the caller the number is registered
    (perhaps outside their scope): counted and audited as an identity look-up."""
    qs = Member.objects.filter(id_number_hash__in=id_number_hashes(id_number))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    found = qs.first()
    if found is not None:
        from unionhub.core.identity import identity_lookup

        identity_lookup(kind="id_number_exists", model=Member)
    return found


def duplicate_id_error() -> ValidationError:
    return ValidationError(
        _("A member with this ID number is already registered."), code="duplicate"
    )
