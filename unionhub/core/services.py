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

__all__ = ["ModelServices", "invalid", "model_update"]


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
        self.delete(actor=actor, **{self.arg_name(type(instance)): instance})


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
