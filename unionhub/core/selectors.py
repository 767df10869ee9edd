from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet

from unionhub.core.models import ChangeRecord


def changerecord_list(*, user: Any) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.visible_to(user).select_related("actor")


def changerecord_for_object(*, obj: models.Model, user: Any) -> QuerySet[ChangeRecord]:
    """The change-log tab: entries of one record. The record itself was already checked to
    be visible, so its own history is shown in full."""
    meta = obj._meta
    return ChangeRecord.objects.filter(
        app_label=meta.app_label, model_name=meta.model_name, object_id=str(obj.pk)
    ).select_related("actor")
