"""Bargaining API (read-only lists; every write goes through the pages and their services):
cases, representatives, campaigns, offers, and the enterprises covered by a contract in
force — the lists behind the ``bargaining.*`` KPIs."""

from unionhub.bargaining.api.serializers import (
    CampaignSerializer,
    CaseSerializer,
    CoveredEnterpriseSerializer,
    DraftSerializer,
    OfferSerializer,
    RepresentativeSerializer,
    SessionSerializer,
)
from unionhub.bargaining.filtersets import (
    CampaignFilterSet,
    CaseFilterSet,
    CoveredEnterpriseFilterSet,
    OfferFilterSet,
    RepresentativeFilterSet,
)
from unionhub.bargaining.models import (
    BargainingCase,
    BargainingOffer,
    BargainingSession,
    ContractDraft,
    OfferCampaign,
    Representative,
)
from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.enterprises.models import Enterprise


class CaseViewSet(ScopedReadOnlyViewSet):
    queryset = BargainingCase.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    select_related = ("region",)
    prefetch_related = ("covered_enterprises",)


class RepresentativeViewSet(ScopedReadOnlyViewSet):
    queryset = Representative.objects.all()
    serializer_class = RepresentativeSerializer
    filterset_class = RepresentativeFilterSet


class CampaignViewSet(ScopedReadOnlyViewSet):
    queryset = OfferCampaign.objects.all()
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet


class OfferViewSet(ScopedReadOnlyViewSet):
    queryset = BargainingOffer.objects.all()
    serializer_class = OfferSerializer
    filterset_class = OfferFilterSet
    select_related = ("enterprise",)


class SessionViewSet(ScopedReadOnlyViewSet):
    queryset = BargainingSession.objects.all()
    serializer_class = SessionSerializer
    filterset_fields = ("case",)
    prefetch_related = ("attendees",)


class DraftViewSet(ScopedReadOnlyViewSet):
    """Draft versions with their clauses and the changes from the version before."""

    queryset = ContractDraft.objects.all()
    serializer_class = DraftSerializer
    filterset_fields = ("case",)


class CoveredEnterpriseViewSet(ScopedReadOnlyViewSet):
    """Enterprises in scope; ``?covered_on=YYYY-MM-DD`` keeps those bound by a collective
    contract in force that day (their own, or an industry/regional one listing them)."""

    queryset = Enterprise.objects.all()
    serializer_class = CoveredEnterpriseSerializer
    filterset_class = CoveredEnterpriseFilterSet
    select_related = ("region",)
