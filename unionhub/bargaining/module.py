"""Collective bargaining (盐南's brand): what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.bargaining import views
from unionhub.bargaining.api import views as api
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page

role_grants = {
    "city_admin": ["bargaining.*"],
    "county_admin": ["bargaining.*"],
    "town_cadre": ["bargaining.view_*"],
    "union_chair": ["bargaining.view_*"],
}

menu = [
    model_item("bargaining.offercampaign", _("Offer campaigns"), icon="mail-forward", order=500),
    model_item("bargaining.bargainingoffer", _("Bargaining offers"), icon="mail", order=501),
    model_item(
        "bargaining.bargainingcase", _("Bargaining cases"), icon="file-certificate", order=502
    ),
    model_item(
        "bargaining.representative",
        pgettext_lazy("bargaining", "Representatives"),
        icon="users",
        order=503,
    ),
    model_item(
        "bargaining.bargainingsession", _("Bargaining sessions"), icon="messages", order=503
    ),
    model_item("bargaining.contractdraft", _("Contract drafts"), icon="file-diff", order=503),
    model_item("bargaining.standardclause", _("Clause library"), icon="books", order=503),
    page_item(
        "bargaining:coverage",
        _("Contract coverage"),
        icon="chart-pie",
        permission="bargaining.view_bargainingcase",
        order=504,
    ),
    model_item("bargaining.wagestandard", _("Wage standards"), icon="coin-yuan", order=504),
    model_item("bargaining.minimumwage", _("Minimum wages"), icon="scale", order=505),
]

url_bases = {
    "bargainingcase": "cases/",
    "representative": "representatives/",
    "offercampaign": "campaigns/",
    "bargainingoffer": "offers/",
    "wagestandard": "standards/",
    "bargainingsession": "sessions/",
    "contractdraft": "drafts/",
    "standardclause": "clauses/",
    "minimumwage": "minimum-wages/",
}

pages = [
    page("coverage/", views.CoverageView, "coverage"),
    page("covered/", views.CoveredEnterpriseListView, "covered"),
]

api_routes = [
    ("bargaining/cases", api.CaseViewSet, "bargaining-case"),
    ("bargaining/representatives", api.RepresentativeViewSet, "bargaining-representative"),
    ("bargaining/campaigns", api.CampaignViewSet, "bargaining-campaign"),
    ("bargaining/offers", api.OfferViewSet, "bargaining-offer"),
    ("bargaining/sessions", api.SessionViewSet, "bargaining-session"),
    ("bargaining/drafts", api.DraftViewSet, "bargaining-draft"),
    ("bargaining/covered-enterprises", api.CoveredEnterpriseViewSet, "bargaining-covered"),
]
