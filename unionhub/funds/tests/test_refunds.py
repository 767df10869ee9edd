"""Refund eligibility across policy periods and class changes (domain.md §5, §6), the 2 %
allocation, the batch workflow, the ledger and the KPIs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.funds import rules, services
from unionhub.funds.models import AppendOnlyError, LedgerEntry, Refund, RefundPolicyPeriod
from unionhub.funds.tests.samples import batch_in, county, enterprise_in, policy

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("payroll", "due"),
    [
        ("100000.00", "2000.00"),
        ("12345.67", "246.91"),  # 246.9134 → 246.91
        ("12345.75", "246.92"),  # 246.915 → half up
        ("0.25", "0.01"),  # 0.005 → half up
        ("0", "0.00"),
    ],
)
def test_allocation_is_two_percent_rounded_half_up(payroll, due):
    assert rules.allocation_due(Decimal(payroll)) == Decimal(due)


@pytest.mark.parametrize(
    ("periods", "year", "months"),
    [
        ([(D(2020, 1, 1), D(2021, 12, 31))], 2021, 12),
        ([(D(2020, 1, 1), D(2021, 12, 31))], 2022, 0),  # the first policy ended
        ([(D(2020, 1, 1), D(2021, 12, 31)), (D(2022, 1, 1), D(2022, 12, 31))], 2022, 12),
        ([(D(2023, 1, 1), D(2027, 12, 31))], 2027, 12),
        ([(D(2023, 1, 1), D(2027, 12, 31))], 2028, 0),
        ([(D(2025, 4, 1), D(2025, 9, 30))], 2025, 6),  # a period inside the year
        ([(D(2025, 4, 15), D(2025, 9, 30))], 2025, 5),  # April only partly covered
    ],
)
def test_months_covered_by_policy_periods(periods, year, months):
    assert len(rules.covered_months(year, periods)) == months


def _setup(year=2025, employees=30, revenue="1000", payroll="100000", months=12, **flags):
    enterprise = enterprise_in("sheyang")
    for m in range(1, months + 1):
        services.remittance_record(
            actor=None,
            enterprise=enterprise,
            month=D(year, m, 1),
            payroll=Decimal(payroll),
            paid_on=D(year, m, 15),
        )
    services.sizerecord_create(
        actor=None,
        enterprise=enterprise,
        year=year,
        employees=employees,
        revenue_wan=Decimal(revenue),
        assets_wan=Decimal("500"),
        **flags,
    )
    return enterprise


def _batch(year):
    return services.batch_create(
        actor=None, region=county("sheyang"), year=year, title=f"{year}批次"
    )


@pytest.mark.parametrize(
    ("employees", "revenue", "flags", "code"),
    [
        (30, "1000", {}, None),  # industry: small
        (19, "5000", {}, None),  # micro (employees below 20)
        (300, "2000", {}, "not_small_micro"),  # medium: both bounds reached
        (299, "39999", {}, None),  # small
        (1000, "40000", {}, "not_small_micro"),  # large
        (30, "1000", {"is_group_subsidiary": True}, "group_subsidiary"),
        (30, "1000", {"is_financial_subsidiary": True}, "financial_subsidiary"),
    ],
)
def test_refund_eligibility_by_class_for_the_year(demo, employees, revenue, flags, code):
    policy()  # 2023-01-01 … 2027-12-31
    enterprise = _setup(employees=employees, revenue=revenue, **flags)
    batch = _batch(2025)
    if code is None:
        refund = services.refund_add(actor=None, refundbatch=batch, enterprise=enterprise)
        assert refund.amount == Decimal("24000.00")  # 12 × 2 % × 100 000
        assert refund.months == 12
        return
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=batch, enterprise=enterprise)
    assert_invalid(caught, code=code, field="enterprise")
    assert not Refund.objects.filter(enterprise=enterprise).exists()


def test_class_of_the_year_decides_not_the_current_class(demo):
    """Small in 2024, medium in 2025: 2024 is refunded, 2025 is refused, whatever the
    enterprise's current size class says."""
    policy()
    enterprise = _setup(year=2024, employees=30, revenue="1000")
    _setup(year=2025, employees=400, revenue="3000")
    enterprise.refresh_from_db()
    assert enterprise.size_class == "small"  # the current class from today's figures
    assert services.refund_add(actor=None, refundbatch=_batch(2024), enterprise=enterprise).pk
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=_batch(2025), enterprise=enterprise)
    assert_invalid(caught, code="not_small_micro", field="enterprise")


