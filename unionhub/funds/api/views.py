"""Funds API: read-only lists (writes go through the pages and their services). The
``beneficiaries`` list is the records behind ``funds.refund_enterprises``."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from unionhub.core.api import ModelPermissions, ScopedReadOnlyViewSet
from unionhub.enterprises.models import Enterprise
from unionhub.funds.api.serializers import (
    BeneficiarySerializer,
    LedgerEntrySerializer,
    RefundBatchSerializer,
    RefundSerializer,
    RemittanceSerializer,
    SizeRecordSerializer,
)
from unionhub.funds.filtersets import (
    BeneficiaryFilterSet,
    LedgerEntryFilterSet,
    RefundBatchFilterSet,
    RefundFilterSet,
    RemittanceFilterSet,
    SizeRecordFilterSet,
)
from unionhub.funds.models import (
    LedgerEntry,
    Refund,
    RefundBatch,
    Remittance,
    SizeRecord,
)


class RemittanceViewSet(ScopedReadOnlyViewSet):
    queryset = Remittance.objects.all()
    serializer_class = RemittanceSerializer
    filterset_class = RemittanceFilterSet


class SizeRecordViewSet(ScopedReadOnlyViewSet):
    queryset = SizeRecord.objects.all()
    serializer_class = SizeRecordSerializer
    filterset_class = SizeRecordFilterSet


class RefundBatchViewSet(ScopedReadOnlyViewSet):
    queryset = RefundBatch.objects.all()
    serializer_class = RefundBatchSerializer
    filterset_class = RefundBatchFilterSet
    select_related = ("region",)


class RefundViewSet(ScopedReadOnlyViewSet):
    queryset = Refund.objects.all()
    serializer_class = RefundSerializer
    filterset_class = RefundFilterSet
    select_related = ("enterprise",)


class LedgerEntryViewSet(ScopedReadOnlyViewSet):
    queryset = LedgerEntry.objects.all()
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilterSet


class BeneficiaryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Enterprises with a paid refund (list only: the enterprise itself is at
    ``/api/v1/enterprises/<id>/``)."""

    queryset = Enterprise.objects.all()
    serializer_class = BeneficiarySerializer
    filterset_class = BeneficiaryFilterSet
    permission_classes = [ModelPermissions]

    def get_queryset(self):
        paid = Refund.objects.filter(status="paid").values("enterprise_id")
        return (
            Enterprise.objects.visible_to(self.request.user)
            .filter(pk__in=paid)
            .select_related("region")
            .order_by("name", "pk")
        )
