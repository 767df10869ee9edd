"""The deadline service: every row of domain.md §3.4 and its worked examples, the roll-forward
over 2025's 春节 and 国庆/中秋 blocks, the weekend setting, years without an arrangement,
and the kinds registry (contract.md "Legal deadlines")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from unionhub.core.calendar import periods
from unionhub.core.calendar.deadlines import deadline_for, deadline_query
from unionhub.core.calendar.kinds import DeadlineKind, all_kinds, get_kind, register, unregister
from unionhub.core.calendar.periods import EMPTY_CALENDAR

D = dt.date.fromisoformat
CONTRACT_KINDS = {
    "bargaining_response",
    "negotiator_refill",
    "contract_filing",
    "labour_admin_objection",
    "contract_effective",
    "renewal_window_opens",
    "publication",
}


def codes(deadline) -> list[str]:
    return [n.code for n in deadline.notices]


@pytest.mark.parametrize(
    ("kind", "date", "due", "rolled_from"),
    [
        # §3.4 worked examples
        ("bargaining_response", "2024-03-05", "2024-03-25", None),
        ("contract_filing", "2025-02-21", "2025-03-03", None),  # February 2025 has 28 days
        ("labour_admin_objection", "2024-02-20", "2024-03-06", None),  # 2024 is a leap year
        ("renewal_window_opens", "2026-08-15", "2026-05-15", None),
        # one row per kind of the table
        ("negotiator_refill", "2025-03-03", "2025-03-18", None),  # D + 15
        ("contract_effective", "2024-02-20", "2024-03-07", None),  # D + 16
        ("publication", "2025-03-10", "2025-03-20", None),  # D + 10
        # renewal window: corresponding day, clamped to the month end
        ("renewal_window_opens", "2026-05-31", "2026-02-28", None),
        ("renewal_window_opens", "2028-05-31", "2028-02-29", None),
        ("renewal_window_opens", "2026-12-31", "2026-09-30", None),
        # the done-when request: 2025-09-11 + 20 = 10-01, rolled past 国庆/中秋 to 10-09
        ("bargaining_response", "2025-09-11", "2025-10-09", "2025-10-01"),
        # 春节 2025 (01-28 … 02-04)
        ("bargaining_response", "2025-01-10", "2025-02-05", "2025-01-30"),
        ("contract_filing", "2025-01-18", "2025-02-05", "2025-01-28"),
        ("negotiator_refill", "2025-01-20", "2025-02-05", "2025-02-04"),
        ("labour_admin_objection", "2025-09-20", "2025-10-09", "2025-10-05"),
        ("publication", "2025-09-28", "2025-10-09", "2025-10-08"),
        # the day after the objection period, which itself rolled past 国庆/中秋
        ("contract_effective", "2025-09-16", "2025-10-10", "2025-10-02"),
        # objection period ends the day before the block: effective on its first day
        ("contract_effective", "2025-09-15", "2025-10-01", None),
        # a window opening on a holiday stays (not a last day)
        ("renewal_window_opens", "2026-01-01", "2025-10-01", None),
    ],
)
def test_deadline_table(cal, kind, date, due, rolled_from):
    deadline = deadline_for(kind, D(date), calendar=cal)
    assert deadline.due == D(due)
    assert deadline.rolled_from == (D(rolled_from) if rolled_from else None)
    assert deadline.kind == kind and deadline.date == D(date)
    assert deadline.rule and deadline.basis and deadline.explanation


def test_contract_shape(cal):
    body = deadline_for("bargaining_response", D("2025-09-11"), calendar=cal).as_dict()
    assert body == {
        "kind": "bargaining_response",
        "date": "2025-09-11",
        "due": "2025-10-09",
        "rule": body["rule"],
        "basis": body["basis"],
        "rolled_from": "2025-10-01",
        "warnings": [],
    }


def test_renewal_window_on_a_holiday_is_noted_not_rolled(cal):
    deadline = deadline_for("renewal_window_opens", D("2026-01-01"), calendar=cal)
    assert codes(deadline) == [periods.HOLIDAY_NOT_ROLLED]
    assert len(deadline.warnings) == 1


@pytest.mark.parametrize(
    ("roll_weekends", "due", "rolled_from", "warned"),
    [(False, "2025-03-22", None, True), (True, "2025-03-24", "2025-03-22", False)],
)
def test_weekend_setting(cal, settings, roll_weekends, due, rolled_from, warned):
    settings.DEADLINE_ROLL_WEEKENDS = roll_weekends
    deadline = deadline_for("contract_filing", D("2025-03-12"), calendar=cal)  # → Sat 03-22
    assert deadline.due == D(due)
    assert deadline.rolled_from == (D(rolled_from) if rolled_from else None)
    assert (periods.WEEKEND in codes(deadline)) is warned
    assert len(deadline.warnings) == (1 if warned else 0)


def test_effective_day_on_a_weekend_is_not_a_warning(cal):
    # objection period 2025-03-06 + 15 = Fri 03-21 → effective Sat 03-22: no deadline falls there
    deadline = deadline_for("contract_effective", D("2025-03-06"), calendar=cal)
    assert deadline.due == D("2025-03-22")
    assert deadline.warnings == []


def test_objection_period_on_a_weekend_moves_the_effective_day_when_weekends_roll(cal, settings):
    settings.DEADLINE_ROLL_WEEKENDS = True
    deadline = deadline_for("contract_effective", D("2025-03-07"), calendar=cal)  # → Sat 03-22
    assert deadline.due == D("2025-03-25")
    assert deadline.rolled_from == D("2025-03-23")


@pytest.mark.parametrize(
    ("kind", "date", "years"),
    [
        ("bargaining_response", "2027-03-01", [2027]),
        ("publication", "2026-12-25", [2027]),
        ("renewal_window_opens", "2027-08-15", [2027]),
        ("contract_effective", "2026-12-20", [2027]),
        ("bargaining_response", "2026-03-01", []),
    ],
)
def test_year_without_arrangement(cal, kind, date, years):
    deadline = deadline_for(kind, D(date), calendar=cal)
    found = [n.params["year"] for n in deadline.notices if n.code == periods.NO_ARRANGEMENT]
    assert found == years
    if years:
        assert any(str(years[0]) in w for w in deadline.warnings)


def test_no_arrangement_at_all_still_gives_a_date():
    deadline = deadline_for("bargaining_response", D("2025-09-11"), calendar=EMPTY_CALENDAR)
    assert deadline.due == D("2025-10-01")
    assert deadline.rolled_from is None
    assert codes(deadline) == [periods.NO_ARRANGEMENT]


@pytest.mark.parametrize(
    ("kind", "date", "field", "code"),
    [
        ("no_such_kind", "2025-09-11", "kind", "unknown_kind"),
        ("", "2025-09-11", "kind", "required"),
        (None, "2025-09-11", "kind", "required"),
        ("bargaining_response", "2025-02-30", "date", "invalid_date"),
        ("bargaining_response", "2025-13-01", "date", "invalid_date"),
        ("bargaining_response", "20250911", "date", "invalid_date"),
        ("bargaining_response", "2025/09/11", "date", "invalid_date"),
        ("bargaining_response", "", "date", "required"),
        ("bargaining_response", None, "date", "required"),
    ],
)
def test_bad_query(db, kind, date, field, code):
    with pytest.raises(ValidationError) as caught:
        deadline_query(kind=kind, date=date)
    errors = caught.value.error_dict
    assert list(errors) == [field]
    assert errors[field][0].code == code


def test_bad_kind_and_date_reported_together(db):
    with pytest.raises(ValidationError) as caught:
        deadline_query(kind="nope", date="2025-02-30")
    assert {f: e[0].code for f, e in caught.value.error_dict.items()} == {
        "kind": "unknown_kind",
        "date": "invalid_date",
    }


def test_unknown_kind_in_code(cal):
    with pytest.raises(ValidationError) as caught:
        deadline_for("nope", D("2025-01-01"), calendar=cal)
    assert caught.value.error_dict["kind"][0].code == "unknown_kind"


def test_a_datetime_is_not_a_date(cal):
    with pytest.raises(TypeError):
        deadline_for("bargaining_response", dt.datetime(2025, 1, 1), calendar=cal)


# --- the registry ---------------------------------------------------------------------


def test_the_contract_kinds_are_registered_by_the_calendar():
    registered = {k.code: k for k in all_kinds()}
    assert CONTRACT_KINDS <= set(registered)
    assert {registered[c].module for c in CONTRACT_KINDS} == {"calendar"}


def test_every_registered_kind_is_computable(cal):
    for kind in all_kinds():
        deadline = deadline_for(kind.code, D("2025-06-16"), calendar=cal)
        assert deadline.rule and deadline.basis and deadline.name


def test_duplicate_code_fails_loudly():
    with pytest.raises(ImproperlyConfigured, match="bargaining_response"):
        register(
            DeadlineKind(
                code="bargaining_response", name="x", event="x", rule="x", basis="x", days=1
            ),
            module="elsewhere",
        )
    assert get_kind("bargaining_response").module == "calendar"


def test_a_module_registers_its_own_kind_the_same_way(cal):
    from unionhub.core.calendar.kinds import register_declared

    class FakeConfig:
        label = "bargaining"

    kind = DeadlineKind(
        code="test_coordination_done",
        name="协调处理",
        event="收到协调申请",
        rule="D + 30 日",
        basis="《集体合同规定》第五十条",
        days=30,
    )
    register_declared(FakeConfig(), [kind])
    try:
        assert get_kind("test_coordination_done").module == "bargaining"
        assert deadline_for("test_coordination_done", D("2025-09-01"), calendar=cal).due == D(
            "2025-10-09"
        )  # 10-01 rolled past the block
        with pytest.raises(ImproperlyConfigured):
            register_declared(FakeConfig(), [kind])
    finally:
        unregister("test_coordination_done")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"code": "Bad-Code", "days": 1},
        {"code": "no_period"},
        {"code": "mixed", "days": 1, "working_days": 1},
    ],
)
def test_malformed_declarations_fail(kwargs):
    with pytest.raises(ImproperlyConfigured):
        DeadlineKind(name="x", event="x", rule="x", basis="x", **kwargs)


def test_working_day_kind(cal):
    register(
        DeadlineKind(
            code="test_three_working_days",
            name="x",
            event="x",
            rule="x",
            basis="x",
            working_days=3,
        )
    )
    try:
        deadline = deadline_for("test_three_working_days", D("2025-09-30"), calendar=cal)
        assert deadline.due == D("2025-10-11")  # 10-09, 10-10 and the 调休 Saturday
    finally:
        unregister("test_three_working_days")
