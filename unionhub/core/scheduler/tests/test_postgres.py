"""Once per period on PostgreSQL: schedulers (threads standing in for app servers) that
reach the same period at the same moment run the job once between them."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED
from django.db import connections

from unionhub.core.scheduler import services
from unionhub.core.scheduler.cron import SHANGHAI
from unionhub.core.scheduler.models import JobRun
from unionhub.core.scheduler.runner import Scheduler
from unionhub.core.scheduler.tests import jobfuncs
from unionhub.core.scheduler.tests.conftest import job

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
T = dt.datetime(2026, 6, 1, 10, 0, 0, 200_000, tzinfo=SHANGHAI)


def test_concurrent_ticks_of_the_same_period_run_the_job_once(declare):
    slow = job("t.slow", "slow")  # runs 0.5 s: the others arrive while it runs
    declare(slow)
    n = 8
    barrier = threading.Barrier(n)
    results, errors = [], []

    def tick(offset_ms: int) -> None:
        try:
            barrier.wait()
            results.append(
                services.job_run_due(job=slow, now=T + dt.timedelta(milliseconds=offset_ms))
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tick, args=(i * 50,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sum(1 for r in results if r is not None) == 1
    assert jobfuncs.calls == ["slow"]
    run = JobRun.objects.get()
    assert (run.status, run.scheduled_for) == ("succeeded", T.replace(microsecond=0))


def test_two_schedulers_started_together_run_each_job_once(declare):
    # Daily jobs: their own trigger cannot fire during the test, only the start's catch-up.
    declare(job("t.slow", "slow", cron="0 3 * * *"), job("t.ok", "ok", cron="0 3 * * *"))
    schedulers = [Scheduler(background=True, max_workers=2) for _ in range(2)]
    finished = threading.Semaphore(0)
    for s in schedulers:
        s.add_listener(lambda _event: finished.release(), EVENT_JOB_EXECUTED)
    for s in schedulers:
        s.start()
    try:
        # Each scheduler fires both jobs at start (catch-up): four executions in all.
        for _ in range(4):
            # generous: under a loaded CI machine the second start can take a while
            assert finished.acquire(timeout=90)
    finally:
        for s in schedulers:
            s.shutdown(wait=True)
    assert sorted(jobfuncs.calls) == ["ok", "slow"]
    assert sorted(JobRun.objects.values_list("job", flat=True)) == ["t.ok", "t.slow"]
    assert set(JobRun.objects.values_list("host", flat=True)) != {""}
