"""The points module's periodic jobs (run by the platform scheduler, ``unionhub.core.scheduler``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob, call_as_system


def expire_points() -> int:
    """Post the expiry entries due today; how many were posted."""
    from unionhub.points import services

    return call_as_system(services.expiry_run)


JOBS = [
    ScheduledJob(
        key="points.expire",
        func="unionhub.points.jobs.expire_points",
        cron="10 0 * * *",
        name=_("Expire points"),
        description=_(
            "Posts the expiry entries for points past their programme's expiry date "
            "(idempotent: one entry per account and year)."
        ),
    ),
]
