"""The city dashboard, the big screen and the statutory statistics: what the module adds."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import page_item
from unionhub.core.urlgen import page
from unionhub.dashboards import views
from unionhub.dashboards.api import views as api

menu = [
    page_item(
        "dashboards:city",
        _("City dashboard"),
        icon="chart-bar",
        permission="kpis.view_kpitarget",
        order=880,
    ),
    page_item(
        "dashboards:screen",
        _("Data cockpit"),
        icon="device-desktop-analytics",
        permission="kpis.view_kpitarget",
        order=881,
    ),
    page_item(
        "dashboards:statistics",
        _("Statutory statistics"),
        icon="table",
        permission="members.view_member",
        order=882,
    ),
]

# The hall display account (demo ``city_screen``): the big screen of its region, nothing else.
role_grants = {"screen_viewer": ["dashboards.view_screen"]}

pages = [
    page("city/", views.CityDashboardView, "city"),
    page("screen/", views.ScreenView, "screen"),
    page("statistics/", views.StatisticsView, "statistics"),
]

api_urls = [
    path("dashboards/city/", api.CityDashboardApiView.as_view(), name="dashboards-city"),
    path(
        "reports/statistics/",
        api.StatisticsReportView.as_view(),
        name="reports-statistics",
    ),
]
