from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class FundsConfig(ModuleConfig):
    name = "unionhub.funds"
    verbose_name = _("Union funds and refunds")
