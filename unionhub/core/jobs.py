"""Core's periodic jobs (run by the platform scheduler, ``unionhub.core.scheduler``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob


def seal_audit_trail() -> int:
    """Chain the change records written since the last run; how many were sealed."""
    from unionhub.core.auditchain import seal_pending

    return seal_pending()


JOBS = [
    ScheduledJob(
        key="core.seal_audit_trail",
        func="unionhub.core.jobs.seal_audit_trail",
        cron="* * * * *",
        name=_("Seal the audit trail"),
        description=_(
            "Adds every new change record to the audit trail's hash chain, so that any later "
            "change or removal of a record is detected by verify_audit."
        ),
    ),
]
