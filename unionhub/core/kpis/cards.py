"""Home-page cards made of KPIs: a module's ``dashboard.py`` returns
``kpi_cards(user, ["establishment.enterprises", ...])`` and each card shows the figure of the
user's own area and links to the records behind it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.core.kpis import selectors

_REGION_ATTR = "_kpis_own_region"


def own_region(user: Any):
    """The user's own area, resolved once per request (cached on the user object)."""
    if not hasattr(user, _REGION_ATTR):
        setattr(user, _REGION_ATTR, selectors.kpi_region(user=user))
    return getattr(user, _REGION_ATTR)


def kpi_cards(
    user: Any, codes: Iterable[str], *, icons: dict[str, str] | None = None
) -> list[Card]:
    """One card per KPI of ``codes`` the user may see (one aggregate query per model)."""
    codes = list(codes)
    if not getattr(user, "is_authenticated", False) or not selectors.kpis_for(user, codes):
        return []
    year, as_of = selectors.kpi_period()
    values = selectors.kpi_values(
        user=user, region=own_region(user), year=year, as_of=as_of, codes=codes
    )
    cards = []
    for v in values:
        unit = "" if v.kpi.aggregation == "rate" else v.kpi.unit
        hint = f"{v.numerator:,} / {v.denominator:,}" if v.kpi.aggregation == "rate" else unit
        if v.target is not None:
            target = _("target %(value)s") % {"value": v.target_display()}
            hint = f"{hint} · {target}" if hint else target
        cards.append(Card(v.kpi.name, v.display(), v.url, hint, (icons or {}).get(v.code, "")))
    return cards
