"""The organisation tree's declarations: system menu entries, the home-page figure, where
the pages live and the (read-only) API."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item
from unionhub.org.api.views import OrgUnitViewSet, RegionViewSet

menu = [
    model_item("org.orgunit", _("Union organisations"), icon="sitemap", order=800),
    model_item("org.region", _("Regions"), icon="map", order=810),
]


def org_cards(user):
    """Home-page figure: union organisations in the user's scope."""
    from unionhub.core.dashboard import Card
    from unionhub.org.models import OrgUnit

    if not user.has_perm("org.view_orgunit"):
        return []
    count = OrgUnit.objects.visible_to(user).count()
    return [
        Card(
            title=_("Union organisations"),
            value=count,
            url=reverse("org:orgunit_list"),
            hint=_("in your data scope"),
        )
    ]


dashboard_cards = [(900, org_cards)]

url_bases = {"orgunit": "units/", "region": "regions/"}

api_routes = [
    ("org/regions", RegionViewSet, "org-region"),
    ("org/units", OrgUnitViewSet, "org-orgunit"),
]
