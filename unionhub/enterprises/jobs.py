"""The enterprises module's periodic jobs (run by the platform scheduler, ``unionhub.core.scheduler``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob, call_as_system


def refresh_enterprises() -> int:
    """Recompute the date-dependent derived columns; how many enterprises changed."""
    from unionhub.enterprises import services

    return call_as_system(services.enterprises_refresh)


JOBS = [
    ScheduledJob(
        key="enterprises.refresh",
        func="unionhub.enterprises.jobs.refresh_enterprises",
        cron="30 1 * * *",
        name=_("Refresh enterprise statuses"),
        description=_(
            "Recomputes size class, union status and target reasons, which change with the "
            "date (terms end, enterprises reach their first full year)."
        ),
    ),
]
