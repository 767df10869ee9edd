"""The 三创争两提升 cycle: due dates from the deadline service, steps in order (a mid-year
supervision before the plan is refused), reviews, to-dos and overdue steps."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.testing.assertions import assert_form_invalid, assert_invalid
from unionhub.core.todo.registry import todo_list
from unionhub.partybuild import selectors, services

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1  # a finished year: every date is in the past


@pytest.fixture
def admin(user_named):
    return user_named("jingkai_admin")


@pytest.fixture
def enrolled(enterprise_of, admin):
    return services.participation_create(
        actor=admin, enterprise=enterprise_of("jingkai"), year=YEAR, launched_on=dt.date(YEAR, 3, 1)
    )


def _report(participation, stage):
    return participation.reports.get(stage=stage)


def test_enrolment_creates_three_steps_with_due_dates_from_the_deadline_service(enrolled):
    reports = {r.stage: r for r in enrolled.reports.all()}
    assert reports["plan"].due_on == deadline_for("sanchuang_plan", dt.date(YEAR, 3, 1)).due
    assert reports["midyear"].due_on == deadline_for("sanchuang_midyear", dt.date(YEAR, 6, 30)).due
    assert reports["summary"].due_on == deadline_for("sanchuang_summary", dt.date(YEAR, 12, 31)).due
    assert reports["plan"].due_on >= dt.date(YEAR, 3, 31)  # D + 30, start day not counted
    assert [reports[s].status for s in ("plan", "midyear", "summary")] == [
        "open",
        "waiting",
        "waiting",
    ]


def test_midyear_before_the_plan_is_refused(enrolled, admin):
    with pytest.raises(ValidationError) as caught:
        services.cyclereport_submit(
            actor=admin,
            cyclereport=_report(enrolled, "midyear"),
            submitted_on=dt.date(YEAR, 7, 5),
            content="督查",
        )
    assert_invalid(caught, code="previous_step_not_approved")
    # submitted but not yet approved is still not enough
    services.cyclereport_submit(
        actor=admin,
        cyclereport=_report(enrolled, "plan"),
        submitted_on=dt.date(YEAR, 3, 20),
        content="计划",
    )
    with pytest.raises(ValidationError) as caught:
        services.cyclereport_submit(
            actor=admin,
            cyclereport=_report(enrolled, "midyear"),
            submitted_on=dt.date(YEAR, 7, 5),
            content="督查",
        )
    assert_invalid(caught, code="previous_step_not_approved")


@pytest.mark.parametrize(
    ("submitted_on", "code"),
    [
        (dt.date(YEAR, 3, 25), None),  # the day the plan was approved: allowed
        (dt.date(YEAR, 3, 24), "before_previous_step"),
    ],
)
def test_a_step_is_not_dated_before_the_previous_approval(enrolled, admin, submitted_on, code):
    plan = _report(enrolled, "plan")
    services.cyclereport_submit(
        actor=admin, cyclereport=plan, submitted_on=dt.date(YEAR, 3, 20), content="计划"
    )
    services.cyclereport_review(
        actor=admin, cyclereport=plan, decision="approve", reviewed_on=dt.date(YEAR, 3, 25)
    )
    midyear = _report(enrolled, "midyear")
    assert midyear.status == "open"
    call = dict(actor=admin, cyclereport=midyear, submitted_on=submitted_on, content="督查")
    if code is None:
        assert services.cyclereport_submit(**call).status == "submitted"
        return
    with pytest.raises(ValidationError) as caught:
        services.cyclereport_submit(**call)
    assert_invalid(caught, code=code, field="submitted_on")


def test_plan_dated_before_the_launch_is_refused(enrolled, admin):
    with pytest.raises(ValidationError) as caught:
        services.cyclereport_submit(
            actor=admin,
            cyclereport=_report(enrolled, "plan"),
            submitted_on=dt.date(YEAR, 2, 28),
            content="计划",
        )
    assert_invalid(caught, code="before_previous_step", field="submitted_on")


def test_return_needs_a_reason_and_allows_a_revision(enrolled, admin):
    plan = _report(enrolled, "plan")
    services.cyclereport_submit(
        actor=admin, cyclereport=plan, submitted_on=dt.date(YEAR, 3, 20), content="计划"
    )
    with pytest.raises(ValidationError) as caught:
        services.cyclereport_review(
            actor=admin, cyclereport=plan, decision="return", reviewed_on=dt.date(YEAR, 3, 21)
        )
    assert_invalid(caught, code="reason_required", field="comment")
    services.cyclereport_review(
        actor=admin,
        cyclereport=plan,
        decision="return",
        comment="缺少量化指标",
        reviewed_on=dt.date(YEAR, 3, 21),
    )
    again = services.cyclereport_submit(
        actor=admin,
        cyclereport=_report(enrolled, "plan"),
        submitted_on=dt.date(YEAR, 3, 22),
        content="计划（修订）",
    )
    assert again.status == "submitted"
    with pytest.raises(ValidationError) as caught:
        services.cyclereport_submit(
            actor=admin, cyclereport=again, submitted_on=dt.date(YEAR, 3, 23), content="x"
        )
    assert_invalid(caught, code="already_submitted")


def test_owed_and_submitted_steps_are_to_dos_and_overdue_shows(enrolled, admin, user_named):
    # last year's plan was never submitted: overdue on the board and first in the to-do list
    board = selectors.cycle_board(user=admin, year=YEAR)
    row = next(r for r in board if r["participation"] == enrolled)
    assert [r.is_overdue for r in row["reports"]] == [True, True, True]
    items = [i for i in todo_list(user=admin) if i.kind.startswith("partybuild.")]
    assert [(i.kind, i.overdue) for i in items] == [("partybuild.report_due", True)]
    plan = _report(enrolled, "plan")
    services.cyclereport_submit(
        actor=admin, cyclereport=plan, submitted_on=dt.date(YEAR, 3, 20), content="计划"
    )
    items = [i for i in todo_list(user=admin) if i.kind.startswith("partybuild.")]
    assert [i.kind for i in items] == ["partybuild.report_review"]
    # a county that is not responsible sees nothing of it
    other = [
        i for i in todo_list(user=user_named("dongtai_admin")) if i.kind.startswith("partybuild.")
    ]
    assert other == []


def test_the_page_submits_and_refuses_with_the_reason(enrolled, client_as):
    client = client_as("jingkai_admin")
    midyear = _report(enrolled, "midyear")
    response = client.post(
        reverse("partybuild:cyclereport_submit", args=[midyear.pk]),
        {"submitted_on": f"{YEAR}-07-05", "content": "督查"},
    )
    assert_form_invalid(response, field=None, code="previous_step_not_approved")
    assert "尚未审核通过" in response.content.decode()  # a Chinese sentence naming the step
    plan = _report(enrolled, "plan")
    response = client.post(
        reverse("partybuild:cyclereport_submit", args=[plan.pk]),
        {"submitted_on": f"{YEAR}-03-20", "content": "计划"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("partybuild:participation", args=[enrolled.pk])


def test_withdrawing_an_enrolment_with_submissions_is_refused(enrolled, admin):
    services.cyclereport_submit(
        actor=admin,
        cyclereport=_report(enrolled, "plan"),
        submitted_on=dt.date(YEAR, 3, 20),
        content="计划",
    )
    with pytest.raises(ValidationError) as caught:
        services.participation_delete(actor=admin, participation=enrolled)
    assert_invalid(caught, code="has_submissions")


@pytest.mark.parametrize(
    ("year", "launched_on", "code", "field"),
    [
        (1999, dt.date(1999, 3, 1), "year_out_of_range", "year"),
        (YEAR, dt.date(YEAR - 1, 12, 31), "launch_outside_year", "launched_on"),
        (YEAR, dt.date(YEAR, 1, 1), None, None),
    ],
)
def test_enrolment_year_and_launch(enterprise_of, admin, year, launched_on, code, field):
    call = dict(
        actor=admin, enterprise=enterprise_of("jingkai"), year=year, launched_on=launched_on
    )
    if code is None:
        assert services.participation_create(**call).reports.count() == 3
        return
    with pytest.raises(ValidationError) as caught:
        services.participation_create(**call)
    assert_invalid(caught, code=code, field=field)
