"""Innovation studios and alliances: what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.studios import views
from unionhub.studios.api import views as api

menu = [
    model_item("studios.studio", _("Innovation studios"), icon="bulb", order=810),
    page_item(
        "studios:board",
        _("Studio alliances"),
        icon="sitemap",
        permission="studios.view_alliance",
        order=811,
    ),
    model_item("studios.achievement", _("Studio achievements"), icon="award", order=812),
    model_item("studios.jointproject", _("Joint projects"), icon="target", order=813),
    model_item("studios.funding", _("Studio funding"), icon="gift", order=814),
]

role_grants = {
    "city_admin": ["studios.*"],
    "county_admin": ["studios.*"],
    "town_cadre": ["studios.view_*"],
}

url_bases = {
    "studio": "",
    "studiomember": "members/",
    "achievement": "achievements/",
    "funding": "funding/",
    "alliance": "alliances/",
    "alliancemembership": "alliance-members/",
    "jointproject": "projects/",
}

pages = [page("board/", views.AllianceBoardView, "board")]

api_routes = [
    ("studios/members", api.StudioMemberViewSet, "studios-studiomember"),
    ("studios/achievements", api.AchievementViewSet, "studios-achievement"),
    ("studios/funding", api.FundingViewSet, "studios-funding"),
    ("studios/alliances", api.AllianceViewSet, "studios-alliance"),
    ("studios/alliance-members", api.AllianceMembershipViewSet, "studios-alliancemembership"),
    ("studios/projects", api.JointProjectViewSet, "studios-jointproject"),
    ("studios", api.StudioViewSet, "studios-studio"),
]
