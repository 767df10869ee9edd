"""Web import pages shared by every module: upload, job page (progress → preview → commit),
template download. The modules only register an ``ImportKind`` (core/import_jobs.py)."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from unionhub.core import import_jobs
from unionhub.core.models import ImportJob
from unionhub.core.views.generic import get_visible_or_404


def kind_context(kind: import_jobs.ImportKind, **extra) -> dict:
    """What every import page shows about its kind: title, list, template, columns."""
    importer = kind.importer_class()
    return {
        "kind": kind,
        "title": kind.title,
        "list_url": reverse(kind.list_url_name),
        "list_title": importer.model._meta.verbose_name_plural,
        "template_url": reverse("core:import_template", args=[kind.key]),
        "headers": [c.header for c in importer.columns],
        **extra,
    }


class ImportKindMixin(LoginRequiredMixin):
    """Resolves the import kind (from the URL or fixed by a module's route) and checks its
    permission."""

    kind_key: str = ""

    def dispatch(self, request, *args, **kwargs):
        key = kwargs.pop("kind", None) or self.kind_key
        self.kind = import_jobs.import_kind(key)
        if self.kind is None:
            raise Http404
        if request.user.is_authenticated and not request.user.has_perm(self.kind.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        return kind_context(self.kind, **extra)


class ImportUploadView(ImportKindMixin, generic.View):
    scope_exempt = "upload form; the user's recent jobs come from ImportJob.visible_to"

    def get(self, request):
        jobs = import_jobs.jobs_for_kind(user=request.user, kind=self.kind)
        return render(request, "core/import_upload.html", self.context(jobs=jobs))

    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            return self.invalid(request, _("Choose an .xlsx file made from the template."))
        try:
            job = import_jobs.job_start(
                actor=request.user,
                kind=self.kind,
                upload=upload,
                update=bool(request.POST.get("update")),
            )
        except ValidationError as exc:
            return self.invalid(request, exc.messages[0])
        return HttpResponseRedirect(reverse("core:import_job", args=[job.pk]))

    def invalid(self, request, error):
        jobs = import_jobs.jobs_for_kind(user=request.user, kind=self.kind)
        return render(
            request, "core/import_upload.html", self.context(error=error, jobs=jobs), status=400
        )


class ImportTemplateView(ImportKindMixin, generic.View):
    scope_exempt = "an empty template: headers, one example row, drop-downs"

    def get(self, request):
        handle = tempfile.TemporaryFile()
        self.kind.importer_class()(actor=request.user).template(handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=self.kind.template_filename)


class ImportJobView(LoginRequiredMixin, generic.View):
    """One job: progress while it runs (htmx polls the ``job`` partial), then the preview
    with its problems and the commit form, then the outcome."""

    model = ImportJob

    def get_job(self, request, pk) -> ImportJob:
        job = get_visible_or_404(ImportJob, request.user, pk=pk)
        self.kind = import_jobs.import_kind(job.kind)
        if self.kind is None:
            raise Http404
        if not request.user.has_perm(self.kind.permission):
            raise PermissionDenied
        return job

    def render_job(self, request, job, status=200, error=""):
        ctx = kind_context(
            self.kind,
            job=job,
            result=job.result,
            progress=import_jobs.job_progress(job),
            is_owner=job.created_by_id == request.user.pk,
            has_error_workbook=import_jobs.errors_file(job).exists(),
            error=error,
        )
        template = "core/import_job.html"
        if getattr(request, "htmx", False) and not request.htmx.boosted:
            template += "#job"
        return render(request, template, ctx, status=status)

    def get(self, request, pk):
        return self.render_job(request, self.get_job(request, pk))

    def post(self, request, pk):
        job = self.get_job(request, pk)
        try:
            job = import_jobs.job_commit(
                actor=request.user, job=job, valid_only=bool(request.POST.get("valid_only"))
            )
        except ValidationError as exc:
            return self.render_job(request, job, status=400, error=exc.messages[0])
        if job.status == "done" and job.result.get("committed"):
            result = job.result
            messages.success(
                request,
                _("Imported: %(c)d created, %(u)d updated, %(r)d rejected rows skipped.")
                % {"c": result["created"], "u": result["updated"], "r": result["rejected"]},
            )
        return HttpResponseRedirect(reverse("core:import_job", args=[job.pk]))


class ImportErrorsView(LoginRequiredMixin, generic.View):
    """The uploaded file given back with a 错误原因 column and its bad cells highlighted.
    Only for its uploader: it holds what they uploaded, personal data included. (No
    ``model``: the scope matrices walk pages of records; this is the uploader's own file,
    with its own tests in enterprises/tests/test_import_errors.py.)"""

    scope_exempt = "the job is fetched through ImportJob.visible_to, then only its uploader"

    def get(self, request, pk):
        job = get_visible_or_404(ImportJob, request.user, pk=pk)
        kind = import_jobs.import_kind(job.kind)
        if kind is None or not request.user.has_perm(kind.permission):
            raise PermissionDenied
        if job.created_by_id != request.user.pk:
            raise PermissionDenied
        path = import_jobs.errors_file(job)
        if not path.exists():
            raise Http404
        stem = job.file_name.rsplit(".", 1)[0]
        return FileResponse(path.open("rb"), as_attachment=True, filename=f"{stem}-错误报告.xlsx")
