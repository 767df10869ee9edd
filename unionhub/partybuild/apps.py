from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class PartybuildConfig(ModuleConfig):
    name = "unionhub.partybuild"
    verbose_name = _("Party-union co-building")
