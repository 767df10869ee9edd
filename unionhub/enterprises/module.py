"""Union establishment (建湖's brand): what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.import_jobs import ImportKind
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.enterprises.api.views import (
    CampaignViewSet,
    ContactLogViewSet,
    EnterpriseUnionViewSet,
    EnterpriseViewSet,
    TermDelayViewSet,
)
from unionhub.enterprises.dashboard import enterprise_cards
from unionhub.enterprises.views import OverviewView, TargetListView

#: where each model's registered views live under /enterprises/ (enterprises at the root)
url_bases = {
    "enterprise": "",
    "enterpriseunion": "unions/",
    "campaign": "campaigns/",
    "contactlog": "contacts/",
}

pages = [
    page("targets/", TargetListView, "target_list"),
    page("overview/", OverviewView, "overview"),
]

api_routes = [
    ("enterprises", EnterpriseViewSet, "enterprise"),
    ("enterprise-unions", EnterpriseUnionViewSet, "enterpriseunion"),
    ("enterprise-union-delays", TermDelayViewSet, "termdelay"),
    ("enterprise-campaigns", CampaignViewSet, "campaign"),
    ("enterprise-contacts", ContactLogViewSet, "contactlog"),
]

menu = [
    model_item("enterprises.enterprise", _("Enterprises"), icon="building-factory", order=200),
    page_item(
        "enterprises:overview",
        _("Establishment overview"),
        icon="chart-bar",
        permission="enterprises.view_enterprise",
        order=201,
    ),
    page_item(
        "enterprises:target_list",
        _("Campaign targets"),
        icon="target",
        permission="enterprises.view_enterprise",
        order=202,
    ),
    model_item(
        "enterprises.enterpriseunion", _("Grassroots unions"), icon="users-group", order=203
    ),
    model_item("enterprises.campaign", _("Establishment campaigns"), icon="flag", order=204),
    model_item("enterprises.contactlog", _("Contact records"), icon="messages", order=205),
]

dashboard_cards = [(200, enterprise_cards)]

imports = [
    ImportKind(
        key="enterprises",
        title=_("Import enterprises"),
        importer="unionhub.enterprises.importers.EnterpriseImporter",
        permission="enterprises.import_enterprise",
        list_url_name="enterprises:enterprise_list",
        template_filename="企业导入模板.xlsx",
        update_help=_("matched by the unified social credit code"),
    )
]

role_grants = {
    "city_admin": ["enterprises.*"],
    "county_admin": ["enterprises.*"],
    "town_cadre": [
        "enterprises.view_*",
        "enterprises.add_enterprise",
        "enterprises.change_enterprise",
        "enterprises.add_enterpriseunion",
        "enterprises.change_enterpriseunion",
        "enterprises.add_unionreelection",
        "enterprises.add_termdelay",
        "enterprises.add_contactlog",
        "enterprises.change_contactlog",
    ],
    "union_chair": ["enterprises.view_enterpriseunion"],
}
