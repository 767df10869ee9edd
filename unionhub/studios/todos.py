"""To-do items of the studios: re-evaluations due within the look-ahead window, or overdue."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.studios.models import Studio

#: how far ahead a coming re-evaluation appears in the to-do list [D]: a quarter leaves time
#: to prepare the materials
LOOK_AHEAD_DAYS = 90


def _due_studios(user):
    horizon = timezone.localdate() + dt.timedelta(days=LOOK_AHEAD_DAYS)
    return (
        Studio.objects.visible_to(user)
        .filter(is_active=True, reevaluation_due__lte=horizon)
        .select_related("host_enterprise")
        .order_by("reevaluation_due", "pk")
    )


def _studio_item(studio: Studio) -> Item:
    return Item(
        title=studio.name,
        due=studio.reevaluation_due,
        url=reverse("studios:studio_reevaluate", args=[studio.pk]),
        detail=_("%(enterprise)s · %(level)s · named %(named)s")
        % {
            "enterprise": studio.host_enterprise.name,
            "level": studio.get_level_display(),
            "named": studio.named_on.isoformat(),
        },
    )


PROVIDERS = [
    TodoProvider(
        kind="studios.reevaluation_due",
        title=gettext_lazy("Studio re-evaluations due"),
        permission="studios.change_studio",
        queryset=_due_studios,
        item=_studio_item,
        list_url="studios:studio_list",
    ),
]
