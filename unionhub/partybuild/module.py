"""Party-union co-building (经开区's and 东台's brand): what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.partybuild import views
from unionhub.partybuild.api import views as api

role_grants = {
    "city_admin": ["partybuild.*"],
    "county_admin": ["partybuild.*"],
    "town_cadre": ["partybuild.view_*"],
}

menu = [
    page_item(
        "partybuild:overview",
        _("Party-union co-building"),
        icon="flag",
        permission="partybuild.view_participation",
        order=1000,
    ),
    model_item(
        "partybuild.partyfacts", _("Party facts of enterprises"), icon="building", order=1001
    ),
    model_item(
        "partybuild.participation", _("三创争两提升 participations"), icon="checklist", order=1002
    ),
    model_item(
        "partybuild.demonstration", _("Demonstration units and areas"), icon="award", order=1003
    ),
    model_item("partybuild.lecture", _("Lectures and videos"), icon="video", order=1004),
    model_item("partybuild.deputy", _("Deputies"), icon="users", order=1005),
    model_item("partybuild.cultivation", _("Dual cultivation"), icon="trending-up", order=1006),
    page_item(
        "partybuild:funnel",
        _("Dual-cultivation funnel"),
        icon="filter",
        permission="partybuild.view_cultivation",
        order=1007,
    ),
]

url_bases = {
    "partyfacts": "facts/",
    "participation": "sanchuang/",
    "cyclereport": "sanchuang/reports/",
    "demonstration": "demonstrations/",
    "lecture": "lectures/",
    "deputy": "deputies/",
    "cultivation": "cultivation/",
}

pages = [
    page("", views.OverviewView, "overview"),
    page("cultivation/funnel/", views.FunnelView, "funnel"),
]

api_routes = [
    ("partybuild/facts", api.PartyFactsViewSet, "partybuild-partyfacts"),
    ("partybuild/participations", api.ParticipationViewSet, "partybuild-participation"),
    ("partybuild/reports", api.CycleReportViewSet, "partybuild-cyclereport"),
    ("partybuild/demonstrations", api.DemonstrationViewSet, "partybuild-demonstration"),
    ("partybuild/lectures", api.LectureViewSet, "partybuild-lecture"),
    ("partybuild/deputies", api.DeputyViewSet, "partybuild-deputy"),
    ("partybuild/cultivation", api.CultivationViewSet, "partybuild-cultivation"),
]
