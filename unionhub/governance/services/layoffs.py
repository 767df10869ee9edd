"""Mass layoffs (LCL art. 41, domain.md §3.8): ≥ 20 people, or fewer but ≥ 10 % of the
workforce, must be explained to the union 30 days in advance. Registering such a plan
files an L1 risk report (the warning rules judge it) and opens a consultation task (to-do)
with the 30-day notice date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.governance.choices import ReportSource
from unionhub.governance.models import LAYOFF_FIELDS, LayoffPlan, RiskIndicator
from unionhub.governance.services._common import check_visible, creator, invalid

MASS_PEOPLE = 20
MASS_SHARE_PERCENT = 10
LAYOFF_INDICATOR = "L1"


def is_mass_layoff(planned: int, workforce: int) -> bool:
    """≥ 20 people, or ≥ 10 % of the workforce (integer arithmetic: 10 × planned ≥ workforce)."""
    return planned >= MASS_PEOPLE or (
        workforce > 0 and planned * 100 >= MASS_SHARE_PERCENT * workforce
    )


@transaction.atomic
def layoff_register(*, actor: Any, owner: Any = None, **data: Any) -> LayoffPlan:
    plan = LayoffPlan(
        **{k: v for k, v in data.items() if k in LAYOFF_FIELDS}, created_by=creator(actor)
    )
    if plan.enterprise_id is None:
        raise invalid("enterprise", _("Choose the enterprise."), "required")
    check_visible(plan.enterprise, actor, "enterprise")
    if not plan.workforce:
        plan.workforce = plan.enterprise.employees
    if plan.planned_count is None or plan.planned_count < 1:
        raise invalid("planned_count", _("Give how many workers are to be laid off."), "required")
    if plan.planned_count > plan.workforce:
        raise invalid(
            "planned_count",
            _("%(planned)d workers to lay off is more than the workforce of %(workforce)d.")
            % {"planned": plan.planned_count, "workforce": plan.workforce},
            "exceeds_workforce",
        )
    plan.is_mass = is_mass_layoff(plan.planned_count, plan.workforce)
    plan.earliest_effective_on = deadline_for("layoff_notice", plan.notified_on).due
    if plan.is_mass and plan.effective_on < plan.earliest_effective_on:
        raise invalid(
            "effective_on",
            _(
                "A mass layoff must be explained to the union 30 days in advance: told on "
                "%(notified)s, it takes effect on %(earliest)s at the earliest."
            )
            % {"notified": plan.notified_on, "earliest": plan.earliest_effective_on},
            "notice_too_short",
        )
    plan.full_clean(exclude=["report"])
    if plan.is_mass:
        from unionhub.governance.services.warnings import report_file

        plan.report = report_file(
            actor=actor,
            owner=owner,
            workforce=plan.workforce,
            enterprise=plan.enterprise,
            indicator=RiskIndicator.objects.get(code=LAYOFF_INDICATOR),
            source=ReportSource.STAFF,
            occurred_on=min(plan.notified_on, timezone.localdate()),
            facts=_("Layoff plan: %(count)d of %(workforce)d workers. %(reason)s")
            % {"count": plan.planned_count, "workforce": plan.workforce, "reason": plan.reason},
            people_affected=plan.planned_count,
        )
    plan.save()
    check_visible(plan, actor, "enterprise")
    return plan


@transaction.atomic
def layoff_consulted(*, actor: Any, layoffplan: LayoffPlan, consulted_on: dt.date) -> LayoffPlan:
    check_visible(layoffplan, actor)
    if consulted_on > timezone.localdate():
        raise invalid("consulted_on", _("The consultation date cannot be in the future."), "future")
    if consulted_on < layoffplan.notified_on:
        raise invalid(
            "consulted_on",
            _("The consultation cannot be before the union was told of the plan."),
            "before_notice",
        )
    layoffplan.consulted_on = consulted_on
    layoffplan.save(update_fields=["consulted_on", "updated_at"])
    return layoffplan
