"""Per-procedure time limits (domain.md §3.6), always through the one deadline service.

A step's limit is the ``BargainingProcedureRule`` row for the case's procedure in force on
the event day, else the ordinary procedure's row (the Jiangsu regulation's own limits per
procedure are not verified: the national rules stand until an administrator enters them).
When the row says what the platform's deadline kind says (same number of calendar days), the
date is exactly ``deadline_for(kind, D)`` — the value of ``GET /api/v1/calendar/deadline/``;
otherwise ``add_period`` counts the row's days (calendar or working) with the same
holiday roll-forward."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from unionhub.bargaining.choices import STEP_KINDS, DayType, LimitStep, Procedure
from unionhub.core.calendar.deadlines import KINDS, add_period, deadline_for

if TYPE_CHECKING:
    from unionhub.bargaining.models import BargainingProcedureRule
    from unionhub.core.calendar.periods import HolidayCalendar

JURISDICTION = "32"  # Jiangsu
_KIND_DAYS = {k.code: k.days for k in KINDS}


@dataclass(frozen=True)
class Limit:
    step: str
    procedure: str
    rule: BargainingProcedureRule | None
    fallback: bool  # the ordinary procedure's row stands in for the case's procedure
    days: int
    day_type: str
    due: dt.date | None

    @property
    def label(self) -> str:
        return str(LimitStep(self.step).label)


def rule_for(step: str, procedure: str, on: dt.date) -> tuple[BargainingProcedureRule | None, bool]:
    from unionhub.bargaining.models import BargainingProcedureRule

    valid = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    rows = BargainingProcedureRule.objects.filter(valid, jurisdiction=JURISDICTION, step=step)
    own = rows.filter(procedure=procedure).order_by("-valid_from").first()
    if own is not None or procedure == Procedure.ORDINARY:
        return own, False
    return rows.filter(procedure=Procedure.ORDINARY).order_by("-valid_from").first(), True


def limit_due(
    step: str,
    procedure: str,
    date: dt.date | None,
    *,
    calendar: HolidayCalendar | None = None,
) -> Limit:
    kind = STEP_KINDS[step]
    on = date or timezone.localdate()
    rule, fallback = rule_for(step, procedure, on)
    days = rule.days if rule else _KIND_DAYS[kind]
    day_type = rule.day_type if rule else DayType.CALENDAR
    due = None
    if date is not None:
        if day_type == DayType.CALENDAR and days == _KIND_DAYS[kind]:
            due = deadline_for(kind, date, calendar=calendar).due
        elif day_type == DayType.CALENDAR:
            due = add_period(date, days=days, calendar=calendar).due
        else:
            due = add_period(date, working_days=days, calendar=calendar).due
    return Limit(step, procedure, rule, fallback, days, day_type, due)
