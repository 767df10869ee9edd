"""Deadline kinds of the innovation studios (computed by the one deadline service)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.kinds import DeadlineKind

#: Studios are re-evaluated periodically (domain.md §12, [M]: the cycle is not confirmed).
#: The cycle is a setting so the product owner can change it without code.
REEVALUATION_YEARS = int(getattr(settings, "STUDIOS_REEVALUATION_YEARS", 3))

KINDS = [
    DeadlineKind(
        code="studio_reevaluation",
        name=_("Re-evaluation of an innovation studio"),
        event=_("the studio was named or last re-evaluated"),
        rule=_("D + %(years)s years: the studio is re-evaluated once every cycle")
        % {"years": REEVALUATION_YEARS},
        basis=_("Jiangsu practice for model-worker innovation studios (to be confirmed)"),
        years=REEVALUATION_YEARS,
    ),
]
