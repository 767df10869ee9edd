"""The members module's periodic jobs (run by the platform scheduler, ``unionhub.core.scheduler``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob, call_as_system


def anonymise_members() -> int:
    """Anonymise the former members whose retention period has passed; how many."""
    from unionhub.members import services

    return call_as_system(services.members_anonymise).due


JOBS = [
    ScheduledJob(
        key="members.anonymise_members",
        func="unionhub.members.jobs.anonymise_members",
        cron="45 1 * * *",
        name=_("Anonymise former members"),
        description=_(
            "Anonymises the personal data of members who left more than the retention "
            "period ago (MEMBER_RETENTION_YEARS, default 3 years)."
        ),
    ),
]
