from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob

JOBS = [
    ScheduledJob(
        key="todo.reminders",
        func="unionhub.core.todo.services.reminders_send",
        # Every 5 minutes: service tickets run on SLAs of minutes.
        cron="*/5 * * * *",
        name=_("Send to-do reminders and deliver notifications"),
    ),
]
