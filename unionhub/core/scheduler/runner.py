"""The scheduler process: APScheduler's loop fires each declared job on its crontab; the
once-per-period guard (``services.jobrun_claim``) decides which scheduler runs it.

APScheduler keeps its jobs in memory (``MemoryJobStore``), so every scheduler process has the
same schedule from the code and none needs the others; it does not coordinate processes
itself, which is what the database guard adds. At start a scheduler also runs, once, any
job whose current period has no run yet (a server that was down at 03:00 still runs the
nightly job, and ``make run`` escalates overdue tickets within seconds)."""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from django.db import close_old_connections, connections
from django.utils import timezone

from unionhub.core.scheduler.cron import SHANGHAI, previous_run, trigger_for
from unionhub.core.scheduler.models import JobRun, JobRunTrigger
from unionhub.core.scheduler.registry import declared_job, declared_jobs
from unionhub.core.scheduler.services import job_run_due
from unionhub.core.scheduling import ScheduledJob

log = logging.getLogger(__name__)

__all__ = ["Scheduler", "run_due_jobs"]

#: a run that starts later than this after its time (server suspended, pool busy) is skipped
#: by APScheduler; the next period runs as usual
MISFIRE_GRACE_SECONDS = 120


def _fire(key: str, trigger: str) -> None:
    """What APScheduler calls in its worker thread: one run in its own connection."""
    close_old_connections()
    try:
        job = declared_job(key)
        if job is not None:
            job_run_due(job=job, trigger=trigger)
    finally:
        # A pooled thread keeps no connection between runs (PostgreSQL: none left idle
        # in a thread that may never run again; SQLite: no reader pinning the WAL).
        connections.close_all()


def run_due_jobs(*, now=None, keys: list[str] | None = None) -> list[JobRun]:
    """Run, in this thread, every job whose current period has no run yet (``--once``)."""
    now = now or timezone.now()
    runs = []
    for job in declared_jobs():
        if keys and job.key not in keys:
            continue
        run = job_run_due(job=job, now=now, trigger=JobRunTrigger.CATCH_UP)
        if run is not None:
            runs.append(run)
    return runs


class Scheduler:
    """Every declared job on an APScheduler scheduler.

    ``background=False`` (the ``run_scheduler`` command) blocks in ``start()``;
    ``background=True`` (tests) runs the loop in a thread until ``shutdown()``."""

    def __init__(
        self,
        *,
        background: bool = False,
        jobs: list[ScheduledJob] | None = None,
        max_workers: int = 4,
        catch_up: bool = True,
    ) -> None:
        kind = BackgroundScheduler if background else BlockingScheduler
        self.jobs = list(jobs) if jobs is not None else declared_jobs()
        self.catch_up = catch_up
        self.aps = kind(
            timezone=SHANGHAI,
            executors={"default": ThreadPoolExecutor(max_workers=max_workers)},
            job_defaults={
                # One run per process at a time; several missed fire times run once.
                "max_instances": 1,
                "coalesce": True,
                "misfire_grace_time": MISFIRE_GRACE_SECONDS,
            },
        )
        for job in self.jobs:
            self.aps.add_job(
                _fire,
                trigger=trigger_for(job.cron),
                args=[job.key, JobRunTrigger.SCHEDULE],
                id=job.key,
                name=job.key,
                replace_existing=True,
            )
        self.aps.add_listener(self._log_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def add_listener(self, callback: Any, mask: int = EVENT_JOB_EXECUTED) -> None:
        self.aps.add_listener(callback, mask)

    def _log_event(self, event: Any) -> None:
        if event.code == EVENT_JOB_MISSED:
            log.warning(
                "scheduled job %s missed its run at %s", event.job_id, event.scheduled_run_time
            )
        else:  # _fire records failures itself; this is the database being unreachable
            log.error(
                "scheduler could not run %s (%s)", event.job_id, type(event.exception).__name__
            )

    def _queue_catch_up(self) -> None:
        now = timezone.now()
        close_old_connections()
        try:
            for job in self.jobs:
                due = previous_run(job.cron, now)
                if due is None or JobRun.objects.filter(job=job.key, scheduled_for=due).exists():
                    continue
                # Run at once (a date trigger at "now"), in the pool like any other run.
                self.aps.add_job(
                    _fire,
                    args=[job.key, JobRunTrigger.CATCH_UP],
                    id=f"{job.key}#catch-up",
                    name=f"{job.key} (catch-up)",
                    replace_existing=True,
                )
        finally:
            connections.close_all()

    def pending_catch_ups(self) -> list[str]:
        """The catch-up runs queued at start and not yet handed to the pool."""
        return [j.id for j in self.aps.get_jobs() if j.id.endswith("#catch-up")]

    def next_runs(self) -> dict[str, Any]:
        return {j.id: j.next_run_time for j in self.aps.get_jobs() if "#" not in j.id}

    def start(self) -> None:
        if self.catch_up:
            self._queue_catch_up()
        self.aps.start()

    def shutdown(self, wait: bool = True) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=wait)
