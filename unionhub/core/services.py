"""What generic views and viewsets need to know about a module's write services.

Every write goes through the module's service, whichever path it comes from (page, API,
bulk action, import). Views declare the services; the generic views call them::

    class StationEditView(ObjectEditView):
        model = Station
        form_class = StationForm
        services = ModelServices(create=station_create, update=station_update)

Calling conventions (keyword-only, the acting user always named ``actor``):

- ``create(*, actor, **data) -> obj``
- ``update(*, actor, <instance_arg>=obj, **changes) -> obj``
- ``delete(*, actor, <instance_arg>=obj) -> None``

``instance_arg`` defaults to the model name (``station``), which is how the existing
services name the record they act on. ``model_update`` is the one helper for the plain part
of an update (HackSoft's ``model_update``): set the changed fields, validate, save only
those fields, and say which fields changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

__all__ = [
    "ModelServices",
    "deletion_refusal",
    "history_kinds",
    "invalid",
    "model_update",
    "refuse_delete_with_history",
]


def history_kinds(instance: models.Model, limit: int = 3) -> list[str]:
    """The kinds of records (verbose names) that point at ``instance`` through a PROTECT or
    RESTRICT foreign key — history that keeps it from being deleted. One ``exists()`` per
    relation, so a station with 100,000 visits is answered without loading them."""
    kinds: list[str] = []
    for rel in instance._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or rel.on_delete not in (
            models.PROTECT,
            models.RESTRICT,
        ):
            continue
        manager = rel.related_model._base_manager
        if manager.filter(**{rel.field.name: instance}).exists():
            name = str(rel.related_model._meta.verbose_name)
            if name not in kinds:
                kinds.append(name)
        if len(kinds) >= limit:
            break
    return kinds


def deletion_refusal(instance: models.Model, exc: Exception | None = None) -> str:
    """The sentence a refused delete answers with: "该驿站已有到站记录、工单等记录，不能删除，
    可改为停用。" The alternative comes from the model's ``delete_alternative`` (or, for a
    model with ``is_active``, "set it inactive")."""
    from django.utils.translation import gettext as _

    kinds = history_kinds(instance)
    if not kinds and exc is not None:
        objs = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
        for obj in list(objs)[:50]:
            name = str(obj._meta.verbose_name)
            if name not in kinds:
                kinds.append(name)
    model = str(instance._meta.verbose_name)
    if kinds:
        text = _(
            "This %(model)s already has records such as %(kinds)s, so it cannot be deleted"
        ) % {
            "model": model,
            "kinds": "、".join(kinds[:3]),
        }
    else:
        text = _("Other records still depend on this %(model)s, so it cannot be deleted") % {
            "model": model
        }
    alternative = getattr(instance, "delete_alternative", None)
    if alternative is None and any(f.name == "is_active" for f in instance._meta.concrete_fields):
        alternative = _("set it inactive instead")
    if alternative:
        text += "，" + str(alternative)
    return text + "。"


def refuse_delete_with_history(instance: models.Model) -> None:
    """A delete service's first line: refuse (``code="protected"``) while history points at
    the record, instead of a database ``ProtectedError``."""
    if history_kinds(instance, limit=1):
        raise ValidationError(deletion_refusal(instance), code="protected")


@dataclass(frozen=True)
class ModelServices:
    create: Callable[..., Any] | None = None
    update: Callable[..., Any] | None = None
    delete: Callable[..., Any] | None = None
    #: the keyword the update/delete services take the record by (default: model name)
    instance_arg: str | None = None

    def arg_name(self, model: type[models.Model]) -> str:
        return self.instance_arg or model._meta.model_name

    def call_create(self, *, actor: Any, data: dict[str, Any]) -> Any:
        if self.create is None:
            raise NotImplementedError("no create service declared")
        return self.create(actor=actor, **data)

    def call_update(self, *, actor: Any, instance: models.Model, data: dict[str, Any]) -> Any:
        if self.update is None:
            raise NotImplementedError("no update service declared")
        result = self.update(actor=actor, **{self.arg_name(type(instance)): instance}, **data)
        return instance if result is None else result

    def call_delete(self, *, actor: Any, instance: models.Model) -> None:
        if self.delete is None:
            raise NotImplementedError("no delete service declared")
        try:
            self.delete(actor=actor, **{self.arg_name(type(instance)): instance})
        except (models.ProtectedError, models.RestrictedError) as exc:
            # History points at the record: a sentence, never a 500 (core, once).
            raise ValidationError(deletion_refusal(instance, exc), code="protected") from exc


def model_update(
    *, instance: models.Model, fields: Iterable[str], data: dict[str, Any]
) -> tuple[models.Model, list[str]]:
    """Apply ``data`` to ``instance`` for the allowed ``fields``; validate and save the
    changed ones. Returns the instance and the names of the fields that changed (an empty
    list means nothing was written). Many-to-many fields are set after the save."""
    changed: list[str] = []
    m2m: dict[str, Any] = {}
    concrete = {f.name: f for f in instance._meta.get_fields()}
    for name in fields:
        if name not in data:
            continue
        field = concrete.get(name)
        if field is None:
            raise ValueError(f"{type(instance).__name__} has no field {name!r}")
        if field.many_to_many:
            m2m[name] = data[name]
            continue
        if getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        instance.full_clean()
        update_fields = list(changed)
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    for name, values in m2m.items():
        manager = getattr(instance, name)
        if set(manager.values_list("pk", flat=True)) != {v.pk for v in values}:
            manager.set(values)
            changed.append(name)
    return instance, changed


def invalid(field: str | None, message: str, code: str) -> ValidationError:
    """A service's refusal: ``message`` with its stable ``code`` on ``field`` (None: on the
    record as a whole). Every module raises its rule errors this way."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error
