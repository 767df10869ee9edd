"""The one legal-deadline service. Every legal date the platform shows comes from here:

    from unionhub.core.calendar.deadlines import deadline_for, add_period

    d = deadline_for("bargaining_response", date(2025, 9, 11))
    d.due           # date(2025, 10, 9): D + 20 = 10-01 is in the 国庆/中秋 block → rolled
    d.rolled_from   # date(2025, 10, 1)
    d.warnings      # Chinese sentences (weekend due day, year with no arrangement loaded)

    add_period(date(2025, 1, 31), months=1).due   # date(2025, 2, 28)

The arithmetic is ``periods`` (pure); the holidays are the cached ``selectors.
holiday_calendar()``; whether ordinary weekends roll is ``settings.DEADLINE_ROLL_WEEKENDS``
(default off: a weekend due day is a warning, domain.md §0.2.2).

This file is also the calendar app's ``deadlines.KINDS``: the seven kinds of contract.md
"Legal deadlines" (domain.md §3.4). Two of them are not the *last day* of a period and so
are never rolled forward (民法典 art. 203 moves only a period's last day):

- ``renewal_window_opens`` = E − 3 months is the **first** day of the renewal window
  (集体合同规定 art. 38: "within 3 months before expiry"). Rolling it forward past a holiday
  would shorten the window the law gives; so the date stays, and a holiday on it is noted.
- ``contract_effective`` is the first day after the objection period (domain.md §3.4:
  "from D + 16 days"). It is computed as *the objection period's last day (D + 15, rolled
  forward like any last day) + 1 day*: normally D + 16, but when the 15th day falls in a
  holiday block the labour administration may still object on the rolled day, so the
  contract takes effect the day after that, and ``rolled_from`` shows the plain D + 16.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from unionhub.core.calendar import periods
from unionhub.core.calendar.holiday_file import parse_iso_date
from unionhub.core.calendar.kinds import DeadlineKind, get_kind
from unionhub.core.calendar.periods import HolidayCalendar, Notice, PeriodResult

__all__ = [
    "KINDS",
    "Deadline",
    "add_period",
    "deadline_for",
    "deadline_query",
    "notice_text",
    "roll_weekends",
]

KINDS = [
    DeadlineKind(
        code="bargaining_response",
        name=gettext_lazy("Written response to a bargaining request"),
        event=gettext_lazy("the bargaining request was received"),
        rule=gettext_lazy(
            "D + 20 days: respond in writing within 20 days of receiving the request"
        ),
        basis=gettext_lazy("Provisions on Collective Contracts (2004), art. 32"),
        days=20,
    ),
    DeadlineKind(
        code="negotiator_refill",
        name=gettext_lazy("Replacement of a negotiator"),
        event=gettext_lazy("the negotiator's seat fell vacant"),
        rule=gettext_lazy("D + 15 days: appoint a replacement within 15 days of the vacancy"),
        basis=gettext_lazy("Provisions on Collective Contracts (2004), art. 31"),
        days=15,
    ),
    DeadlineKind(
        code="contract_filing",
        name=gettext_lazy("Filing the contract with the labour administration"),
        event=gettext_lazy("both chief representatives signed the contract"),
        rule=gettext_lazy(
            "D + 10 days: the employer files the text within 10 days of the signature"
        ),
        basis=gettext_lazy("Provisions on Collective Contracts (2004), art. 42"),
        days=10,
    ),
    DeadlineKind(
        code="labour_admin_objection",
        name=gettext_lazy("Objection by the labour administration"),
        event=gettext_lazy("the labour administration received the text"),
        rule=gettext_lazy("D + 15 days: a review opinion must be served within 15 days of receipt"),
        basis=gettext_lazy(
            "Provisions on Collective Contracts (2004), art. 45; Labour Contract Law, art. 54"
        ),
        days=15,
    ),
    DeadlineKind(
        code="contract_effective",
        name=gettext_lazy("Contract takes effect (no objection)"),
        event=gettext_lazy("the labour administration received the text"),
        rule=gettext_lazy(
            "D + 16 days: the first day after the 15-day objection period, if no objection "
            "was raised"
        ),
        basis=gettext_lazy(
            "Labour Contract Law, art. 54; Provisions on Collective Contracts, art. 47"
        ),
        after="labour_admin_objection",
        days=1,
        roll=False,
        due_label=gettext_lazy("Takes effect on"),
    ),
    DeadlineKind(
        code="renewal_window_opens",
        name=gettext_lazy("Renewal window opens"),
        event=gettext_lazy("the contract expires (expiry date E)"),
        rule=gettext_lazy(
            "E − 3 months (the corresponding day, or the month's last day): from then until E "
            "either side may request renewal"
        ),
        basis=gettext_lazy(
            "Provisions on Collective Contracts (2004), art. 38; Civil Code, art. 202"
        ),
        months=-3,
        roll=False,
        due_label=gettext_lazy("Window opens on"),
    ),
    DeadlineKind(
        code="publication",
        name=gettext_lazy("Publication to all workers"),
        event=gettext_lazy("the contract took effect"),
        rule=gettext_lazy("D + 10 days: publish the contract to all workers within 10 days"),
        basis=gettext_lazy(
            "Jiangsu and Chongqing practice (Chongqing Collective Contract Regulations, "
            "art. 29); Provisions on Collective Contracts, art. 48"
        ),
        days=10,
    ),
]


def roll_weekends() -> bool:
    return bool(getattr(settings, "DEADLINE_ROLL_WEEKENDS", False))


def _calendar(calendar: HolidayCalendar | None) -> HolidayCalendar:
    if calendar is not None:
        return calendar
    from unionhub.core.calendar.selectors import holiday_calendar

    return holiday_calendar()


def add_period(
    date: dt.date,
    *,
    days: int = 0,
    months: int = 0,
    years: int = 0,
    working_days: int = 0,
    roll: bool = True,
    calendar: HolidayCalendar | None = None,
) -> PeriodResult:
    """A period from ``date`` under domain.md §0.2 with the loaded holidays (see
    ``periods.add_period``); ``notice_text`` turns its notices into sentences."""
    _check_date(date)
    return periods.add_period(
        date,
        days=days,
        months=months,
        years=years,
        working_days=working_days,
        roll=roll,
        calendar=_calendar(calendar),
        roll_weekends=roll_weekends(),
    )


@dataclass(frozen=True)
class Deadline:
    """A computed legal date. ``due`` is the last permissible day (for a window, its first
    day; ``label`` says which); ``rolled_from`` the date before the roll-forward."""

    kind: str
    date: dt.date
    due: dt.date
    rule: str
    basis: str
    rolled_from: dt.date | None
    warnings: list[str]
    name: str = ""
    label: str = ""
    explanation: list[str] = field(default_factory=list)
    notices: tuple[Notice, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The contract's response shape."""
        return {
            "kind": self.kind,
            "date": self.date.isoformat(),
            "due": self.due.isoformat(),
            "rule": self.rule,
            "basis": self.basis,
            "rolled_from": self.rolled_from.isoformat() if self.rolled_from else None,
            "warnings": list(self.warnings),
        }


