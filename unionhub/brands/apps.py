from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class BrandsConfig(ModuleConfig):
    name = "unionhub.brands"
    verbose_name = _("County brands")
    menu_group = _("One county, one brand")
