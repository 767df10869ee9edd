from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class PointsConfig(ModuleConfig):
    name = "unionhub.points"
    verbose_name = _("Points system")
