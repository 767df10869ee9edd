"""Issue #13's "done when": with the scheduler running, an overdue ticket escalates without
anyone running a command. The real scheduler (APScheduler's loop, every module's declared
jobs, the stations job from stations/jobs.py) runs in a thread; the test never calls the
escalation itself."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED
from django.utils import timezone

from unionhub.core.scheduler.models import JobRun
from unionhub.core.scheduler.runner import Scheduler
from unionhub.stations import choices, services
from unionhub.stations.models import Ticket
from unionhub.stations.tests.conftest import make_station

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_overdue_ticket_escalates_with_the_scheduler_running(demo):
    station = make_station("SCH-1")
    ticket = services.ticket_raise(
        actor=None,
        station=station,
        category=choices.TicketCategory.EMERGENCY,  # acknowledge within 5 minutes
        source=choices.TicketSource.WORKER,
        title="求助",
        now=timezone.now() - dt.timedelta(minutes=20),
    )
    assert ticket.escalation == 0

    escalated, all_ran = threading.Event(), threading.Event()
    executed: list[str] = []

    def on_executed(event):
        executed.append(event.job_id)
        if event.job_id.startswith("stations.escalate_tickets"):
            escalated.set()
        if len(executed) == len(scheduler.jobs):
            all_ran.set()

    # One worker thread: SQLite's in-memory test database takes one writer at a time.
    scheduler = Scheduler(background=True, max_workers=1)
    scheduler.add_listener(on_executed, EVENT_JOB_EXECUTED)
    scheduler.start()
    try:
        assert escalated.wait(timeout=60), "the scheduler did not run the escalation job"
        all_ran.wait(timeout=60)
    finally:
        scheduler.shutdown(wait=True)

    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.escalation == 2  # 20 minutes unacknowledged: more than twice the limit
    assert ticket.timeline.filter(kind=choices.TicketEventKind.ESCALATED).count() == 2
    # (Started just before a minute turned, the 1-minute trigger may have run it again.)
    run = JobRun.objects.get(job="stations.escalate_tickets", trigger="catch_up")
    assert (run.status, run.result) == ("succeeded", "1")
    # Every other declared job ran too, each once, none failed.
    statuses = dict(JobRun.objects.values_list("job", "status"))
    assert set(statuses) == {j.key for j in scheduler.jobs}
    assert set(statuses.values()) == {"succeeded"}, statuses
