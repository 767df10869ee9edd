"""Grid governance and labour-relations early warning (射阳's "网格+企业"): what the module
adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.detail_tabs import DetailTab
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.governance import selectors, views
from unionhub.governance.api import views as api

role_grants = {
    "city_admin": ["governance.*"],
    "county_admin": ["governance.*"],
    "town_cadre": ["governance.view_*", "governance.add_riskreport"],
}

menu = [
    page_item(
        "governance:overview",
        _("Grid governance"),
        icon="map-2",
        permission="governance.view_grid",
        order=500,
    ),
    page_item(
        "governance:board",
        _("Warning board"),
        icon="alert-triangle",
        permission="governance.view_riskwarning",
        order=501,
    ),
    page_item(
        "governance:weekly",
        _("Weekly analysis"),
        icon="chart-bar",
        permission="governance.view_riskreport",
        order=501,
    ),
    model_item("governance.riskreport", _("Risk reports"), icon="file-alert", order=502),
    model_item("governance.grid", _("Grids"), icon="grid-dots", order=503),
    model_item("governance.gridmembership", _("Enterprises in grids"), icon="building", order=504),
    model_item("governance.gridworker", _("Grid workers"), icon="user-check", order=505),
    model_item("governance.monitoringpoint", _("Monitoring points"), icon="radar", order=506),
    model_item("governance.jointmeeting", _("Joint meetings"), icon="users-group", order=507),
    model_item("governance.layoffplan", _("Layoff plans"), icon="user-minus", order=507),
    model_item(
        "governance.harmoniousunit", _("Harmonious units"), icon="heart-handshake", order=508
    ),
]

url_bases = {
    "grid": "grids/",
    "gridworker": "workers/",
    "gridmembership": "memberships/",
    "monitoringpoint": "points/",
    "riskreport": "reports/",
    "riskwarning": "warnings/",
    "layoffplan": "layoffs/",
    "harmoniousunit": "harmonious/",
    "jointmeeting": "meetings/",
    "meetingtask": "meeting-tasks/",
}

pages = [
    page("", views.OverviewView, "overview"),
    page("board/", views.BoardView, "board"),
    page("monthly-report/", views.MonthlyReportView, "monthly_report"),
    page("weekly/", views.WeeklyView, "weekly"),
    page("weekly/export/", views.WeeklyExportView, "weekly_export"),
]

api_routes = [
    ("governance/grids", api.GridViewSet, "governance-grid"),
    ("governance/memberships", api.MembershipViewSet, "governance-membership"),
    ("governance/monitoring-points", api.MonitoringPointViewSet, "governance-monitoringpoint"),
    ("governance/reports", api.ReportViewSet, "governance-report"),
    ("governance/warnings", api.WarningViewSet, "governance-warning"),
    ("governance/harmonious", api.HarmoniousViewSet, "governance-harmonious"),
    ("governance/layoffs", api.LayoffViewSet, "governance-layoff"),
    ("governance/meetings", api.MeetingViewSet, "governance-meeting"),
]

detail_tabs = [
    DetailTab(
        model="enterprises.Enterprise",
        key="governance",
        label=_("Grid and risk"),
        template="governance/_enterprise_tab.html",
        context=selectors.enterprise_tab_context,
        permission="governance.view_riskwarning",
        order=200,
    ),
]
