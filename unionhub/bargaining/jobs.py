"""Periodic work of collective bargaining (run by the platform scheduler)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob, call_as_system


def escalate_offers() -> int:
    from unionhub.bargaining import services

    return call_as_system(services.offers_escalate)


def recompute_dates() -> int:
    from unionhub.bargaining import services

    return call_as_system(services.dates_recompute)


JOBS = [
    ScheduledJob(
        key="bargaining.escalate_offers",
        func="unionhub.bargaining.jobs.escalate_offers",
        cron="20 0 * * *",
        name=_("Escalate overdue bargaining offers"),
        description=_(
            "Offers whose 20-day written-response period has passed without a response become "
            "overdue and are escalated to the union above the issuing one."
        ),
    ),
    ScheduledJob(
        key="bargaining.recompute_dates",
        func="unionhub.bargaining.jobs.recompute_dates",
        cron="15 0 * * *",
        name=_("Recompute bargaining deadlines"),
        description=_(
            "Recomputes the stored legal dates of cases, offers and vacant seats with the "
            "current public-holiday arrangement (after an administrator loads a new year)."
        ),
    ),
]
