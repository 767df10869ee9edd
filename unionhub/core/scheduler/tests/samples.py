"""Scope-matrix samples: job runs are platform bookkeeping, seen only with the "all" scope,
so a sample "in" any county is invisible to every county administrator."""

from django.utils import timezone

from unionhub.core.scheduler.models import JobRun, JobRunStatus


def _run(slug: str) -> JobRun:
    return JobRun.objects.create(
        job=f"sample.{slug}",
        scheduled_for=timezone.now(),
        status=JobRunStatus.SUCCEEDED,
        result=f"sample-{slug}",
    )


SAMPLES = {JobRun: _run}
