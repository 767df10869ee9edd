from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class NotificationsConfig(ModuleConfig):
    name = "unionhub.core.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    menu_group = _("System")
