from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class StationsConfig(ModuleConfig):
    name = "unionhub.stations"
    verbose_name = _("Outdoor-worker stations")

    def ready(self) -> None:
        from unionhub.stations import signals

        signals.connect()
        super().ready()
