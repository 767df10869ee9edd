"""Wage standards across the tiers (domain.md §3.7): ``enterprise ≥ industry ≥ regional ≥
statutory minimum``. The last is law (LCL art. 55): a floor below the minimum wage is
refused. The tier order is the 盐南 model ("区域谈底线、行业谈标准、企业谈增长", [M]): an
enterprise figure below the industry one, or an industry figure below the regional one, is
flagged on the case, not refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.bargaining.choices import FLOOR_KINDS, StandardKind, Tier
from unionhub.bargaining.models import (
    MINIMUM_WAGE_FIELDS,
    BargainingCase,
    MinimumWage,
    WageStandard,
    in_force_q,
)
from unionhub.core.services import model_update


def minimum_wage_for(region: Any, on: dt.date) -> MinimumWage | None:
    """The minimum wage in force on ``on`` for ``region`` (its own row or the nearest
    ancestor's)."""
    rows = [
        row
        for row in MinimumWage.objects.filter(valid_from__lte=on).select_related("region")
        if region.path.startswith(row.region.path) and (row.valid_to is None or row.valid_to >= on)
    ]
    rows.sort(key=lambda r: (len(r.region.path), r.valid_from), reverse=True)
    return rows[0] if rows else None


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


def _as_of(case: BargainingCase) -> dt.date:
    return case.term_start or case.signed_on or timezone.localdate()


def _covering(case: BargainingCase, tiers: tuple[str, ...], on: dt.date):
    """Contracts of ``tiers`` in force on ``on`` that bind the enterprises ``case`` binds."""
    enterprises = (
        [case.enterprise_id]
        if case.enterprise_id
        else list(case.covered_enterprises.values_list("pk", flat=True))
    )
    return (
        BargainingCase.objects.filter(
            in_force_q(on), tier__in=tiers, covered_enterprises__in=enterprises
        )
        .exclude(pk=case.pk)
        .distinct()
    )


def standard_flags(standard: WageStandard) -> list[Flag]:
    """What is wrong with ``standard`` against the tiers above it (flags, not refusals)."""
    if standard.amount is None:
        return []
    case = standard.case
    on = _as_of(case)
    above = {Tier.ENTERPRISE: (Tier.INDUSTRY, Tier.REGIONAL), Tier.INDUSTRY: (Tier.REGIONAL,)}.get(
        case.tier, ()
    )
    if not above:
        return []
    flags = []
    for other in _covering(case, above, on):
        for theirs in other.wage_standards.filter(kind=standard.kind, item=standard.item):
            if theirs.amount is not None and standard.amount < theirs.amount:
                flags.append(
                    Flag(
                        "below_" + other.tier,
                        _(
                            "%(kind)s %(amount)s is below the %(amount_above)s of “%(contract)s”, "
                            "a %(tier)s contract that binds the same enterprise."
                        )
                        % {
                            "kind": standard.get_kind_display(),
                            "amount": standard.amount,
                            "amount_above": theirs.amount,
                            "contract": other.title,
                            "tier": other.get_tier_display(),
                        },
                    )
                )
    return flags


def _minimum_problem(
    case: BargainingCase, kind: str, amount: Decimal | None
) -> ValidationError | None:
    if kind not in FLOOR_KINDS or amount is None:
        return None
    row = minimum_wage_for(case.region, _as_of(case))
    if row is None:
        return None
    minimum = row.monthly if kind == StandardKind.MONTHLY_FLOOR else row.hourly
    if amount < minimum:
        return ValidationError(
            _(
                "%(amount)s yuan is below the statutory minimum wage of %(minimum)s yuan in "
                "%(region)s (%(source)s); a collective contract may not set a lower standard "
                "(Labour Contract Law, art. 55)."
            )
            % {
                "amount": amount,
                "minimum": minimum,
                "region": row.region.name,
                "source": row.source,
            },
            code="below_minimum_wage",
        )
    return None


@transaction.atomic
def wage_standard_create(*, actor: Any, **data: Any) -> WageStandard:
    from unionhub.bargaining.services import _in_scope, _raise, _require_perm

    _require_perm(actor, "bargaining.add_wagestandard")
    standard = WageStandard(
        case=data.get("case"),
        kind=data.get("kind") or "",
        item=(data.get("item") or "").strip(),
        amount=data.get("amount"),
        rule=(data.get("rule") or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    errors: dict[str, ValidationError] = {}
    if standard.kind == StandardKind.ORDER_ALLOCATION:
        if not standard.rule:
            errors["rule"] = ValidationError(
                _("Describe the order-allocation rule."), code="required"
            )
    elif standard.amount is None:
        errors["amount"] = ValidationError(_("Give the amount in yuan."), code="required")
    elif standard.amount <= 0:
        errors["amount"] = ValidationError(
            _("The amount must be more than zero."), code="not_positive"
        )
    if standard.kind == StandardKind.PIECE_RATE and not standard.item:
        errors["item"] = ValidationError(_("Say what the piece rate pays for."), code="required")
    if standard.case_id and standard.case.signed_on:
        errors["case"] = ValidationError(
            _("The contract is signed; its standards are part of the text."), code="signed"
        )
    if standard.case_id and not errors:
        problem = _minimum_problem(standard.case, standard.kind, standard.amount)
        if problem:
            errors["amount"] = problem
    _raise(errors)
    standard.full_clean()
    standard.save()
    _in_scope(actor=actor, obj=standard, field="case")
    return standard


@transaction.atomic
def wage_standard_delete(*, actor: Any, wagestandard: WageStandard) -> None:
    from unionhub.bargaining.services import _in_scope, _invalid, _require_perm

    _require_perm(actor, "bargaining.delete_wagestandard")
    _in_scope(actor=actor, obj=wagestandard)
    if wagestandard.case.signed_on:
        raise _invalid(
            None, _("The contract is signed; its standards are part of the text."), "signed"
        )
    wagestandard.delete()


def _minimum_wage_problems(row: MinimumWage) -> dict[str, ValidationError]:
    if row.valid_to and row.valid_from and row.valid_to < row.valid_from:
        return {
            "valid_to": ValidationError(
                _("The end cannot be before the start."), code="end_before_start"
            )
        }
    return {}


@transaction.atomic
def minimum_wage_create(*, actor: Any, **data: Any) -> MinimumWage:
    from unionhub.bargaining.services import _in_scope, _raise, _require_perm

    _require_perm(actor, "bargaining.add_minimumwage")
    row = MinimumWage(**{k: v for k, v in data.items() if k in MINIMUM_WAGE_FIELDS})
    _raise(_minimum_wage_problems(row))
    row.full_clean()
    row.save()
    _in_scope(actor=actor, obj=row, field="region")
    return row


@transaction.atomic
def minimum_wage_update(*, actor: Any, minimumwage: MinimumWage, **data: Any) -> MinimumWage:
    from unionhub.bargaining.services import _in_scope, _raise, _require_perm

    _require_perm(actor, "bargaining.change_minimumwage")
    _in_scope(actor=actor, obj=minimumwage)
    for name in MINIMUM_WAGE_FIELDS:
        if name in data:
            setattr(minimumwage, name, data[name])
    _raise(_minimum_wage_problems(minimumwage))
    row, _changed = model_update(instance=minimumwage, fields=MINIMUM_WAGE_FIELDS, data=data)
    row.full_clean()
    row.save()
    _in_scope(actor=actor, obj=row, field="region")
    return row
