"""To-do items of the registry: nominations whose public notice has ended and that wait for
the award (or withdrawal)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.people.choices import NominationStatus
from unionhub.people.models import Nomination


def _notice_ended(user):
    return (
        Nomination.objects.visible_to(user)
        .filter(status=NominationStatus.IN_NOTICE, notice_to__lt=timezone.localdate())
        .order_by("notice_to", "pk")
    )


def _item(nomination: Nomination) -> Item:
    return Item(
        title=f"{nomination.name} · {nomination.title}",
        due=nomination.notice_to,
        url=reverse("people:nomination_award", args=[nomination.pk]),
        detail=_("public notice ended %(date)s") % {"date": nomination.notice_to.isoformat()},
    )


PROVIDERS = [
    TodoProvider(
        kind="people.nomination_award",
        title=gettext_lazy("Nominations to award"),
        permission="people.change_nomination",
        queryset=_notice_ended,
        item=_item,
        list_url="people:nomination_list",
    ),
]
