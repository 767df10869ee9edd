"""Spreadsheet imports from the web: upload → preview → commit, with progress for big files.

Every module with an importer registers an ``ImportKind`` (in its AppConfig.ready); the core
pages (``core:import_*``) then give it an upload page, a preview with every problem as
``第N行 [列名] 原因``, a commit button and the template download — the same engine as the
``import_<things>`` commands (``unionhub/core/importing.py``).

Files of up to ``settings.IMPORT_INLINE_MAX_ROWS`` data rows are checked (and written) inside
the request. Larger ones become a task for ``manage.py db_worker``; the job page polls the
job with htmx. Progress lives in a small file next to the upload, not in the database: a
committing run holds its writes in one transaction (so that a rejected row writes nothing),
and progress written through that same connection would stay invisible until the end —
and SQLite allows one writer only.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from unionhub.core.models import ImportJob, ImportJobStatus

log = logging.getLogger(__name__)

__all__ = [
    "ImportKind",
    "import_kind",
    "import_kinds",
    "job_commit",
    "job_execute",
    "job_progress",
    "job_start",
    "register_import",
]

#: Problems kept with a job for the preview page (the count of all of them is kept too).
MAX_MESSAGES = 500


@dataclass(frozen=True)
class ImportKind:
    key: str  # in URLs: /core/imports/<key>/
    title: Any  # "导入企业"
    importer: str  # dotted path of the Importer subclass (imported when used)
    permission: str  # needed to upload, preview and commit
    list_url_name: str  # where the records land
    template_filename: str  # "企业导入模板.xlsx"
    update_help: Any = ""  # what "update" means for this kind (the key it matches on)

    def importer_class(self):
        return import_string(self.importer)


_KINDS: dict[str, ImportKind] = {}


def register_import(kind: ImportKind) -> None:
    _KINDS[kind.key] = kind


def import_kind(key: str) -> ImportKind | None:
    return _KINDS.get(key)


def import_kinds() -> list[ImportKind]:
    return list(_KINDS.values())


# --- files ---------------------------------------------------------------------------------


def _dir() -> Path:
    path = Path(settings.IMPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_file(job: ImportJob) -> Path:
    return _dir() / job.stored_name


def _progress_file(job: ImportJob) -> Path:
    return _dir() / f"{job.stored_name}.progress"


def errors_file(job: ImportJob) -> Path:
    """The error workbook of a checked file (the upload with a “错误原因” column)."""
    return _dir() / f"{job.stored_name}.errors.xlsx"


def _write_progress(job: ImportJob, done: int, phase: str) -> None:
    path = _progress_file(job)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"done": done, "phase": phase}))
    os.replace(tmp, path)  # readers never see half a file


def job_progress(job: ImportJob) -> dict[str, Any]:
    """{"done", "total", "percent", "phase"} of a job as the page shows it."""
    done, phase = 0, ""
    if job.status == ImportJobStatus.DONE:
        done = job.result.get("total", job.total_rows)
    else:
        try:
            data = json.loads(_progress_file(job).read_text())
            done, phase = int(data["done"]), str(data["phase"])
        except (OSError, ValueError, KeyError):
            pass
    total = max(job.total_rows, done, 1)
    return {
        "done": done,
        "total": job.total_rows,
        "percent": 100 if job.status == ImportJobStatus.DONE else min(99, done * 100 // total),
        "phase": phase,
    }


# --- services ------------------------------------------------------------------------------


def job_start(*, actor: Any, kind: ImportKind, upload: Any, update: bool) -> ImportJob:
    """Store the upload and check it (a dry run): inline when small, else queued."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(_("Choose an .xlsx file made from the template."))
    stored = f"{uuid.uuid4().hex}.xlsx"
    with (_dir() / stored).open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    from unionhub.core.importing import count_rows
    from unionhub.core.importing.xlsx import sheet_size

    path = _dir() / stored
    unpacked = sheet_size(str(path))
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        path.unlink(missing_ok=True)
        raise ValidationError(
            _(
                "The file unpacks to more than %(mb)d MB; split it into several files of at "
                "most 100,000 rows."
            )
            % {"mb": settings.IMPORT_MAX_UNPACKED_BYTES // 2**20}
        )
    try:
        total = count_rows(str(path))
    except Exception:  # not a readable workbook: the run reports it as a header problem
        total = 0
    # The declared dimension can lie (probe finding 3): a sheet whose XML is larger than an
    # inline file's can be never runs inside the request, whatever its dimension says.
    if unpacked > settings.IMPORT_INLINE_MAX_BYTES:
        total = max(total, settings.IMPORT_INLINE_MAX_ROWS + 1)
    unit = getattr(actor, "org_unit", None)
    job = ImportJob.objects.create(
        kind=kind.key,
        file_name=Path(name).name[:200],
        stored_name=stored,
        update=update,
        total_rows=total,
        created_by=actor,
        org_path=getattr(unit, "path", "") or "",
    )
    _dispatch(job)
    return job


def job_commit(*, actor: Any, job: ImportJob, valid_only: bool) -> ImportJob:
    """Write a previewed file. Only its uploader may; a file is written once."""
    if job.created_by_id != getattr(actor, "pk", None):
        raise ValidationError(_("Only the person who uploaded the file can import it."))
    if not job.finished or job.commit or job.status == ImportJobStatus.FAILED:
        raise ValidationError(_("This file has already been imported or is still running."))
    if not job_file(job).exists():
        raise ValidationError(_("The uploaded file has expired; upload it again."))
    if job.result.get("rejected") and not valid_only:
        raise ValidationError(
            _("The file has rejected rows: fix them, or choose to import the valid rows only.")
        )
    job.commit = True
    job.valid_only = valid_only
    job.status = ImportJobStatus.QUEUED
    job.started_at = job.finished_at = None
    job.save(update_fields=["commit", "valid_only", "status", "started_at", "finished_at"])
    _dispatch(job)
    return job


def _dispatch(job: ImportJob) -> None:
    if job.total_rows <= settings.IMPORT_INLINE_MAX_ROWS:
        job_execute(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))


