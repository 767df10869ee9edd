"""Bargaining API: the lists (cases, representatives, campaigns, offers, sessions, drafts,
and the enterprises covered by a contract in force — the lists behind the ``bargaining.*``
KPIs) and the record actions of the case and offer pages (``POST …/<id>/<action>/``), which
take the same input as the page's form and run the same service."""

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


class CaseViewSet(ScopedReadOnlyViewSet):
    queryset = BargainingCase.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    select_related = ("region",)
    prefetch_related = ("covered_enterprises",)

    start = service_action("start", services.case_start, response=CaseSerializer)
    suspend = service_action("suspend", services.case_suspend, response=CaseSerializer)
    fail = service_action("fail", services.case_fail, response=CaseSerializer)
    vote = service_action(
        "vote", services.case_vote, form_class=forms.VoteForm, response=CaseSerializer
    )
    sign = service_action(
        "sign", services.case_sign, form_class=forms.SignForm, response=CaseSerializer
    )
    file = service_action(
        "file", services.case_file, form_class=forms.FileForm, response=CaseSerializer
    )
    receipt = service_action(
        "receipt", services.case_receipt, form_class=forms.ReceiptForm, response=CaseSerializer
    )
    object = service_action(
        "object", services.case_object, form_class=forms.ObjectionForm, response=CaseSerializer
    )
    publish = service_action(
        "publish", services.case_publish, form_class=forms.PublishForm, response=CaseSerializer
    )


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

    receive = service_action(
        "receive",
        services.offer_receive,
        form_class=forms.ReceiveForm,
        instance_arg="bargainingoffer",
        response=OfferSerializer,
    )
    respond = service_action(
        "respond",
        services.offer_respond,
        form_class=forms.RespondForm,
        instance_arg="bargainingoffer",
        response=OfferSerializer,
    )
    negotiate = service_action(
        "negotiate",
        services.offer_negotiate,
        instance_arg="bargainingoffer",
        response=OfferSerializer,
    )
    close = service_action(
        "close",
        services.offer_close,
        form_class=forms.CloseForm,
        instance_arg="bargainingoffer",
        response=OfferSerializer,
    )


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
