"""Dashboard cards of the points system: its KPIs (``points/kpis.py``), the review queue
and the user's own balance."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.core.kpis.cards import kpi_cards

CARD_KPIS = ["points.participants_year", "points.suggestion_benefit_year"]


def cards(user: Any) -> list[Card]:
    from unionhub.points import selectors

    # The figures are for those who run a programme (a worker sees their own balance).
    result: list[Card] = []
    if user.has_perm("points.view_programme"):
        result = kpi_cards(user, CARD_KPIS)
    if user.has_perm("points.review_submission"):
        pending = selectors.submission_queue(user=user).count()
        result.append(Card(_("Submissions to review"), pending, reverse("points:review_queue")))
    account = selectors.account_for_user(user=user)
    if account is not None:
        result.append(Card(_("My points"), account.balance, reverse("points:mobile")))
    return result
