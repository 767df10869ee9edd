from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class MeConfig(ModuleConfig):
    name = "unionhub.me"
    label = "me"
    verbose_name = _("My union")
