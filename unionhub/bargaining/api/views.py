"""Bargaining API: the lists (cases, representatives, campaigns, offers, sessions, drafts,
and the enterprises covered by a contract in force — the lists behind the ``bargaining.*``
KPIs) and the record actions of the case and offer pages (``POST …/<id>/<action>/``), which
take the same input as the page's form and run the same service."""

from functools import partial

from unionhub.bargaining import forms, services
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
from unionhub.core.api import ScopedReadOnlyViewSet, service_action
from unionhub.enterprises.models import Enterprise

# the pages' record actions by API, answered with the record as the list shows it
_case_action = partial(service_action, response=CaseSerializer)
_offer_action = partial(service_action, response=OfferSerializer)


class CaseViewSet(ScopedReadOnlyViewSet):
    queryset = BargainingCase.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    select_related = ("region",)
    prefetch_related = ("covered_enterprises",)

    start = _case_action("start", services.case_start)
    suspend = _case_action("suspend", services.case_suspend)
    fail = _case_action("fail", services.case_fail)
    vote = _case_action("vote", services.case_vote, form_class=forms.VoteForm)
    sign = _case_action("sign", services.case_sign, form_class=forms.SignForm)
    file = _case_action("file", services.case_file, form_class=forms.FileForm)
    receipt = _case_action("receipt", services.case_receipt, form_class=forms.ReceiptForm)
    object = _case_action("object", services.case_object, form_class=forms.ObjectionForm)
    publish = _case_action("publish", services.case_publish, form_class=forms.PublishForm)


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

    receive = _offer_action("receive", services.offer_receive, form_class=forms.ReceiveForm)
    respond = _offer_action("respond", services.offer_respond, form_class=forms.RespondForm)
    negotiate = _offer_action("negotiate", services.offer_negotiate)
    close = _offer_action("close", services.offer_close, form_class=forms.CloseForm)


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
