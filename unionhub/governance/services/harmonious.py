"""Harmonious enterprises and parks (和谐企业/园区): application, evaluation, designation by
level and year, expiry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.governance.choices import HarmoniousKind, HarmoniousStatus, WarningStatus
from unionhub.governance.models import HARMONIOUS_FIELDS, HarmoniousUnit, RiskWarning
from unionhub.governance.services._common import check_visible, creator, invalid

#: [D] a designation is in force for three calendar years (the year named and two more),
#: and needs an evaluation score of at least 80 of 100; settings.UNIONHUB overrides.
VALID_YEARS = 3
PASS_SCORE = Decimal("80")
#: an enterprise with an open warning of this rank or higher (orange, red) is not designated
BLOCKING_RANK = 3


def _param(name: str, default: Any) -> Any:
    return getattr(settings, "UNIONHUB", {}).get(f"HARMONIOUS_{name}", default)


def valid_until(year: int) -> dt.date:
    return dt.date(year + int(_param("VALID_YEARS", VALID_YEARS)) - 1, 12, 31)


def _check(unit: HarmoniousUnit, actor: Any) -> None:
    if unit.kind == HarmoniousKind.ENTERPRISE:
        if unit.enterprise_id is None:
            raise invalid("enterprise", _("Choose the enterprise."), "required")
        check_visible(unit.enterprise, actor, "enterprise")
        unit.region = unit.enterprise.region
        unit.park_name = ""
    else:
        if not (unit.park_name or "").strip():
            raise invalid("park_name", _("Give the name of the park."), "required")
        unit.enterprise = None
    if unit.year and unit.applied_on and unit.applied_on.year > unit.year:
        raise invalid(
            "applied_on", _("The application date is after the year applied for."), "after_year"
        )


@transaction.atomic
def harmonious_apply(*, actor: Any, **data: Any) -> HarmoniousUnit:
    unit = HarmoniousUnit(
        **{k: v for k, v in data.items() if k in HARMONIOUS_FIELDS}, created_by=creator(actor)
    )
    if unit.applied_on is None:
        unit.applied_on = timezone.localdate()
    if unit.kind == HarmoniousKind.ENTERPRISE and unit.enterprise_id:
        unit.region = unit.enterprise.region
    _check(unit, actor)
    unit.full_clean()
    unit.save()
    check_visible(unit, actor, "region")
    return unit


@transaction.atomic
def harmonious_update(*, actor: Any, harmoniousunit: HarmoniousUnit, **data: Any):
    check_visible(harmoniousunit, actor)
    unit, _changed = model_update(instance=harmoniousunit, fields=HARMONIOUS_FIELDS, data=data)
    _check(unit, actor)
    unit.save()
    check_visible(unit, actor, "region")
    return unit


@transaction.atomic
def harmonious_delete(*, actor: Any, harmoniousunit: HarmoniousUnit) -> None:
    check_visible(harmoniousunit, actor)
    if harmoniousunit.status == HarmoniousStatus.DESIGNATED:
        raise invalid(None, _("A designated unit is kept; it expires by itself."), "designated")
    harmoniousunit.delete()


@transaction.atomic
def harmonious_evaluate(
    *, actor: Any, harmoniousunit: HarmoniousUnit, score: Decimal, evaluation: str = ""
) -> HarmoniousUnit:
    unit = harmoniousunit
    check_visible(unit, actor)
    if unit.status not in (HarmoniousStatus.APPLIED, HarmoniousStatus.EVALUATED):
        raise invalid(None, _("This application has already been decided."), "decided")
    if score is None or not (Decimal(0) <= Decimal(score) <= Decimal(100)):
        raise invalid("score", _("The score is between 0 and 100."), "score_range")
    unit.score = Decimal(score)
    unit.evaluation = evaluation
    unit.status = HarmoniousStatus.EVALUATED
    unit.save()
    return unit


@transaction.atomic
def harmonious_designate(
    *, actor: Any, harmoniousunit: HarmoniousUnit, designated_on: dt.date | None = None
) -> HarmoniousUnit:
    unit = harmoniousunit
    check_visible(unit, actor)
    if unit.status != HarmoniousStatus.EVALUATED:
        raise invalid(None, _("Evaluate the application before designating it."), "not_evaluated")
    if unit.score < Decimal(_param("PASS_SCORE", PASS_SCORE)):
        raise invalid(
            None,
            _("The evaluation score %(score)s is below the pass mark %(mark)s.")
            % {"score": unit.score, "mark": _param("PASS_SCORE", PASS_SCORE)},
            "score_too_low",
        )
    if unit.enterprise_id:
        blocking = RiskWarning.objects.filter(
            enterprise=unit.enterprise,
            status=WarningStatus.OPEN,
            level__rank__gte=BLOCKING_RANK,
        ).first()
        if blocking is not None:
            raise invalid(
                None,
                _("%(enterprise)s has an open %(level)s labour-relations warning.")
                % {"enterprise": unit.enterprise, "level": blocking.level},
                "open_warning",
            )
    unit.status = HarmoniousStatus.DESIGNATED
    unit.designated_on = designated_on or timezone.localdate()
    unit.valid_until = valid_until(unit.year)
    unit.save()
    return unit


@transaction.atomic
def harmonious_reject(*, actor: Any, harmoniousunit: HarmoniousUnit, evaluation: str = ""):
    unit = harmoniousunit
    check_visible(unit, actor)
    if unit.status == HarmoniousStatus.DESIGNATED:
        raise invalid(None, _("This application has already been decided."), "decided")
    unit.status = HarmoniousStatus.REJECTED
    if evaluation:
        unit.evaluation = evaluation
    unit.save()
    return unit
