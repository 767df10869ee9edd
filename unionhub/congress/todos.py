"""To-do of the congress module: proposals accepted for handling whose reply is pending (due
30 days after acceptance, the deadline service), and new proposals awaiting a decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.congress.choices import ProposalStatus
from unionhub.congress.models import Proposal
from unionhub.core.todo.registry import Item, TodoProvider


def _replies(user):
    return (
        Proposal.objects.visible_to(user)
        .filter(status=ProposalStatus.ACCEPTED)
        .select_related("congress__enterprise")
        .order_by("due_on", "pk")
    )


def _reply_item(proposal: Proposal) -> Item:
    return Item(
        title=f"{proposal.title} · {proposal.congress.enterprise.name}",
        due=proposal.due_on,
        url=reverse("congress:proposal", args=[proposal.pk]),
        detail=_("handled by %(unit)s") % {"unit": proposal.handling_unit},
    )


def _decisions(user):
    return (
        Proposal.objects.visible_to(user)
        .filter(status=ProposalStatus.SUBMITTED)
        .select_related("congress__enterprise")
        .order_by("created_at", "pk")
    )


def _decision_item(proposal: Proposal) -> Item:
    return Item(
        title=f"{proposal.title} · {proposal.congress.enterprise.name}",
        due=None,
        url=reverse("congress:proposal", args=[proposal.pk]),
        detail=_("proposed by %(who)s") % {"who": proposal.proposer},
    )


PROVIDERS = [
    TodoProvider(
        kind="congress.proposal_reply",
        title=gettext_lazy("Congress proposals awaiting a reply"),
        permission="congress.change_proposal",
        queryset=_replies,
        item=_reply_item,
        list_url="congress:proposal_list",
    ),
    TodoProvider(
        kind="congress.proposal_decision",
        title=gettext_lazy("Congress proposals to accept or decline"),
        permission="congress.change_proposal",
        queryset=_decisions,
        item=_decision_item,
        list_url="congress:proposal_list",
    ),
]
