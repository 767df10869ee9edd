"""The 60/40 split of remittances and refunds (domain.md §1.5 [M], a dated per-province
rule), the union preparation fund and its refund once a union is set up (§6), and the
append-only reversal (冲销) of a remittance."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises import services as enterprise_services
from unionhub.funds import rules, services
from unionhub.funds.choices import EntryKind, FundKind
from unionhub.funds.models import FundSplitRule, LedgerEntry, Refund, Remittance
from unionhub.funds.tests.samples import county, enterprise_in, policy

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("amount", "percent", "grassroots", "upper"),
    [
        ("2000.00", "60", "1200.00", "800.00"),
        ("0.01", "60", "0.01", "0.00"),  # 0.006 → half up
        ("0.03", "60", "0.02", "0.01"),  # 0.018 → 0.02
        ("246.91", "60", "148.15", "98.76"),  # 148.146 → 148.15; parts add up exactly
        ("100.00", "0", "0.00", "100.00"),  # the preparation fund: all to the upper levels
        ("100.00", "100", "100.00", "0.00"),
        ("-246.91", "60", "-148.15", "-98.76"),  # a reversal mirrors the original
    ],
)
def test_split_rounds_the_grassroots_part_and_keeps_the_sum(amount, percent, grassroots, upper):
    g, u = rules.split(Decimal(amount), Decimal(percent))
    assert (g, u) == (Decimal(grassroots), Decimal(upper))
    assert g + u == Decimal(amount)


def _remit(enterprise, month, payroll="100000", kind=FundKind.UNION_FUNDS, year=2025):
    return services.remittance_record(
        actor=None,
        enterprise=enterprise,
        month=D(year, month, 1),
        payroll=Decimal(payroll),
        paid_on=D(year, month, 15),
        fund_kind=kind,
    )


def test_seeded_jiangsu_rule_splits_sixty_forty(demo):
    rule = FundSplitRule.objects.get(province_code="32")
    assert rule.grassroots_percent == Decimal("60") and rule.valid_to is None
    r = _remit(enterprise_in("sheyang"), 1)
    assert (r.amount, r.grassroots_share, r.upper_share) == (
        Decimal("2000.00"),
        Decimal("1200.00"),
        Decimal("800.00"),
    )


@pytest.mark.parametrize(
    ("month", "percent"),
    [(D(2025, 6, 1), "60"), (D(2025, 6, 30), "60"), (D(2025, 7, 1), "70"), (D(2025, 8, 1), "70")],
)
def test_the_rule_in_force_in_the_month_applies(demo, month, percent):
    old = FundSplitRule.objects.get(province_code="32")
    services.splitrule_update(actor=None, fundsplitrule=old, valid_to=D(2025, 6, 30))
    services.splitrule_create(
        actor=None,
        province_code="32",
        grassroots_percent=Decimal("70"),
        valid_from=D(2025, 7, 1),
        legal_basis="新分成办法",
    )
    r = services.remittance_record(
        actor=None,
        enterprise=enterprise_in("sheyang"),
        month=month,
        payroll=Decimal("100000"),
        paid_on=month,
    )
    assert r.split_percent == Decimal(percent)


@pytest.mark.parametrize(
    ("start", "end", "code", "field"),
    [
        (D(2024, 1, 1), None, "overlap", "valid_from"),  # overlaps the open-ended seed
        (D(1999, 1, 1), D(2000, 1, 1), "overlap", "valid_from"),  # touches its first day
        (D(1999, 1, 1), D(1998, 1, 1), "end_before_start", "valid_to"),
    ],
)
def test_split_rules_of_a_province_never_overlap(demo, start, end, code, field):
    with pytest.raises(ValidationError) as caught:
        services.splitrule_create(
            actor=None,
            province_code="32",
            grassroots_percent=Decimal("50"),
            valid_from=start,
            valid_to=end,
            legal_basis="x",
        )
    assert_invalid(caught, code=code, field=field)


def test_a_used_rule_keeps_its_percent(demo):
    _remit(enterprise_in("sheyang"), 1)
    rule = FundSplitRule.objects.get(province_code="32")
    with pytest.raises(ValidationError) as caught:
        services.splitrule_update(actor=None, fundsplitrule=rule, grassroots_percent=Decimal("50"))
    assert_invalid(caught, code="split_rule_used", field="grassroots_percent")


def test_no_rule_in_force_refuses_the_remittance(demo):
    FundSplitRule.objects.all().delete()
    with pytest.raises(ValidationError) as caught:
        _remit(enterprise_in("sheyang"), 1)
    assert_invalid(caught, code="no_split_rule", field="month")
    assert not Remittance.objects.exists() and not LedgerEntry.objects.exists()


# --- reversal -------------------------------------------------------------------------------


def test_reversal_appends_a_negated_row_and_the_month_can_be_recorded_again(demo):
    enterprise = enterprise_in("sheyang")
    original = _remit(enterprise, 3, payroll="120000")
    reversal = services.remittance_reverse(
        actor=None, remittance=original, reason="工资总额填错", on=D(2025, 4, 2)
    )
    original.refresh_from_db()
    assert original.amount == Decimal("2400.00")  # untouched
    assert reversal.reverses == original
    assert (reversal.payroll, reversal.amount) == (Decimal("-120000"), Decimal("-2400.00"))
    assert (reversal.grassroots_share, reversal.upper_share) == (
        Decimal("-1440.00"),
        Decimal("-960.00"),
    )
    entry = LedgerEntry.objects.get(remittance=reversal)
    assert entry.kind == EntryKind.REVERSAL and entry.amount == Decimal("-2400.00")
    again = _remit(enterprise, 3, payroll="100000")
    assert again.amount == Decimal("2000.00")
    net = sum(
        r.amount for r in Remittance.objects.filter(enterprise=enterprise, month=D(2025, 3, 1))
    )
    assert net == Decimal("2000.00")


def test_duplicate_month_refused_while_the_first_stands(demo):
    enterprise = enterprise_in("sheyang")
    _remit(enterprise, 3)
    with pytest.raises(ValidationError) as caught:
        _remit(enterprise, 3)
    assert_invalid(caught, code="duplicate_month", field="month")


@pytest.mark.parametrize("case", ["twice", "reversal", "no_reason", "refunded"])
def test_bad_reversals_are_refused_and_write_nothing(demo, case):
    policy()
    enterprise = enterprise_in("sheyang")
    original = _remit(enterprise, 3)
    target, reason, code, field = original, "填错", None, "remittance"
    if case == "twice":
        services.remittance_reverse(actor=None, remittance=original, reason="填错")
        code = "already_reversed"
    elif case == "reversal":
        target = services.remittance_reverse(actor=None, remittance=original, reason="填错")
        code = "is_reversal"
    elif case == "no_reason":
        reason, code, field = "  ", "required", "reason"
    else:
        services.sizerecord_create(
            actor=None, enterprise=enterprise, year=2025, employees=30, revenue_wan=Decimal("1000")
        )
        batch = services.batch_create(actor=None, region=county("sheyang"), year=2025, title="b")
        services.refund_add(actor=None, refundbatch=batch, enterprise=enterprise)
        code = "in_refund"
    before = (Remittance.objects.count(), LedgerEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.remittance_reverse(actor=None, remittance=target, reason=reason)
    assert_invalid(caught, code=code, field=field)
    assert (Remittance.objects.count(), LedgerEntry.objects.count()) == before


def test_refund_nets_reversed_months_and_carries_the_split(demo):
    policy()
    enterprise = enterprise_in("sheyang")
    for m in (1, 2, 3):
        _remit(enterprise, m)
    services.remittance_reverse(
        actor=None,
        remittance=Remittance.objects.get(enterprise=enterprise, month=D(2025, 2, 1)),
        reason="重复缴纳",
    )
    services.sizerecord_create(
        actor=None, enterprise=enterprise, year=2025, employees=30, revenue_wan=Decimal("1000")
    )
    batch = services.batch_create(actor=None, region=county("sheyang"), year=2025, title="b")
    refund = services.refund_add(actor=None, refundbatch=batch, enterprise=enterprise)
    assert (refund.months, refund.amount) == (2, Decimal("4000.00"))
    assert (refund.grassroots_part, refund.upper_part) == (Decimal("2400.00"), Decimal("1600.00"))


# --- union preparation fund -----------------------------------------------------------------


def _found_union(enterprise, on):
    return enterprise_services.union_create(
        actor=None,
        enterprises=[enterprise],
        form="standalone",
        mode="scale_single",
        founded_on=on,
        chair_name="王建",
        term_start=on,
        term_years=5,
        member_count=30,
    )


def _preparation_setup():
    policy()
    enterprise = enterprise_in("sheyang")
    for m in (1, 2):
        _remit(enterprise, m, kind=FundKind.PREPARATION)
    services.sizerecord_create(
        actor=None, enterprise=enterprise, year=2025, employees=30, revenue_wan=Decimal("1000")
    )
    batch = services.batch_create(
        actor=None,
        region=county("sheyang"),
        year=2025,
        title="筹备金返还",
        fund_kind=FundKind.PREPARATION,
    )
    return enterprise, batch


def test_preparation_fund_goes_whole_to_the_upper_levels(demo):
    r = _remit(enterprise_in("sheyang"), 1, kind=FundKind.PREPARATION)
    assert (r.grassroots_share, r.upper_share, r.split_percent) == (
        Decimal("0.00"),
        Decimal("2000.00"),
        Decimal("0"),
    )


def test_preparation_fund_refused_once_the_enterprise_has_a_union(demo):
    enterprise = enterprise_in("sheyang")
    _found_union(enterprise, D(2025, 3, 1))
    _remit(enterprise, 2, kind=FundKind.PREPARATION)  # February: no union yet
    with pytest.raises(ValidationError) as caught:
        _remit(enterprise, 3, kind=FundKind.PREPARATION)  # founded on 1 March: counts
    assert_invalid(caught, code="has_union", field="fund_kind")


def test_preparation_fund_is_refunded_only_after_a_union_is_set_up(demo):
    enterprise, batch = _preparation_setup()
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=batch, enterprise=enterprise)
    assert_invalid(caught, code="no_union_yet", field="enterprise")
    assert services.batch_fill(actor=None, refundbatch=batch) == {"added": 0, "no_union_yet": 1}
    _found_union(enterprise, D(2026, 1, 5))
    refund = services.refund_add(actor=None, refundbatch=batch, enterprise=enterprise)
    assert (refund.fund_kind, refund.months, refund.amount) == (
        "preparation",
        2,
        Decimal("4000.00"),
    )
    assert (refund.grassroots_part, refund.upper_part) == (Decimal("0.00"), Decimal("4000.00"))


def test_funds_and_preparation_refunds_of_one_year_are_separate(demo):
    enterprise, prep_batch = _preparation_setup()
    _found_union(enterprise, D(2025, 3, 1))
    for m in (3, 4, 5):
        _remit(enterprise, m)
    funds_batch = services.batch_create(actor=None, region=county("sheyang"), year=2025, title="f")
    funds = services.refund_add(actor=None, refundbatch=funds_batch, enterprise=enterprise)
    prep = services.refund_add(actor=None, refundbatch=prep_batch, enterprise=enterprise)
    assert (funds.months, funds.amount) == (3, Decimal("6000.00"))
    assert (prep.months, prep.amount) == (2, Decimal("4000.00"))
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=prep_batch, enterprise=enterprise)
    assert_invalid(caught, code="already_refunded", field="enterprise")
    assert Refund.objects.filter(enterprise=enterprise).count() == 2
