"""What every station service shares: the error helpers, the conflict exception and the
scope recheck of a write (NetBox's PermissionsViolation, in a ValidationError)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid

if TYPE_CHECKING:
    from unionhub.accounts.models import User

OUT_OF_SCOPE = "out_of_scope"


class Conflict(Exception):
    """The same ``event_id`` was already recorded with different content (HTTP 409)."""

    def __init__(self, existing):
        super().__init__("event_id reused with different content")
        self.existing = existing


def user_or_none(actor: User | None) -> User | None:
    """The actor as a ``created_by`` value: None for the system and for anonymous callers."""
    return actor if getattr(actor, "pk", None) else None


def full_clean_save(obj: models.Model, **clean: Any) -> Any:
    obj.full_clean(**clean)
    obj.save()
    return obj


def check_visible(obj: models.Model, actor: User | None) -> None:
    """After a write, inside its transaction: the record must still be in the actor's scope
    (the system, ``actor=None``, acts everywhere)."""
    if actor is not None and not object_visible_to(obj, actor):
        raise invalid(None, _("The record would be outside your data scope."), OUT_OF_SCOPE)


def check_station_visible(station: models.Model, actor: User | None, field: str = "station"):
    """Before a write under ``station``: it must be in the actor's scope (a cheaper check than
    the recheck when the written row's scope is its station's)."""
    if actor is None:
        return
    model = type(station)
    if not model._default_manager.visible_to(actor).filter(pk=station.pk).exists():
        raise invalid(field, _("The station is outside your data scope."), OUT_OF_SCOPE)
