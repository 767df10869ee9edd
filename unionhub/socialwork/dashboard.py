"""Dashboard cards of the social-worker archives: their KPIs (``kpis.py``)."""

from __future__ import annotations

from typing import Any

from unionhub.core.dashboard import Card
from unionhub.core.kpis.cards import kpi_cards

CARD_KPIS = ["socialwork.archives", "socialwork.monthly_records"]


def cards(user: Any) -> list[Card]:
    if not user.has_perm("socialwork.view_socialworker"):
        return []
    return kpi_cards(user, CARD_KPIS)
