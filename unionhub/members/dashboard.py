"""Home-page cards of the members module (scoped)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.members import selectors


def member_cards(user: Any) -> list[Card]:
    if not user.has_perm("members.view_member"):
        return []
    totals = selectors.member_kpi_totals(user=user)
    list_url = reverse("members:member_list")
    cards = [
        Card(
            _("Active members"),
            totals["total"],
            f"{list_url}?status=active",
            _("Membership statistics"),
        ),
        Card(
            _("New-employment-form members"),
            totals["new_employment"],
            f"{list_url}?status=active&is_new_employment=true",
        ),
    ]
    if user.has_perm("members.view_joinapplication"):
        hint = (
            _("%(n)d overdue") % {"n": totals["overdue_applications"]}
            if totals["overdue_applications"]
            else ""
        )
        cards.append(
            Card(
                _("Applications waiting"),
                totals["pending_applications"],
                reverse("members:joinapplication_list") + "?status=pending",
                hint,
            )
        )
    return cards
