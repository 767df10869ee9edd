from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig, consume


class CalendarConfig(ModuleConfig):
    name = "unionhub.core.calendar"
    label = "calendar"
    verbose_name = _("Legal deadlines")

    def ready(self) -> None:
        from unionhub.core.calendar import kinds, selectors

        # Every module's deadlines.KINDS, this app's own seven included (made by
        # super().ready() below, delivered to the handler registered here).
        consume("deadline_kinds", kinds.register_declared)
        selectors.connect_signals()
        super().ready()
