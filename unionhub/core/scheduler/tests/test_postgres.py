"""Once per period on PostgreSQL: schedulers (threads standing in for app servers) that
reach the same period at the same moment run the job once between them."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
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
    for s in schedulers:
        s.start()
    try:
        # A scheduler queues a catch-up only for a period with no run yet, so the second
        # may queue one, two or no catch-ups depending on how far the first got: wait
        # until none is left waiting (generous: a loaded CI machine is slow to start).
        deadline = time.monotonic() + 90
        while any(s.pending_catch_ups() for s in schedulers):
            assert time.monotonic() < deadline, [s.pending_catch_ups() for s in schedulers]
            time.sleep(0.05)
    finally:
        for s in schedulers:
            s.shutdown(wait=True)  # waits for the runs under way
    assert sorted(jobfuncs.calls) == ["ok", "slow"]
    assert sorted(JobRun.objects.values_list("job", flat=True)) == ["t.ok", "t.slow"]
    assert set(JobRun.objects.values_list("status", flat=True)) == {"succeeded"}
    assert set(JobRun.objects.values_list("host", flat=True)) != {""}
