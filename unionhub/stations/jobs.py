"""The stations module's periodic jobs (run by the platform scheduler, ``unionhub.core.scheduler``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob, call_as_system


def escalate_tickets() -> int:
    """Escalate the tickets whose SLA is breached now; how many changed."""
    from unionhub.stations import services

    return len(call_as_system(services.tickets_escalate, now=timezone.now()))


def check_devices() -> int:
    """Raise an offline ticket for each silent device; how many tickets were raised."""
    from unionhub.stations import services

    return len(call_as_system(services.devices_check_offline, now=timezone.now()))


JOBS = [
    ScheduledJob(
        key="stations.escalate_tickets",
        func="unionhub.stations.jobs.escalate_tickets",
        cron="* * * * *",
        name=_("Escalate overdue service tickets"),
        description=_(
            "Escalates each unresolved station ticket past its acknowledge or resolve "
            "deadline one level up (station safety officer, then the county union)."
        ),
    ),
    ScheduledJob(
        key="stations.check_devices",
        func="unionhub.stations.jobs.check_devices",
        cron="* * * * *",
        name=_("Check station devices"),
        description=_(
            "Raises an equipment ticket for every active device without a heartbeat for 10 "
            "minutes or more."
        ),
    ),
]
