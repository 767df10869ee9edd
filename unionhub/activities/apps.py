from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class ActivitiesConfig(ModuleConfig):
    name = "unionhub.activities"
    verbose_name = _("Activities")
