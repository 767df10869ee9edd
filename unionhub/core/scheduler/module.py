"""The scheduler's declarations: its pages and menu entry (系统), and who may see and run jobs."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import page_item
from unionhub.core.scheduler.views import JobDetailView, JobListView, JobRunNowView
from unionhub.core.urlgen import page

pages = [
    page("", JobListView, "job_list"),
    page("<str:key>/", JobDetailView, "job"),
    page("<str:key>/run/", JobRunNowView, "job_run"),
]

menu = [
    page_item(
        "scheduler:job_list",
        _("Scheduled jobs"),
        icon="clock",
        permission="scheduler.view_jobrun",
        order=910,
    ),
]

role_grants = {
    # The city administrator watches and runs the platform's jobs; the runs are platform
    # bookkeeping (JobRun is visible only with the "all data" scope), so no county grant.
    "city_admin": ["scheduler.view_jobrun", "scheduler.run_jobrun"],
}
