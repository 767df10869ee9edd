from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class MembersConfig(ModuleConfig):
    name = "unionhub.members"
    verbose_name = _("Members")