def _check_date(date: Any) -> None:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise TypeError(f"a datetime.date is needed, not {type(date).__name__}")


def _unknown_kind(code: str) -> ValidationError:
    return ValidationError(
        {
            "kind": ValidationError(
                _("There is no deadline kind “%(kind)s”.") % {"kind": code}, code="unknown_kind"
            )
        }
    )


def _period_words(kind: DeadlineKind) -> str:
    if kind.working_days:
        n = abs(kind.working_days)
        return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    parts = []
    months = kind.years * 12 + kind.months
    if months:
        if months % 12 == 0:
            n = abs(months) // 12
            parts.append(ngettext("%(n)d year", "%(n)d years", n) % {"n": n})
        else:
            n = abs(months)
            parts.append(ngettext("%(n)d month", "%(n)d months", n) % {"n": n})
    if kind.days:
        n = abs(kind.days)
        parts.append(ngettext("%(n)d day", "%(n)d days", n) % {"n": n})
    text = " ".join(parts)
    return _("%(period)s before") % {"period": text} if months < 0 or kind.days < 0 else text


def notice_text(notice: Notice) -> str:
    """The sentence shown for a notice (warnings and explanations)."""
    p = notice.params
    if notice.code == periods.WEEKEND:
        return _(
            "The last day, %(due)s, is a %(weekday)s. Ordinary weekends do not roll forward "
            "here; if the weekend counts as a rest day for this period, act by the working "
            "day before."
        ) % {"due": p["due"].isoformat(), "weekday": WEEKDAYS[p["weekday"]]}
    if notice.code == periods.NO_ARRANGEMENT and not p.get("roll", True):
        return _(
            "The public-holiday arrangement for %(year)d has not been loaded, so it is not "
            "known whether this date is a public holiday. Check it again once the "
            "administrator has loaded the arrangement."
        ) % {"year": p["year"]}
    if notice.code == periods.NO_ARRANGEMENT:
        return _(
            "The public-holiday arrangement for %(year)d has not been loaded: the date is "
            "counted on the calendar but not rolled past that year's holidays. Check it again "
            "once the administrator has loaded the arrangement."
        ) % {"year": p["year"]}
    if notice.code == periods.HOLIDAY_NOT_ROLLED:
        return _(
            "%(due)s falls in the %(holiday)s holiday; it is not the last day of a period, so "
            "it does not roll forward."
        ) % {"due": p["due"].isoformat(), "holiday": p["holiday"]}
    if notice.code == periods.ROLLED:
        if p["holiday"]:
            return _(
                "%(computed)s falls in the %(holiday)s holiday, so the last day moves to the "
                "day after the holiday, %(due)s (Civil Code, art. 203)."
            ) % {
                "computed": p["computed"].isoformat(),
                "holiday": p["holiday"],
                "due": p["due"].isoformat(),
            }
        return _("%(computed)s is a weekend, so the last day moves to %(due)s.") % {
            "computed": p["computed"].isoformat(),
            "due": p["due"].isoformat(),
        }
    raise ValueError(notice.code)


