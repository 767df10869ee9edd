"""Read-only API of the archives (the records behind the ``socialwork.*`` KPIs). Enums are
the stable codes; money-free; ID number and phone masked unless the caller may view
personal data."""

from __future__ import annotations

from rest_framework import serializers

from unionhub.socialwork.models import (
    Assessment,
    AssessmentRound,
    MonthlyRecord,
    Posting,
    Qualification,
    QuarterlyReport,
    SocialWorker,
    StudySession,
    Training,
)


class SocialWorkerSerializer(serializers.ModelSerializer):
    union_name = serializers.CharField(source="union.name", read_only=True)
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = SocialWorker
        fields = [
            "id",
            "name",
            "union",
            "union_name",
            "user",
            "member",
            "id_number",
            "phone",
            "hired_on",
            "education",
            "status",
            "left_on",
        ]
        read_only_fields = fields

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_id_number(self, obj) -> str:
        return obj.id_number_for(self._user())

    def get_phone(self, obj) -> str:
        return obj.phone_for(self._user())


class _WorkerRecordSerializer(serializers.ModelSerializer):
    worker_name = serializers.CharField(source="worker.name", read_only=True)


class PostingSerializer(_WorkerRecordSerializer):
    union_name = serializers.CharField(source="union.name", read_only=True)

    class Meta:
        model = Posting
        fields = [
            "id",
            "worker",
            "worker_name",
            "union",
            "union_name",
            "kind",
            "started_on",
            "ended_on",
            "duty",
        ]
        read_only_fields = fields


class QualificationSerializer(_WorkerRecordSerializer):
    class Meta:
        model = Qualification
        fields = [
            "id",
            "worker",
            "worker_name",
            "kind",
            "name",
            "certificate_no",
            "issued_on",
            "issuer",
        ]
        read_only_fields = fields


class TrainingSerializer(_WorkerRecordSerializer):
    class Meta:
        model = Training
        fields = ["id", "worker", "worker_name", "title", "provider", "started_on", "hours"]
        read_only_fields = fields


class MonthlyRecordSerializer(_WorkerRecordSerializer):
    month = serializers.DateField(format="%Y-%m")

    class Meta:
        model = MonthlyRecord
        fields = [
            "id",
            "worker",
            "worker_name",
            "month",
            "summary",
            "cases",
            "visits",
            "hours",
            "created_at",
        ]
        read_only_fields = fields


class QuarterlyReportSerializer(_WorkerRecordSerializer):
    attendance_rate = serializers.DecimalField(max_digits=5, decimal_places=1, read_only=True)

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "worker",
            "worker_name",
            "year",
            "quarter",
            "performance",
            "rating",
            "workdays",
            "attendance_days",
            "attendance_rate",
        ]
        read_only_fields = fields


class StudySessionSerializer(serializers.ModelSerializer):
    union_name = serializers.CharField(source="union.name", read_only=True)

    class Meta:
        model = StudySession
        fields = [
            "id",
            "union",
            "union_name",
            "kind",
            "title",
            "held_on",
            "place",
            "hours",
            "activity",
            "participants",
        ]
        read_only_fields = fields


class AssessmentRoundSerializer(serializers.ModelSerializer):
    union_name = serializers.CharField(source="union.name", read_only=True)

    class Meta:
        model = AssessmentRound
        fields = ["id", "union", "union_name", "year", "held_on", "criteria", "excellent_quota"]
        read_only_fields = fields


class AssessmentSerializer(_WorkerRecordSerializer):
    year = serializers.IntegerField(source="round.year", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "round", "year", "worker", "worker_name", "scores", "total"]
        read_only_fields = fields
