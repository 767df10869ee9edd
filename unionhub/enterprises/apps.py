from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class EnterprisesConfig(ModuleConfig):
    name = "unionhub.enterprises"
    verbose_name = _("Enterprises and union establishment")
    menu_group = _("Union establishment")
