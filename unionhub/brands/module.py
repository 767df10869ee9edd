"""The "一县一品" brand registry: what the module adds to the platform."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from unionhub.brands import views
from unionhub.brands.api import views as api
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page

menu = [
    model_item("brands.brand", _("County brands"), icon="flag", order=1000),
    page_item(
        "brands:report",
        _("Annual brand report"),
        icon="file-text",
        permission="brands.view_brand",
        order=1001,
    ),
]

# The county keeps its brand; only the city federation reviews and publishes.
role_grants = {
    "city_admin": ["brands.*"],
    "county_admin": ["brands.view_*", "brands.add_*", "brands.change_*", "brands.delete_*"],
    "town_cadre": ["brands.view_*"],
}

url_bases = {"brand": "", "brandkpi": "indicators/"}

pages = [page("report/", views.BrandReportPageView, "report")]

api_routes = [("brands", api.BrandViewSet, "brands-brand")]

api_urls = [path("reports/brand/", api.BrandReportView.as_view(), name="brand-report")]
