"""To-do of the social-worker archives: last month's work record not yet written, due by
the deadline kind ``socialwork_monthly_record`` (overdue after it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.socialwork import selectors
from unionhub.socialwork.models import SocialWorker


def _item(worker: SocialWorker) -> Item:
    month = selectors.previous_month(timezone.localdate())
    return Item(
        title=_("%(name)s · monthly work record of %(month)s")
        % {"name": worker.name, "month": f"{month.year}年{month.month}月"},
        due=selectors.monthly_record_due(month),
        url=reverse("socialwork:socialworker", args=[worker.pk]),
        detail=worker.union.short_name or worker.union.name,
    )


PROVIDERS = [
    TodoProvider(
        kind="socialwork.monthly_record_due",
        title=gettext_lazy("Social workers' monthly records to write"),
        permission="socialwork.add_monthlyrecord",
        queryset=lambda user: selectors.workers_missing_last_month(user=user),
        item=_item,
        list_url="socialwork:socialworker_list",
    ),
]
