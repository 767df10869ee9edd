"""What every governance service shares: errors with stable codes and the scope checks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid


def creator(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def check_visible(obj: Any, actor: Any, field: str | None = None, message: str | None = None):
    """Refuse when ``obj`` is (or would be, after the write) outside the actor's scope; the
    system (``actor=None``) sees everything."""
    if obj is not None and actor is not None and not object_visible_to(obj, actor):
        raise invalid(
            field, message or _("The record would be outside your data scope."), "out_of_scope"
        )
