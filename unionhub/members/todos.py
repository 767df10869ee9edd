"""To-do items of the members module: join applications awaiting review (15-day limit) and
transfers waiting for the user's side to confirm."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.pii import mask_name
from unionhub.core.scope import ScopeSpec, scope_for
from unionhub.core.todo.dates import period_end
from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.members.choices import ApplicationStatus, TransferStatus
from unionhub.members.models import JoinApplication, MemberTransfer

#: Days a transfer may wait for the other side's confirmation [D] (no rule; the same
#: fortnight as a join application).
TRANSFER_CONFIRM_DAYS = 15

FROM_SIDE = ScopeSpec(
    org_path="from_union__path", region_path="from_union__region__path", owner=None
)
TO_SIDE = ScopeSpec(org_path="to_union__path", region_path="to_union__region__path", owner=None)


def _applications(user):
    return (
        JoinApplication.objects.visible_to(user)
        .filter(status=ApplicationStatus.PENDING)
        .select_related("union")
        .order_by("created_at", "pk")
    )


def _application_item(app: JoinApplication) -> Item:
    # The module's own rule (members.models.REVIEW_DEADLINE_DAYS, submission day not counted).
    return Item(
        title=_("Join application %(code)s (%(name)s)")
        % {"code": app.code, "name": mask_name(app.name)},
        due=app.due_on(),
        url=reverse("members:joinapplication", args=[app.pk]),
        detail=_("%(union)s · waiting %(days)d days")
        % {"union": app.union.short_name or app.union.name, "days": app.days_waiting()},
    )


def _side(q):
    return Q() if q is None else q


def _transfers(user):
    """Pending transfers whose side within the user's scope has not confirmed yet."""
    scope = scope_for(user)
    mine = (Q(from_confirmed_at=None) & _side(scope.q_for(FROM_SIDE))) | (
        Q(to_confirmed_at=None) & _side(scope.q_for(TO_SIDE))
    )
    return (
        MemberTransfer.objects.visible_to(user)
        .filter(status=TransferStatus.PENDING)
        .filter(mine)
        .select_related("member", "from_union", "to_union")
        .order_by("created_at", "pk")
    )


def _transfer_item(t: MemberTransfer) -> Item:
    return Item(
        title=_("Transfer of %(name)s: %(from)s → %(to)s")
        % {
            "name": mask_name(t.member.name),
            "from": t.from_union.short_name or t.from_union.name,
            "to": t.to_union.short_name or t.to_union.name,
        },
        due=period_end(timezone.localdate(t.created_at), TRANSFER_CONFIRM_DAYS),
        url=reverse("members:membertransfer", args=[t.pk]),
    )


PROVIDERS = [
    TodoProvider(
        kind="members.joinapplication_review",
        title=gettext_lazy("Join applications to review"),
        permission="members.review_joinapplication",
        queryset=_applications,
        item=_application_item,
        list_url="members:joinapplication_list",
    ),
    TodoProvider(
        kind="members.transfer_confirm",
        title=gettext_lazy("Member transfers to confirm"),
        permission="members.change_membertransfer",
        queryset=_transfers,
        item=_transfer_item,
        list_url="members:membertransfer_list",
    ),
]
