"""Core's own to-do items: unmasked-export requests to approve (never one's own), and
previewed import files waiting for their uploader to commit them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.models import ExportRequest, ExportRequestStatus, ImportJob, ImportJobStatus
from unionhub.core.pii_exports import APPROVE_PERMISSION, unmasked_kind
from unionhub.core.todo.registry import Item, TodoProvider

#: An export request should be decided within a day [D]; a previewed file should be committed
#: (or dropped) within a day, and after a week it is no longer a to-do.
EXPORT_DECIDE_HOURS = 24
IMPORT_COMMIT_HOURS = 24
IMPORT_STALE_DAYS = 7


def _export_requests(user):
    return (
        ExportRequest.objects.visible_to(user)
        .filter(status=ExportRequestStatus.PENDING)
        .exclude(created_by=user)
        .select_related("created_by")
        .order_by("created_at", "pk")
    )


def _export_item(req: ExportRequest) -> Item:
    kind = unmasked_kind(req.kind)
    who = getattr(req.created_by, "full_name", "") or str(req.created_by or "")
    return Item(
        title=f"{kind.title if kind else req.kind} · {who}",
        due=req.created_at + dt.timedelta(hours=EXPORT_DECIDE_HOURS),
        url=reverse("core:exportrequest_list"),
        detail=_("purpose: %(reason)s") % {"reason": req.reason[:60]},
    )


def _imports(user):
    since = timezone.now() - dt.timedelta(days=IMPORT_STALE_DAYS)
    return (
        ImportJob.objects.visible_to(user)
        .filter(created_by=user, commit=False, status=ImportJobStatus.DONE)
        .filter(finished_at__gte=since)
        .exclude(result__to_create=0, result__to_update=0)  # nothing to write
        .order_by("finished_at", "pk")
    )


def _import_item(job: ImportJob) -> Item:
    result = job.result or {}
    return Item(
        title=job.file_name,
        due=job.finished_at + dt.timedelta(hours=IMPORT_COMMIT_HOURS),
        url=reverse("core:import_job", args=[job.pk]),
        detail=_("%(ok)d rows ready, %(rejected)d rejected")
        % {
            "ok": (result.get("to_create") or 0) + (result.get("to_update") or 0),
            "rejected": result.get("rejected") or 0,
        },
    )


PROVIDERS = [
    TodoProvider(
        kind="core.exportrequest_approve",
        title=gettext_lazy("Unmasked exports to approve"),
        permission=APPROVE_PERMISSION,
        queryset=_export_requests,
        item=_export_item,
        list_url="core:exportrequest_list",
    ),
    TodoProvider(
        kind="core.import_commit",
        title=gettext_lazy("Previewed imports to commit"),
        queryset=_imports,
        item=_import_item,
    ),
]
