"""What every points service shares: the error shape, the permission check and the scope
recheck after a write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def require_perm(actor: User | None, *perms: str) -> None:
    """The actor must hold one of ``perms`` (the system, ``actor=None``, may do anything)."""
    if actor is not None and not any(actor.has_perm(p) for p in perms):
        raise PermissionDenied


def require_visible(obj: models.Model, actor: User | None) -> None:
    """The record must be inside the actor's data scope: checked before acting on an
    existing record and again on what was written (NetBox's PermissionsViolation check),
    so the transaction rolls back when it is not."""
    if actor is not None and not object_visible_to(obj, actor):
        raise invalid(None, _("The record would be outside your data scope."), "out_of_scope")


def user_or_none(actor: Any) -> Any:
    """The actor to store in ``created_by``/``actor`` columns (None for the system)."""
    return actor if getattr(actor, "pk", None) else None
