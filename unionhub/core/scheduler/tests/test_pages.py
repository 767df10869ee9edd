"""The scheduled-jobs pages: who sees them, what they show, "run now"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from unionhub.core.scheduler.models import JobRun
from unionhub.core.scheduler.tests.conftest import job

pytestmark = pytest.mark.django_db


def _runs(key: str, n: int, status: str = "succeeded", start: int = 0) -> None:
    now = timezone.now().replace(second=0, microsecond=0)
    for i in range(start, start + n):
        JobRun.objects.create(
            job=key,
            scheduled_for=now - dt.timedelta(minutes=i + 1),
            started_at=now - dt.timedelta(minutes=i + 1),
            status=status,
            duration_ms=1500,
            error="Traceback …\nRuntimeError: no" if status == "failed" else "",
        )


def test_job_list_shows_each_job_with_last_and_next_run(declare, client_as):
    declare(job("t.ok"), job("t.daily", cron="45 1 * * *"), job("t.boom", "boom"))
    _runs("t.ok", 1)
    _runs("t.boom", 2, "failed")
    page = client_as("city_admin").get(reverse("scheduler:job_list"))
    assert page.status_code == 200
    rows = {row.key: row for row in page.context["rows"]}
    assert list(rows) == ["t.ok", "t.daily", "t.boom"]
    assert rows["t.ok"].last.status == "succeeded" and rows["t.daily"].last is None
    assert rows["t.boom"].failure_count == 2
    html = page.content.decode()
    last = timezone.localtime(rows["t.ok"].last.ran_at).strftime("%Y-%m-%d %H:%M")
    assert last in html
    assert timezone.localtime(rows["t.daily"].next_run).strftime("%Y-%m-%d %H:%M") in html
    assert "RuntimeError: no" in html
    assert 'data-testid="run-now"' in html


def test_job_list_query_count_does_not_grow_with_runs(declare, client_as):
    declare(job("t.ok"), job("t.boom", "boom"))
    client = client_as("city_admin")
    client.get(reverse("scheduler:job_list"))  # the first request after login saves the session
    _runs("t.ok", 1)
    _runs("t.boom", 1, "failed")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("scheduler:job_list"))
    _runs("t.ok", 30, start=1)
    _runs("t.boom", 30, "failed", start=1)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("scheduler:job_list"))
    assert len(many) == len(few)


def test_job_history_page(declare, client_as):
    declare(job("t.boom", "boom"))
    _runs("t.boom", 3, "failed")
    page = client_as("city_admin").get(reverse("scheduler:job", kwargs={"key": "t.boom"}))
    assert page.status_code == 200
    assert len(page.context["runs"]) == 3
    assert client_as("city_admin").get("/scheduler/t.nope/").status_code == 404


@pytest.mark.parametrize("url_name", ["scheduler:job_list", "scheduler:job"])
def test_county_administrators_have_no_access(declare, client_as, url_name):
    declare(job("t.ok"))
    kwargs = {"key": "t.ok"} if url_name == "scheduler:job" else {}
    assert client_as("sheyang_admin").get(reverse(url_name, kwargs=kwargs)).status_code == 403


def test_run_now_button(declare, client_as):
    declare(job("t.ok"))
    url = reverse("scheduler:job_run", kwargs={"key": "t.ok"})
    assert client_as("sheyang_admin").post(url).status_code == 403
    client = client_as("city_admin")
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("scheduler:job", kwargs={"key": "t.ok"})
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    run = JobRun.objects.get(job="t.ok")
    assert (run.trigger, run.status) == ("manual", "queued")
    again = client.post(url, follow=True)  # still queued: refused with a message
    assert [m.level_tag for m in again.context["messages"]] == ["error"]
    assert JobRun.objects.filter(job="t.ok").count() == 1
    assert client.post(reverse("scheduler:job_run", kwargs={"key": "t.nope"})).status_code == 404


def test_menu_entry_under_system(client_as):
    html = client_as("city_admin").get(reverse("core:home")).content.decode()
    assert reverse("scheduler:job_list") in html
    html = client_as("sheyang_admin").get(reverse("core:home")).content.decode()
    assert reverse("scheduler:job_list") not in html
