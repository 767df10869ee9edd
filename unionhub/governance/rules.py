"""The early-warning rules (domain.md §9.2 [D]) as a pure function over rule rows: which
level a report reaches and why. The rows are data (``IndicatorRule``, seeded by migration
0002, editable by administrators); this module only compares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from unionhub.governance.choices import RuleMetric


@dataclass(frozen=True)
class Facts:
    """What a report says, in the rule's terms."""

    people: int | None = None
    months: Decimal | None = None
    days_late: int | None = None
    cases: int | None = None
    flag: str = ""
    workforce: int | None = None  # for the share of the workforce

    @property
    def share(self) -> Decimal | None:
        if self.people is None or not self.workforce:
            return None
        return Decimal(self.people * 100) / Decimal(self.workforce)


def rule_applies(rule: Any, on: dt.date | None = None) -> bool:
    if on is None:
        return True
    if rule.valid_from and on < rule.valid_from:
        return False
    return not (rule.valid_to and on > rule.valid_to)


def rule_met(rule: Any, facts: Facts) -> bool:
    """Whether one rule row holds for the facts ("at least", except "more than" for days)."""
    metric, bound = rule.metric, rule.threshold
    if metric == RuleMetric.ANY:
        return True
    if metric == RuleMetric.FLAG:
        return bool(rule.flag) and facts.flag == rule.flag
    value = {
        RuleMetric.PEOPLE: facts.people,
        RuleMetric.MONTHS: facts.months,
        RuleMetric.SHARE: facts.share,
        RuleMetric.CASES: facts.cases,
        RuleMetric.DAYS: facts.days_late,
    }.get(metric)
    if value is None or bound is None:
        return False
    if metric == RuleMetric.DAYS:  # "> 15 days late"
        return Decimal(value) > bound
    return Decimal(value) >= bound


def judge(rules: list[Any], facts: Facts, *, on: dt.date | None = None):
    """``(level, [rules met at that level])``: the highest level any rule row reaches, or
    ``(None, [])`` when the report is below every trigger."""
    met = [r for r in rules if rule_applies(r, on) and rule_met(r, facts)]
    if not met:
        return None, []
    top = max(r.level.rank for r in met)
    winners = [r for r in met if r.level.rank == top]
    return winners[0].level, winners
