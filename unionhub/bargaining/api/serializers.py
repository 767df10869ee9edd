"""Read serializers of the bargaining API (writes go through the pages' services)."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from unionhub.bargaining.models import (
    CASE_DATES,
    BargainingCase,
    BargainingOffer,
    BargainingSession,
    ContractDraft,
    OfferCampaign,
    Representative,
)
from unionhub.enterprises.models import Enterprise


class CaseSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    phase = serializers.SerializerMethodField()

    class Meta:
        model = BargainingCase
        fields = (
            "id",
            "title",
            "tier",
            "union",
            "region",
            "enterprise",
            "industry_code",
            "key_group",
            "procedure",
            "outcome_type",
            "special_topic",
            "reduces_worker_rights",
            "requested_on",
            *CASE_DATES,
            "phase",
            "covered_enterprises",
        )
        read_only_fields = fields

    def get_phase(self, obj: BargainingCase) -> str:
        return obj.phase()


# Explicit component name: another module has a serializer of the same name.
@extend_schema_serializer(component_name="BargainingRepresentative")
class RepresentativeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Representative
        fields = (
            "id",
            "case",
            "side",
            "name",
            "position",
            "is_chief",
            "is_outside_expert",
            "vacated_on",
            "refill_due",
            "replaced_by",
        )
        read_only_fields = fields


# Explicit component name: another module has a serializer of the same name.
@extend_schema_serializer(component_name="BargainingCampaign")
class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = OfferCampaign
        fields = ("id", "union", "title", "period_start", "period_end", "note")
        read_only_fields = fields


class OfferSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = BargainingOffer
        fields = (
            "id",
            "campaign",
            "enterprise",
            "enterprise_name",
            "status",
            "sent_on",
            "received_on",
            "response_due",
            "responded_on",
            "escalated_to",
            "escalated_on",
            "case",
        )
        read_only_fields = fields


class CoveredEnterpriseSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Enterprise
        fields = ("id", "name", "region", "industry_code", "size_class", "employees")
        read_only_fields = fields


@extend_schema_serializer(component_name="BargainingSession")
class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = BargainingSession
        fields = (
            "id",
            "case",
            "number",
            "held_on",
            "place",
            "chair",
            "recorder",
            "attendees",
            "minutes",
        )
        read_only_fields = fields


class ClauseSerializer(serializers.Serializer):
    number = serializers.CharField()
    heading = serializers.CharField()
    body = serializers.CharField()


class ClauseChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    old = ClauseSerializer(allow_null=True)
    new = ClauseSerializer(allow_null=True)


class DraftSerializer(serializers.ModelSerializer):
    clauses = serializers.SerializerMethodField()
    changes_from_previous = serializers.SerializerMethodField()

    class Meta:
        model = ContractDraft
        fields = (
            "id",
            "case",
            "version",
            "prepared_on",
            "session",
            "text",
            "note",
            "clauses",
            "changes_from_previous",
        )
        read_only_fields = fields

    @extend_schema_field(ClauseSerializer(many=True))
    def get_clauses(self, obj):
        return ClauseSerializer(obj.clauses(), many=True).data

    @extend_schema_field(ClauseChangeSerializer(many=True))
    def get_changes_from_previous(self, obj):
        """Clause-by-clause changes from the version before (every clause ``added`` for
        the first version)."""
        from unionhub.bargaining.selectors import draft_comparison

        return ClauseChangeSerializer(draft_comparison(obj).changes, many=True).data
