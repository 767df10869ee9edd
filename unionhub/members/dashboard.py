"""Home-page cards of the members module: its KPIs (``members/kpis.py``) and the queue of
applications to join."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.core.kpis.cards import kpi_cards
from unionhub.members.models import JoinApplication
from unionhub.members.selectors import joinapplication_overdue_count

CARD_KPIS = ["members.active", "members.new_employment", "members.new_employment_join_rate"]


def member_cards(user: Any) -> list[Card]:
    if not user.has_perm("members.view_member"):
        return []
    cards = kpi_cards(user, CARD_KPIS)
    if user.has_perm("members.view_joinapplication"):
        overdue = joinapplication_overdue_count(user=user, today=timezone.localdate())
        pending = JoinApplication.objects.visible_to(user).filter(status="pending").count()
        cards.append(
            Card(
                _("Applications waiting"),
                pending,
                reverse("members:joinapplication_list") + "?status=pending",
                _("%(n)d overdue") % {"n": overdue} if overdue else "",
            )
        )
    return cards
