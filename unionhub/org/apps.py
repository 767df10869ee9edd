from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "unionhub.org"
    label = "org"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from unionhub.core import menu

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
