"""Shell pages: home (the user's dashboard), health check, audit log, error pages."""

from __future__ import annotations

import json
import logging

import django_filters
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from unionhub.core import dashboard
from unionhub.core.exporting import ExportColumn
from unionhub.core.filtersets import ScopedFilterSet
from unionhub.core.models import ChangeRecord
from unionhub.core.modules import declarations
from unionhub.core.scope import scope_for
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import ObjectListView

logger = logging.getLogger(__name__)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # A worker (own records only) starts on their phone page, never on the admin shell.
    if settings.SELF_SERVICE_HOME and scope_for(request.user).own_only:
        return redirect(settings.SELF_SERVICE_HOME)
    # A user whose work is one page (a station attendant: the shift page) starts there.
    for declared in declarations("landing"):
        url = declared.value(request.user)
        if url:
            return redirect(url)
    return render(request, "core/home.html", {"cards": dashboard.cards_for(request.user)})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 — any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _module_choices() -> list[tuple[str, str]]:
    from django.apps import apps

    return [
        (c.label, str(c.verbose_name))
        for c in apps.get_app_configs()
        if c.name.startswith("unionhub.")
    ]


class ChangeRecordFilterSet(ScopedFilterSet):
    """Filters of the audit page: user, module, action, date range and free text."""

    search_fields = ("object_repr", "actor_name", "note")
    actor_name = django_filters.CharFilter(label=_("User"), lookup_expr="icontains")
    app_label = django_filters.ChoiceFilter(label=_("Module"), choices=_module_choices)
    action = django_filters.ChoiceFilter(choices=ChangeRecord._meta.get_field("action").choices)
    at_after = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("From"))
    at_before = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = ChangeRecord
        fields = ["actor_name", "app_label", "action"]


@register_model_view(ChangeRecord, "list")
class ChangeRecordListView(ObjectListView):
    """The global audit page, scoped like everything else; its Excel export (the audit
    trail for archiving, issue #19) writes the same filtered rows."""

    model = ChangeRecord
    export_columns = [
        ExportColumn("时间", "at", 18),
        ExportColumn("摘要", str, 30),
        ExportColumn("操作人", "actor_name", 14),
        ExportColumn("IP 地址", "ip", 16),
        ExportColumn("操作", "action", 10),
        ExportColumn("模块", "app_label", 12),
        ExportColumn("记录类型", "model_name", 16),
        ExportColumn("记录编号", "object_id", 10),
        ExportColumn("记录", "object_repr", 30),
        ExportColumn("变更内容", lambda r: json.dumps(r.changes, ensure_ascii=False), 60),
        ExportColumn("备注", "note", 30),
    ]
    export_title = "操作日志"
    filterset_class = ChangeRecordFilterSet
    template_name = "core/changerecord_list.html"
    select_related = ("actor",)
    default_ordering = ("-at", "-id")
    sortable = ("at", "actor_name", "action")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["verbose_name_plural"] = _("Audit log")  # the menu's name for this page
        return ctx


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


#: the 500 page when even its template cannot be rendered (static files not collected, a
#: broken template): plain text, nothing that can fail again.
ERROR_500_FALLBACK = (
    '<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>500 · UnionHub</title>'
    "</head><body><h1>500</h1><p>系统内部错误，工作人员已收到通知。请稍后再试。</p>"
    '<p><a href="/">返回首页</a></p></body></html>'
)


def error_500(request):
    # No context processors: the page must render even when the database is down. If the
    # page itself fails (e.g. a missing static manifest), Django would call this handler
    # again at every middleware layer, each time failing, chaining ever longer tracebacks.
    from django.template import loader

    try:
        body = loader.get_template("500.html").render({})
    except Exception:  # noqa: BLE001 — whatever broke the page, the answer is still a 500
        logger.exception("the 500 page could not be rendered; plain fallback sent")
        body = ERROR_500_FALLBACK
    return HttpResponse(body, status=500)
