"""To-do items of the points system: submissions and appeals to review, redemptions to hand
over. Scoped through ``visible_to``; a reviewer never gets their own claim (they may not
review it) nor an appeal against their own rejection (another reviewer decides it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.dates import period_end
from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.points.choices import AppealStatus, RedemptionStatus, SubmissionStatus
from unionhub.points.models import Appeal, Redemption, Submission

#: Days a submission or an appeal may wait for review, and an order for hand-over [D]: the
#: programme rules set no period; a week keeps the points "timely" (及时兑现).
REVIEW_DAYS = 7
HANDOVER_DAYS = 7


def _since(created) -> str:
    return _("submitted %(when)s") % {"when": timezone.localtime(created).strftime("%m-%d %H:%M")}


def _submissions(user):
    return (
        Submission.objects.visible_to(user)
        .filter(status=SubmissionStatus.PENDING)
        .exclude(account__user=user)
        .select_related("account__user", "item")
        .order_by("created_at", "pk")
    )


def _submission_item(sub: Submission) -> Item:
    return Item(
        title=f"{sub.item.name} · {sub.account}",
        due=period_end(timezone.localdate(sub.created_at), REVIEW_DAYS),
        url=reverse("points:submission", args=[sub.pk]),
        detail=_since(sub.created_at),
    )


def _appeals(user):
    return (
        Appeal.objects.visible_to(user)
        .filter(status=AppealStatus.PENDING)
        .exclude(submission__account__user=user)
        .exclude(submission__reviewed_by=user)
        .select_related("submission__account__user", "submission__item")
        .order_by("created_at", "pk")
    )


def _appeal_item(appeal: Appeal) -> Item:
    sub = appeal.submission
    return Item(
        title=f"{sub.item.name} · {sub.account}",
        due=period_end(timezone.localdate(appeal.created_at), REVIEW_DAYS),
        url=reverse("points:submission", args=[sub.pk]),
        detail=_since(appeal.created_at),
    )


def _redemptions(user):
    return (
        Redemption.objects.visible_to(user)
        .filter(status=RedemptionStatus.PENDING)
        .exclude(account__user=user)
        .select_related("account__user", "reward")
        .order_by("created_at", "pk")
    )


def _redemption_item(order: Redemption) -> Item:
    return Item(
        title=f"{order.reward.name} ×{order.quantity} · {order.account}",
        due=period_end(timezone.localdate(order.created_at), HANDOVER_DAYS),
        url=reverse("points:redemption", args=[order.pk]),
        detail=_("ordered %(when)s")
        % {"when": timezone.localtime(order.created_at).strftime("%m-%d %H:%M")},
    )


PROVIDERS = [
    TodoProvider(
        kind="points.submission_review",
        title=gettext_lazy("Points submissions to review"),
        permission="points.review_submission",
        queryset=_submissions,
        item=_submission_item,
        list_url="points:review_queue",
    ),
    TodoProvider(
        kind="points.appeal_review",
        title=gettext_lazy("Points appeals to decide"),
        permission="points.review_submission",
        queryset=_appeals,
        item=_appeal_item,
        list_url="points:review_queue",
    ),
    TodoProvider(
        kind="points.redemption_handover",
        title=gettext_lazy("Redemptions to hand over"),
        permission="points.change_redemption",
        queryset=_redemptions,
        item=_redemption_item,
        list_url="points:redemption_list",
    ),
]
