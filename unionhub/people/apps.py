from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class PeopleConfig(ModuleConfig):
    name = "unionhub.people"
    verbose_name = _("Model workers")
