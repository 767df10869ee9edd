from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig, consume


class KpisConfig(ModuleConfig):
    """The KPI registry (指标): every module declares its KPIs in ``<app>/kpis.py``; this
    platform app computes them from live data, keeps monthly snapshots and targets."""

    name = "unionhub.core.kpis"
    label = "kpis"
    verbose_name = _("Indicators")
    menu_group = _("System")
    resource_paths = {"pages": "routes.pages", "api_urls": "routes.api_urls"}

    def ready(self) -> None:
        from unionhub.core.kpis import registry

        consume("kpis", registry.register_declared)
        super().ready()
