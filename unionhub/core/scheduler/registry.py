"""The periodic jobs every module declares (``<app>/jobs.py``: ``JOBS = [ScheduledJob(...)]``),
collected through ``consume("scheduled_jobs", ...)`` whatever the order of INSTALLED_APPS."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from unionhub.core.scheduler.cron import CronError, trigger_for
from unionhub.core.scheduling import ScheduledJob

__all__ = ["declared_job", "declared_jobs", "register_declared"]

_jobs: dict[str, ScheduledJob] = {}


def register_declared(config: Any, jobs: list[ScheduledJob]) -> None:
    """``consume("scheduled_jobs", ...)`` handler: a bad declaration stops the start-up
    (a job that silently never runs is worse than a server that says why it won't start)."""
    for job in jobs:
        if not isinstance(job, ScheduledJob):
            raise ImproperlyConfigured(f"{config.name}.jobs.JOBS: {job!r} is not a ScheduledJob")
        if job.key in _jobs and _jobs[job.key] != job:
            raise ImproperlyConfigured(f"scheduled job {job.key!r} is declared twice")
        try:
            trigger_for(job.cron)
        except CronError as exc:
            raise ImproperlyConfigured(f"scheduled job {job.key!r}: {exc}") from exc
        _jobs[job.key] = job


def declared_jobs() -> list[ScheduledJob]:
    return list(_jobs.values())


def declared_job(key: str) -> ScheduledJob | None:
    return _jobs.get(key)
