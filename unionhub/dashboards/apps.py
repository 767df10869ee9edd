from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class DashboardsConfig(ModuleConfig):
    name = "unionhub.dashboards"
    verbose_name = _("Dashboards and statistics")
