"""The registry's API: scoped read-only lists and details (``/api/v1/people/…``)."""

from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.people.api import serializers as s
from unionhub.people.filtersets import (
    HonourFilterSet,
    MentorshipFilterSet,
    ModelWorkerFilterSet,
    NominationFilterSet,
)
from unionhub.people.models import Honour, Mentorship, ModelWorker, Nomination


class ModelWorkerViewSet(ScopedReadOnlyViewSet):
    queryset = ModelWorker.objects.all()
    serializer_class = s.ModelWorkerSerializer
    filterset_class = ModelWorkerFilterSet
    select_related = ("region",)


class HonourViewSet(ScopedReadOnlyViewSet):
    queryset = Honour.objects.all()
    serializer_class = s.HonourSerializer
    filterset_class = HonourFilterSet


class NominationViewSet(ScopedReadOnlyViewSet):
    queryset = Nomination.objects.all()
    serializer_class = s.NominationSerializer
    filterset_class = NominationFilterSet
    select_related = ("region",)


class MentorshipViewSet(ScopedReadOnlyViewSet):
    queryset = Mentorship.objects.all()
    serializer_class = s.MentorshipSerializer
    filterset_class = MentorshipFilterSet
    select_related = ("mentor",)
