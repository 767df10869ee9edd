from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class BargainingConfig(ModuleConfig):
    name = "unionhub.bargaining"
    verbose_name = _("Collective bargaining")
