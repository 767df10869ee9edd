"""The 三创争两提升 cycle: enrolling an enterprise for a year creates its three reports
(annual plan → mid-year supervision → year-end summary) with their due dates from the
deadline service; each report is submitted and reviewed in turn. A step opens only when the
previous one has been approved, so a mid-year supervision before the plan is refused."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.services import model_update
from unionhub.partybuild import deadlines
from unionhub.partybuild.choices import STAGE_ORDER, ReportStatus, ReviewDecision, Stage
from unionhub.partybuild.models import PARTICIPATION_FIELDS, CycleReport, Participation
from unionhub.partybuild.services._common import (
    check_visible,
    creator,
    invalid,
    not_in_future,
    save_new,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User


#: the platform's records start in 2000; enrolment for next year may open in December
FIRST_YEAR = 2000


def due_dates(*, year: int, launched_on: dt.date, calendar=None) -> dict[str, dt.date]:
    """The three due dates of a year (the deadline service's kinds of ``deadlines.py``)."""
    return {
        Stage.PLAN: deadline_for(deadlines.PLAN, launched_on, calendar=calendar).due,
        Stage.MIDYEAR: deadline_for(deadlines.MIDYEAR, dt.date(year, 6, 30), calendar=calendar).due,
        Stage.SUMMARY: deadline_for(
            deadlines.SUMMARY, dt.date(year, 12, 31), calendar=calendar
        ).due,
    }


def _check_launch(*, year: int, launched_on: dt.date) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year + 1:
        raise invalid(
            "year",
            _("The campaign year must be between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": this_year + 1},
            "year_out_of_range",
        )
    if launched_on.year != year:
        raise invalid(
            "launched_on",
            _("The launch date must fall in the campaign year %(y)d.") % {"y": year},
            "launch_outside_year",
        )


@transaction.atomic
def participation_create(*, actor: User | None, **data: Any) -> Participation:
    """Enrol an enterprise for a year; its three reports are created with their due dates
    (the plan open at once, the other two waiting for the previous step)."""
    enterprise, year = data["enterprise"], data["year"]
    check_visible(enterprise, actor, "enterprise")
    _check_launch(year=year, launched_on=data["launched_on"])
    if Participation.objects.filter(enterprise=enterprise, year=year).exists():
        raise invalid(
            "year",
            _("“%(e)s” already takes part in %(y)d.") % {"e": enterprise, "y": year},
            "duplicate",
        )
    participation = save_new(
        Participation(**{k: v for k, v in data.items() if k in PARTICIPATION_FIELDS}), actor
    )
    dues = due_dates(year=year, launched_on=participation.launched_on)
    CycleReport.objects.bulk_create(
        CycleReport(
            participation=participation,
            stage=stage,
            due_on=dues[stage],
            status=ReportStatus.OPEN if stage == Stage.PLAN else ReportStatus.WAITING,
            created_by=creator(actor),
        )
        for stage in STAGE_ORDER
    )
    return participation


@transaction.atomic
def participation_update(
    *, actor: User | None, participation: Participation, **data: Any
) -> Participation:
    """Change the launch date (the plan's due date follows) or the note; the enterprise
    and the year stay."""
    check_visible(participation, actor)
    for key in ("enterprise", "year"):
        if key in data and data[key] != getattr(participation, key):
            raise invalid(key, _("Enrol the other enterprise or year separately."), "fixed")
    launched_on = data.get("launched_on", participation.launched_on)
    _check_launch(year=participation.year, launched_on=launched_on)
    obj, changed = model_update(instance=participation, fields=("launched_on", "note"), data=data)
    if "launched_on" in changed:
        due = due_dates(year=obj.year, launched_on=obj.launched_on)[Stage.PLAN]
        plan = obj.reports.get(stage=Stage.PLAN)
        model_update(instance=plan, fields=("due_on",), data={"due_on": due})
    check_visible(obj, actor)
    return obj


@transaction.atomic
def participation_delete(*, actor: User | None, participation: Participation) -> None:
    """Withdraw an enrolment made by mistake: only while nothing has been submitted."""
    check_visible(participation, actor)
    if participation.reports.exclude(submitted_on=None).exists():
        raise invalid(
            None,
            _("Reports of this year have already been submitted; it cannot be withdrawn."),
            "has_submissions",
        )
    # Unsubmitted stage reports are drafts of this enrolment; submitted ones (history) are
    # PROTECT and refused above.
    participation.reports.filter(submitted_on=None).delete()
    participation.delete()


def _previous(report: CycleReport) -> CycleReport | None:
    index = STAGE_ORDER.index(report.stage)
    if index == 0:
        return None
    return report.participation.reports.get(stage=STAGE_ORDER[index - 1])


@transaction.atomic
def cyclereport_submit(
    *, actor: User | None, cyclereport: CycleReport, submitted_on: dt.date, content: str
) -> CycleReport:
    """Record the enterprise's report for this step (or its revision after a return)."""
    check_visible(cyclereport, actor)
    report = CycleReport.objects.select_for_update().get(pk=cyclereport.pk)
    previous = _previous(report)
    if report.status == ReportStatus.WAITING:
        raise invalid(
            None,
            _("“%(prev)s” has not been approved yet, so “%(this)s” cannot be submitted.")
            % {"prev": previous.get_stage_display(), "this": report.get_stage_display()},
            "previous_step_not_approved",
        )
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
        raise invalid(
            None,
            _("“%(this)s” has already been submitted.") % {"this": report.get_stage_display()},
            "already_submitted",
        )
    not_in_future("submitted_on", submitted_on, _("The submission date"))
    floor = previous.reviewed_on if previous is not None else report.participation.launched_on
    if floor and submitted_on < floor:
        raise invalid(
            "submitted_on",
            _("The submission date cannot be before %(d)s (%(what)s).")
            % {
                "d": floor,
                "what": _("the previous step was approved")
                if previous is not None
                else _("the campaign was launched"),
            },
            "before_previous_step",
        )
    if not content.strip():
        raise invalid("content", _("Describe what was done or planned."), "required")
    report, _changed = model_update(
        instance=report,
        fields=("submitted_on", "content", "status"),
        data={"submitted_on": submitted_on, "content": content, "status": ReportStatus.SUBMITTED},
    )
    check_visible(report, actor)
    return report


@transaction.atomic
def cyclereport_review(
    *,
    actor: User | None,
    cyclereport: CycleReport,
    decision: str,
    comment: str = "",
    reviewed_on: dt.date | None = None,
) -> CycleReport:
    """Approve the report (the next step opens) or return it for revision (with a reason)."""
    check_visible(cyclereport, actor)
    report = CycleReport.objects.select_for_update().get(pk=cyclereport.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise invalid(
            None,
            _("Only a submitted report can be reviewed; “%(this)s” is %(status)s.")
            % {"this": report.get_stage_display(), "status": report.get_status_display()},
            "not_submitted",
        )
    reviewed_on = reviewed_on or timezone.localdate()
    not_in_future("reviewed_on", reviewed_on, _("The review date"))
    if reviewed_on < report.submitted_on:
        raise invalid(
            "reviewed_on",
            _("The review cannot be before the submission (%(d)s).") % {"d": report.submitted_on},
            "before_submission",
        )
    if decision == ReviewDecision.RETURN and not comment.strip():
        raise invalid("comment", _("Say what must be revised."), "reason_required")
    if decision not in ReviewDecision.values:
        raise invalid("decision", _("Choose approve or return."), "invalid_choice")
    status = ReportStatus.APPROVED if decision == ReviewDecision.APPROVE else ReportStatus.RETURNED
    report, _changed = model_update(
        instance=report,
        fields=("status", "reviewed_on", "reviewed_by", "review_comment"),
        data={
            "status": status,
            "reviewed_on": reviewed_on,
            "reviewed_by": creator(actor),
            "review_comment": comment,
        },
    )
    if status == ReportStatus.APPROVED:
        index = STAGE_ORDER.index(report.stage)
        if index + 1 < len(STAGE_ORDER):
            following = report.participation.reports.get(stage=STAGE_ORDER[index + 1])
            if following.status == ReportStatus.WAITING:
                model_update(
                    instance=following, fields=("status",), data={"status": ReportStatus.OPEN}
                )
    check_visible(report, actor)
    return report
