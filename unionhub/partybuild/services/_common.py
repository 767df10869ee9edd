"""What every service of the module shares: errors with a stable ``code`` and the scope
checks (before and after a write)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def creator(actor: User | None) -> User | None:
    return actor if getattr(actor, "pk", None) else None


def check_visible(obj: Any, actor: User | None, field: str | None = None) -> None:
    """Refuse a parent (``field``) or a written record outside the actor's data scope; the
    system (``actor=None``) sees everything."""
    if obj is not None and actor is not None and not object_visible_to(obj, actor):
        if field:
            raise invalid(
                field, _("%(obj)s is outside your data scope.") % {"obj": obj}, "out_of_scope"
            )
        raise invalid(None, _("The record would be outside your data scope."), "out_of_scope")


def not_in_future(field: str, value: dt.date | None, label: str) -> None:
    if value is not None and value > timezone.localdate():
        raise invalid(
            field,
            _("%(label)s cannot be in the future.") % {"label": label},
            "future_date",
        )


def save_new(obj: Any, actor: User | None) -> Any:
    obj.created_by = creator(actor)
    obj.full_clean()
    obj.save()
    check_visible(obj, actor)
    return obj
