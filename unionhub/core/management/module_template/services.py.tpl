"""Every write of the module: keyword-only, the acting user named ``actor``, in a
transaction, rechecking that what was written stays inside the actor's data scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.core.services import model_update
from unionhub.{label}.models import {upper}_FIELDS, {model}

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _in_scope(*, actor: AbstractBaseUser | None, obj: {model}) -> None:
    if actor is not None and not object_visible_to(obj, actor):
        raise ValidationError(
            {{"region": ValidationError(_("The record would be outside your data scope."),
                                       code="out_of_scope")}}
        )


@transaction.atomic
def {model_lower}_create(*, actor: AbstractBaseUser | None, **data: Any) -> {model}:
    obj = {model}(**{{k: v for k, v in data.items() if k in {upper}_FIELDS}})
    if actor is not None and getattr(actor, "pk", None):
        obj.created_by = actor
    obj.full_clean()
    obj.save()
    _in_scope(actor=actor, obj=obj)
    return obj


@transaction.atomic
def {model_lower}_update(
    *, actor: AbstractBaseUser | None, {model_lower}: {model}, **data: Any
) -> {model}:
    obj, _changed = model_update(instance={model_lower}, fields={upper}_FIELDS, data=data)
    _in_scope(actor=actor, obj=obj)
    return obj


@transaction.atomic
def {model_lower}_delete(*, actor: AbstractBaseUser | None, {model_lower}: {model}) -> None:
    _in_scope(actor=actor, obj={model_lower})
    {model_lower}.delete()
