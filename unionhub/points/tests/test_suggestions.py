"""Rationalization suggestions: the workflow, bonus points by benefit tier, yearly totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.points import selectors, services
from unionhub.points.choices import SuggestionStatus

pytestmark = pytest.mark.django_db


def _through(world, *, benefit: str, on=dt.date(2026, 6, 1), adopt=True):
    s = services.suggestion_submit(
        actor=world.worker,
        account=world.account,
        title="余热回收",
        content="空压机余热回收",
        submitted_on=on,
    )
    s = services.suggestion_evaluate(
        suggestion=s, estimated_benefit=Decimal(benefit), evaluation="可行", actor=world.chair
    )
    s = services.suggestion_decide(suggestion=s, adopt=adopt, actor=world.chair, on=on)
    if adopt:
        s = services.suggestion_implement(
            suggestion=s,
            realized_benefit=Decimal(benefit),
            department=world.dept,
            actor=world.chair,
            on=on,
        )
    return s


@pytest.mark.parametrize(
    ("benefit", "bonus"),
    [
        ("0.00", 0),
        ("0.99", 0),
        ("1.00", 10),
        ("9999.99", 10),
        ("10000.00", 30),
        ("99999.99", 30),
        ("100000.00", 80),
        ("1000000.00", 200),
        ("25000000.00", 200),
    ],
)
def test_bonus_by_benefit_tier(world, benefit, bonus):
    s = _through(world, benefit=benefit)
    assert s.status == SuggestionStatus.IMPLEMENTED and s.bonus_points == bonus
    world.account.refresh_from_db()
    assert world.account.balance == bonus


def test_tiers_are_data(world):
    world.programme.benefit_tiers.all().delete()
    world.programme.benefit_tiers.create(min_benefit=Decimal("500"), points=7)
    assert _through(world, benefit="500").bonus_points == 7


def test_workflow_order_is_enforced(world):
    s = services.suggestion_submit(
        actor=world.worker, account=world.account, title="t", content="c"
    )
    with pytest.raises(ValidationError) as exc:
        services.suggestion_implement(
            suggestion=s, realized_benefit=Decimal("1"), department=None, actor=world.chair
        )
    assert_invalid(exc, field="status", code="not_adopted")
    with pytest.raises(ValidationError) as exc:
        services.suggestion_decide(suggestion=s, adopt=True, actor=world.chair)
    assert_invalid(exc, field="status", code="not_evaluated")
    with pytest.raises(ValidationError) as exc:
        services.suggestion_evaluate(
            suggestion=s, estimated_benefit=Decimal("-1"), evaluation="", actor=world.chair
        )
    assert_invalid(exc, field="estimated_benefit", code="negative_benefit")
    s.refresh_from_db()
    assert s.status == SuggestionStatus.SUBMITTED and s.estimated_benefit is None
    rejected = _through(world, benefit="100", adopt=False)
    assert rejected.status == SuggestionStatus.REJECTED
    with pytest.raises(ValidationError) as exc:
        services.suggestion_implement(
            suggestion=rejected, realized_benefit=Decimal("1"), department=None, actor=world.chair
        )
    assert_invalid(exc, field="status", code="not_adopted")


def test_yearly_totals_are_computed(world):
    _through(world, benefit="6000000.00", on=dt.date(2026, 3, 1))
    _through(world, benefit="4500000.50", on=dt.date(2026, 9, 1))
    _through(world, benefit="999.00", on=dt.date(2025, 9, 1))
    _through(world, benefit="777.00", on=dt.date(2026, 9, 1), adopt=False)
    totals = selectors.suggestion_totals(programme_ids=[world.programme.pk], year=2026)
    assert totals["realized"] == Decimal("10500000.50")  # 全年合理化建议总收益超千万元
    assert totals["implemented"] == 2 and totals["adopted"] == 2 and totals["submitted"] == 3
    stats = selectors.programme_stats(programme=world.programme, year=2026)
    assert stats["suggestions"]["realized"] == Decimal("10500000.50")