WARNING_CODES = (periods.WEEKEND, periods.NO_ARRANGEMENT, periods.HOLIDAY_NOT_ROLLED)


def _compute(
    kind: DeadlineKind, date: dt.date, calendar: HolidayCalendar, seen: tuple[str, ...]
) -> tuple[PeriodResult, dt.date, list[Notice], list[str]]:
    """(this kind's own period result, the due without any roll-forward, notices, steps)."""
    if kind.code in seen:
        raise ImproperlyConfigured(f"deadline kinds {seen + (kind.code,)} form a cycle")
    notices: list[Notice] = []
    steps: list[str] = []
    base_date, plain_base = date, date
    if kind.after:
        base_kind = get_kind(kind.after)
        if base_kind is None:
            raise ImproperlyConfigured(
                f"deadline kind {kind.code!r} follows unknown {kind.after!r}"
            )
        base, plain_base, base_notices, base_steps = _compute(
            base_kind, date, calendar, seen + (kind.code,)
        )
        base_date = base.due
        steps += base_steps
        steps.append(
            _("“%(name)s” ends on %(due)s; this date is counted from there.")
            % {"name": base_kind.name, "due": base.due.isoformat()}
        )
        # The base's weekend remark is about the base's own last day, not this date.
        notices += [n for n in base_notices if n.code != periods.WEEKEND]
    result = periods.add_period(
        base_date,
        days=kind.days,
        months=kind.months,
        years=kind.years,
        working_days=kind.working_days,
        roll=kind.roll,
        calendar=calendar,
        roll_weekends=roll_weekends(),
    )
    plain = periods.add_period(
        plain_base,
        days=kind.days,
        months=kind.months,
        years=kind.years,
        working_days=kind.working_days,
        roll=False,
        calendar=calendar,
    ).computed
    words = {
        "date": date.isoformat(),
        "period": _period_words(kind),
        "computed": result.computed.isoformat(),
    }
    if kind.after:
        steps.append(_("Counting %(period)s from it gives %(computed)s.") % words)
    else:
        steps.append(
            _("The start day %(date)s is not counted; %(period)s gives %(computed)s.") % words
        )
    if (kind.months or kind.years) and result.computed.day != base_date.day:
        steps.append(
            _(
                "That month has no day %(day)d, so the period ends on its last day (Civil Code, art. 202)."
            )
            % {"day": base_date.day}
        )
    notices += list(result.notices)
    steps += [notice_text(n) for n in result.notices if n.code == periods.ROLLED]
    return result, plain, notices, steps


def deadline_for(kind: str, date: dt.date, *, calendar: HolidayCalendar | None = None) -> Deadline:
    """The legal date of ``kind`` for the event on ``date``.

    An unknown kind is a ``ValidationError`` on ``kind`` (code ``unknown_kind``). Pass
    ``calendar`` (``selectors.holiday_calendar()``) when computing many at once."""
    _check_date(date)
    declared = get_kind(kind)
    if declared is None:
        raise _unknown_kind(kind)
    cal = _calendar(calendar)
    result, plain, notices, steps = _compute(declared, date, cal, ())
    unique: list[Notice] = []
    missing_years: set[Any] = set()
    for n in notices:
        if n.code == periods.NO_ARRANGEMENT:
            # One sentence per year (a base kind's and this kind's period may both need it).
            if n.params["year"] in missing_years:
                continue
            missing_years.add(n.params["year"])
        if n not in unique:
            unique.append(n)
    return Deadline(
        kind=declared.code,
        date=date,
        due=result.due,
        rule=str(declared.rule),
        basis=str(declared.basis),
        rolled_from=plain if plain != result.due else None,
        warnings=[notice_text(n) for n in unique if n.code in WARNING_CODES],
        name=str(declared.name),
        label=str(declared.due_label or _("Last day")),
        explanation=steps,
        notices=tuple(unique),
    )


def deadline_query(*, kind: str | None, date: str | None) -> Deadline:
    """``deadline_for`` from text input (the API's and the calculator's query): a missing
    or unknown kind, a missing date or one that does not exist (``2025-02-30``) are
    ``ValidationError``s on their field (codes ``required``, ``unknown_kind``,
    ``invalid_date``), all reported at once."""
    errors: dict[str, ValidationError] = {}
    kind = (kind or "").strip()
    if not kind:
        errors["kind"] = ValidationError(_("Choose a deadline kind."), code="required")
    elif get_kind(kind) is None:
        errors["kind"] = _unknown_kind(kind).error_dict["kind"][0]
    text = (date or "").strip()
    parsed = parse_iso_date(text)
    if not text:
        errors["date"] = ValidationError(_("Enter the event date."), code="required")
    elif parsed is None:
        errors["date"] = ValidationError(
            _("“%(value)s” is not an existing date; write it as YYYY-MM-DD.") % {"value": text},
            code="invalid_date",
        )
    if errors:
        raise ValidationError(errors)
    return deadline_for(kind, parsed)
