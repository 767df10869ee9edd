"""The registry's API: scoped read-only lists and details (``/api/v1/people/…``)."""

from unionhub.core.api import ScopedModelViewSet
from unionhub.people.api import serializers as s
from unionhub.people.filtersets import (
    CareVisitFilterSet,
    HonourFilterSet,
    MentorshipFilterSet,
    ModelWorkerFilterSet,
    NominationFilterSet,
)
from unionhub.people.models import CareVisit, Honour, Mentorship, ModelWorker, Nomination


class _ReadOnly(ScopedModelViewSet):
    http_method_names = ["get", "head", "options"]


class ModelWorkerViewSet(_ReadOnly):
    queryset = ModelWorker.objects.all()
    serializer_class = s.ModelWorkerSerializer
    filterset_class = ModelWorkerFilterSet
    select_related = ("region",)


class HonourViewSet(_ReadOnly):
    queryset = Honour.objects.all()
    serializer_class = s.HonourSerializer
    filterset_class = HonourFilterSet


class NominationViewSet(_ReadOnly):
    queryset = Nomination.objects.all()
    serializer_class = s.NominationSerializer
    filterset_class = NominationFilterSet
    select_related = ("region",)


class CareVisitViewSet(_ReadOnly):
    queryset = CareVisit.objects.all()
    serializer_class = s.CareVisitSerializer
    filterset_class = CareVisitFilterSet


class MentorshipViewSet(_ReadOnly):
    queryset = Mentorship.objects.all()
    serializer_class = s.MentorshipSerializer
    filterset_class = MentorshipFilterSet
    select_related = ("mentor",)
