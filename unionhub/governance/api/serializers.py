from rest_framework import serializers

from unionhub.enterprises.models import Enterprise
from unionhub.governance.models import (
    Grid,
    GridMembership,
    HarmoniousUnit,
    JointMeeting,
    LayoffPlan,
    MeetingTask,
    MonitoringPoint,
    RiskIndicator,
    RiskReport,
    RiskWarning,
)


class GridSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Grid
        fields = ("id", "code", "name", "kind", "region", "note")


class MembershipSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    size_class = serializers.CharField(source="enterprise.size_class", read_only=True)
    grid_code = serializers.CharField(source="grid.code", read_only=True)

    class Meta:
        model = GridMembership
        fields = (
            "id",
            "grid",
            "grid_code",
            "enterprise",
            "enterprise_name",
            "size_class",
            "assigned_on",
        )


class MonitoringPointSerializer(serializers.ModelSerializer):
    """The informant's phone is masked unless the caller may view personal data."""

    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    informant_phone = serializers.SerializerMethodField()

    class Meta:
        model = MonitoringPoint
        fields = (
            "id",
            "enterprise",
            "enterprise_name",
            "informant_name",
            "informant_phone",
            "designated_on",
            "is_active",
        )

    def get_informant_phone(self, obj) -> str:
        return obj.phone_for(self.context["request"].user)


class ReportSerializer(serializers.ModelSerializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    indicator = serializers.SlugRelatedField(
        slug_field="code", queryset=RiskIndicator.objects.filter(is_active=True)
    )
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )

    class Meta:
        model = RiskReport
        fields = (
            "id",
            "enterprise",
            "indicator",
            "source",
            "occurred_on",
            "facts",
            "people_affected",
            "months",
            "days_late",
            "cases",
            "amount",
            "flag",
            "level",
            "level_reason",
            "status",
            "warning",
        )
        read_only_fields = ("level", "level_reason", "status", "warning")


class WarningSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = RiskWarning
        fields = (
            "id",
            "enterprise",
            "enterprise_name",
            "level",
            "status",
            "owner",
            "level_since",
            "response_due",
            "ack_due",
            "escalations",
            "overdue",
            "closed_at",
            "closure_reason",
        )

    def get_overdue(self, obj) -> bool:
        from django.utils import timezone

        return obj.status == "open" and obj.response_due < timezone.localdate()


class HarmoniousSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = HarmoniousUnit
        fields = (
            "id",
            "kind",
            "enterprise",
            "park_name",
            "region",
            "level",
            "year",
            "status",
            "score",
            "designated_on",
            "valid_until",
        )


class LayoffSerializer(serializers.ModelSerializer):
    class Meta:
        model = LayoffPlan
        fields = (
            "id",
            "enterprise",
            "planned_count",
            "workforce",
            "is_mass",
            "notified_on",
            "earliest_effective_on",
            "effective_on",
            "consulted_on",
            "report",
        )


class MeetingTaskSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = MeetingTask
        fields = ("id", "title", "owner", "period", "due_on", "done_on", "result")


class MeetingSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    participants = serializers.ListField(
        source="participant_list", child=serializers.CharField(), read_only=True
    )
    tasks = MeetingTaskSerializer(many=True, read_only=True)

    class Meta:
        model = JointMeeting
        fields = (
            "id",
            "held_on",
            "convener",
            "region",
            "hrss_side",
            "participants",
            "topics",
            "decisions",
            "warnings",
            "enterprises",
            "tasks",
        )
