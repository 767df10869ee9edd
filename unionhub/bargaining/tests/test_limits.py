"""Per-procedure time limits (domain.md §3.6): rows of ``BargainingProcedureRule``; the
ordinary procedure carries the national rules (loaded by the migration) and gives exactly
the deadline API's dates; a procedure without its own row falls back to the ordinary one;
a row of its own (calendar or working days) is counted by the deadline service; the
simplified procedure only for enterprise bargaining."""

from __future__ import annotations

import datetime as dt

import pytest

from unionhub.bargaining import limits, rules, services
from unionhub.bargaining.models import BargainingProcedureRule
from unionhub.core.calendar.deadlines import add_period

pytestmark = pytest.mark.django_db


def _api_due(api, kind, date):
    body = api.get("/api/v1/calendar/deadline/", {"kind": kind, "date": date.isoformat()}).json()
    return dt.date.fromisoformat(body["due"])


@pytest.mark.parametrize(
    "step, kind, days",
    [
        ("response", "bargaining_response", 20),
        ("refill", "negotiator_refill", 15),
        ("filing", "contract_filing", 10),
    ],
)
@pytest.mark.parametrize("procedure", ["ordinary", "simplified", "emergency"])
@pytest.mark.parametrize("date", [dt.date(2024, 3, 5), dt.date(2025, 9, 11)])  # 2nd rolls (国庆)
def test_national_rules_equal_the_deadline_api(holidays, api_as, step, kind, days, procedure, date):
    found = limits.limit_due(step, procedure, date)
    assert found.days == days and found.rule is not None and not found.rule.verified
    assert found.fallback is (procedure != "ordinary")
    assert found.due == _api_due(api_as("yannan_admin"), kind, date)


@pytest.mark.parametrize(
    "days, day_type, date, valid_from, expected_days",
    [
        (7, "calendar", dt.date(2025, 3, 3), dt.date(2025, 1, 1), 7),
        (5, "working", dt.date(2025, 3, 3), dt.date(2025, 1, 1), None),
        # boundary: a row valid from the event day applies; from the next day it does not
        (7, "calendar", dt.date(2025, 3, 3), dt.date(2025, 3, 3), 7),
        (7, "calendar", dt.date(2025, 3, 3), dt.date(2025, 3, 4), 20),
    ],
)
def test_a_procedures_own_row(holidays, days, day_type, date, valid_from, expected_days):
    BargainingProcedureRule.objects.create(
        procedure="emergency",
        step="response",
        days=days,
        day_type=day_type,
        valid_from=valid_from,
        source="测试",
    )
    found = limits.limit_due("response", "emergency", date)
    if expected_days == 20:
        assert found.fallback and found.days == 20
        return
    assert not found.fallback and found.days == days
    expected = (
        add_period(date, days=days)
        if day_type == "calendar"
        else add_period(date, working_days=days)
    ).due
    assert found.due == expected
    # the ordinary procedure is untouched
    assert limits.limit_due("response", "ordinary", date).days == 20


def test_case_dates_follow_the_procedures_row(holidays):
    from unionhub.bargaining.tests.samples import case_in

    BargainingProcedureRule.objects.create(
        procedure="simplified",
        step="response",
        days=7,
        valid_from=dt.date(2020, 1, 1),
        source="测试",
    )
    case = case_in("yannan")
    assert case.response_due == dt.date(2025, 1, 26)  # ordinary: 2025-01-06 + 20
    case = services.case_update(
        actor=None, bargainingcase=case, procedure="simplified", outcome_type="minutes"
    )
    assert case.response_due == dt.date(2025, 1, 13)


@pytest.mark.parametrize(
    "procedure, tier, code",
    [
        ("simplified", "enterprise", None),
        ("simplified", "industry", "simplified_enterprise_only"),
        ("simplified", "regional", "simplified_enterprise_only"),
        ("emergency", "industry", None),
        ("ordinary", "regional", None),
    ],
)
def test_simplified_procedure_only_in_an_enterprise(procedure, tier, code):
    errors = rules.procedure_tier_problems(procedure=procedure, tier=tier)
    assert (errors["procedure"].code if code else errors) == (code or {})


def test_case_page_shows_the_limits(client_as):
    from unionhub.bargaining.tests.samples import case_in

    case = case_in("yannan")
    page = client_as("yannan_admin").get(f"/bargaining/cases/{case.pk}/").content.decode()
    assert 'data-testid="case-limits"' in page
    assert 'data-step="response" data-due="2025-01-26"' in page
    assert "第三十二条" in page
