from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob

JOBS = [
    ScheduledJob(
        key="notifications.deliver",
        func="unionhub.core.notifications.services.deliveries_process",
        cron="* * * * *",
        name=_("Send the waiting e-mails and SMS"),
    ),
]
