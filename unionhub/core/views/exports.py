"""Unmasked exports of personal data: request (with purpose) → approval by someone else →
one watermarked download (core/pii_exports.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from unionhub.core import pii_exports
from unionhub.core.models import ExportRequest
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import ObjectListView, get_visible_or_404


@register_model_view(ExportRequest, "list")
class ExportRequestListView(ObjectListView):
    """Requests within the user's scope: their own (with the download once approved) and,
    for approvers, the ones waiting for them."""

    model = ExportRequest
    template_name = "core/exportrequest_list.html"
    export_enabled = False  # requests are decided here, not spread as spreadsheets
    select_related = ("created_by", "decided_by")
    default_ordering = ("-created_at", "-pk")
    columns = [
        ("created_at", gettext_lazy("created at")),
        ("created_by", gettext_lazy("created by")),
        ("kind", gettext_lazy("export kind")),
        ("reason", gettext_lazy("purpose")),
        ("get_status_display", gettext_lazy("status")),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_approve"] = self.request.user.has_perm(pii_exports.APPROVE_PERMISSION)
        ctx["titles"] = {k.key: str(k.title) for k in pii_exports.unmasked_kinds()}
        return ctx


class ExportRequestCreateView(LoginRequiredMixin, generic.View):
    scope_exempt = "a form to file a request; requests are shown through ExportRequest.visible_to"

    def dispatch(self, request, *args, **kwargs):
        self.kind = pii_exports.unmasked_kind(kwargs.pop("kind"))
        if self.kind is None:
            raise Http404
        if request.user.is_authenticated and not request.user.has_perm(pii_exports.PII_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request, query, error="", status=200):
        return render(
            request,
            "core/exportrequest_form.html",
            {
                "kind": self.kind,
                "query": query,
                "list_url": reverse(self.kind.list_url_name),
                "error": error,
                "reason": request.POST.get("reason", ""),
            },
            status=status,
        )

    def get(self, request):
        return self.render_form(request, request.GET.urlencode())

    def post(self, request):
        query = request.POST.get("query", "")
        try:
            pii_exports.request_create(
                actor=request.user,
                kind=self.kind,
                query=query,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            return self.render_form(request, query, error=exc.messages[0], status=400)
        messages.success(
            request, _("Request filed; you can download the file once it is approved.")
        )
        return HttpResponseRedirect(reverse("core:exportrequest_list"))


class ExportRequestDecideView(LoginRequiredMixin, generic.View):
    scope_exempt = "POST only; the service refuses requests outside the approver's scope"

    def post(self, request, pk):
        req = get_visible_or_404(ExportRequest, request.user, pk=pk)
        try:
            pii_exports.request_decide(
                actor=request.user,
                req=req,
                approve=request.POST.get("decision") == "approve",
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Decision recorded."))
        return HttpResponseRedirect(reverse("core:exportrequest_list"))


class ExportRequestDownloadView(LoginRequiredMixin, generic.View):
    scope_exempt = "only the requester's own approved request, checked by the service"

    def get(self, request, pk):
        req = get_visible_or_404(ExportRequest, request.user, pk=pk)
        try:
            return pii_exports.request_download(actor=request.user, req=req)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return HttpResponseRedirect(reverse("core:exportrequest_list"))
