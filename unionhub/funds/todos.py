"""To-do of the funds module: refund batches waiting for approval (not for the person who
submitted them) and approved batches waiting to be paid."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.funds.choices import BatchStatus
from unionhub.funds.models import RefundBatch


def _to_approve(user):
    return (
        RefundBatch.objects.visible_to(user)
        .filter(status=BatchStatus.SUBMITTED)
        .exclude(submitted_by=user)
        .order_by("updated_at", "pk")
    )


def _to_pay(user):
    return (
        RefundBatch.objects.visible_to(user)
        .filter(status=BatchStatus.APPROVED)
        .order_by("approved_on", "pk")
    )


def _item(batch: RefundBatch) -> Item:
    return Item(
        title=batch.title,
        due=None,
        url=reverse("funds:refundbatch", args=[batch.pk]),
        detail=_("%(total)s yuan") % {"total": batch.total},
    )


PROVIDERS = [
    TodoProvider(
        kind="funds.batch_approval",
        title=gettext_lazy("Refund batches to approve"),
        permission="funds.approve_refundbatch",
        queryset=_to_approve,
        item=_item,
        list_url="funds:refundbatch_list",
    ),
    TodoProvider(
        kind="funds.batch_payment",
        title=gettext_lazy("Approved refund batches to pay"),
        permission="funds.change_refundbatch",
        queryset=_to_pay,
        item=_item,
        list_url="funds:refundbatch_list",
    ),
]
