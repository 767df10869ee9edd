"""The rules of domain.md §3.3 and §3.6, table by table, at their boundaries (pure: no
database)."""

from __future__ import annotations

import pytest

from unionhub.bargaining import rules
from unionhub.bargaining.rules import Seat


def codes(errors: dict) -> dict[str, list[str]]:
    return {field: [e.code for e in error.error_list] for field, error in errors.items()}


@pytest.mark.parametrize(
    "outcome, reduces, procedure, expected",
    [
        ("collective_contract", False, "ordinary", {}),
        ("collective_contract", False, "simplified", {"procedure": ["ordinary_required"]}),
        ("collective_contract", False, "emergency", {"procedure": ["ordinary_required"]}),
        ("special_contract", False, "simplified", {"procedure": ["ordinary_required"]}),
        ("minutes", False, "simplified", {}),
        ("memorandum", False, "emergency", {}),
        ("minutes", True, "simplified", {"procedure": ["ordinary_required"]}),
        ("memorandum", True, "ordinary", {}),
    ],
)
def test_contracts_and_reductions_need_the_ordinary_procedure(
    outcome, reduces, procedure, expected
):
    found = rules.procedure_problems(
        outcome_type=outcome, reduces_worker_rights=reduces, procedure=procedure
    )
    assert codes(found) == expected


@pytest.mark.parametrize(
    "tier, union_kind, has_enterprise, industry, expected",
    [
        ("enterprise", "enterprise", True, "", {}),
        ("enterprise", "enterprise", False, "", {"enterprise": ["enterprise_required"]}),
        ("industry", "county_federation", False, "5432", {}),
        ("industry", "town_federation", False, "5432", {}),
        ("industry", "county_federation", False, "", {"industry_code": ["industry_required"]}),
        ("industry", "city_federation", False, "5432", {"tier": ["tier_above_county"]}),
        ("regional", "city_federation", False, "", {"tier": ["tier_above_county"]}),
        ("regional", "town_federation", False, "", {}),
        ("regional", "town_federation", True, "", {"enterprise": ["enterprise_not_allowed"]}),
    ],
)
def test_tier_rules(tier, union_kind, has_enterprise, industry, expected):
    found = rules.tier_problems(
        tier=tier, union_kind=union_kind, has_enterprise=has_enterprise, industry_code=industry
    )
    assert codes(found) == expected


@pytest.mark.parametrize(
    "years, refused, warned",
    [
        (None, True, False),
        (0, True, False),
        (1, False, False),
        (3, False, False),
        (4, False, True),
        (5, False, True),
    ],
)
def test_term_zero_is_refused_and_outside_one_to_three_is_a_warning(years, refused, warned):
    assert bool(rules.term_problems(years)) is refused
    if not refused:
        assert bool(rules.term_warning(years)) is warned


def _side(side: str, n: int, *, experts: int = 0, chiefs: int = 1) -> list[Seat]:
    return [
        Seat(side, f"{side}{i}", is_chief=i < chiefs, is_outside_expert=i >= n - experts)
        for i in range(n)
    ]


@pytest.mark.parametrize(
    "workers, employer, expected",
    [
        (_side("workers", 3), _side("employer", 3), set()),
        (_side("workers", 2), _side("employer", 2), {"too_few"}),
        (_side("workers", 4), _side("employer", 3), {"unequal_sides"}),
        (_side("workers", 3, experts=1), _side("employer", 3, experts=1), set()),  # 1/3 exactly
        (_side("workers", 3, experts=2), _side("employer", 3), {"too_many_experts"}),
        (_side("workers", 6, experts=2), _side("employer", 6, experts=2), set()),
        (_side("workers", 6, experts=3), _side("employer", 6), {"too_many_experts"}),
        (_side("workers", 3, chiefs=0), _side("employer", 3), {"chief_required"}),
        (_side("workers", 15), _side("employer", 15), set()),  # no national upper limit (2004)
    ],
)
def test_sides(workers, employer, expected):
    found = rules.sides_problems(workers + employer)
    assert set(codes(found).get("representatives", [])) == expected


@pytest.mark.parametrize(
    "seat, expected",
    [
        (
            Seat("employer", "张律师", is_chief=True, is_outside_expert=True),
            {"is_chief": ["expert_chief"]},
        ),
        (
            Seat("employer", "王 建国", is_chief=False, is_outside_expert=False),
            {"name": ["both_sides"]},
        ),
        (
            Seat("workers", "王建国", is_chief=False, is_outside_expert=False),
            {"name": ["duplicate"]},
        ),
        (
            Seat("workers", "李芳", is_chief=True, is_outside_expert=False),
            {"is_chief": ["second_chief"]},
        ),
        (Seat("employer", "陈总", is_chief=True, is_outside_expert=False), {}),
    ],
)
def test_a_seat(seat, expected):
    others = [Seat("workers", "王建国", is_chief=True, is_outside_expert=False)]
    assert codes(rules.seat_problems(seat, others)) == expected


@pytest.mark.parametrize(
    "seat, other_member, expected",
    [
        # both linked: the registry decides — two 王建国 are two people, one person is one
        (Seat("employer", "王建国", False, False, member=2), 1, {}),
        (Seat("employer", "王建國", False, False, member=1), 1, {"name": ["both_sides"]}),
        (Seat("workers", "王建国", False, False, member=2), 1, {}),
        # one of them unlinked: the name decides, spaces ignored
        (Seat("employer", "王 建国", False, False, member=2), None, {"name": ["both_sides"]}),
        (Seat("employer", "王建国", False, False), 1, {"name": ["both_sides"]}),
        (Seat("employer", "王建军", False, False), 1, {}),
    ],
)
def test_a_seat_compares_people_when_the_registry_knows_them(seat, other_member, expected):
    others = [Seat("workers", "王建国", True, False, member=other_member)]
    assert codes(rules.seat_problems(seat, others)) == expected
