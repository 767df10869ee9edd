"""The rules of domain.md §4 as pure functions (no database): representative composition and
the star count of an evaluation. Integer arithmetic only, so no share is moved by rounding.

The composition thresholds are [M] in the handbook (common provincial guidance, not in the
national 2012 text): they are named here, once, so the product owner can sign them off."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from unionhub.congress.choices import RepCategory

#: front-line workers at least half of the representatives (refused below)
FRONTLINE_MIN = (1, 2)
#: middle managers and above (incl. enterprise leaders) at most a fifth (warned above)
MANAGERS_MAX = (1, 5)
#: minimum number of representatives by workforce: (workforce at least, representatives)
MIN_REPRESENTATIVES = ((10000, 150), (1000, 100), (100, 30))

MANAGER_CATEGORIES = (RepCategory.MANAGER, RepCategory.LEADER)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


@dataclass(frozen=True)
class Composition:
    total: int
    frontline: int
    managers: int
    women: int
    workforce: int
    women_workforce: int
    refusals: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @staticmethod
    def _pct(part: int, whole: int) -> str:
        return f"{part * 100 / whole:.1f}%" if whole else "—"

    @property
    def frontline_share(self) -> str:
        return self._pct(self.frontline, self.total)

    @property
    def managers_share(self) -> str:
        return self._pct(self.managers, self.total)

    @property
    def women_share(self) -> str:
        return self._pct(self.women, self.total)

    @property
    def women_workforce_share(self) -> str:
        return self._pct(self.women_workforce, self.workforce)


def _fraction(num: int, den: int) -> str:
    value = num * 100 / den
    return f"{value:g}%"


def minimum_representatives(workforce: int) -> int:
    for at_least, needed in MIN_REPRESENTATIVES:
        if workforce >= at_least:
            return needed
    return 0


def composition(
    *,
    categories: Mapping[str, int],
    women: int,
    workforce: int,
    women_workforce: int,
    frontline_min: tuple[int, int] = FRONTLINE_MIN,
    managers_max: tuple[int, int] = MANAGERS_MAX,
) -> Composition:
    """Shares of the list and what is wrong with it: a front-line share below one half is a
    refusal; too many managers, too few women or too few representatives are warnings."""
    total = sum(categories.values())
    frontline = categories.get(RepCategory.FRONTLINE, 0)
    managers = sum(categories.get(c, 0) for c in MANAGER_CATEGORIES)
    refusals: list[Finding] = []
    warnings: list[Finding] = []
    if total == 0:
        refusals.append(Finding("no_representatives", _("The list has no representatives.")))
    else:
        num, den = frontline_min
        if frontline * den < total * num:
            refusals.append(
                Finding(
                    "frontline_share_low",
                    _(
                        "Front-line workers are %(n)s of %(total)s representatives (%(share)s): "
                        "they must be at least %(min)s."
                    )
                    % {
                        "n": frontline,
                        "total": total,
                        "share": f"{frontline * 100 / total:.1f}%",
                        "min": _fraction(num, den),
                    },
                )
            )
        num, den = managers_max
        if managers * den > total * num:
            warnings.append(
                Finding(
                    "managers_share_high",
                    _(
                        "Middle managers and above are %(n)s of %(total)s representatives "
                        "(%(share)s), more than %(max)s."
                    )
                    % {
                        "n": managers,
                        "total": total,
                        "share": f"{managers * 100 / total:.1f}%",
                        "max": _fraction(num, den),
                    },
                )
            )
        if workforce and women * workforce < women_workforce * total:
            warnings.append(
                Finding(
                    "women_share_low",
                    _(
                        "Women are %(share)s of the representatives but %(workforce_share)s of "
                        "the workforce."
                    )
                    % {
                        "share": f"{women * 100 / total:.1f}%",
                        "workforce_share": f"{women_workforce * 100 / workforce:.1f}%",
                    },
                )
            )
        needed = minimum_representatives(workforce)
        if total < needed:
            warnings.append(
                Finding(
                    "too_few_representatives",
                    _(
                        "%(total)s representatives for a workforce of %(workforce)s: at least "
                        "%(needed)s are expected."
                    )
                    % {"total": total, "workforce": workforce, "needed": needed},
                )
            )
    return Composition(
        total, frontline, managers, women, workforce, women_workforce, refusals, warnings
    )


def stars_for(*, total_points: int, veto_hit: bool, thresholds: Iterable[tuple[int, int]]) -> int:
    """The most stars whose minimum the points reach; none when a veto item was hit.
    ``thresholds`` are ``(stars, min_points)`` pairs."""
    if veto_hit:
        return 0
    reached = [stars for stars, minimum in thresholds if total_points >= minimum]
    return max(reached, default=0)
