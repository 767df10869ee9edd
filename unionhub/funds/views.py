"""Pages of the funds module: remittances, size class records, refund batches (with their
workflow steps), refunds and the ledger — declarations of the generic views."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from unionhub.core.exporting import ExportColumn
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PagePermissionMixin,
)
from unionhub.funds import forms, selectors, services
from unionhub.funds.choices import BatchStatus
from unionhub.funds.filtersets import (
    LedgerEntryFilterSet,
    RefundBatchFilterSet,
    RefundFilterSet,
    RemittanceFilterSet,
    SizeRecordFilterSet,
)
from unionhub.funds.models import (
    REMITTANCE_SHOWN_FIELDS,
    LedgerEntry,
    Refund,
    RefundBatch,
    Remittance,
    SizeRecord,
)

REMITTANCE = ModelServices(create=services.remittance_record)
SIZE_RECORD = ModelServices(
    create=services.sizerecord_create,
    update=services.sizerecord_update,
    delete=services.sizerecord_delete,
)
BATCH = ModelServices(
    create=services.batch_create, update=services.batch_update, delete=services.batch_delete
)
REFUND = ModelServices(delete=services.refund_remove, instance_arg="refund")


class RecordListView(ObjectListView):
    """The export's first column names the record."""

    def export_column_list(self) -> list:
        return [ExportColumn(self.model._meta.verbose_name, str, 40), *super().export_column_list()]


@register_model_view(Remittance, "list")
class RemittanceListView(RecordListView):
    model = Remittance
    filterset_class = RemittanceFilterSet
    select_related = ("enterprise",)
    columns = [
        ("enterprise", gettext_lazy("enterprise")),
        ("fund_kind", gettext_lazy("fund kind")),
        ("month", gettext_lazy("month")),
        ("payroll", gettext_lazy("total payroll (yuan)")),
        ("amount", gettext_lazy("allocation (yuan)")),
        ("grassroots_share", gettext_lazy("grassroots share (yuan)")),
        ("upper_share", gettext_lazy("upper-level share (yuan)")),
        ("paid_on", gettext_lazy("paid on")),
    ]


