"""The draft-adoption vote rule of domain.md §3.5, shared by the workers' congress (职代会) and
collective bargaining (集体合同草案): at least two thirds of all representatives (or of all
workers, for an all-worker vote) present, and more than half of ALL of them voting yes.
Integer arithmetic only, so 2/3 of 180 is exactly 120 and no float rounding moves a boundary."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class VoteOutcome:
    total: int
    present: int
    yes: int
    quorum_met: bool
    adopted: bool
    reason: str

    @property
    def present_needed(self) -> int:
        # The smallest present with present * 3 >= total * 2.
        return -(-self.total * 2 // 3)

    @property
    def yes_needed(self) -> int:
        # The smallest yes with yes * 2 > total.
        return self.total // 2 + 1


def check_vote_numbers(*, total: int, present: int, yes: int) -> None:
    """Refuses numbers that cannot describe a vote, each with its field and a stable code."""
    errors: dict[str, ValidationError] = {}
    for field, value in (("total", total), ("present", present), ("yes", yes)):
        if value < 0:
            errors[field] = ValidationError(_("A head count cannot be negative."), code="negative")
    if "total" not in errors and total == 0:
        errors["total"] = ValidationError(
            _("The number entitled to vote must be greater than zero."), code="zero_total"
        )
    if not errors and present > total:
        errors["present"] = ValidationError(
            _("%(present)s present is more than the %(total)s entitled to vote.")
            % {"present": present, "total": total},
            code="present_exceeds_total",
        )
    if not errors and yes > present:
        errors["yes"] = ValidationError(
            _("%(yes)s yes votes is more than the %(present)s present.")
            % {"yes": yes, "present": present},
            code="yes_exceeds_present",
        )
    if errors:
        raise ValidationError(errors)


def vote_outcome(*, total: int, present: int, yes: int) -> VoteOutcome:
    """Tallies a vote under §3.5; raises ``ValidationError`` for inconsistent numbers."""
    check_vote_numbers(total=total, present=present, yes=yes)
    quorum_met = present * 3 >= total * 2
    adopted = quorum_met and yes * 2 > total
    need_present = -(-total * 2 // 3)
    need_yes = total // 2 + 1
    if not quorum_met:
        reason = _(
            "%(present)s present is less than two thirds of the %(total)s entitled to vote "
            "(at least %(need)s): no vote can be taken."
        ) % {"present": present, "total": total, "need": need_present}
    elif not adopted:
        reason = _(
            "%(yes)s yes votes is not more than half of the %(total)s entitled to vote "
            "(at least %(need)s): the draft is not adopted."
        ) % {"yes": yes, "total": total, "need": need_yes}
    else:
        reason = _(
            "%(present)s present reaches two thirds and %(yes)s yes votes is more than half "
            "of the %(total)s entitled to vote: the draft is adopted."
        ) % {"present": present, "yes": yes, "total": total}
    return VoteOutcome(total, present, yes, quorum_met, adopted, reason)
