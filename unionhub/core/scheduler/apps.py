from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig, consume


class SchedulerConfig(ModuleConfig):
    name = "unionhub.core.scheduler"
    label = "scheduler"
    verbose_name = _("Scheduled jobs")
    menu_group = _("System")

    def ready(self) -> None:
        from unionhub.core.scheduler import registry

        # Every module's jobs.py (this app's own included), whatever the app order.
        consume("scheduled_jobs", registry.register_declared)
        super().ready()
