from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from unionhub.congress.models import (
    Congress,
    Proposal,
    Representative,
    Resolution,
    Session,
    StarEvaluation,
)


class CongressSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Congress
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "form",
            "term_number",
            "term_start",
            "term_years",
            "workforce",
            "women_workforce",
            "list_status",
            "list_confirmed_on",
        ]
        read_only_fields = fields


# Explicit component name: another module has a serializer of the same name.
@extend_schema_serializer(component_name="CongressRepresentative")
class RepresentativeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Representative
        fields = ["id", "congress", "name", "category", "is_woman", "unit"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    quorum_met = serializers.BooleanField(read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "congress",
            "number",
            "kind",
            "held_on",
            "total_reps",
            "present",
            "quorum_met",
        ]
        read_only_fields = fields


class ResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["id", "session", "title", "yes_votes", "no_votes", "abstentions", "result"]
        read_only_fields = fields


class ProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proposal
        fields = [
            "id",
            "congress",
            "session",
            "title",
            "proposer",
            "category",
            "status",
            "handling_unit",
            "due_on",
            "handled_on",
            "satisfaction",
        ]
        read_only_fields = fields


class StarEvaluationSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="congress.enterprise_id", read_only=True)
    enterprise_name = serializers.CharField(source="congress.enterprise.name", read_only=True)
    rubric = serializers.CharField(source="rubric.version", read_only=True)

    class Meta:
        model = StarEvaluation
        fields = [
            "id",
            "congress",
            "enterprise",
            "enterprise_name",
            "year",
            "rubric",
            "status",
            "total_points",
            "veto_hit",
            "stars",
            "finalized_on",
            "is_current",
        ]
        read_only_fields = fields


class VoteCheckSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    present = serializers.IntegerField()
    yes = serializers.IntegerField()
