"""Helpers shared by the module's services: the scope re-check after a write and the
create/update steps every record goes through."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid, model_update


def in_scope(*, actor: Any, obj: models.Model, field: str = "organiser") -> None:
    """What was written must stay inside the actor's data scope (else the transaction rolls
    back). ``actor=None`` is the system (demo, public sign-in through a signed link)."""
    if actor is not None and not object_visible_to(obj, actor):
        raise invalid(field, _("The record would be outside your data scope."), "out_of_scope")


def create(
    *,
    model: type[models.Model],
    fields: Iterable[str],
    actor: Any,
    data: dict[str, Any],
    check: Callable[[models.Model], None] | None = None,
    scope_field: str = "organiser",
) -> Any:
    obj = model(**{k: v for k, v in data.items() if k in fields})
    if actor is not None and getattr(actor, "pk", None):
        obj.created_by = actor
    if check:
        check(obj)
    obj.full_clean()
    obj.save()
    in_scope(actor=actor, obj=obj, field=scope_field)
    return obj


def update(
    *,
    instance: models.Model,
    fields: Iterable[str],
    actor: Any,
    data: dict[str, Any],
    check: Callable[[models.Model], None] | None = None,
    scope_field: str = "organiser",
) -> tuple[Any, list[str]]:
    in_scope(actor=actor, obj=instance, field=scope_field)
    if check:
        # Validate the record as it would be after the change, before anything is saved.
        probe = type(instance)._base_manager.get(pk=instance.pk)
        for name in fields:
            if name in data:
                setattr(probe, name, data[name])
        check(probe)
    obj, changed = model_update(instance=instance, fields=fields, data=data)
    in_scope(actor=actor, obj=obj, field=scope_field)
    return obj, changed


def delete(*, actor: Any, instance: models.Model, scope_field: str = "organiser") -> None:
    in_scope(actor=actor, obj=instance, field=scope_field)
    instance.delete()
