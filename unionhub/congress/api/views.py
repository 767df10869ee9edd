"""Congress API: read-only lists of the records (writes go through the pages and their
services) and the contract's vote check, which the meeting page's live tally calls."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.congress.api.serializers import (
    CongressSerializer,
    ProposalSerializer,
    RepresentativeSerializer,
    ResolutionSerializer,
    SessionSerializer,
    StarEvaluationSerializer,
    VoteCheckSerializer,
)
from unionhub.congress.filtersets import (
    CongressFilterSet,
    ProposalFilterSet,
    RepresentativeFilterSet,
    ResolutionFilterSet,
    SessionFilterSet,
    StarEvaluationFilterSet,
)
from unionhub.congress.models import (
    Congress,
    Proposal,
    Representative,
    Resolution,
    Session,
    StarEvaluation,
)
from unionhub.core.api import ScopedReadOnlyViewSet, django_errors_to_drf
from unionhub.core.votes import vote_outcome


class CongressViewSet(ScopedReadOnlyViewSet):
    queryset = Congress.objects.all()
    serializer_class = CongressSerializer
    filterset_class = CongressFilterSet
    select_related = ("enterprise",)


class RepresentativeViewSet(ScopedReadOnlyViewSet):
    queryset = Representative.objects.all()
    serializer_class = RepresentativeSerializer
    filterset_class = RepresentativeFilterSet


class SessionViewSet(ScopedReadOnlyViewSet):
    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet


class ResolutionViewSet(ScopedReadOnlyViewSet):
    queryset = Resolution.objects.all()
    serializer_class = ResolutionSerializer
    filterset_class = ResolutionFilterSet


class ProposalViewSet(ScopedReadOnlyViewSet):
    queryset = Proposal.objects.all()
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet


class StarEvaluationViewSet(ScopedReadOnlyViewSet):
    queryset = StarEvaluation.objects.all()
    serializer_class = StarEvaluationSerializer
    filterset_class = StarEvaluationFilterSet
    select_related = ("congress__enterprise", "rubric")


class VoteCheckView(APIView):
    """``POST /api/v1/congress/vote-check/`` (contract.md): the §3.5 tally of a vote.
    Called by htmx (``HX-Request``) it answers with the tally's HTML fragment instead, so the
    meeting page shows the same outcome the API gives."""

    permission_classes = [IsAuthenticated]
    scope_exempt = "a calculation on the posted numbers; reads and writes no record"

    @extend_schema(
        summary=_("Tally a vote (two thirds present, more than half of all in favour)"),
        request=VoteCheckSerializer,
        responses=inline_serializer(
            "VoteCheckResult",
            {
                "quorum_met": serializers.BooleanField(),
                "adopted": serializers.BooleanField(),
                "reason": serializers.CharField(),
            },
        ),
    )
    def post(self, request):
        numbers = VoteCheckSerializer(data=request.data)
        htmx = request.headers.get("HX-Request") == "true"
        if not numbers.is_valid():
            if htmx:
                return self._fragment(request, errors=numbers.errors)
            return Response(numbers.errors, status=400)
        try:
            outcome = vote_outcome(**numbers.validated_data)
        except DjangoValidationError as exc:
            drf = django_errors_to_drf(exc)
            if htmx:
                return self._fragment(request, errors=drf.detail)
            raise drf from exc
        if htmx:
            return self._fragment(request, outcome=outcome)
        return Response(
            {"quorum_met": outcome.quorum_met, "adopted": outcome.adopted, "reason": outcome.reason}
        )

    def _fragment(self, request, *, outcome=None, errors=None):
        if errors is not None:
            flat = [str(m) for messages in errors.values() for m in messages]
            html = render_to_string("congress/_vote_error.html", {"messages": flat}, request)
            # 200 so htmx swaps the explanation in; the plain API answers 400.
            return HttpResponse(html)
        return HttpResponse(
            render_to_string("congress/_vote_tally.html", {"outcome": outcome}, request)
        )
