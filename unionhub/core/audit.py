"""The audit trail: every create, update and delete of every domain model is recorded.

Recording is automatic (model signals), so a module cannot forget it: any model of a
``unionhub.*`` app is audited unless it sets ``audit_exclude = "<reason>"``. Services that
change many rows at once through bulk paths (imports) call ``record_change`` themselves
with a summary. Personal-data fields (``pii_fields``) are written masked.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from unionhub.core.middleware import current_context
from unionhub.core.pii import mask_text

_SKIP_FIELDS = {"created_at", "updated_at", "password", "last_login"}


def is_audited(model: type[models.Model]) -> bool:
    from unionhub.core.models import ChangeRecord

    if model is ChangeRecord or model._meta.abstract or model._meta.proxy:
        return False
    if not model.__module__.startswith("unionhub."):
        return False
    return not getattr(model, "audit_exclude", None)


def _serialise(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_serialise(v) for v in value]
    if isinstance(value, dict):
        return {k: _serialise(v) for k, v in value.items()}
    return str(value)


def _audited_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _SKIP_FIELDS and not getattr(f, "audit_skip", False)
    ]


def snapshot(obj: models.Model) -> dict[str, Any]:
    pii = set(getattr(obj, "pii_fields", ()))
    data = {}
    for f in _audited_fields(type(obj)):
        value = _serialise(getattr(obj, f.attname))
        if f.name in pii or f.attname in pii:
            value = _masked_pii(obj, f.name, value)
        data[f.name] = value
    return data


def _masked_pii(obj: models.Model, name: str, value: Any) -> Any:
    # Encrypted fields hand the model a plaintext property to mask; never store it in clear.
    masker = getattr(obj, "audit_mask", None)
    if callable(masker):
        return masker(name)
    return mask_text(value) if isinstance(value, str) else value


def _repr(obj: models.Model) -> str:
    # Records holding personal data name themselves masked (``audit_repr``).
    masked = getattr(obj, "audit_repr", None)
    return masked() if callable(masked) else str(obj)


def _paths(obj: models.Model) -> tuple[str, str]:
    spec = getattr(obj, "scope_spec", None)
    return _resolve(obj, spec.org_path if spec else None), _resolve(
        obj, spec.region_path if spec else None
    )


def _resolve(obj: models.Model, lookup: str | None) -> str:
    if not lookup:
        return ""
    value: Any = obj
    for part in lookup.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def record_change(
    *,
    obj: models.Model | None = None,
    action: str,
    changes: dict[str, Any] | None = None,
    note: str = "",
    model: type[models.Model] | None = None,
    actor: Any = None,
    org_path: str = "",
    region_path: str = "",
):
    """Write one audit entry; actor and IP come from the request context unless given."""
    from unionhub.core.models import ChangeRecord

    ctx = current_context()
    if actor is None and ctx is not None:
        actor = ctx.current_actor()
    # obj.__class__, not type(obj): request.user is a SimpleLazyObject.
    model = model or (obj.__class__ if obj is not None else None)
    if obj is not None and not (org_path or region_path):
        org_path, region_path = _paths(obj)
    return ChangeRecord.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "",
        ip=ctx.ip if ctx else None,
        action=action,
        app_label=model._meta.app_label if model else "",
        model_name=model._meta.model_name if model else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=_repr(obj)[:200] if obj is not None else "",
        changes=changes or {},
        note=note[:300],
        org_path=org_path,
        region_path=region_path,
    )


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._base_manager.filter(pk=instance.pk).first()
        if old is not None:
            instance._audit_before = snapshot(old)


def record_created(obj: models.Model):
    """The "create" entry for ``obj`` as it is now (for services that finish a new row in
    two steps and saved the first step under ``defer_audit``)."""
    after = snapshot(obj)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})}
    return record_change(obj=obj, action="create", changes=changes)


def defer_audit(obj: models.Model) -> None:
    """Skip the automatic entry of ``obj``'s next save: the service records it itself once
    the row is complete (e.g. a tree path that needs the new primary key)."""
    obj._audit_deferred = True


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    if getattr(instance, "_audit_deferred", False):
        instance._audit_deferred = False
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record_created(instance)
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        record_change(obj=instance, action="update", changes=changes)


def _after_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    before = snapshot(instance)
    changes = {k: [v, None] for k, v in before.items() if v not in (None, "", [], {})}
    record_change(obj=instance, action="delete", changes=changes)


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="unionhub_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="unionhub_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="unionhub_audit_post_delete")
