from django.utils.translation import gettext_lazy as _

from unionhub.core.scheduling import ScheduledJob

JOBS = [
    ScheduledJob(
        key="kpis.monthly_snapshot",
        func="unionhub.core.kpis.services.kpis_snapshot_monthly",
        cron="30 1 1 * *",  # 01:30 on the 1st: the figures as of the last day of last month
        name=_("Keep the monthly indicator snapshots"),
    ),
]