def job_execute(job_id: int) -> None:
    """Run one job (its preview or its commit) and store the outcome on it."""
    from unionhub.core.middleware import acting_as

    job = ImportJob.objects.select_related("created_by", "created_by__org_unit").get(pk=job_id)
    if job.status != ImportJobStatus.QUEUED:  # a job runs once per step (preview, commit)
        return
    kind = import_kind(job.kind)
    job.status = ImportJobStatus.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    actor = job.created_by
    last = [0.0]

    def progress(done: int, phase: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5:  # the page polls once a second
            last[0] = now
            _write_progress(job, done, phase)

    try:
        if kind is None:
            raise LookupError(job.kind)
        importer = kind.importer_class()(actor=actor, update=job.update)
        with acting_as(actor):
            result = importer.run(
                str(job_file(job)),
                dry_run=not job.commit,
                valid_only=job.valid_only,
                progress=progress,
            )
    except Exception:
        # The reason goes to the log (no cell values there); the user sees a plain sentence.
        log.exception("import job %s failed", job.pk)
        job.status = ImportJobStatus.FAILED
        job.error = _("The import stopped because of an internal error; nothing was written.")
    else:
        messages = result.messages()
        job.result = {
            "total": result.total,
            "to_create": result.to_create,
            "to_update": result.to_update,
            "rejected": result.rejected,
            "error_count": len(messages),
            "messages": messages[:MAX_MESSAGES],
            "warnings": result.warning_messages()[:MAX_MESSAGES],
            "warning_count": result.warning_count,
            "created": result.created,
            "updated": result.updated,
            "committed": result.committed,
        }
        job.status = ImportJobStatus.DONE
        if result.errors and not job.commit:
            _write_errors(job, result)
        if job.commit:
            job_file(job).unlink(missing_ok=True)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "error", "finished_at"])
    _progress_file(job).unlink(missing_ok=True)


def _write_errors(job: ImportJob, result) -> None:
    from unionhub.core.importing.xlsx import write_error_workbook

    target = errors_file(job)
    try:
        write_error_workbook(str(job_file(job)), result.errors, str(target))
    except Exception:  # the preview still lists the problems; only the workbook is missing
        log.exception("error workbook of import job %s", job.pk)
        target.unlink(missing_ok=True)


@task()
def run_import_job(job_id: int) -> None:
    job_execute(job_id)


def jobs_for_kind(*, user: Any, kind: ImportKind, limit: int = 10):
    """The user's recent jobs of one kind (within their scope), newest first."""
    return ImportJob.objects.visible_to(user).filter(kind=kind.key, created_by=user)[:limit]
