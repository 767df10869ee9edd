"""Redemption of points for rewards (积分兑换): stock, per-person limit and balance checked
under row locks (reward, then account), so concurrent orders never oversell or overdraw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.points.choices import EntryKind, RedemptionStatus
from unionhub.points.models import PointsAccount, Redemption, Reward
from unionhub.points.services._common import invalid, require_perm, require_visible, user_or_none
from unionhub.points.services.ledger import entry_key, lock_account, post

if TYPE_CHECKING:
    from unionhub.accounts.models import User

HANDLE_PERMISSION = "points.change_redemption"


@transaction.atomic
def redemption_create(
    *, actor: User | None, account: PointsAccount, reward: Reward, quantity: int
) -> Redemption:
    """Redeem ``quantity`` of ``reward`` from ``account``: the order, the stock and a
    redemption entry together."""
    require_perm(actor, "points.add_redemption")
    require_visible(account, actor)
    if quantity is None or quantity < 1:
        raise invalid("quantity", _("The quantity must be at least 1."), "quantity_min")
    locked_reward = Reward.objects.select_for_update().get(pk=reward.pk)
    locked = lock_account(account.pk)
    if locked_reward.programme_id != locked.programme_id or not locked_reward.is_active:
        raise invalid(
            "reward", _("This reward is not available in your programme."), "reward_unavailable"
        )
    if locked_reward.stock < quantity:
        raise invalid("quantity", _("Insufficient stock"), "insufficient_stock")
    if locked_reward.per_person_limit:
        taken = (
            Redemption.objects.filter(account=locked, reward=locked_reward)
            .exclude(status=RedemptionStatus.CANCELLED)
            .aggregate(n=Sum("quantity"))["n"]
            or 0
        )
        if taken + quantity > locked_reward.per_person_limit:
            raise invalid(
                "quantity", _("Exceeds the redemption limit per person"), "limit_exceeded"
            )
    cost = locked_reward.cost * quantity
    if locked.balance < cost:
        raise invalid("quantity", _("Insufficient points"), "insufficient_points")
    order = Redemption.objects.create(
        account=locked,
        reward=locked_reward,
        quantity=quantity,
        points=cost,
        created_by=user_or_none(actor),
    )
    Reward.objects.filter(pk=locked_reward.pk).update(stock=F("stock") - quantity)
    post(
        account=locked,
        kind=EntryKind.REDEMPTION,
        points=-cost,
        reason=_("Redeemed %(reward)s ×%(n)d") % {"reward": locked_reward.name, "n": quantity},
        key=entry_key("redemption", order.pk, locked.pk),
        actor=actor,
        ref=order,
    )
    require_visible(order, actor)
    return order


def _not_pending(message: str):
    return invalid("status", message, "not_pending")


@transaction.atomic
def redemption_fulfil(*, actor: User | None, order: Redemption, note: str = "") -> Redemption:
    """Hand the reward over (staff)."""
    require_perm(actor, HANDLE_PERMISSION)
    require_visible(order, actor)
    order = Redemption.objects.select_for_update().get(pk=order.pk)
    if order.status != RedemptionStatus.PENDING:
        raise _not_pending(_("Only a pending order can be fulfilled."))
    order.status = RedemptionStatus.FULFILLED
    order.handled_by = user_or_none(actor)
    order.handled_at = timezone.now()
    order.note = note[:200]
    order.save()
    require_visible(order, actor)
    return order


@transaction.atomic
def redemption_cancel(*, actor: User | None, order: Redemption, note: str = "") -> Redemption:
    """Cancel a pending order (staff, or the employee who ordered): the stock goes back and
    the points are refunded by an entry."""
    require_visible(order, actor)
    order = Redemption.objects.select_related("account").get(pk=order.pk)
    if actor is not None and order.account.user_id != actor.pk:
        require_perm(actor, HANDLE_PERMISSION)
    Reward.objects.select_for_update().get(pk=order.reward_id)  # lock order: reward first
    locked = lock_account(order.account_id)
    order = Redemption.objects.select_for_update().get(pk=order.pk)
    if order.status != RedemptionStatus.PENDING:
        raise _not_pending(_("Only a pending order can be cancelled."))
    Reward.objects.filter(pk=order.reward_id).update(stock=F("stock") + order.quantity)
    post(
        account=locked,
        kind=EntryKind.REFUND,
        points=order.points,
        reason=_("Redemption cancelled: %(reward)s ×%(n)d")
        % {"reward": order.reward.name, "n": order.quantity},
        key=entry_key("refund", order.pk, locked.pk),
        actor=actor,
        ref=order,
    )
    order.status = RedemptionStatus.CANCELLED
    order.handled_by = user_or_none(actor)
    order.handled_at = timezone.now()
    order.note = note[:200]
    order.save()
    require_visible(order, actor)
    return order
