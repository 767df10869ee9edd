"""The audit trail's hash-chain check as a page, for the audit administrator."""

from __future__ import annotations

from django.views.generic import TemplateView

from unionhub.core.auditchain import verify_chain
from unionhub.core.views.generic import PagePermissionMixin


class AuditVerifyView(PagePermissionMixin, TemplateView):
    permission_required = "core.verify_changerecord"
    template_name = "core/audit_verify.html"
    scope_exempt = "checks the whole city's chain; shows counts and one record id, no content"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["report"] = verify_chain()
        return ctx
