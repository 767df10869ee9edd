"""The meeting page's first tally, rendered with the page (no request on load: the live
tally then only posts what the user types)."""

from django import template
from django.core.exceptions import ValidationError

from unionhub.core.votes import VoteOutcome, vote_outcome

register = template.Library()


@register.simple_tag
def initial_tally(session) -> VoteOutcome | None:
    """The §3.5 outcome of the session's attendance with no yes votes yet, or None when the
    recorded numbers cannot describe a vote (no representatives)."""
    try:
        return vote_outcome(total=session.total_reps, present=session.present, yes=0)
    except ValidationError:
        return None
