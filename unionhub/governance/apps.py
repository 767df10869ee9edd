from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class GovernanceConfig(ModuleConfig):
    name = "unionhub.governance"
    verbose_name = _("Grid governance")
