"""Home-page cards of the establishment campaign: its KPIs (``enterprises/kpis.py``), each
linking to the records behind it, and the re-election work queue."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.core.kpis.cards import kpi_cards
from unionhub.enterprises import selectors

CARD_KPIS = [
    "establishment.enterprises",
    "establishment.built",
    "establishment.coverage_25plus",
    "establishment.targets",
]


def enterprise_cards(user: Any) -> list[Card]:
    if not user.has_perm("enterprises.view_enterprise"):
        return []
    cards = kpi_cards(user, CARD_KPIS)
    if not cards or cards[0].value == "0":
        return []
    cards.append(
        Card(
            _("Re-election due within 90 days"),
            selectors.unions_due(user=user, days=89).filter(term_end__gte=today()).count(),
            reverse("enterprises:enterpriseunion_list") + "?term_state=due_soon",
        )
    )
    return cards


def today():
    return timezone.localdate()
