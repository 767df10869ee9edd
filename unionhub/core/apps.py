from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig, consume


class CoreConfig(ModuleConfig):
    name = "unionhub.core"
    label = "core"
    verbose_name = _("Platform")
    menu_group = _("System")

    def ready(self) -> None:
        from unionhub.core import (
            audit,
            compat,
            dashboard,
            detail_tabs,
            import_jobs,
            menu,
            pii_exports,
        )

        compat.allow_router_include_root_view()
        audit.connect_signals()
        # Core consumes the declarations every module makes for the platform's pages.
        consume("menu", menu.register_declared)
        consume("dashboard_cards", dashboard.register_declared)
        consume("detail_tabs", detail_tabs.register_declared)
        consume("imports", lambda _config, kinds: [import_jobs.register_import(k) for k in kinds])
        consume(
            "unmasked_exports",
            lambda _config, kinds: [pii_exports.register_unmasked(k) for k in kinds],
        )
        super().ready()
