"""The registry of legal-deadline kinds. Every legal date the platform shows is one of these,
computed by ``unionhub.core.calendar.deadlines.deadline_for``.

A module declares its kinds in ``<app>/deadlines.py``::

    from django.utils.translation import gettext_lazy as _
    from unionhub.core.calendar.kinds import DeadlineKind

    KINDS = [
        DeadlineKind(
            code="coordination_done",
            name=_("Coordination of a bargaining dispute"),
            event=_("application for coordination received"),
            rule=_("D + 30 days"),
            basis=_("Provisions on Collective Contracts, art. 49-53"),
            days=30,
        ),
    ]

The calendar app consumes them (``consume("deadline_kinds", register_declared)``) whatever
the order of INSTALLED_APPS. Two declarations of one code stop start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

__all__ = ["DeadlineKind", "all_kinds", "get_kind", "register", "register_declared"]

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class DeadlineKind:
    """One legal period: ``due = event date D + period`` under domain.md §0.2.

    - ``days``, ``months``, ``years``, ``working_days``: the period (negative = before D);
    - ``roll``: the due is the *last day* of a period, so it rolls forward past a holiday
      block (民法典 art. 203). ``False`` for dates that are not a last day — the first day
      of a window, the day something takes effect — which never move;
    - ``after``: another kind whose due is computed first and this period is added to it
      (e.g. "the day after the objection period ends" follows that period's roll-forward);
    - ``name``, ``event`` (what D is), ``rule`` (the formula in words), ``basis`` (the
      legal source): shown to users, translated (gettext_lazy).
    """

    code: str
    name: Any
    event: Any
    rule: Any
    basis: Any
    days: int = 0
    months: int = 0
    years: int = 0
    working_days: int = 0
    roll: bool = True
    after: str | None = None
    #: what ``due`` means, for the calculator ("last permissible day" by default)
    due_label: Any = None
    #: the app that declared it (filled in by the registry)
    module: str = ""

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ImproperlyConfigured(f"deadline kind code {self.code!r} is not snake_case")
        if self.working_days and (self.days or self.months or self.years):
            raise ImproperlyConfigured(
                f"deadline kind {self.code!r}: a working-day period cannot be mixed with "
                "calendar days, months or years"
            )
        if not (self.days or self.months or self.years or self.working_days or self.after):
            raise ImproperlyConfigured(f"deadline kind {self.code!r} has no period")


_kinds: dict[str, DeadlineKind] = {}


def register(kind: DeadlineKind, *, module: str = "") -> DeadlineKind:
    """Add ``kind``; a code registered twice is a configuration error (loud, at start-up)."""
    existing = _kinds.get(kind.code)
    if existing is not None:
        raise ImproperlyConfigured(
            f"deadline kind {kind.code!r} is declared twice "
            f"({existing.module or '?'} and {module or kind.module or '?'})"
        )
    if module and not kind.module:
        from dataclasses import replace

        kind = replace(kind, module=module)
    _kinds[kind.code] = kind
    return kind


def register_declared(config: Any, kinds: list[DeadlineKind]) -> None:
    """``consume("deadline_kinds", ...)`` handler: one app's ``deadlines.KINDS``."""
    for kind in kinds:
        register(kind, module=config.label)


def unregister(code: str) -> None:
    """Tests only: drop a kind registered by the test."""
    _kinds.pop(code, None)


def get_kind(code: str) -> DeadlineKind | None:
    return _kinds.get(code)


def all_kinds() -> list[DeadlineKind]:
    """Every registered kind, in registration order (the calendar's own seven first)."""
    return list(_kinds.values())
