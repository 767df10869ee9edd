"""The module's API: scoped, read-only lists and details (writes are made on the pages,
through the services). Every KPI's ``records_url`` is one of these lists."""

from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.partybuild import filtersets
from unionhub.partybuild.api import serializers
from unionhub.partybuild.models import (
    Cultivation,
    CycleReport,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
    PartyFacts,
)


class PartyFactsViewSet(ScopedReadOnlyViewSet):
    queryset = PartyFacts.objects.all()
    serializer_class = serializers.PartyFactsSerializer
    filterset_class = filtersets.PartyFactsFilterSet
    select_related = ("enterprise",)


class ParticipationViewSet(ScopedReadOnlyViewSet):
    queryset = Participation.objects.all()
    serializer_class = serializers.ParticipationSerializer
    filterset_class = filtersets.ParticipationFilterSet
    select_related = ("enterprise",)
    prefetch_related = ("reports",)


class CycleReportViewSet(ScopedReadOnlyViewSet):
    queryset = CycleReport.objects.all()
    serializer_class = serializers.CycleReportSerializer
    filterset_class = filtersets.CycleReportFilterSet


class DemonstrationViewSet(ScopedReadOnlyViewSet):
    queryset = Demonstration.objects.all()
    serializer_class = serializers.DemonstrationSerializer
    filterset_class = filtersets.DemonstrationFilterSet
    select_related = ("region",)


class LectureViewSet(ScopedReadOnlyViewSet):
    queryset = Lecture.objects.all()
    serializer_class = serializers.LectureSerializer
    filterset_class = filtersets.LectureFilterSet
    select_related = ("region",)


class DeputyViewSet(ScopedReadOnlyViewSet):
    queryset = Deputy.objects.all()
    serializer_class = serializers.DeputySerializer
    filterset_class = filtersets.DeputyFilterSet
    select_related = ("region",)


class CultivationViewSet(ScopedReadOnlyViewSet):
    queryset = Cultivation.objects.all()
    serializer_class = serializers.CultivationSerializer
    filterset_class = filtersets.CultivationFilterSet
