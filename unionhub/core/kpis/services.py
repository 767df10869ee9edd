"""Writes: targets (typed in by county and city administrators) and the monthly snapshots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.kpis import registry, selectors
from unionhub.core.kpis.models import KpiSnapshot, KpiTarget
from unionhub.core.scope import object_visible_to

__all__ = ["SYSTEM", "kpis_snapshot", "kpis_snapshot_monthly", "kpitarget_set"]

TARGET_LEVELS = ("city", "county")


class _System:
    """The platform acting on its own (the scheduled job): sees everything, may do all."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None
    org_unit = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True


SYSTEM = _System()


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def kpitarget_set(
    *, actor: Any, code: str, region: Any, year: int, value: Decimal | str | None
) -> KpiTarget | None:
    """Set (or, with an empty ``value``, clear) the target of one KPI for a county-level unit
    or the city in one year. The region must be inside the actor's scope."""
    kpi = registry.get(code)
    if kpi is None:
        raise _error("code", _("There is no indicator with this code."), "unknown_kpi")
    if region is None or region.level not in TARGET_LEVELS:
        raise _error(
            "region", _("Targets are set for the city or a county-level unit."), "region_level"
        )
    Region = apps.get_model("org", "Region")
    if not Region.objects.visible_to(actor).filter(pk=region.pk).exists():
        raise _error("region", _("This region is outside your data scope."), "region_scope")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not selectors.FIRST_YEAR <= year <= timezone.localdate().year + 5:
        raise _error("year", _("Give a year between 2000 and five years from now."), "invalid_year")
    existing = KpiTarget.objects.filter(code=code, region=region, year=year).first()
    if value in (None, ""):
        if existing is not None:
            existing.delete()
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise _error("value", _("The target must be a number."), "invalid_target") from None
    if not number.is_finite() or number < 0:
        raise _error("value", _("The target cannot be negative."), "negative_target")
    if kpi.aggregation == "rate" and number > 100:
        raise _error("value", _("A rate target cannot exceed 100%."), "rate_over_100")
    if kpi.aggregation == "count" and number != number.to_integral_value():
        raise _error("value", _("A count target must be a whole number."), "fractional_count")
    target = existing or KpiTarget(code=code, region=region, year=year)
    target.value = number.quantize(Decimal("0.01"))
    if target.pk is None and getattr(actor, "pk", None):
        target.created_by = actor
    target.full_clean()
    target.save()
    if not object_visible_to(target, actor):
        raise _error("region", _("This region is outside your data scope."), "region_scope")
    return target


def snapshot_regions() -> list[Any]:
    """The city and its county-level units (the regions reports are made for)."""
    Region = apps.get_model("org", "Region")
    return list(Region.objects.filter(level__in=TARGET_LEVELS).order_by("path"))


@transaction.atomic
def kpis_snapshot(
    *, as_of: dt.date, regions: list[Any] | None = None, codes: list[str] | None = None
) -> int:
    """Keep every registered KPI's value (or those of ``codes``) as of ``as_of`` for the city
    and each county-level unit (or ``regions``): one snapshot per code, region and month
    (running again in the same month replaces that month's snapshot). Returns the number of
    snapshots written."""
    if as_of > timezone.localdate():
        raise _error(
            "as_of", _("Figures cannot be computed for a date in the future."), "as_of_future"
        )
    month = as_of.replace(day=1)
    written = 0
    for region in regions if regions is not None else snapshot_regions():
        values = selectors.kpi_values(
            user=SYSTEM,
            region=region,
            year=as_of.year,
            as_of=as_of,
            codes=codes,
            use_snapshots=False,
        )
        for item in values:
            KpiSnapshot.objects.update_or_create(
                code=item.code,
                region=region,
                month=month,
                defaults={
                    "year": as_of.year,
                    "as_of": as_of,
                    "value": None if item.value is None else Decimal(item.value),
                    "numerator": None if item.numerator is None else Decimal(item.numerator),
                    "denominator": (
                        None if item.denominator is None else Decimal(item.denominator)
                    ),
                },
            )
            written += 1
    return written


def kpis_snapshot_monthly() -> str:
    """The scheduled job (``jobs.py``): on the first of a month, keep the figures as of the
    last day of the month before."""
    as_of = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    written = kpis_snapshot(as_of=as_of)
    return f"{as_of.isoformat()}：{written} 条指标快照"
