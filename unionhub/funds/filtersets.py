"""List filters (pages and API); ``region`` is a region code with everything below it, so a
KPI's ``records_url`` lists exactly what it counts."""

import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.enterprises.models import Enterprise
from unionhub.funds.models import LedgerEntry, Refund, RefundBatch, Remittance, SizeRecord


def in_region(queryset, lookup: str, code: str):
    from unionhub.org.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__startswith": region.path})


class _Regional(ScopedFilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("Region code"))
    region_lookup = "enterprise__region__path"

    def filter_region(self, queryset, name, value):
        return in_region(queryset, self.region_lookup, value)


class RemittanceFilterSet(_Regional):
    search_fields = ("enterprise__name",)
    month_from = django_filters.DateFilter(field_name="month", lookup_expr="gte")
    month_to = django_filters.DateFilter(field_name="month", lookup_expr="lte")

    class Meta:
        model = Remittance
        fields = ["enterprise", "fund_kind"]


class SizeRecordFilterSet(_Regional):
    search_fields = ("enterprise__name",)

    class Meta:
        model = SizeRecord
        fields = ["enterprise", "year", "size_class"]


class RefundBatchFilterSet(_Regional):
    region_lookup = "region__path"

    class Meta:
        model = RefundBatch
        fields = ["year", "status", "fund_kind"]


class RefundFilterSet(_Regional):
    search_fields = ("enterprise__name",)
    paid_to = django_filters.DateFilter(field_name="paid_on", lookup_expr="lte")

    class Meta:
        model = Refund
        fields = ["batch", "enterprise", "year", "status", "size_class", "fund_kind"]


class LedgerEntryFilterSet(_Regional):
    search_fields = ("enterprise__name",)

    class Meta:
        model = LedgerEntry
        fields = ["enterprise", "kind"]


class BeneficiaryFilterSet(_Regional):
    """Enterprises that received a paid refund (on or before ``paid_to``)."""

    region_lookup = "region__path"
    paid_to = django_filters.DateFilter(method="filter_paid_to", label=_("Paid on or before"))

    class Meta:
        model = Enterprise
        fields = []

    def filter_paid_to(self, queryset, name, value):
        paid = Refund.objects.filter(status="paid", paid_on__lte=value).values("enterprise_id")
        return queryset.filter(pk__in=paid)
