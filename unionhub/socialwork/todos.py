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


def _own_missing(user):
    """The signed-in social worker's own archive while last month's record is missing."""
    from unionhub.socialwork.models import MonthlyRecord
    from unionhub.socialwork.services import own_archive

    worker = own_archive(user)
    month = selectors.previous_month(timezone.localdate())
    if worker is None or MonthlyRecord.objects.filter(worker=worker, month=month).exists():
        return SocialWorker.objects.none()
    if any(m.month == month for m in selectors.missing_months(worker)):
        return SocialWorker.objects.filter(pk=worker.pk)
    return SocialWorker.objects.none()


def _own_item(worker: SocialWorker) -> Item:
    month = selectors.previous_month(timezone.localdate())
    return Item(
        title=_("My monthly work record of %(month)s")
        % {"month": f"{month.year}年{month.month}月"},
        due=selectors.monthly_record_due(month),
        url=reverse("socialwork:mine"),
        detail=worker.union.short_name or worker.union.name,
    )


PROVIDERS = [
    TodoProvider(
        kind="socialwork.own_monthly_record_due",
        title=gettext_lazy("My monthly work record to write"),
        permission="socialwork.keep_own_archive",
        queryset=_own_missing,
        item=_own_item,
        list_url="socialwork:mine",
    ),
    TodoProvider(
        kind="socialwork.monthly_record_due",
        title=gettext_lazy("Social workers' monthly records to write"),
        permission="socialwork.add_monthlyrecord",
        queryset=lambda user: selectors.workers_missing_last_month(user=user),
        item=_item,
        list_url="socialwork:socialworker_list",
    ),
]
