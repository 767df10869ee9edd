"""Demand points of the 15-minute service circle (places where outdoor workers gather)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from unionhub.stations.models import DemandPoint
from unionhub.stations.services._common import check_visible, full_clean_save, user_or_none

if TYPE_CHECKING:
    from unionhub.accounts.models import User


@transaction.atomic
def demand_point_create(*, actor: User | None, **fields: Any) -> DemandPoint:
    point = full_clean_save(DemandPoint(created_by=user_or_none(actor), **fields))
    check_visible(point, actor)
    return point


@transaction.atomic
def demand_point_update(*, actor: User | None, point: DemandPoint, **fields: Any) -> DemandPoint:
    check_visible(point, actor)
    for name, value in fields.items():
        setattr(point, name, value)
    full_clean_save(point)
    check_visible(point, actor)
    return point


@transaction.atomic
def demand_point_delete(*, actor: User | None, point: DemandPoint) -> None:
    check_visible(point, actor)
    point.delete()
