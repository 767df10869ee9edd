"""A due job runs once per period and records its run; a failing job records the failure
and the other jobs go on; "run now" through the task worker; pruning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from unionhub.core.models import ChangeRecord
from unionhub.core.scheduler import services
from unionhub.core.scheduler.cron import SHANGHAI
from unionhub.core.scheduler.models import JobRun
from unionhub.core.scheduler.registry import declared_jobs
from unionhub.core.scheduler.runner import run_due_jobs
from unionhub.core.scheduler.tests import jobfuncs
from unionhub.core.scheduler.tests.conftest import job

pytestmark = pytest.mark.django_db
T = dt.datetime(2026, 6, 1, 10, 0, 30, tzinfo=SHANGHAI)  # 30 s into the 10:00 period


def test_every_modules_jobs_are_declared():
    keys = {j.key for j in declared_jobs()}
    assert {
        "stations.escalate_tickets",
        "stations.check_devices",
        "points.expire",
        "members.anonymise_members",
        "scheduler.prune_runs",
    } <= keys


def test_a_due_job_runs_once_and_records_its_run(declare):
    minutely = job("t.minutely")
    declare(minutely)
    run = services.job_run_due(job=minutely, now=T)
    assert run is not None
    stored = JobRun.objects.get()
    assert (stored.job, stored.status, stored.trigger, stored.result) == (
        "t.minutely",
        "succeeded",
        "schedule",
        "3",
    )
    assert stored.scheduled_for == T.replace(second=0)
    assert stored.duration_ms is not None and stored.finished_at >= stored.started_at
    # The same period again (a second scheduler, or a restart): skipped.
    assert services.job_run_due(job=minutely, now=T + dt.timedelta(seconds=20)) is None
    assert jobfuncs.calls == ["ok"]
    # The next period runs.
    assert services.job_run_due(job=minutely, now=T + dt.timedelta(seconds=40)) is not None
    assert jobfuncs.calls == ["ok", "ok"]
    assert JobRun.objects.count() == 2


def test_a_daily_job_keys_its_period_on_the_days_run_time(declare):
    daily = job("t.daily", cron="45 1 * * *")
    declare(daily)
    late = dt.datetime(2026, 6, 1, 9, 0, tzinfo=SHANGHAI)
    assert services.job_run_due(job=daily, now=late).scheduled_for == late.replace(
        hour=1, minute=45
    )
    assert services.job_run_due(job=daily, now=late + dt.timedelta(hours=10)) is None


def test_a_failing_job_is_recorded_and_the_others_go_on(declare):
    declare(job("t.boom", "boom"), job("t.ok", "ok"))
    runs = run_due_jobs(now=T)
    assert [r.job for r in runs] == ["t.boom", "t.ok"]
    failed = JobRun.objects.get(job="t.boom")
    assert failed.status == "failed"
    assert "RuntimeError" in failed.error
    assert "13812345678" not in failed.error and "138****5678" in failed.error
    assert failed.duration_ms is not None
    assert JobRun.objects.get(job="t.ok").status == "succeeded"
    # The failed job is tried again in its next period.
    run_due_jobs(now=T + dt.timedelta(minutes=1))
    assert jobfuncs.calls == ["boom", "ok", "boom", "ok"]


def test_run_scheduler_once_command(declare, capsys):
    declare(job("t.ok", "ok"))
    call_command("run_scheduler", once=True)
    call_command("run_scheduler", once=True)  # same period: nothing more
    assert jobfuncs.calls == ["ok"]
    assert JobRun.objects.get().trigger == "catch_up"


def _drain_task_queue(monkeypatch):
    # The worker closes "old" connections between tasks; inside a test transaction that
    # would close the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def test_run_now_queues_a_run_for_the_task_worker(
    declare, user_named, monkeypatch, django_capture_on_commit_callbacks
):
    declare(job("t.ok", "ok"))
    admin = user_named("city_admin")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.job_run_now(actor=admin, key="t.ok")
    assert (run.status, run.trigger, run.requested_by) == ("queued", "manual", admin)
    audit = ChangeRecord.objects.filter(object_id=str(run.pk), actor=admin)
    assert audit.count() == 1
    _drain_task_queue(monkeypatch)
    run.refresh_from_db()
    assert run.status == "succeeded" and run.result == "3"
    assert jobfuncs.calls == ["ok"]


def test_run_now_twice_before_it_ran_is_refused(declare, user_named):
    declare(job("t.ok", "ok"))
    admin = user_named("city_admin")
    services.job_run_now(actor=admin, key="t.ok")
    with pytest.raises(ValidationError) as exc:
        services.job_run_now(actor=admin, key="t.ok")
    assert exc.value.error_dict["job"][0].code == "already_queued"


@pytest.mark.parametrize(
    "username, key, code",
    [
        ("sheyang_admin", "t.ok", "out_of_scope"),  # sees no platform bookkeeping
        ("city_admin", "t.nope", "unknown"),
    ],
)
def test_run_now_refusals(declare, user_named, username, key, code):
    declare(job("t.ok", "ok"))
    with pytest.raises(ValidationError) as exc:
        services.job_run_now(actor=user_named(username), key=key)
    assert exc.value.error_dict["job"][0].code == code
    assert not JobRun.objects.filter(job=key).exists()


def test_a_queued_run_is_executed_once(declare, user_named):
    declare(job("t.ok", "ok"))
    run = services.job_run_now(actor=user_named("city_admin"), key="t.ok")
    assert services.jobrun_execute_queued(run_id=run.pk).status == "succeeded"
    assert services.jobrun_execute_queued(run_id=run.pk) is None  # delivered twice
    assert jobfuncs.calls == ["ok"]


def test_prune_keeps_recent_runs_failures_longer_and_each_jobs_latest():
    now = dt.datetime(2026, 6, 1, 12, 0, tzinfo=SHANGHAI)

    def run(key, days_ago, status="succeeded"):
        return JobRun.objects.create(
            job=key, scheduled_for=now - dt.timedelta(days=days_ago), status=status
        ).pk

    kept = {
        run("a", 29),
        run("a", 30),  # exactly 30 days: kept
        run("a", 100, "failed"),  # failures: 180 days
        run("b", 400),  # b's latest run, however old
    }
    gone = {run("a", 31), run("a", 181, "failed"), run("b", 401)}
    assert services.jobruns_prune(now=now) == len(gone)
    assert set(JobRun.objects.values_list("pk", flat=True)) == kept