@register_model_view(Remittance)
class RemittanceView(ObjectDetailView):
    model = Remittance
    select_related = ("enterprise", "reverses")
    template_name = "funds/remittance.html"
    fields = list(REMITTANCE_SHOWN_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["reversal"] = Remittance.objects.filter(reverses=self.object).first()
        return ctx


@register_model_view(Remittance, "reverse")
class RemittanceReverseView(ObjectActionView):
    model = Remittance
    form_class = forms.ReverseForm
    service = staticmethod(services.remittance_reverse)
    title = gettext_lazy("Reverse the remittance")
    submit_class = "btn-danger"
    success_message = gettext_lazy(
        "The remittance was reversed; the month can now be recorded again."
    )


@register_model_view(Remittance, "add")
class RemittanceAddView(ObjectEditView):
    model = Remittance
    form_class = forms.RemittanceForm
    services = REMITTANCE


@register_model_view(SizeRecord, "list")
class SizeRecordListView(RecordListView):
    model = SizeRecord
    filterset_class = SizeRecordFilterSet
    select_related = ("enterprise",)
    columns = [
        ("enterprise", gettext_lazy("enterprise")),
        ("year", gettext_lazy("year")),
        ("employees", gettext_lazy("employees")),
        ("revenue_wan", gettext_lazy("operating revenue (10k yuan)")),
        ("size_class", gettext_lazy("size class")),
        ("standard_version", gettext_lazy("standard version")),
    ]


@register_model_view(SizeRecord)
class SizeRecordView(ObjectDetailView):
    model = SizeRecord
    select_related = ("enterprise",)
    fields = [
        "enterprise",
        "year",
        "industry_code",
        "employees",
        "revenue_wan",
        "assets_wan",
        "size_class",
        "standard_version",
        "is_group_subsidiary",
        "is_financial_subsidiary",
    ]


@register_model_view(SizeRecord, "add")
@register_model_view(SizeRecord, "edit")
class SizeRecordEditView(ObjectEditView):
    model = SizeRecord
    form_class = forms.SizeRecordForm
    services = SIZE_RECORD


@register_model_view(SizeRecord, "delete")
class SizeRecordDeleteView(ObjectDeleteView):
    model = SizeRecord
    services = SIZE_RECORD


@register_model_view(RefundBatch, "list")
class RefundBatchListView(RecordListView):
    model = RefundBatch
    filterset_class = RefundBatchFilterSet
    select_related = ("region",)
    columns = [
        ("title", gettext_lazy("title")),
        ("region", gettext_lazy("region")),
        ("year", gettext_lazy("year")),
        ("status", gettext_lazy("status")),
        ("total", gettext_lazy("total (yuan)")),
    ]


@register_model_view(RefundBatch)
class RefundBatchView(ObjectDetailView):
    model = RefundBatch
    select_related = ("region", "submitted_by", "approved_by")
    template_name = "funds/refundbatch.html"
    fields = [
        "title",
        "region",
        "year",
        "status",
        "total",
        "submitted_by",
        "approved_by",
        "approved_on",
        "paid_on",
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.batch_page(batch=self.object, user=self.request.user))
        ctx["S"] = BatchStatus
        return ctx


@register_model_view(RefundBatch, "add")
@register_model_view(RefundBatch, "edit")
class RefundBatchEditView(ObjectEditView):
    model = RefundBatch
    form_class = forms.RefundBatchForm
    services = BATCH


@register_model_view(RefundBatch, "delete")
class RefundBatchDeleteView(ObjectDeleteView):
    model = RefundBatch
    services = BATCH


class _BatchStep(ObjectActionView):
    model = RefundBatch
    instance_arg = "refundbatch"


@register_model_view(RefundBatch, "fill")
class RefundBatchFillView(_BatchStep):
    service = staticmethod(services.batch_fill)
    title = gettext_lazy("Add every eligible enterprise")
    submit_label = gettext_lazy("Add eligible enterprises")

    def run(self, form):
        summary = type(self).service(actor=self.request.user, refundbatch=self.get_object())
        messages.success(
            self.request,
            _("%(n)s enterprises added; %(left)s left out (not eligible or already refunded).")
            % {"n": summary.pop("added"), "left": sum(summary.values())},
        )
        return self.get_object()


@register_model_view(RefundBatch, "add_refund")
class RefundAddView(_BatchStep):
    form_class = forms.AddRefundForm
    service = staticmethod(services.refund_add)
    title = gettext_lazy("Add one enterprise")
    success_message = gettext_lazy("The refund was added to the batch.")


@register_model_view(RefundBatch, "submit")
class RefundBatchSubmitView(_BatchStep):
    service = staticmethod(services.batch_submit)
    title = gettext_lazy("Submit for approval")
    success_message = gettext_lazy("The batch was submitted for approval.")


@register_model_view(RefundBatch, "approve")
class RefundBatchApproveView(_BatchStep):
    permission_required = "funds.approve_refundbatch"
    service = staticmethod(services.batch_approve)
    title = gettext_lazy("Approve the batch")
    submit_class = "btn-success"
    success_message = gettext_lazy("The batch was approved.")


@register_model_view(RefundBatch, "return")
class RefundBatchReturnView(_BatchStep):
    permission_required = "funds.approve_refundbatch"
    service = staticmethod(services.batch_return)
    title = gettext_lazy("Return for changes")
    submit_class = "btn-warning"
    success_message = gettext_lazy("The batch was returned for changes.")


@register_model_view(RefundBatch, "pay")
class RefundBatchPayView(_BatchStep):
    form_class = forms.PayForm
    service = staticmethod(services.batch_pay)
    title = gettext_lazy("Record the payment")
    success_message = gettext_lazy("The refunds are paid and posted to the ledger.")


@register_model_view(Refund, "list")
class RefundListView(RecordListView):
    model = Refund
    filterset_class = RefundFilterSet
    select_related = ("enterprise", "batch")
    columns = [
        ("enterprise", gettext_lazy("enterprise")),
        ("year", gettext_lazy("year")),
        ("size_class", gettext_lazy("size class")),
        ("months", gettext_lazy("months refunded")),
        ("amount", gettext_lazy("amount (yuan)")),
        ("status", gettext_lazy("status")),
    ]


@register_model_view(Refund)
class RefundView(ObjectDetailView):
    model = Refund
    select_related = ("enterprise", "batch", "size_record")
    fields = [
        "batch",
        "enterprise",
        "year",
        "size_class",
        "standard_version",
        "size_record",
        "months",
        "amount",
        "status",
        "paid_on",
    ]


@register_model_view(Refund, "delete")
class RefundDeleteView(ObjectDeleteView):
    model = Refund
    services = REFUND


@register_model_view(LedgerEntry, "list")
class LedgerEntryListView(RecordListView):
    model = LedgerEntry
    filterset_class = LedgerEntryFilterSet
    select_related = ("enterprise",)
    columns = [
        ("enterprise", gettext_lazy("enterprise")),
        ("kind", gettext_lazy("kind")),
        ("amount", gettext_lazy("amount (yuan)")),
        ("occurred_on", gettext_lazy("date")),
        ("note", gettext_lazy("note")),
    ]


@register_model_view(LedgerEntry)
class LedgerEntryView(ObjectDetailView):
    model = LedgerEntry
    select_related = ("enterprise",)
    fields = ["enterprise", "kind", "amount", "occurred_on", "remittance", "refund", "note"]


class PolicyView(PagePermissionMixin, generic.TemplateView):
    """The refund policy periods (nation-wide rows kept in the administration site)."""

    template_name = "funds/policy.html"
    permission_required = "funds.view_refund"
    scope_exempt = "nation-wide policy periods, the same for every county"

    def get_context_data(self, **kwargs):
        from unionhub.funds.models import FundSplitRule, RefundPolicyPeriod

        ctx = super().get_context_data(**kwargs)
        ctx["periods"] = RefundPolicyPeriod.objects.order_by("valid_from")
        ctx["split_rules"] = FundSplitRule.objects.order_by("province_code", "valid_from")
        return ctx
