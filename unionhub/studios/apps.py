from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class StudiosConfig(ModuleConfig):
    name = "unionhub.studios"
    verbose_name = _("Innovation studios")
