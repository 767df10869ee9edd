"""Home-page cards of the establishment campaign, from scoped selectors."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.enterprises import selectors


def enterprise_cards(user: Any) -> list[Card]:
    if not user.has_perm("enterprises.view_enterprise"):
        return []
    kpis = selectors.enterprise_kpis(user=user)
    if not kpis["total"]:
        return []
    list_url = reverse("enterprises:enterprise_list")
    coverage = f"{kpis['coverage']}%" if kpis["coverage"] is not None else "—"
    return [
        Card(_("Enterprises"), kpis["total"], list_url),
        Card(_("With union"), kpis["with_union"], f"{list_url}?has_union=true"),
        Card(
            _("Coverage of enterprises with 25+ employees"),
            coverage,
            f"{list_url}?employees_min=25&operating_status=operating",
            f"{kpis['big_with_union']} / {kpis['big']}",
        ),
        Card(_("Open targets"), kpis["targets"], reverse("enterprises:target_list")),
        Card(
            _("Re-election due within 90 days"),
            selectors.unions_due(user=user, days=89).filter(term_end__gte=today()).count(),
            reverse("enterprises:enterpriseunion_list") + "?term_state=due_soon",
        ),
    ]


def today():
    from django.utils import timezone

    return timezone.localdate()
