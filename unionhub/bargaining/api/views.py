"""Bargaining API (read-only lists; every write goes through the pages and their services):
cases, representatives, campaigns, offers, and the enterprises covered by a contract in
force — the lists behind the ``bargaining.*`` KPIs."""

from unionhub.bargaining.api.serializers import (
    CampaignSerializer,
    CaseSerializer,
    CoveredEnterpriseSerializer,
    OfferSerializer,
    RepresentativeSerializer,
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
    OfferCampaign,
    Representative,
)
from unionhub.core.api import ScopedModelViewSet
from unionhub.enterprises.models import Enterprise

READ_ONLY = ["get", "head", "options"]


class CaseViewSet(ScopedModelViewSet):
    queryset = BargainingCase.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    select_related = ("region",)
    prefetch_related = ("covered_enterprises",)
    http_method_names = READ_ONLY


class RepresentativeViewSet(ScopedModelViewSet):
    queryset = Representative.objects.all()
    serializer_class = RepresentativeSerializer
    filterset_class = RepresentativeFilterSet
    http_method_names = READ_ONLY


class CampaignViewSet(ScopedModelViewSet):
    queryset = OfferCampaign.objects.all()
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    http_method_names = READ_ONLY


class OfferViewSet(ScopedModelViewSet):
    queryset = BargainingOffer.objects.all()
    serializer_class = OfferSerializer
    filterset_class = OfferFilterSet
    select_related = ("enterprise",)
    http_method_names = READ_ONLY


class CoveredEnterpriseViewSet(ScopedModelViewSet):
    """Enterprises in scope; ``?covered_on=YYYY-MM-DD`` keeps those bound by a collective
    contract in force that day (their own, or an industry/regional one listing them)."""

    queryset = Enterprise.objects.all()
    serializer_class = CoveredEnterpriseSerializer
    filterset_class = CoveredEnterpriseFilterSet
    select_related = ("region",)
    http_method_names = READ_ONLY
