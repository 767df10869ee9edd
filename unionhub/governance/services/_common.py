"""What every governance service shares: errors with stable codes and the scope checks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to


def invalid(field: str | None, message: str, code: str) -> ValidationError:
    """A service error with its stable ``code``, on ``field`` (or on the whole record)."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def creator(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def check_visible(obj: Any, actor: Any, field: str | None = None, message: str | None = None):
    """Refuse when ``obj`` is (or would be, after the write) outside the actor's scope; the
    system (``actor=None``) sees everything."""
    if obj is not None and actor is not None and not object_visible_to(obj, actor):
        raise invalid(
            field, message or _("The record would be outside your data scope."), "out_of_scope"
        )
