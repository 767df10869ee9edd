"""Read-only serializers of the module's API lists (the KPIs' records)."""

from rest_framework import serializers

from unionhub.partybuild.models import (
    Cultivation,
    CycleReport,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
    PartyFacts,
)


class PartyFactsSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    ownership = serializers.CharField(source="enterprise.ownership", read_only=True)

    class Meta:
        model = PartyFacts
        fields = (
            "id",
            "enterprise",
            "enterprise_name",
            "ownership",
            "party_members",
            "org_type",
            "org_founded_on",
            "has_party_org",
        )


class CycleReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = CycleReport
        fields = ("id", "participation", "stage", "due_on", "status", "submitted_on", "reviewed_on")


class ParticipationSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    reports = CycleReportSerializer(many=True, read_only=True)

    class Meta:
        model = Participation
        fields = ("id", "enterprise", "enterprise_name", "year", "launched_on", "reports")


class DemonstrationSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Demonstration
        fields = ("id", "kind", "year", "name", "enterprise", "region", "named_on", "named_by")


class LectureSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Lecture
        fields = ("id", "kind", "title", "speaker", "given_on", "region", "link")


class DeputySerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Deputy
        fields = (
            "id",
            "name",
            "member",
            "kind",
            "level",
            "region",
            "enterprise",
            "occupation",
            "is_industrial_worker",
        )


class CultivationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cultivation
        fields = (
            "id",
            "enterprise",
            "name",
            "member",
            "backbone_on",
            "party_member_on",
            "manager_on",
        )
