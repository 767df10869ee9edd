from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class OrgConfig(ModuleConfig):
    name = "unionhub.org"
    verbose_name = _("Organisations")
    menu_group = _("System")
