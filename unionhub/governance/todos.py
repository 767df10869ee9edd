"""To-do items of the governance module: open warnings their owner must respond to (by the
level's due date), and mass-layoff consultations still to hold (by the 30-day notice date)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.governance.models import LayoffPlan, MeetingTask, RiskWarning


def _warnings(user):
    return (
        RiskWarning.objects.visible_to(user)
        .filter(status="open", owner=user)
        .select_related("enterprise", "level")
        .order_by("response_due", "pk")
    )


def _warning_item(w: RiskWarning) -> Item:
    return Item(
        title=f"{w.level.name} · {w.enterprise}",
        due=w.response_due,
        url=reverse("governance:riskwarning", args=[w.pk]),
        detail=w.level.response_text,
        escalation=w.escalations,
    )


def _layoffs(user):
    return (
        LayoffPlan.objects.visible_to(user)
        .filter(is_mass=True, consulted_on__isnull=True)
        .select_related("enterprise")
        .order_by("earliest_effective_on", "pk")
    )


def _layoff_item(plan: LayoffPlan) -> Item:
    return Item(
        title=_("Consult on the layoff of %(count)d at %(enterprise)s")
        % {"count": plan.planned_count, "enterprise": plan.enterprise},
        due=plan.earliest_effective_on,
        url=reverse("governance:layoffplan", args=[plan.pk]),
        detail=_("union told on %(day)s") % {"day": plan.notified_on},
    )


def _meeting_tasks(user):
    return (
        MeetingTask.objects.visible_to(user)
        .filter(owner=user, done_on__isnull=True)
        .select_related("meeting__convener")
        .order_by("due_on", "pk")
    )


def _meeting_task_item(task: MeetingTask) -> Item:
    return Item(
        title=task.title,
        due=task.due_on,
        url=reverse("governance:jointmeeting", args=[task.meeting_id]),
        detail=_("joint meeting of %(day)s") % {"day": task.meeting.held_on},
    )


PROVIDERS = [
    TodoProvider(
        kind="governance.warning_respond",
        title=gettext_lazy("Labour-relations warnings to respond to"),
        permission="governance.change_riskwarning",
        queryset=_warnings,
        item=_warning_item,
        list_url="governance:board",
    ),
    TodoProvider(
        kind="governance.layoff_consult",
        title=gettext_lazy("Mass-layoff consultations"),
        permission="governance.change_layoffplan",
        queryset=_layoffs,
        item=_layoff_item,
        list_url="governance:layoffplan_list",
    ),
    TodoProvider(
        kind="governance.meeting_task",
        title=gettext_lazy("Joint-meeting follow-up tasks"),
        permission="governance.view_jointmeeting",
        queryset=_meeting_tasks,
        item=_meeting_task_item,
        list_url="governance:jointmeeting_list",
    ),
]
