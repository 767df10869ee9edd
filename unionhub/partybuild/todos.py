"""To-do items of 三创争两提升: reports an enterprise still owes (open or returned for
revision, by their due date) and submitted reports waiting for the union's review."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.dates import period_end
from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.partybuild.choices import ReportStatus
from unionhub.partybuild.models import CycleReport

#: days a submitted report may wait for review [D]
REVIEW_DAYS = 7


def _owed(user):
    return (
        CycleReport.objects.visible_to(user)
        .filter(status__in=[ReportStatus.OPEN, ReportStatus.RETURNED])
        .select_related("participation__enterprise")
        .order_by("due_on", "pk")
    )


def _owed_item(report: CycleReport) -> Item:
    return Item(
        title=f"{report.participation.enterprise} · {report.participation.year} "
        f"{report.get_stage_display()}",
        due=report.due_on,
        url=reverse("partybuild:participation", args=[report.participation_id]),
        detail=report.get_status_display(),
    )


def _to_review(user):
    return (
        CycleReport.objects.visible_to(user)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("participation__enterprise")
        .order_by("submitted_on", "pk")
    )


def _review_item(report: CycleReport) -> Item:
    return Item(
        title=f"{report.participation.enterprise} · {report.participation.year} "
        f"{report.get_stage_display()}",
        due=period_end(report.submitted_on, REVIEW_DAYS),
        url=reverse("partybuild:cyclereport_review", args=[report.pk]),
        detail=_("submitted %(d)s") % {"d": report.submitted_on},
    )


PROVIDERS = [
    TodoProvider(
        kind="partybuild.report_due",
        title=gettext_lazy("三创争两提升 reports due"),
        permission="partybuild.change_cyclereport",
        queryset=_owed,
        item=_owed_item,
        list_url="partybuild:overview",
    ),
    TodoProvider(
        kind="partybuild.report_review",
        title=gettext_lazy("三创争两提升 reports to review"),
        permission="partybuild.review_cyclereport",
        queryset=_to_review,
        item=_review_item,
        list_url="partybuild:cyclereport_list",
    ),
]
