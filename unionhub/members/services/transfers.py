"""Transfers of members between unions (会员转移): requested by one side, confirmed by the
other; the member moves only when both sides have confirmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.members.choices import MemberStatus, TransferStatus
from unionhub.members.models import Member, MemberTransfer
from unionhub.members.selectors import membertransfer_sides
from unionhub.members.services._common import (
    Errors,
    add_error,
    check_union,
    check_visible,
    ensure_visible,
    raise_errors,
)
from unionhub.org.models import OrgUnit

if TYPE_CHECKING:
    from unionhub.accounts.models import User

__all__ = ["membertransfer_confirm", "membertransfer_reject", "membertransfer_request"]


def _closed() -> ValidationError:
    return ValidationError(_("This transfer has already been closed."), code="closed")


@transaction.atomic
def membertransfer_request(
    *, actor: User, member: Member, to_union: OrgUnit | None, reason: str = ""
) -> MemberTransfer:
    """Start a transfer of a member the actor sees; the side the requester works for
    confirms at once. The destination may be any union of the city."""
    errors: Errors = {}
    check_visible(errors, "member", member, actor, _("The member is outside your data scope."))
    if member.status != MemberStatus.ACTIVE:
        add_error(errors, "member", _("Only active members can be transferred."), "not_active")
    check_union(errors, to_union, field="to_union")
    if to_union is not None and to_union.pk == member.union_id:
        add_error(errors, "to_union", _("The member already belongs to this union."), "same_union")
    if MemberTransfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        add_error(
            errors,
            "member",
            _("A transfer of this member is already waiting for confirmation."),
            "pending_transfer",
        )
    raise_errors(errors)
    transfer = MemberTransfer(
        member=member,
        from_union=member.union,
        to_union=to_union,
        reason=(reason or "").strip()[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    from_side, to_side = membertransfer_sides(user=actor, transfer=transfer)
    now = timezone.now()
    if from_side:
        transfer.from_confirmed_at, transfer.from_confirmed_by = now, actor
    elif to_side:
        transfer.to_confirmed_at, transfer.to_confirmed_by = now, actor
    else:
        raise ValidationError(
            _("You can only transfer members from or to a union in your scope."),
            code="out_of_scope",
        )
    transfer.save()
    ensure_visible(transfer, actor)
    return transfer


@transaction.atomic
def membertransfer_confirm(*, actor: User, transfer: MemberTransfer) -> MemberTransfer:
    """Confirm the side the actor works for; when both have confirmed, the member moves."""
    ensure_visible(transfer, actor)
    transfer = (
        MemberTransfer.objects.select_for_update()
        .select_related("from_union", "to_union", "member")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.PENDING:
        raise _closed()
    from_side, to_side = membertransfer_sides(user=actor, transfer=transfer)
    now = timezone.now()
    if from_side and transfer.from_confirmed_at is None:
        transfer.from_confirmed_at, transfer.from_confirmed_by = now, actor
    elif to_side and transfer.to_confirmed_at is None:
        transfer.to_confirmed_at, transfer.to_confirmed_by = now, actor
    else:
        raise ValidationError(
            _("Your side has already confirmed; the other union must confirm."),
            code="already_confirmed",
        )
    if transfer.from_confirmed_at and transfer.to_confirmed_at:
        transfer.status = TransferStatus.COMPLETED
        member = transfer.member
        if member.union_id != transfer.from_union_id or member.status != MemberStatus.ACTIVE:
            raise ValidationError(
                _("The member's union has changed since the request."), code="union_changed"
            )
        member.union = transfer.to_union
        member.save()
    transfer.save()
    ensure_visible(transfer, actor)
    return transfer


@transaction.atomic
def membertransfer_reject(*, actor: User, transfer: MemberTransfer, reason: str) -> MemberTransfer:
    """Close a pending transfer in the actor's scope without moving the member."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"decision_note": ValidationError(_("Give the reason."), code="required")}
        )
    ensure_visible(transfer, actor)
    transfer = MemberTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.PENDING:
        raise _closed()
    transfer.status = TransferStatus.REJECTED
    transfer.decision_note = reason[:300]
    transfer.save()
    ensure_visible(transfer, actor)
    return transfer
