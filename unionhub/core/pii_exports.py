"""Unmasked exports of personal data, only with approval (domain.md §11.3.4).

Every export masks ID numbers and phones. A user who needs clear values (e.g. for an insurance
enrolment) files a request with the purpose; a different user holding
``core.approve_exportrequest`` whose scope covers the requester approves or rejects it; the
requester then downloads the file once, within ``ExportRequest.VALID_HOURS``. The file carries
a watermark (requester, approver, time, purpose) in its first row, its print header and its
document properties, and the audit trail records request, decision and download.

Modules register what can be exported this way (``register_unmasked``) with a builder
``build(request, params, watermark) -> HttpResponse`` that returns the module's normal export
with clear values and the watermark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from unionhub.core.exporting import PII_PERMISSION
from unionhub.core.models import ExportRequest, ExportRequestStatus

APPROVE_PERMISSION = "core.approve_exportrequest"


@dataclass(frozen=True)
class UnmaskedExport:
    key: str
    title: Any
    list_url_name: str
    build: str  # dotted path of build(request, params: QueryDict, watermark: str) -> response

    def builder(self) -> Callable[[Any, QueryDict, str], HttpResponse]:
        return import_string(self.build)


_KINDS: dict[str, UnmaskedExport] = {}


def register_unmasked(kind: UnmaskedExport) -> None:
    _KINDS[kind.key] = kind


def unmasked_kind(key: str) -> UnmaskedExport | None:
    return _KINDS.get(key)


def unmasked_kinds() -> list[UnmaskedExport]:
    return list(_KINDS.values())


def _refuse_unknown_params(kind: UnmaskedExport, query: str) -> None:
    """The filter of an unmasked export must be one the list understands: a mistyped
    parameter would otherwise export every row in clear (the list's export refuses it too)."""
    from django.urls import resolve, reverse

    from unionhub.core.filtersets import unknown_params, unknown_params_message

    view_class = getattr(resolve(reverse(kind.list_url_name)).func, "view_class", None)
    if view_class is None or not hasattr(view_class, "allowed_query_params"):
        return
    allowed = view_class().allowed_query_params()
    unknown = unknown_params(QueryDict(query), allowed)
    if unknown:
        raise ValidationError({"query": unknown_params_message(unknown, allowed)})


def request_create(*, actor: Any, kind: UnmaskedExport, query: str, reason: str) -> ExportRequest:
    if not actor.has_perm(PII_PERMISSION):
        raise PermissionDenied
    reason = reason.strip()
    if len(reason) < 4:
        raise ValidationError(
            {"reason": _("Say what the clear values are needed for (at least 4 characters).")}
        )
    _refuse_unknown_params(kind, query)
    unit = getattr(actor, "org_unit", None)
    req = ExportRequest.objects.create(
        kind=kind.key,
        query=query[:1000],
        reason=reason,
        created_by=actor,
        org_path=getattr(unit, "path", "") or "",
    )
    return req  # the audit trail records it like any record


def request_decide(*, actor: Any, req: ExportRequest, approve: bool, note: str = "") -> None:
    """Approve or reject; never one's own request, only pending ones within one's scope."""
    if not actor.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied
    if not ExportRequest.objects.visible_to(actor).filter(pk=req.pk).exists():
        raise PermissionDenied
    if req.created_by_id == actor.pk:
        raise ValidationError(_("A request cannot be approved by the person who made it."))
    if req.status != ExportRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not approve and not note.strip():
        raise ValidationError(_("Give the reason for the rejection."))
    req.status = ExportRequestStatus.APPROVED if approve else ExportRequestStatus.REJECTED
    req.decided_by = actor
    req.decided_at = timezone.now()
    req.decision_note = note.strip()[:300]
    req.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])


def expires_at(req: ExportRequest) -> dt.datetime | None:
    if req.decided_at is None:
        return None
    return req.decided_at + dt.timedelta(hours=ExportRequest.VALID_HOURS)


def watermark_text(req: ExportRequest) -> str:
    def who(user) -> str:
        return f"{user.full_name or user.username}（{user.username}）" if user else "—"

    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    return (
        f"不脱敏导出 · 申请人 {who(req.created_by)} · 审批人 {who(req.decided_by)} · "
        f"导出时间 {now} · 用途：{req.reason} · 仅限本次用途，严禁外传"
    )


def request_download(*, actor: Any, req: ExportRequest) -> HttpResponse:
    """The one download of an approved request, by its requester, before it expires."""
    if req.created_by_id != actor.pk:
        raise PermissionDenied
    if req.status == ExportRequestStatus.USED:
        raise ValidationError(_("This approval has already been used; file a new request."))
    if req.status != ExportRequestStatus.APPROVED:
        raise ValidationError(_("This request has not been approved."))
    if timezone.now() > expires_at(req):
        raise ValidationError(_("The approval has expired; file a new request."))
    if not actor.has_perm(PII_PERMISSION):
        raise PermissionDenied
    kind = unmasked_kind(req.kind)
    if kind is None:
        raise ValidationError(_("This kind of export no longer exists."))
    response = kind.builder()(actor, QueryDict(req.query), watermark_text(req))
    req.status = ExportRequestStatus.USED
    req.downloaded_at = timezone.now()
    req.rows = getattr(response, "export_rows", None)
    req.save(update_fields=["status", "downloaded_at", "rows", "updated_at"])
    return response
