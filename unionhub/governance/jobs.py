"""The governance module's periodic job: overdue warnings go one level up."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob, call_as_system


def escalate_overdue_warnings() -> int:
    from unionhub.governance import services

    return call_as_system(services.warnings_escalate_overdue)


JOBS = [
    ScheduledJob(
        key="governance.escalate_warnings",
        func="unionhub.governance.jobs.escalate_overdue_warnings",
        cron="5 0 * * *",
        name=_("Escalate overdue warnings"),
        description=_(
            "Each open warning whose response due date has passed goes one level up (red is "
            "reported to the higher federation) and gets the new level's due date."
        ),
    ),
]
