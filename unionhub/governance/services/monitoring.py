"""Risk monitoring points: enterprise unions with an informant (信息员)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.governance.models import MonitoringPoint
from unionhub.governance.services._common import check_visible, creator, invalid

#: union statuses of an enterprise that has a union (a monitoring point is a union)
UNION_STATUSES = ("built", "term_overdue")


def _values(point: MonitoringPoint, data: dict[str, Any], actor: Any) -> None:
    if "enterprise" in data:
        check_visible(data["enterprise"], actor, "enterprise")
        point.enterprise = data["enterprise"]
    for key in ("informant_name", "designated_on", "is_active"):
        if key in data and data[key] is not None:
            setattr(point, key, data[key])
    if point.designated_on is None:
        point.designated_on = timezone.localdate()
    if "phone" in data:
        try:
            point.phone = data["phone"] or ""
        except Exception as exc:
            raise invalid("phone", _("The mobile phone number is not valid."), "phone") from exc
    if not point.phone_enc:
        raise invalid("phone", _("Give the informant's mobile phone number."), "required")
    if point.enterprise.union_status not in UNION_STATUSES:
        raise invalid(
            "enterprise",
            _("%(enterprise)s has no union; a monitoring point is an enterprise union.")
            % {"enterprise": point.enterprise},
            "no_union",
        )
    other = MonitoringPoint.objects.filter(enterprise=point.enterprise).exclude(pk=point.pk)
    if other.exists():
        raise invalid(
            "enterprise",
            _("%(enterprise)s is already a monitoring point.") % {"enterprise": point.enterprise},
            "already_point",
        )


@transaction.atomic
def monitoringpoint_create(*, actor: Any, **data: Any) -> MonitoringPoint:
    point = MonitoringPoint(created_by=creator(actor), designated_on=None)
    _values(point, data, actor)
    point.full_clean(validate_unique=False)
    point.save()
    check_visible(point, actor, "enterprise")
    return point


@transaction.atomic
def monitoringpoint_update(
    *, actor: Any, monitoringpoint: MonitoringPoint, **data: Any
) -> MonitoringPoint:
    check_visible(monitoringpoint, actor)
    _values(monitoringpoint, data, actor)
    monitoringpoint.full_clean(validate_unique=False)
    monitoringpoint.save()
    check_visible(monitoringpoint, actor, "enterprise")
    return monitoringpoint


@transaction.atomic
def monitoringpoint_delete(*, actor: Any, monitoringpoint: MonitoringPoint) -> None:
    check_visible(monitoringpoint, actor)
    monitoringpoint.delete()
