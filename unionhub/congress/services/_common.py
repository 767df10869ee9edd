"""What every congress service shares: the scope recheck and a field-level error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    Actor = AbstractBaseUser | None
else:
    Actor = Any


def refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def in_scope(*, actor: Actor, obj: models.Model, field: str = "enterprise") -> None:
    """After a write: the record must still be inside the actor's data scope (else the
    transaction is rolled back with the reason on ``field``)."""
    if actor is not None and not object_visible_to(obj, actor):
        raise refuse(field, _("The record would be outside your data scope."), "out_of_scope")


def stamp(obj: models.Model, actor: Actor) -> None:
    if actor is not None and getattr(actor, "pk", None) and hasattr(obj, "created_by_id"):
        obj.created_by = actor


def assign(obj: models.Model, fields: tuple[str, ...], data: dict[str, Any]) -> list[str]:
    """Set the allowed fields from ``data``; the names that changed."""
    changed = []
    for name in fields:
        # (an unset foreign key reads as None rather than raising)
        if name in data and getattr(obj, name, None) != data[name]:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed
