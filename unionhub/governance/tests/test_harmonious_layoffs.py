"""Harmonious units (application → evaluation → designation, expiry) and mass layoffs
(≥ 20 or ≥ 10 %: an L1 report, a consultation to-do, the 30-day notice date)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.governance import services
from unionhub.governance.models import HarmoniousUnit, LayoffPlan, RiskIndicator, RiskReport
from unionhub.governance.services.harmonious import valid_until
from unionhub.governance.services.layoffs import is_mass_layoff

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(user_named):
    return user_named("sheyang_admin")


@pytest.mark.parametrize(
    ("planned", "workforce", "mass"),
    [
        (20, 1000, True),  # ≥ 20 people
        (19, 1000, False),
        (19, 190, True),  # exactly 10 %
        (18, 190, False),  # 9.5 %
        (1, 10, True),
        (1, 11, False),
        (0, 0, False),
    ],
)
def test_mass_layoff_threshold(planned, workforce, mass):
    assert is_mass_layoff(planned, workforce) is mass


def test_mass_layoff_raises_a_report_and_a_consultation_task(admin, api_as):
    ent = make_enterprise(county="320924", employees=150)
    today = timezone.localdate()
    plan = services.layoff_register(
        actor=admin,
        enterprise=ent,
        planned_count=16,
        workforce=150,
        notified_on=today,
        effective_on=today + dt.timedelta(days=30),
        reason="订单下降",
    )
    assert plan.is_mass
    assert plan.earliest_effective_on == today + dt.timedelta(days=30)
    assert plan.report.indicator.code == "L1"
    assert plan.report.level.code == "yellow"  # 10.7 % of the workforce
    assert plan.report.warning.status == "open"
    kinds = [i["kind"] for i in api_as("sheyang_admin").get("/api/v1/todos/").json()["results"]]
    assert "governance.layoff_consult" in kinds
    services.layoff_consulted(actor=admin, layoffplan=plan, consulted_on=today)
    kinds = [i["kind"] for i in api_as("sheyang_admin").get("/api/v1/todos/").json()["results"]]
    assert "governance.layoff_consult" not in kinds


def test_mass_layoff_with_less_than_30_days_notice_is_refused(admin):
    ent = make_enterprise(county="320924", employees=100)
    today = timezone.localdate()
    before = (LayoffPlan.objects.count(), RiskReport.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.layoff_register(
            actor=admin,
            enterprise=ent,
            planned_count=25,
            workforce=100,
            notified_on=today,
            effective_on=today + dt.timedelta(days=29),
            reason="搬迁",
        )
    assert_invalid(caught, code="notice_too_short", field="effective_on")
    assert (LayoffPlan.objects.count(), RiskReport.objects.count()) == before


def test_a_small_layoff_is_recorded_without_a_report(admin):
    ent = make_enterprise(county="320924", employees=100)
    today = timezone.localdate()
    plan = services.layoff_register(
        actor=admin,
        enterprise=ent,
        planned_count=5,
        workforce=100,
        notified_on=today,
        effective_on=today + dt.timedelta(days=5),
        reason="调整",
    )
    assert not plan.is_mass and plan.report is None


def test_layoff_more_than_the_workforce_is_refused(admin):
    ent = make_enterprise(county="320924", employees=10)
    with pytest.raises(ValidationError) as caught:
        services.layoff_register(
            actor=admin,
            enterprise=ent,
            planned_count=11,
            workforce=10,
            notified_on=timezone.localdate(),
            effective_on=timezone.localdate(),
            reason="x",
        )
    assert_invalid(caught, code="exceeds_workforce", field="planned_count")


def _applied(admin, ent, year=2026):
    return services.harmonious_apply(
        actor=admin,
        kind="enterprise",
        enterprise=ent,
        level="city",
        year=year,
        applied_on=dt.date(year, 3, 1),
    )


def test_designation_after_evaluation_with_expiry(admin):
    ent = make_enterprise(county="320924", employees=200)
    unit = _applied(admin, ent, 2025)
    with pytest.raises(ValidationError) as caught:
        services.harmonious_designate(actor=admin, harmoniousunit=unit)
    assert_invalid(caught, code="not_evaluated")
    services.harmonious_evaluate(actor=admin, harmoniousunit=unit, score=Decimal("79.5"))
    with pytest.raises(ValidationError) as caught:
        services.harmonious_designate(actor=admin, harmoniousunit=unit)
    assert_invalid(caught, code="score_too_low")
    services.harmonious_evaluate(actor=admin, harmoniousunit=unit, score=Decimal("80"))
    services.harmonious_designate(
        actor=admin, harmoniousunit=unit, designated_on=dt.date(2025, 6, 1)
    )
    unit.refresh_from_db()
    assert unit.status == "designated"
    assert unit.valid_until == dt.date(2027, 12, 31) == valid_until(2025)
    assert unit.region == ent.region


def test_an_enterprise_with_an_orange_warning_is_not_designated(admin):
    ent = make_enterprise(county="320924", employees=200)
    services.report_file(
        actor=admin,
        enterprise=ent,
        indicator=RiskIndicator.objects.get(code="W1"),
        source="staff",
        occurred_on=timezone.localdate(),
        facts="35人欠薪",
        people_affected=35,
    )
    unit = _applied(admin, ent)
    services.harmonious_evaluate(actor=admin, harmoniousunit=unit, score=Decimal("90"))
    with pytest.raises(ValidationError) as caught:
        services.harmonious_designate(actor=admin, harmoniousunit=unit)
    assert_invalid(caught, code="open_warning")


def test_harmonious_kpi_counts_designations_in_force(admin, api_as):
    today = timezone.localdate()
    for year, designate in ((today.year, True), (today.year - 5, True), (today.year, False)):
        unit = services.harmonious_apply(
            actor=admin,
            kind="park",
            park_name=f"园区{year}{designate}",
            region=__import__("unionhub.governance.tests.samples", fromlist=["_town"])._town(
                "sheyang"
            ),
            level="county",
            year=year,
            applied_on=dt.date(year, 1, 5),
        )
        if designate:
            services.harmonious_evaluate(actor=admin, harmoniousunit=unit, score=Decimal("88"))
            services.harmonious_designate(
                actor=admin, harmoniousunit=unit, designated_on=dt.date(year, 2, 1)
            )
    api = api_as("sheyang_admin")
    body = api.get("/api/v1/kpis/", {"region": "320924"}).json()
    item = next(r for r in body["results"] if r["code"] == "governance.harmonious_units")
    assert item["value"] == 1 == HarmoniousUnit.objects.filter(status="designated").count() - 1
    assert api.get(item["records_url"]).json()["count"] == 1
