"""Reads of the scheduler pages: each declared job with its last and next run and its
recent failures, and one job's run history. Runs come from ``JobRun.objects.visible_to``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from unionhub.core.scheduler.cron import describe, next_run
from unionhub.core.scheduler.models import JobRun, JobRunStatus
from unionhub.core.scheduler.registry import declared_job, declared_jobs
from unionhub.core.scheduling import ScheduledJob

__all__ = ["JobOverview", "job_overview", "job_overviews", "job_runs"]

#: failures of the last this-many days are listed with each job
FAILURE_DAYS = 7
FAILURES_SHOWN = 5


@dataclass
class JobOverview:
    job: ScheduledJob
    schedule: str
    next_run: dt.datetime | None
    last: JobRun | None = None
    failures: list[JobRun] = field(default_factory=list)
    failure_count: int = 0

    @property
    def key(self) -> str:
        return self.job.key


def job_overviews(*, user: Any, now: dt.datetime | None = None) -> list[JobOverview]:
    """Every declared job (in declaration order) with its latest run, its next run and its
    failures of the last week. Three queries, whatever the number of jobs and runs."""
    now = now or timezone.now()
    jobs = declared_jobs()
    rows = {j.key: JobOverview(j, describe(j.cron), next_run(j.cron, now)) for j in jobs}
    runs = JobRun.objects.visible_to(user).filter(job__in=list(rows))
    latest = runs.order_by().values("job").annotate(at=Max("scheduled_for"))
    match = Q(pk__in=[])
    for row in latest:
        match |= Q(job=row["job"], scheduled_for=row["at"])
    for run in runs.filter(match).select_related("requested_by"):
        rows[run.job].last = run
    since = now - dt.timedelta(days=FAILURE_DAYS)
    for run in runs.filter(status=JobRunStatus.FAILED, scheduled_for__gte=since).order_by(
        "-scheduled_for"
    ):
        row = rows[run.job]
        row.failure_count += 1
        if len(row.failures) < FAILURES_SHOWN:
            row.failures.append(run)
    return list(rows.values())


def job_overview(*, user: Any, key: str, now: dt.datetime | None = None) -> JobOverview | None:
    if declared_job(key) is None:
        return None
    return next(row for row in job_overviews(user=user, now=now) if row.key == key)


def job_runs(*, user: Any, key: str) -> QuerySet[JobRun]:
    """One job's runs, newest first."""
    return (
        JobRun.objects.visible_to(user)
        .filter(job=key)
        .select_related("requested_by")
        .order_by("-scheduled_for", "-pk")
    )
