"""The task-queue half of "run now" (``manage.py db_worker`` executes it)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_queued_job(run_id: int) -> str:
    from unionhub.core.scheduler.services import jobrun_execute_queued

    run = jobrun_execute_queued(run_id=run_id)
    return run.status if run is not None else "skipped"
