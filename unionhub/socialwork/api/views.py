"""Read-only API of the archives: writes go through the pages (and their services)."""

from __future__ import annotations

from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.socialwork import filtersets
from unionhub.socialwork.api import serializers
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


class SocialWorkerViewSet(ScopedReadOnlyViewSet):
    queryset = SocialWorker.objects.all()
    serializer_class = serializers.SocialWorkerSerializer
    filterset_class = filtersets.SocialWorkerFilterSet
    select_related = ("union",)


class PostingViewSet(ScopedReadOnlyViewSet):
    queryset = Posting.objects.all()
    serializer_class = serializers.PostingSerializer
    filterset_class = filtersets.PostingFilterSet
    select_related = ("worker", "union")


class QualificationViewSet(ScopedReadOnlyViewSet):
    queryset = Qualification.objects.all()
    serializer_class = serializers.QualificationSerializer
    filterset_class = filtersets.QualificationFilterSet
    select_related = ("worker",)


class TrainingViewSet(ScopedReadOnlyViewSet):
    queryset = Training.objects.all()
    serializer_class = serializers.TrainingSerializer
    filterset_class = filtersets.TrainingFilterSet
    select_related = ("worker",)


class MonthlyRecordViewSet(ScopedReadOnlyViewSet):
    queryset = MonthlyRecord.objects.all()
    serializer_class = serializers.MonthlyRecordSerializer
    filterset_class = filtersets.MonthlyRecordFilterSet  # worker, region, month_from/_to
    select_related = ("worker",)


class QuarterlyReportViewSet(ScopedReadOnlyViewSet):
    queryset = QuarterlyReport.objects.all()
    serializer_class = serializers.QuarterlyReportSerializer
    filterset_class = filtersets.QuarterlyReportFilterSet
    select_related = ("worker",)


class StudySessionViewSet(ScopedReadOnlyViewSet):
    queryset = StudySession.objects.all()
    serializer_class = serializers.StudySessionSerializer
    filterset_class = filtersets.StudySessionFilterSet  # kind, region, held_from/_to
    select_related = ("union",)
    prefetch_related = ("participants",)


class AssessmentRoundViewSet(ScopedReadOnlyViewSet):
    queryset = AssessmentRound.objects.all()
    serializer_class = serializers.AssessmentRoundSerializer
    filterset_class = filtersets.AssessmentRoundFilterSet  # region, year, held_from/_to
    select_related = ("union",)


class AssessmentViewSet(ScopedReadOnlyViewSet):
    queryset = Assessment.objects.all()
    serializer_class = serializers.AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    select_related = ("worker", "round")
