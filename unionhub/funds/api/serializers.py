from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from unionhub.enterprises.models import Enterprise
from unionhub.funds.models import (
    REMITTANCE_SHOWN_FIELDS,
    LedgerEntry,
    Refund,
    RefundBatch,
    Remittance,
    SizeRecord,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True, "read_only": True}


class RemittanceSerializer(serializers.ModelSerializer):
    payroll = serializers.DecimalField(**MONEY)
    amount = serializers.DecimalField(**MONEY)
    grassroots_share = serializers.DecimalField(**MONEY)
    upper_share = serializers.DecimalField(**MONEY)

    class Meta:
        model = Remittance
        fields = ["id", *REMITTANCE_SHOWN_FIELDS]
        read_only_fields = fields


class SizeRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SizeRecord
        fields = [
            "id",
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
        read_only_fields = fields


class RefundBatchSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    total = serializers.DecimalField(**MONEY)

    class Meta:
        model = RefundBatch
        fields = [
            "id",
            "region",
            "year",
            "fund_kind",
            "title",
            "status",
            "total",
            "approved_on",
            "paid_on",
        ]
        read_only_fields = fields


class RefundSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(**MONEY)
    grassroots_part = serializers.DecimalField(**MONEY)
    upper_part = serializers.DecimalField(**MONEY)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Refund
        fields = [
            "id",
            "batch",
            "enterprise",
            "enterprise_name",
            "year",
            "fund_kind",
            "size_class",
            "standard_version",
            "months",
            "amount",
            "grassroots_part",
            "upper_part",
            "status",
            "paid_on",
        ]
        read_only_fields = fields


# Explicit component name: another module has a serializer of the same name.
@extend_schema_serializer(component_name="FundsLedgerEntry")
class LedgerEntrySerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(**MONEY)

    class Meta:
        model = LedgerEntry
        fields = ["id", "enterprise", "kind", "amount", "occurred_on", "remittance", "refund"]
        read_only_fields = fields


class BeneficiarySerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Enterprise
        fields = ["id", "uscc", "name", "region", "size_class"]
        read_only_fields = fields
