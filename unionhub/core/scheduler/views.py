"""The scheduled-jobs pages (系统 → 定时任务): each job's schedule, last and next run,
duration and failures; a job's run history; "run now" for administrators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from unionhub.core.scheduler import selectors, services
from unionhub.core.scheduler.models import JobRun
from unionhub.core.views.generic import ScopedMixin

RUNS_PER_PAGE = 50


class JobListView(ScopedMixin, generic.TemplateView):
    model = JobRun
    template_name = "scheduler/job_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = selectors.job_overviews(user=self.request.user)
        ctx["can_run"] = self.request.user.has_perm("scheduler.run_jobrun")
        return ctx


class JobDetailView(ScopedMixin, generic.TemplateView):
    model = JobRun
    template_name = "scheduler/job_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        row = selectors.job_overview(user=self.request.user, key=self.kwargs["key"])
        if row is None:
            raise Http404
        page = Paginator(
            selectors.job_runs(user=self.request.user, key=row.key), RUNS_PER_PAGE
        ).get_page(self.request.GET.get("page"))
        ctx.update(
            row=row,
            page_obj=page,
            runs=page.object_list,
            can_run=self.request.user.has_perm("scheduler.run_jobrun"),
        )
        return ctx


class JobRunNowView(ScopedMixin, generic.View):
    """POST: queue a run of the job now (the task worker runs it)."""

    model = JobRun
    permission_required = "scheduler.run_jobrun"
    http_method_names = ["post"]

    def post(self, request, key: str):
        try:
            services.job_run_now(actor=request.user, key=key)
        except ValidationError as exc:
            if any(e.code == "unknown" for e in exc.error_dict.get("job", [])):
                raise Http404 from exc
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request, _("The job has been queued; the task worker runs it in a moment.")
            )
        return HttpResponseRedirect(reverse("scheduler:job", kwargs={"key": key}))
