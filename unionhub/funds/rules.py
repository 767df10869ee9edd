"""The money rules of domain.md §1.5 and §6 as pure functions (no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

#: 2 % of the month's total payroll (工会法 art. 43) [C]
ALLOCATION_RATE = Decimal("0.02")
FEN = Decimal("0.01")
REFUNDABLE_CLASSES = ("small", "micro")


def allocation_due(payroll: Decimal) -> Decimal:
    """``round_half_up(payroll × 2 %, to the fen)``."""
    return (Decimal(payroll) * ALLOCATION_RATE).quantize(FEN, rounding=ROUND_HALF_UP)


def split(amount: Decimal, grassroots_percent: Decimal) -> tuple[Decimal, Decimal]:
    """``(grassroots part, upper-level part)`` of an amount: the grassroots part is
    ``round_half_up(amount × percent / 100, to the fen)`` and the upper part the rest, so
    the two always add up to the amount exactly (also for a negative, reversing amount)."""
    amount = Decimal(amount)
    grassroots = (abs(amount) * Decimal(grassroots_percent) / 100).quantize(
        FEN, rounding=ROUND_HALF_UP
    )
    if amount < 0:
        grassroots = -grassroots
    return grassroots, amount - grassroots


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def covered_months(year: int, periods: Iterable[tuple[dt.date, dt.date]]) -> set[dt.date]:
    """The months of ``year`` (as their first day) inside a policy period. A month counts
    when the policy is in force on its first and its last day, so a policy ending on
    2021-12-31 covers December 2021 and not January 2022."""
    result = set()
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        if any(start <= first and last <= end for start, end in periods):
            result.add(first)
    return result


def refusal(
    *,
    size_class: str | None,
    is_group_subsidiary: bool,
    is_financial_subsidiary: bool,
    months: int,
    amount: Decimal,
    already_refunded: bool,
    needs_union: bool = False,
    has_union: bool = True,
) -> tuple[str, str] | None:
    """Why an enterprise gets no refund for the year (``(code, message)``), or None.
    ``size_class`` is the class **for that year** (None: no size record). For the union
    preparation fund (``needs_union``) the enterprise must have set up a union (§6)."""
    if already_refunded:
        return "already_refunded", _(
            "The enterprise's union funds for this year were already refunded."
        )
    if size_class is None:
        return "no_size_record", _(
            "No size class is recorded for the enterprise for this year; record its employees, "
            "revenue and assets of the year first."
        )
    if size_class not in REFUNDABLE_CLASSES:
        return "not_small_micro", _(
            "The enterprise was not a small or micro enterprise in that year (its class was "
            "“%(cls)s”): only small and micro enterprises get the refund."
        ) % {"cls": _class_label(size_class)}
    if is_group_subsidiary:
        return "group_subsidiary", _(
            "Branches and subsidiaries directly owned or controlled by a group company are "
            "excluded from the refund."
        )
    if is_financial_subsidiary:
        return "financial_subsidiary", _(
            "Branches and subsidiaries of finance, insurance and securities firms are excluded "
            "from the refund."
        )
    if needs_union and not has_union:
        return "no_union_yet", _(
            "The union preparation fund is refunded only after the enterprise has set up a "
            "union; no union covers this enterprise yet."
        )
    if months == 0:
        return "no_policy_period", _("No refund policy period covers any month of that year.")
    if amount <= 0:
        return "nothing_paid", _(
            "The enterprise remitted no union funds in the months the policy covers."
        )
    return None


def _class_label(code: str) -> str:
    from unionhub.enterprises.choices import SizeClass

    return str(dict(SizeClass.choices).get(code, code or _("unclassified")))
