"""The KPI platform app: its menu entry and role grants (routes in ``routes.py``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import page_item

menu = [
    page_item(
        "kpis:kpi_list",
        _("Indicators"),
        icon="chart-line",
        permission="kpis.view_kpitarget",
        order=890,
    ),
]

role_grants = {
    "city_admin": ["kpis.*"],
    "county_admin": ["kpis.*"],
    "town_cadre": ["kpis.view_kpitarget", "kpis.view_kpisnapshot"],
}
