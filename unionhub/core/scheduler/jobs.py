"""The scheduler's own housekeeping job."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob

JOBS = [
    ScheduledJob(
        key="scheduler.prune_runs",
        func="unionhub.core.scheduler.services.jobruns_prune",
        cron="15 4 * * *",
        name=_("Prune old job-run records"),
        description=_(
            "Deletes run records older than 30 days (failures: 180 days); the latest run of "
            "each job is always kept."
        ),
    ),
]
