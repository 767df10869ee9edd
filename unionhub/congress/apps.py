from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class CongressConfig(ModuleConfig):
    name = "unionhub.congress"
    verbose_name = _("Workers' congress")
