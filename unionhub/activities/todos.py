"""To-do items of the activity ledger: visits already held whose people visited are not yet
recorded (the visit's person-times — and the county's figures — stay 0 until they are)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.activities.choices import ActivityKind
from unionhub.activities.models import Activity
from unionhub.core.todo.dates import period_end
from unionhub.core.todo.registry import Item, TodoProvider

#: Days after a visit to record whom it reached [D]: a week, while the lists are at hand.
RECORD_TARGETS_DAYS = 7


def _visits_without_targets(user):
    return (
        Activity.objects.visible_to(user)
        .filter(kind=ActivityKind.VISIT, held_on__lte=timezone.localdate(), targets__isnull=True)
        .select_related("organiser")
        .order_by("held_on", "pk")
    )


def _visit_item(activity: Activity) -> Item:
    return Item(
        title=f"{activity.title} · {activity.organiser.short_name or activity.organiser.name}",
        due=period_end(activity.held_on, RECORD_TARGETS_DAYS),
        url=reverse("activities:activity", args=[activity.pk]),
        detail=_("held on %(day)s") % {"day": activity.held_on.isoformat()},
    )


PROVIDERS = [
    TodoProvider(
        kind="activities.visit_targets",
        title=gettext_lazy("Visits whose people visited are not recorded"),
        permission="activities.add_visittarget",
        queryset=_visits_without_targets,
        item=_visit_item,
        list_url="activities:activity_list",
    ),
]
