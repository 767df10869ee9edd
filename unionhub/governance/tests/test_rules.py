"""The early-warning rules of domain.md §9.2 (the seeded rule rows), table-driven at the
boundaries: which level a report reaches, and that the rows are data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unionhub.governance import rules
from unionhub.governance.models import IndicatorRule, RiskLevel

pytestmark = pytest.mark.django_db

D = Decimal


def level_of(code: str, **facts) -> str | None:
    rows = list(IndicatorRule.objects.filter(indicator__code=code).select_related("level"))
    level, _met = rules.judge(rows, rules.Facts(**facts))
    return level.code if level else None


@pytest.mark.parametrize(
    ("code", "facts", "expected"),
    [
        # W1 wage arrears: any → blue; ≥ 10 or ≥ 1 month → yellow; ≥ 30 or ≥ 2 → orange; ≥ 100 or absconded → red
        ("W1", {"people": 1}, "blue"),
        ("W1", {"people": 9, "months": D("0.5")}, "blue"),
        ("W1", {"people": 10}, "yellow"),
        ("W1", {"people": 3, "months": D("1")}, "yellow"),
        ("W1", {"people": 29, "months": D("1.9")}, "yellow"),
        ("W1", {"people": 30}, "orange"),
        ("W1", {"people": 5, "months": D("2")}, "orange"),
        ("W1", {"people": 99, "months": D("3")}, "orange"),
        ("W1", {"people": 100}, "red"),
        ("W1", {"people": 2, "flag": "absconded"}, "red"),
        # W2 paid late: more than 15 days
        ("W2", {"days_late": 15}, None),
        ("W2", {"days_late": 16}, "blue"),
        # S1 social insurance: ≥ 1 month blue, ≥ 3 yellow
        ("S1", {"months": D("0.5")}, None),
        ("S1", {"months": D("1")}, "blue"),
        ("S1", {"months": D("2.9")}, "blue"),
        ("S1", {"months": D("3")}, "yellow"),
        # L1 layoffs: ≥ 20 or ≥ 10 % yellow; ≥ 50 or ≥ 30 % orange; ≥ 200 red
        ("L1", {"people": 19, "workforce": 1000}, None),
        ("L1", {"people": 20, "workforce": 1000}, "yellow"),
        ("L1", {"people": 9, "workforce": 90}, "yellow"),  # exactly 10 %
        ("L1", {"people": 8, "workforce": 90}, None),  # 8.9 %
        ("L1", {"people": 49, "workforce": 1000}, "yellow"),
        ("L1", {"people": 50, "workforce": 1000}, "orange"),
        ("L1", {"people": 15, "workforce": 50}, "orange"),  # exactly 30 %
        ("L1", {"people": 199, "workforce": 5000}, "orange"),
        ("L1", {"people": 200, "workforce": 5000}, "red"),
        # P1 production halt
        ("P1", {"flag": "partial_halt"}, "yellow"),
        ("P1", {"flag": "full_stop_unpaid"}, "orange"),
        ("P1", {}, None),
        # D1 disputes: ≥ 3 blue, ≥ 10 or collective yellow
        ("D1", {"cases": 2}, None),
        ("D1", {"cases": 3}, "blue"),
        ("D1", {"cases": 9}, "blue"),
        ("D1", {"cases": 10}, "yellow"),
        ("D1", {"cases": 1, "flag": "collective_case"}, "yellow"),
        # G1 collective action: 3–9 orange, ≥ 10 red
        ("G1", {"people": 2}, None),
        ("G1", {"people": 3}, "orange"),
        ("G1", {"people": 9}, "orange"),
        ("G1", {"people": 10}, "red"),
        # signals and announcements
        ("U1", {}, "blue"),
        ("T1", {}, "blue"),
        ("R1", {}, "yellow"),
        ("C1", {"flag": "negative_post"}, "yellow"),
        ("O1", {}, "red"),
    ],
)
def test_report_level_by_the_default_rules(code, facts, expected):
    assert level_of(code, **facts) == expected


def test_the_rules_are_data_an_administrator_may_change():
    # lowering the W1 yellow people bound from 10 to 8 changes the verdict, no code change
    IndicatorRule.objects.filter(
        indicator__code="W1", level__code="yellow", metric="people"
    ).update(threshold=D("8"))
    assert level_of("W1", people=8) == "yellow"


def test_the_explanation_names_the_rules_met_at_the_top_level():
    rows = list(IndicatorRule.objects.filter(indicator__code="W1").select_related("level"))
    level, met = rules.judge(rows, rules.Facts(people=40, months=D("2")))
    assert level.code == "orange"
    assert {r.description for r in met} == {"欠薪涉及30人以上", "欠薪2个月以上"}


def test_four_levels_in_order_with_their_deadline_kinds():
    assert list(RiskLevel.objects.order_by("rank").values_list("code", "response_kind")) == [
        ("blue", "risk_blue_review"),
        ("yellow", "risk_yellow_plan"),
        ("orange", "risk_orange_onsite"),
        ("red", "risk_red_onsite"),
    ]
