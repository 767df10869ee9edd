from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "unionhub.org"
    label = "org"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from unionhub.core import dashboard, menu

        menu.register(
            menu.MenuItem(
                key="org",
                label=_("Union organisations"),
                url_name="org:orgunit_list",
                icon="sitemap",
                group=_("System"),
                permission="org.view_orgunit",
                order=800,
            )
        )
        menu.register(
            menu.MenuItem(
                key="regions",
                label=_("Regions"),
                url_name="org:region_list",
                icon="map",
                group=_("System"),
                permission="org.view_region",
                order=810,
            )
        )
        dashboard.register(_org_cards, order=900)


def _org_cards(user):
    """Home-page figure: union organisations in the user's scope."""
    from django.urls import reverse

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
