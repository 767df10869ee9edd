from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "unionhub.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from unionhub.core import audit, compat, menu

        compat.allow_router_include_root_view()
        audit.connect_signals()
        menu.register(
            menu.MenuItem(key="home", label=_("Home"), url_name="core:home", icon="home", order=0)
        )
        menu.register(
            menu.MenuItem(
                key="audit",
                label=_("Audit log"),
                url_name="core:changerecord_list",
                icon="history",
                group=_("System"),
                permission="core.view_changerecord",
                order=900,
            )
        )
        menu.register(
            menu.MenuItem(
                key="export_requests",
                label=_("Unmasked exports"),
                url_name="core:exportrequest_list",
                icon="file-certificate",
                group=_("System"),
                permission="core.view_exportrequest",
                order=905,
            )
        )
        from unionhub.accounts import roles

        # County administrators request clear-value exports and approve those of their
        # towns; the city administrator (core.*) approves the counties'.
        roles.grant(
            "county_admin",
            ["core.view_exportrequest", "core.add_exportrequest", "core.approve_exportrequest"],
        )
