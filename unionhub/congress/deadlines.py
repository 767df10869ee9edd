"""The congress module's deadline kind (consumed by the core deadline service)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.kinds import DeadlineKind

#: [D] No national text sets a reply period for proposals (提案); 30 days is the common
#: practice of enterprise proposal rules (提案工作制度) and is shown to the product owner.
PROPOSAL_REPLY = "congress_proposal_reply"

KINDS = [
    DeadlineKind(
        code=PROPOSAL_REPLY,
        name=_("Reply to a congress proposal"),
        event=_("the proposal was accepted for handling"),
        rule=_("D + 30 days: the handling department replies within 30 days"),
        basis=_("Enterprise proposal rules (design decision, to be confirmed)"),
        days=30,
    ),
]
