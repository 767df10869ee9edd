"""The content of a detail tab (``unionhub.core.detail_tabs``), loaded by htmx when opened."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from unionhub.core.detail_tabs import tab_for


class DetailTabView(LoginRequiredMixin, View):
    raise_exception = True
    # Scoped, but through the model named in the URL (visible_to below), which the URL
    # discovery of the scope matrix cannot know: test_detail_tabs covers it.
    scope_exempt = "the record's own visible_to, per model in the URL (test_detail_tabs)"

    def get(self, request: HttpRequest, model: str, pk: int, key: str) -> HttpResponse:
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError):
            raise Http404 from None
        tab = tab_for(model, key)
        if tab is None:
            raise Http404
        meta = model_class._meta
        if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            raise PermissionDenied
        if tab.permission and not request.user.has_perm(tab.permission):
            raise PermissionDenied
        obj = get_object_or_404(model_class._default_manager.visible_to(request.user), pk=pk)
        context = {"object": obj, "tab": tab, **tab.context(request, obj)}
        return render(request, tab.template, context)
