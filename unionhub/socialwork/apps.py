from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class SocialworkConfig(ModuleConfig):
    name = "unionhub.socialwork"
    verbose_name = _("Social-worker growth archives")
