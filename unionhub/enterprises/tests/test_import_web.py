"""The web import of enterprises through the core import pages: upload → preview → commit,
inline for small files and through the task worker (with progress) for large ones; who may
see and commit a job."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from unionhub.core import import_jobs
from unionhub.core.models import ChangeRecord, ImportJob
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.test_import import good_rows, write_xlsx

pytestmark = pytest.mark.django_db

UPLOAD = "/imports/enterprises/"


def upload(client, path, **extra):
    with path.open("rb") as fh:
        return client.post(UPLOAD, {"file": fh, **extra})


def imported(seed: int) -> int:
    return Enterprise.objects.filter(name__startswith=f"导入测试企业{seed}-").count()


def test_small_file_preview_then_commit(tmp_path, demo, client_as):
    client = client_as("jianhu_admin")
    path = write_xlsx(tmp_path / "ok.xlsx", good_rows(4, seed=31))
    response = upload(client, path)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/imports/jobs/{job.pk}/"
    assert job.status == "done" and not job.commit and job.result["to_create"] == 4
    assert imported(31) == 0  # a preview writes nothing

    page = client.get(response.url)
    body = page.content.decode()
    assert "所有行均有效" in body and 'data-testid="import-commit"' in body
    assert "hx-trigger" not in body  # finished: no polling

    response = client.post(response.url)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.commit and job.result["committed"] and job.result["created"] == 4
    assert imported(31) == 4
    assert ChangeRecord.objects.filter(action="import", app_label="enterprises").exists()
    assert "已导入" in client.get(response.url).content.decode()
    # a committed job cannot be written twice
    again = client.post(response.url)
    assert again.status_code == 400 and imported(31) == 4


def test_rejected_rows_write_nothing_unless_valid_only(tmp_path, demo, client_as):
    client = client_as("jianhu_admin")
    rows = good_rows(4, seed=32)
    rows[1][0] = "123"  # bad USCC on sheet row 3
    rows[2][5] = -3  # negative employees on sheet row 4
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    job_url = upload(client, path).url
    body = client.get(job_url).content.decode()
    assert "第3行 [统一社会信用代码]" in body
    assert "第4行 [从业人员数] 不能为负数" in body

    refused = client.post(job_url)
    assert refused.status_code == 400 and imported(32) == 0
    assert "只导入有效的行" in refused.content.decode()

    client.post(job_url, {"valid_only": "1"})
    assert imported(32) == 2


def test_not_an_xlsx_is_refused_in_chinese(tmp_path, demo, client_as):
    client = client_as("jianhu_admin")
    path = tmp_path / "names.csv"
    path.write_text("a,b\n1,2\n")
    response = upload(client, path)
    assert response.status_code == 400
    assert "请选择按模板填写的 .xlsx 文件" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.fixture
def run_worker(monkeypatch):
    """The real task worker, draining the queue once. It closes "old" connections between
    tasks, which inside a test transaction would drop the test's own (PostgreSQL)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    return run


def test_large_file_goes_to_the_worker_with_progress(
    tmp_path, demo, client_as, settings, django_capture_on_commit_callbacks, run_worker
):
    settings.IMPORT_INLINE_MAX_ROWS = 10
    client = client_as("jianhu_admin")
    path = write_xlsx(tmp_path / "big.xlsx", good_rows(30, seed=33))
    with django_capture_on_commit_callbacks(execute=True):
        job_url = upload(client, path).url
    job = ImportJob.objects.get()
    assert job.status == "queued" and job.total_rows == 30
    page = client.get(job_url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "等待后台任务进程" in page

    run_worker()
    job.refresh_from_db()
    assert job.status == "done" and job.result["to_create"] == 30
    partial = client.get(job_url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="job"') and "hx-trigger" not in partial

    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url)
    job.refresh_from_db()
    assert job.status == "queued" and imported(33) == 0
    run_worker()
    job.refresh_from_db()
    assert job.result["committed"] and imported(33) == 30


def test_progress_is_read_from_the_running_job(tmp_path, demo, user_named):
    job = ImportJob.objects.create(
        kind="enterprises",
        file_name="x.xlsx",
        stored_name="progress-test.xlsx",
        total_rows=2000,
        status="running",
        created_by=user_named("jianhu_admin"),
    )
    assert import_jobs.job_progress(job)["percent"] == 0
    import_jobs._write_progress(job, 500, "validate")
    assert import_jobs.job_progress(job) == {
        "done": 500,
        "total": 2000,
        "percent": 25,
        "phase": "validate",
    }
    job.status = "done"
    job.result = {"total": 2000}
    assert import_jobs.job_progress(job)["percent"] == 100


def test_jobs_are_scoped_and_only_the_uploader_commits(tmp_path, demo, client_as):
    owner = client_as("jianhu_admin")
    path = write_xlsx(tmp_path / "ok.xlsx", good_rows(2, seed=34))
    job_url = upload(owner, path).url
    # another county's administrator: as if the job did not exist
    assert client_as("xiangshui_admin").get(job_url).status_code == 404
    # the city administrator sees it but cannot commit someone else's file
    city = client_as("city_admin")
    assert city.get(job_url).status_code == 200
    response = city.post(job_url)
    assert response.status_code == 400 and imported(34) == 0
    # without the import permission the pages are forbidden
    assert client_as("jianhu_town").get(UPLOAD).status_code == 403


def test_template_download(demo, client_as):
    response = client_as("jianhu_admin").get(reverse("core:import_template", args=["enterprises"]))
    assert response.status_code == 200
    assert quote("企业导入模板.xlsx") in response["Content-Disposition"]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert sheet.get_sheet_by_index(0).to_python()[0][:2] == ["统一社会信用代码", "企业名称"]


def test_a_damaged_file_is_a_clear_problem_not_a_failure(tmp_path, demo, client_as):
    path = tmp_path / "企业.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    client = client_as("jianhu_admin")
    job_url = upload(client, path).url
    job = ImportJob.objects.get()
    assert job.status == "done" and job.result["rejected"] == 1
    assert "不是有效的 .xlsx 文件" in client.get(job_url).content.decode()


def test_credit_code_warnings_are_shown_and_do_not_reject(tmp_path, demo, client_as):
    from unionhub.core.validators.uscc import check_char

    rows = good_rows(3, seed=35)
    odd = "91990000MA1XY2345"  # a valid code whose division "99" is no province
    rows[1][0] = odd + check_char(odd)
    path = write_xlsx(tmp_path / "warn.xlsx", rows)
    client = client_as("jianhu_admin")
    job_url = upload(client, path).url
    job = ImportJob.objects.get()
    assert job.result["rejected"] == 0 and job.result["warning_count"] >= 1
    assert all(w.startswith("第3行 [统一社会信用代码]") for w in job.result["warnings"])
    page = client.get(job_url).content.decode()
    assert 'data-testid="import-warnings"' in page
    assert "第3行 [统一社会信用代码] 提示：" in page and "行政区划代码" in page
    client.post(job_url)
    assert imported(35) == 3