def test_year_outside_every_policy_period_is_refused(demo):
    RefundPolicyPeriod.objects.create(
        name="首期", valid_from=D(2020, 1, 1), valid_to=D(2021, 12, 31), legal_basis="全总通知"
    )
    enterprise = _setup(year=2022)
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=_batch(2022), enterprise=enterprise)
    assert_invalid(caught, code="no_policy_period", field="enterprise")


def test_only_the_covered_months_are_refunded(demo):
    RefundPolicyPeriod.objects.create(
        name="半年", valid_from=D(2025, 7, 1), valid_to=D(2025, 12, 31), legal_basis="试行"
    )
    enterprise = _setup()
    refund = services.refund_add(actor=None, refundbatch=_batch(2025), enterprise=enterprise)
    assert (refund.months, refund.amount) == (6, Decimal("12000.00"))


def test_no_size_record_and_double_refund_are_refused(demo):
    policy()
    enterprise = enterprise_in("sheyang")
    services.remittance_record(
        actor=None,
        enterprise=enterprise,
        month=D(2025, 1, 1),
        payroll=Decimal("1000"),
        paid_on=D(2025, 1, 5),
    )
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=_batch(2025), enterprise=enterprise)
    assert_invalid(caught, code="no_size_record", field="enterprise")
    services.sizerecord_create(
        actor=None,
        enterprise=enterprise,
        year=2025,
        employees=30,
        revenue_wan=Decimal("1000"),
        assets_wan=Decimal("1"),
    )
    services.refund_add(actor=None, refundbatch=_batch(2025), enterprise=enterprise)
    with pytest.raises(ValidationError) as caught:
        services.refund_add(actor=None, refundbatch=_batch(2025), enterprise=enterprise)
    assert_invalid(caught, code="already_refunded", field="enterprise")


def test_duplicate_month_is_refused(demo):
    enterprise = enterprise_in("sheyang")
    services.remittance_record(
        actor=None,
        enterprise=enterprise,
        month=D(2025, 5, 1),
        payroll=Decimal("1000"),
        paid_on=D(2025, 5, 5),
    )
    with pytest.raises(ValidationError) as caught:
        services.remittance_record(
            actor=None,
            enterprise=enterprise,
            month=D(2025, 5, 20),
            payroll=Decimal("1000"),
            paid_on=D(2025, 5, 25),
        )
    assert_invalid(caught, code="duplicate_month", field="month")


def test_batch_workflow_four_eyes_ledger_and_kpis(demo, user_named, api_as):
    policy()
    enterprise = _setup()
    batch = batch_in("sheyang")
    admin = user_named("sheyang_admin")
    summary = services.batch_fill(actor=admin, refundbatch=batch)
    assert summary["added"] == 1
    services.batch_submit(actor=admin, refundbatch=batch)
    with pytest.raises(ValidationError) as caught:
        services.batch_approve(actor=admin, refundbatch=batch)
    assert_invalid(caught, code="same_person", field="status")
    services.batch_approve(actor=user_named("city_admin"), refundbatch=batch)
    services.batch_pay(actor=admin, refundbatch=batch, paid_on=D(2026, 3, 1))
    entry = LedgerEntry.objects.get(refund__enterprise=enterprise)
    assert entry.amount == Decimal("-24000.00")
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()

    api = api_as("sheyang_admin")
    body = api.get("/api/v1/kpis/", {"region": "320924"}).json()
    figures = {r["code"]: r for r in body["results"]}
    assert figures["funds.refund_enterprises"]["value"] == 1
    assert figures["funds.refund_amount"]["value"] == "24000.00"
    listed = api.get(figures["funds.refund_enterprises"]["records_url"]).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == enterprise.pk
    refunds = api.get(figures["funds.refund_amount"]["records_url"]).json()
    assert refunds["results"][0]["amount"] == "24000.00"
    # another county's admin sees none of it
    other = api_as("xiangshui_admin").get("/api/v1/funds/refunds/").json()
    assert other["count"] == 0


def test_refund_to_another_countys_enterprise_is_refused(demo, user_named):
    policy()
    batch = batch_in("sheyang")
    with pytest.raises(ValidationError) as caught:
        services.refund_add(
            actor=user_named("sheyang_admin"),
            refundbatch=batch,
            enterprise=enterprise_in("xiangshui"),
        )
    assert_invalid(caught, code="outside_batch_region", field="enterprise")
