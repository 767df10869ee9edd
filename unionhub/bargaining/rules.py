"""The rules of domain.md §3.3 and §3.6 as pure functions (no database), so they can be
tested table by table. Each returns the problems found as ``{field: ValidationError}``
(stable ``code``s, Chinese messages through the catalogue); an empty dict means none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from unionhub.bargaining.choices import CONTRACT_OUTCOMES, OutcomeType, Procedure, Side, Tier

#: 集体合同规定 (2004) art. 19: at least 3 per side, equal numbers, no national upper limit
MIN_PER_SIDE = 3
MAX_PER_SIDE: int | None = None
#: art. 38: "generally 1–3 years" (a warning outside, domain.md §3.4)
TERM_YEARS_USUAL = (1, 3)

#: union kinds that bargain at county level or below (LCL art. 53): all but the city's
CITY_LEVEL_KINDS = {"city_federation"}


def procedure_problems(
    *, outcome_type: str, reduces_worker_rights: bool, procedure: str
) -> dict[str, ValidationError]:
    """Jiangsu 2023: a collective contract, or anything that reduces workers' rights, needs
    the ordinary procedure."""
    if procedure == Procedure.ORDINARY:
        return {}
    if outcome_type in CONTRACT_OUTCOMES:
        return {
            "procedure": ValidationError(
                _(
                    "A collective contract (including a special contract) must be bargained "
                    "under the ordinary procedure, not the %(procedure)s."
                )
                % {"procedure": Procedure(procedure).label},
                code="ordinary_required",
            )
        }
    if reduces_worker_rights:
        return {
            "procedure": ValidationError(
                _("A matter that reduces workers' rights must use the ordinary procedure."),
                code="ordinary_required",
            )
        }
    return {}


def procedure_tier_problems(*, procedure: str, tier: str) -> dict[str, ValidationError]:
    """Jiangsu 2023: the simplified procedure is conducted by the enterprise union with the
    employer, so it exists only for enterprise bargaining."""
    if procedure == Procedure.SIMPLIFIED and tier != Tier.ENTERPRISE:
        return {
            "procedure": ValidationError(
                _(
                    "The simplified procedure is conducted by an enterprise union with its "
                    "employer; industry and regional bargaining use the ordinary or the "
                    "emergency procedure."
                ),
                code="simplified_enterprise_only",
            )
        }
    return {}


def outcome_problems(*, outcome_type: str, special_topic: str) -> dict[str, ValidationError]:
    if outcome_type == OutcomeType.SPECIAL_CONTRACT and not special_topic:
        return {
            "special_topic": ValidationError(
                _("Choose the topic of the special collective contract."),
                code="topic_required",
            )
        }
    if outcome_type != OutcomeType.SPECIAL_CONTRACT and special_topic:
        return {
            "special_topic": ValidationError(
                _("Only a special collective contract has a topic."), code="topic_not_allowed"
            )
        }
    return {}


def tier_problems(
    *, tier: str, union_kind: str, has_enterprise: bool, industry_code: str
) -> dict[str, ValidationError]:
    """Industry and regional bargaining only at county level or below (LCL art. 53); an
    enterprise case names its enterprise, an industry case its industry."""
    errors: dict[str, ValidationError] = {}
    if tier in (Tier.INDUSTRY, Tier.REGIONAL) and union_kind in CITY_LEVEL_KINDS:
        errors["tier"] = ValidationError(
            _(
                "Industry and regional collective contracts are concluded at county level or "
                "below (Labour Contract Law, art. 53); the city federation cannot be the "
                "workers' side."
            ),
            code="tier_above_county",
        )
    if tier == Tier.ENTERPRISE and not has_enterprise:
        errors["enterprise"] = ValidationError(
            _("An enterprise case needs the enterprise."), code="enterprise_required"
        )
    if tier != Tier.ENTERPRISE and has_enterprise:
        errors["enterprise"] = ValidationError(
            _("Only an enterprise case names a single enterprise; list the covered ones instead."),
            code="enterprise_not_allowed",
        )
    if tier == Tier.INDUSTRY and not industry_code:
        errors["industry_code"] = ValidationError(
            _("An industry case needs its industry code."), code="industry_required"
        )
    return errors


def term_problems(term_years: int | None) -> dict[str, ValidationError]:
    """A term must be a whole number of years of at least one (refused otherwise)."""
    if term_years is None or term_years < 1:
        return {
            "term_years": ValidationError(
                _("The term of a collective contract must be at least one year."),
                code="term_too_short",
            )
        }
    return {}


def term_warning(term_years: int | None) -> str:
    """art. 38 says "generally 1–3 years": outside that, a warning, not a refusal."""
    low, high = TERM_YEARS_USUAL
    if term_years is not None and not low <= term_years <= high:
        return _(
            "A term of %(years)d years is outside the usual 1 to 3 years (Provisions on "
            "Collective Contracts, art. 38); check that this is intended."
        ) % {"years": term_years}
    return ""


@dataclass(frozen=True)
class Seat:
    """One sitting representative, as the side check needs it."""

    side: str
    name: str
    is_chief: bool
    is_outside_expert: bool
    #: the member registry's id of the person, when linked
    member: int | None = None


def _person(name: str) -> str:
    return "".join(name.split())


def _same_person(a: Seat, b: Seat) -> bool:
    """Two seats held by one person: the same member when both are linked to the registry,
    else (one of them unlinked) the same name, spaces ignored."""
    if a.member and b.member:
        return a.member == b.member
    return _person(a.name) == _person(b.name)


def seat_problems(seat: Seat, others: Iterable[Seat]) -> dict[str, ValidationError]:
    """What is wrong with adding ``seat`` next to ``others`` (refused at once)."""
    errors: dict[str, ValidationError] = {}
    if seat.is_chief and seat.is_outside_expert:
        errors["is_chief"] = ValidationError(
            _("An outside expert cannot be the chief representative (art. 23)."),
            code="expert_chief",
        )
    others = list(others)
    across = [o for o in others if _same_person(o, seat) and o.side != seat.side]
    if across:
        message = _(
            "%(name)s already represents the other side; nobody may sit on both sides (art. 24)."
        ) % {"name": seat.name}
        if not (seat.member and across[0].member):
            message += _(
                " If they are two people of the same name, give each one's ID number or "
                "mobile phone so the member registry tells them apart."
            )
        errors["name"] = ValidationError(message, code="both_sides")
    elif any(_same_person(o, seat) and o.side == seat.side for o in others):
        errors["name"] = ValidationError(
            _("%(name)s already sits on this side.") % {"name": seat.name}, code="duplicate"
        )
    if seat.is_chief and any(o.is_chief and o.side == seat.side for o in others):
        errors.setdefault(
            "is_chief",
            ValidationError(
                _("This side already has its chief representative."), code="second_chief"
            ),
        )
    return errors


def sides_problems(seats: Iterable[Seat]) -> dict[str, ValidationError]:
    """Whether the two sides may bargain (art. 19, 23): equal numbers, at least 3 each, one
    chief each, outside experts at most a third of their side."""
    seats = list(seats)
    counts = {side: [s for s in seats if s.side == side] for side in Side.values}
    workers, employer = len(counts[Side.WORKERS]), len(counts[Side.EMPLOYER])
    messages: list[ValidationError] = []
    if workers != employer:
        messages.append(
            ValidationError(
                _(
                    "The two sides must have equal numbers of representatives: the workers' "
                    "side has %(workers)d, the employer side %(employer)d."
                )
                % {"workers": workers, "employer": employer},
                code="unequal_sides",
            )
        )
    for side, members in counts.items():
        label = Side(side).label
        if len(members) < MIN_PER_SIDE:
            messages.append(
                ValidationError(
                    _("The %(side)s has %(n)d representatives; at least %(min)d are needed.")
                    % {"side": label, "n": len(members), "min": MIN_PER_SIDE},
                    code="too_few",
                )
            )
        if MAX_PER_SIDE is not None and len(members) > MAX_PER_SIDE:
            messages.append(
                ValidationError(
                    _("The %(side)s has more than %(max)d representatives.")
                    % {"side": label, "max": MAX_PER_SIDE},
                    code="too_many",
                )
            )
        if sum(1 for m in members if m.is_chief) != 1:
            messages.append(
                ValidationError(
                    _("The %(side)s must have exactly one chief representative.") % {"side": label},
                    code="chief_required",
                )
            )
        experts = sum(1 for m in members if m.is_outside_expert)
        if experts * 3 > len(members):  # integer arithmetic: experts ≤ 1/3 of the side
            messages.append(
                ValidationError(
                    _(
                        "The %(side)s has %(experts)d outside experts among %(n)d "
                        "representatives; at most one third may be outside experts (art. 23)."
                    )
                    % {"side": label, "experts": experts, "n": len(members)},
                    code="too_many_experts",
                )
            )
    return {"representatives": ValidationError(messages)} if messages else {}


def _same_name(a: str, b: str) -> bool:
    return bool(_person(a)) and _person(a) == _person(b)


def session_problems(
    *,
    chair_side: str,
    chair_is_chief: bool,
    chair_sitting: bool,
    previous_chair_side: str | None,
    recorder: str,
    representative_names: Iterable[str],
    held_on,
    previous_held_on=None,
    requested_on=None,
) -> dict[str, ValidationError]:
    """A bargaining meeting (art. 33–34): chaired by a sitting chief representative, the
    chair alternating between the two sides from one meeting to the next; minuted by a
    recorder who represents neither side; held in order, not before the request."""
    errors: dict[str, ValidationError] = {}
    if not chair_is_chief or not chair_sitting:
        errors["chair"] = ValidationError(
            _("The meeting is chaired by one of the two sitting chief representatives (art. 34)."),
            code="chair_not_chief",
        )
    elif previous_chair_side and previous_chair_side == chair_side:
        errors["chair"] = ValidationError(
            _(
                "The previous meeting was chaired by the %(side)s; the chair alternates, so "
                "this one is chaired by the other side's chief representative (art. 34)."
            )
            % {"side": Side(chair_side).label},
            code="chair_not_alternating",
        )
    if not _person(recorder or ""):
        errors["recorder"] = ValidationError(
            _("Name the recorder appointed by both sides."), code="required"
        )
    elif any(_same_name(recorder, n) for n in representative_names):
        errors["recorder"] = ValidationError(
            _(
                "%(name)s is a representative; the recorder must be a neutral person who "
                "represents neither side (art. 33)."
            )
            % {"name": recorder},
            code="recorder_is_representative",
        )
    if previous_held_on and held_on < previous_held_on:
        errors["held_on"] = ValidationError(
            _("The previous meeting was held on %(date)s; record the meetings in order.")
            % {"date": previous_held_on.isoformat()},
            code="before_previous_session",
        )
    elif requested_on and held_on < requested_on:
        errors["held_on"] = ValidationError(
            _("A meeting cannot be held before the bargaining request was received (%(date)s).")
            % {"date": requested_on.isoformat()},
            code="before_request",
        )
    return errors


def draft_problems(
    *, clause_count: int, prepared_on, previous_prepared_on=None
) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    if clause_count == 0:
        errors["text"] = ValidationError(
            _("The draft has no numbered clauses; start each clause with “第一条”, “第二条” ……"),
            code="no_clauses",
        )
    if previous_prepared_on and prepared_on < previous_prepared_on:
        errors["prepared_on"] = ValidationError(
            _("The previous version is dated %(date)s; a new version cannot be earlier.")
            % {"date": previous_prepared_on.isoformat()},
            code="before_previous_version",
        )
    return errors
