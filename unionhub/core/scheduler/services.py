"""Writes of the scheduler: claiming a period, recording a run, "run now", pruning.

The once-per-period guarantee lives in ``jobrun_claim``: the run's row is inserted, and
committed, *before* the job starts, under a unique ``(job, scheduled_for)`` constraint. A
second scheduler reaching the same period (another app server, or a restart) fails that
insert and skips. The database decides, so it holds across servers on PostgreSQL and on
SQLite alike, with no lock service."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import traceback
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.core.models import ChangeAction
from unionhub.core.pii import scrub
from unionhub.core.scheduler.cron import previous_run
from unionhub.core.scheduler.models import JobRun, JobRunStatus, JobRunTrigger
from unionhub.core.scheduler.registry import declared_job
from unionhub.core.scheduling import ScheduledJob

log = logging.getLogger(__name__)

__all__ = [
    "job_execute",
    "job_run_due",
    "job_run_now",
    "jobrun_claim",
    "jobrun_execute_queued",
    "jobruns_prune",
]

#: characters of a failure's traceback kept with the run
ERROR_LIMIT = 4000


def _host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def jobrun_claim(
    *,
    actor: Any = None,
    job: ScheduledJob,
    scheduled_for: dt.datetime,
    trigger: str = JobRunTrigger.SCHEDULE,
) -> JobRun | None:
    """Claim ``job``'s period ``scheduled_for`` for this process: the new run (status
    running), or None when another scheduler already claimed that period. Its own short
    transaction, committed before the job runs (SQLite: the write lock is held for one
    INSERT only)."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(
                job=job.key,
                scheduled_for=scheduled_for,
                trigger=trigger,
                status=JobRunStatus.RUNNING,
                started_at=timezone.now(),
                host=_host(),
                requested_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        return None


def _result_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        value = len(value)
    return scrub(str(value))[:300]


def job_execute(*, run: JobRun, job: ScheduledJob) -> JobRun:
    """Run a claimed job as the system and record how it ended. A failing job is recorded
    (status failed, the traceback with personal data masked) and does not raise: the
    scheduler goes on with the other jobs and the next period."""
    started = time.monotonic()
    try:
        func = import_string(job.func)
        with acting_as(None):
            value = func()
    except Exception as exc:  # noqa: BLE001 — any failure of a job is recorded, not raised
        run.status = JobRunStatus.FAILED
        run.error = scrub(traceback.format_exc())[-ERROR_LIMIT:]
        # The exception's class only: its message may quote records.
        log.error("scheduled job %s failed (%s)", job.key, type(exc).__name__)
    else:
        run.status = JobRunStatus.SUCCEEDED
        run.result = _result_text(value)
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    with transaction.atomic():
        run.save(update_fields=["status", "error", "result", "finished_at", "duration_ms"])
    log.info("scheduled job %s %s in %d ms (%s)", job.key, run.status, run.duration_ms, run.trigger)
    return run


def job_run_due(
    *,
    actor: Any = None,
    job: ScheduledJob,
    now: dt.datetime | None = None,
    trigger: str = JobRunTrigger.SCHEDULE,
) -> JobRun | None:
    """Run ``job`` for the period ``now`` falls in, unless that period was already claimed
    (by this or any other scheduler): the finished run, or None when skipped."""
    now = now or timezone.now()
    scheduled_for = previous_run(job.cron, now)
    if scheduled_for is None:
        return None
    run = jobrun_claim(actor=actor, job=job, scheduled_for=scheduled_for, trigger=trigger)
    if run is None:
        log.info("scheduled job %s: period %s already claimed", job.key, scheduled_for)
        return None
    return job_execute(run=run, job=job)


def _job_or_error(key: str) -> ScheduledJob:
    job = declared_job(key)
    if job is None:
        raise ValidationError({"job": ValidationError(_("There is no such job."), code="unknown")})
    return job


@transaction.atomic
def job_run_now(*, actor: Any, key: str) -> JobRun:
    """Queue a run of ``key`` now, outside its schedule, for the task worker (an
    administrator's "run now"); audited. Refused while an earlier manual run of the same
    job is still waiting or running."""
    job = _job_or_error(key)
    pending = JobRun.objects.filter(
        job=key,
        trigger=JobRunTrigger.MANUAL,
        status__in=[JobRunStatus.QUEUED, JobRunStatus.RUNNING],
    )
    if pending.exists():
        raise ValidationError(
            {
                "job": ValidationError(
                    _("This job has already been asked to run and has not finished yet."),
                    code="already_queued",
                )
            }
        )
    run = JobRun.objects.create(
        job=key,
        scheduled_for=timezone.now(),
        trigger=JobRunTrigger.MANUAL,
        status=JobRunStatus.QUEUED,
        host="",
        requested_by=actor if getattr(actor, "pk", None) else None,
    )
    if not JobRun.objects.visible_to(actor).filter(pk=run.pk).exists():
        raise ValidationError(
            {
                "job": ValidationError(
                    _("Only administrators who see the whole platform may run jobs."),
                    code="out_of_scope",
                )
            }
        )
    record_change(
        obj=run,
        action=ChangeAction.CREATE,
        actor=actor,
        note=_("Run now: %(job)s") % {"job": job.name},
    )
    from unionhub.core.scheduler.tasks import run_queued_job

    transaction.on_commit(lambda: run_queued_job.enqueue(run.pk))
    return run


def jobrun_execute_queued(*, actor: Any = None, run_id: int) -> JobRun | None:
    """The task worker's half of "run now": take the queued run (once: a second delivery
    finds it no longer queued) and execute it."""
    with transaction.atomic():
        taken = JobRun.objects.filter(pk=run_id, status=JobRunStatus.QUEUED).update(
            status=JobRunStatus.RUNNING, started_at=timezone.now(), host=_host()
        )
    if not taken:
        return None
    run = JobRun.objects.get(pk=run_id)
    job = declared_job(run.job)
    if job is None:
        run.status = JobRunStatus.FAILED
        run.error = _("The job is no longer declared by any module.")
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        return run
    return job_execute(run=run, job=job)


@transaction.atomic
def jobruns_prune(
    *,
    actor: Any = None,
    now: dt.datetime | None = None,
    keep_days: int = 30,
    keep_failed_days: int = 180,
) -> int:
    """Delete run records older than ``keep_days`` (failures: ``keep_failed_days``); the
    latest run of each job is always kept. Returns how many were deleted."""
    now = now or timezone.now()
    keys = JobRun.objects.order_by().values_list("job", flat=True).distinct()
    keep = [
        JobRun.objects.filter(job=key).order_by("-scheduled_for").values_list("pk", flat=True)[0]
        for key in keys
    ]
    old = JobRun.objects.exclude(pk__in=keep).filter(
        scheduled_for__lt=now - dt.timedelta(days=keep_days)
    )
    old = old.exclude(
        status=JobRunStatus.FAILED,
        scheduled_for__gte=now - dt.timedelta(days=keep_failed_days),
    )
    deleted, _details = old.delete()
    return deleted
