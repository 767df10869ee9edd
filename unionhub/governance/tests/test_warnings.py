"""Warnings: level = max of open reports (explainable), owner and response due by level
(deadline service), escalation one level up when overdue, disposal, re-evaluation (downgrade
only after a disposal), closure; reports outside the scope refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.governance import services
from unionhub.governance.models import RiskIndicator, RiskReport, RiskWarning, WarningEvent

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def file(admin, code="W1", *, slug="sheyang", received=None, **values):
    values.setdefault("facts", "事实")
    values.setdefault("source", "staff")
    values.setdefault("occurred_on", timezone.localdate())
    return services.report_file(
        actor=admin,
        enterprise=values.pop("enterprise", None) or enterprise_in(slug),
        indicator=RiskIndicator.objects.get(code=code),
        received_at=received,
        **values,
    )


@pytest.fixture
def admin(user_named):
    return user_named("sheyang_admin")


MONDAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("values", "level", "due", "ack_hours"),
    [
        ({"people_affected": 3}, "blue", dt.date(2026, 4, 2), None),  # D + 1 month
        ({"people_affected": 12}, "yellow", dt.date(2026, 3, 5), None),  # 3 working days
        ({"people_affected": 35}, "orange", dt.date(2026, 3, 4), 4),  # 2 working days
        ({"people_affected": 120}, "red", dt.date(2026, 3, 3), 1),  # D + 1 day
    ],
)
def test_new_warning_gets_owner_and_due_by_level(admin, values, level, due, ack_hours):
    report = file(admin, received=at(MONDAY), occurred_on=MONDAY, **values)
    warning = report.warning
    assert warning.level.code == level
    assert warning.owner == admin
    assert warning.response_due == due
    if ack_hours:
        assert warning.ack_due == at(MONDAY) + dt.timedelta(hours=ack_hours)
    else:
        assert warning.ack_due is None
    assert list(warning.events.values_list("kind", flat=True)) == ["opened"]


def test_friday_yellow_counts_working_days_over_the_weekend(admin):
    friday = dt.date(2026, 3, 6)
    report = file(admin, received=at(friday), occurred_on=friday, people_affected=12)
    assert report.warning.response_due == dt.date(2026, 3, 11)


def test_level_is_the_max_of_open_reports_and_a_lower_report_does_not_lower_it(admin):
    first = file(admin, people_affected=35)  # orange
    second = file(admin, "S1", months=Decimal("1"))  # blue
    assert second.warning == first.warning
    warning = RiskWarning.objects.get(pk=first.warning.pk)
    assert warning.level.code == "orange"
    third = file(admin, "G1", people_affected=12)  # red
    warning.refresh_from_db()
    assert warning.level.code == "red"
    assert third.level_reason == "集体上访、聚集或停工10人以上"
    assert list(warning.events.values_list("kind", flat=True)) == ["opened", "raised"]
    assert RiskWarning.objects.filter(enterprise=first.enterprise, status="open").count() == 1


def test_a_report_below_every_trigger_opens_nothing(admin):
    report = file(admin, "G1", people_affected=2)
    assert report.level is None and report.warning is None
    assert not RiskWarning.objects.filter(enterprise=report.enterprise).exists()


def test_report_on_an_enterprise_of_another_county_is_refused(admin):
    before = RiskReport.objects.count()
    with pytest.raises(ValidationError) as caught:
        file(admin, slug="xiangshui", people_affected=12)
    assert_invalid(caught, code="out_of_scope", field="enterprise")
    assert RiskReport.objects.count() == before


def test_future_facts_are_refused(admin):
    with pytest.raises(ValidationError) as caught:
        file(admin, occurred_on=timezone.localdate() + dt.timedelta(days=1), people_affected=12)
    assert_invalid(caught, code="future", field="occurred_on")


@pytest.mark.parametrize(
    ("start", "run_on", "escalated", "to_level", "new_due"),
    [
        # yellow received Mon 2026-03-02, due Thu 03-05
        ("yellow", dt.date(2026, 3, 5), False, "yellow", dt.date(2026, 3, 5)),  # due day: not yet
        ("yellow", dt.date(2026, 3, 6), True, "orange", dt.date(2026, 3, 10)),  # the day after
        # orange received Mon, due Wed 03-04 → red, due the next day
        ("orange", dt.date(2026, 3, 4), False, "orange", dt.date(2026, 3, 4)),
        ("orange", dt.date(2026, 3, 5), True, "red", dt.date(2026, 3, 6)),
        # red due Tue 03-03: stays red, reported up, new red due
        ("red", dt.date(2026, 3, 4), True, "red", dt.date(2026, 3, 5)),
        # blue due 04-02
        ("blue", dt.date(2026, 4, 2), False, "blue", dt.date(2026, 4, 2)),
        # (after Qingming: the yellow due comes from the deadline service's holiday table)
        ("blue", dt.date(2026, 4, 3), True, "yellow", None),
    ],
)
def test_escalation_one_level_up_when_overdue(admin, start, run_on, escalated, to_level, new_due):
    people = {"blue": 3, "yellow": 12, "orange": 35, "red": 120}[start]
    warning = file(admin, received=at(MONDAY), occurred_on=MONDAY, people_affected=people).warning
    count = services.warnings_escalate_overdue(actor=None, today=run_on)
    warning.refresh_from_db()
    assert count == int(escalated)
    assert warning.level.code == to_level
    if new_due is None:
        from unionhub.core.calendar.deadlines import deadline_for

        new_due = deadline_for("risk_yellow_plan", run_on).due
    assert warning.response_due == new_due
    assert warning.escalations == int(escalated)
    if escalated:
        event = warning.events.order_by("-pk").first()
        assert event.kind == "escalated" and event.from_level.code == start


def test_escalation_happens_once_per_missed_due(admin):
    file(admin, received=at(MONDAY), occurred_on=MONDAY, people_affected=12)
    assert services.warnings_escalate_overdue(actor=None, today=dt.date(2026, 3, 6)) == 1
    assert services.warnings_escalate_overdue(actor=None, today=dt.date(2026, 3, 6)) == 0


def test_downgrade_needs_a_disposal_record(admin):
    wage = file(admin, people_affected=40, months=Decimal("2"))  # orange
    file(admin, "W2", days_late=20)  # blue
    warning = wage.warning
    # resolving on paper without a disposal record is impossible: the only way to resolve
    # is a disposal; re-evaluating with the orange report open keeps orange
    services.warning_reevaluate(actor=admin, riskwarning=warning)
    warning.refresh_from_db()
    assert warning.level.code == "orange"
    # an administrator marks the wage report resolved outside the services (e.g. a data fix)
    RiskReport.objects.filter(pk=wage.pk).update(status="resolved")
    events_before = WarningEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.warning_reevaluate(actor=admin, riskwarning=warning)
    assert_invalid(caught, code="downgrade_needs_disposal")
    warning.refresh_from_db()
    assert warning.level.code == "orange"
    assert WarningEvent.objects.count() == events_before
    services.disposal_record(
        actor=admin, riskwarning=warning, acted_on=timezone.localdate(), action="约谈企业负责人"
    )
    services.warning_reevaluate(actor=admin, riskwarning=warning, note="欠薪已补发")
    warning.refresh_from_db()
    assert warning.level.code == "blue"
    last = warning.events.order_by("-pk").first()
    assert (last.kind, last.from_level.code, last.to_level.code) == ("downgraded", "orange", "blue")


def test_disposal_resolves_reports_and_closure_needs_all_resolved(admin):
    wage = file(admin, people_affected=12)
    late = file(admin, "W2", days_late=20)
    warning = wage.warning
    with pytest.raises(ValidationError) as caught:
        services.warning_close(actor=admin, riskwarning=warning, closure_reason="已结清")
    assert_invalid(caught, code="needs_disposal")
    services.disposal_record(
        actor=admin,
        riskwarning=warning,
        acted_on=timezone.localdate(),
        action="补发工资",
        resolved_reports=[wage],
    )
    with pytest.raises(ValidationError) as caught:
        services.warning_close(actor=admin, riskwarning=warning, closure_reason="已结清")
    assert_invalid(caught, code="open_reports")
    with pytest.raises(ValidationError) as caught:
        services.warning_close(actor=admin, riskwarning=warning, closure_reason=" ")
    assert_invalid(caught, code="required", field="closure_reason")
    services.disposal_record(
        actor=admin,
        riskwarning=warning,
        acted_on=timezone.localdate(),
        action="按时发放",
        resolved_reports=[late],
    )
    services.warning_close(actor=admin, riskwarning=warning, closure_reason="已结清")
    warning.refresh_from_db()
    assert warning.status == "closed" and warning.closed_at is not None
    # a new report afterwards opens a new warning
    again = file(admin, people_affected=12)
    assert again.warning != warning


def test_disposal_cannot_resolve_another_warnings_report(admin):
    a = file(admin, people_affected=12)
    other_ent = (
        enterprise_in("sheyang")
        .__class__.objects.exclude(pk=a.enterprise.pk)
        .filter(region__path__startswith=a.enterprise.region.path.rsplit("/", 2)[0])
        .first()
    )
    if other_ent is None:
        from unionhub.enterprises.tests.factories import make_enterprise

        other_ent = make_enterprise(county="320924")
    b = file(admin, enterprise=other_ent, people_affected=12)
    with pytest.raises(ValidationError) as caught:
        services.disposal_record(
            actor=admin,
            riskwarning=a.warning,
            acted_on=timezone.localdate(),
            action="处理",
            resolved_reports=[b],
        )
    assert_invalid(caught, code="not_open_report", field="resolved_reports")


def test_the_owner_sees_the_warning_in_the_todo_list(admin, api_as):
    file(admin, people_affected=35)
    body = api_as("sheyang_admin").get("/api/v1/todos/").json()
    kinds = [item["kind"] for item in body["results"]]
    assert "governance.warning_respond" in kinds
    other = api_as("xiangshui_admin").get("/api/v1/todos/").json()
    assert "governance.warning_respond" not in [i["kind"] for i in other["results"]]


def test_the_daily_job_escalates_as_the_system(admin):
    from unionhub.governance.jobs import JOBS, escalate_overdue_warnings

    assert [j.key for j in JOBS] == ["governance.escalate_warnings"]
    long_ago = timezone.localdate() - dt.timedelta(days=20)
    warning = file(admin, received=at(long_ago), occurred_on=long_ago, people_affected=12).warning
    assert escalate_overdue_warnings() == 1
    warning.refresh_from_db()
    assert warning.level.code == "orange" and warning.escalations == 1
