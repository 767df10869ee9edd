"""What every social-work service shares: the error shape, the scope recheck, today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid


def require_visible(obj: models.Model, actor: Any, field: str | None = None) -> None:
    """The record (or a parent it names) must be inside the actor's data scope: checked on
    what was written, so the transaction rolls back when it is not."""
    if actor is not None and not object_visible_to(obj, actor):
        raise invalid(field, _("The record would be outside your data scope."), "out_of_scope")


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def today() -> dt.date:
    return timezone.localdate()


def pick(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in fields}


def create(model: type[models.Model], *, actor: Any, fields: tuple[str, ...], data: dict) -> Any:
    """Build, validate, save a plain record (many-to-many set after the save)."""
    m2m = {f.name for f in model._meta.many_to_many}
    values = pick(data, fields)
    related = {k: values.pop(k) for k in list(values) if k in m2m}
    obj = model(**values)
    obj.created_by = user_or_none(actor)
    obj.full_clean()
    obj.save()
    for name, items in related.items():
        getattr(obj, name).set(items)
    return obj
