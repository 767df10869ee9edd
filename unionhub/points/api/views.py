"""Points API. Employees (role ``worker``, data scope own) use the same endpoints for
themselves: querysets reach only their own account's rows; the union's reviewers see their
union's rows."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from unionhub.core.api import ScopedModelViewSet, django_errors_to_drf
from unionhub.core.services import ModelServices
from unionhub.points import selectors
from unionhub.points import services as points_services
from unionhub.points.api.serializers import (
    AppealSerializer,
    LedgerEntrySerializer,
    PointsAccountSerializer,
    RedemptionSerializer,
    ReviewSerializer,
    RewardSerializer,
    SubmissionSerializer,
    SuggestionSerializer,
)
from unionhub.points.filtersets import LedgerEntryApiFilterSet, SuggestionApiFilterSet
from unionhub.points.models import (
    LedgerEntry,
    PointsAccount,
    Redemption,
    Reward,
    Submission,
    Suggestion,
)


def _own_account(user, record, field: str):
    """The caller's own account in ``record``'s programme (the API acts for the caller)."""
    account = selectors.account_for_user(user=user, programme_id=record.programme_id)
    if account is None:
        raise ValidationError(
            {
                field: [
                    ErrorDetail(
                        _("You have no points account in this programme."), code="no_account"
                    )
                ]
            }
        )
    return account


def _call(fn, **kwargs):
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        raise django_errors_to_drf(exc) from exc


PointsViewSet = ScopedModelViewSet  # out-of-scope records are 404 whatever the method (core.api)


class PointsAccountViewSet(PointsViewSet):
    queryset = PointsAccount.objects.all()
    serializer_class = PointsAccountSerializer
    select_related = ("user", "programme", "department")
    http_method_names = ["get", "head", "options"]
    filterset_fields = ["programme", "department"]

    @extend_schema(responses=PointsAccountSerializer)
    @action(detail=False, methods=["get"])
    def me(self, request):
        """The caller's own account (``?programme=`` to choose one); balance 0 without one."""
        account = selectors.account_for_user(
            user=request.user, programme_id=request.query_params.get("programme")
        )
        if account is None:
            return Response(
                {
                    "id": None,
                    "balance": 0,
                    "programme": None,
                    "programme_name": "",
                    "name": str(request.user),
                    "employee_no": "",
                    "department": "",
                }
            )
        return Response(self.get_serializer(account).data)


class RewardViewSet(PointsViewSet):
    queryset = Reward.objects.all()
    serializer_class = RewardSerializer
    http_method_names = ["get", "head", "options"]
    filterset_fields = ["programme"]

    def get_queryset(self):
        return selectors.reward_list(user=self.request.user)


class RedemptionViewSet(PointsViewSet):
    queryset = Redemption.objects.all()
    serializer_class = RedemptionSerializer
    select_related = ("reward", "account")
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["status", "reward"]

    services = ModelServices(create=points_services.redemption_create)

    def service_data(self, serializer):
        data = super().service_data(serializer)
        return {**data, "account": _own_account(self.request.user, data["reward"], "reward")}

    @extend_schema(request=None, responses=RedemptionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        order = self.get_object()
        if not (
            request.user.has_perm("points.change_redemption")
            or order.account.user_id == request.user.pk
        ):
            raise PermissionDenied
        order = _call(points_services.redemption_cancel, order=order, actor=request.user)
        return Response(self.get_serializer(order).data)

    @extend_schema(request=None, responses=RedemptionSerializer)
    @action(detail=True, methods=["post"])
    def fulfil(self, request, pk=None):
        order = self.get_object()
        if not request.user.has_perm("points.change_redemption"):
            raise PermissionDenied
        order = _call(points_services.redemption_fulfil, order=order, actor=request.user)
        return Response(self.get_serializer(order).data)


class SubmissionViewSet(PointsViewSet):
    queryset = Submission.objects.all()
    serializer_class = SubmissionSerializer
    select_related = ("item", "account")
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["status", "item"]
    # Evidence files come as multipart; JSON stays accepted for items without evidence.
    parser_classes = (MultiPartParser, FormParser, JSONParser)

    services = ModelServices(create=points_services.submission_create)

    def service_data(self, serializer):
        data = super().service_data(serializer)
        return {**data, "account": _own_account(self.request.user, data["item"], "item")}

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description="证明材料文件（照片或 PDF）：会话或令牌认证，只对能查看该申报的调用方提供。",
    )
    @action(detail=True, methods=["get"])
    def evidence(self, request, pk=None):
        """``evidence_url``: the file, for session and token callers alike (probe finding 8);
        a submission outside the caller's scope is 404."""
        from unionhub.points.views import evidence_response

        return evidence_response(self.get_object())

    def _review(self, request):
        sub = self.get_object()
        if not request.user.has_perm("points.review_submission"):
            raise PermissionDenied
        data = ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return sub, data.validated_data

    @extend_schema(request=ReviewSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        sub, data = self._review(request)
        sub = _call(
            points_services.submission_approve,
            submission=sub,
            points=data.get("points"),
            actor=request.user,
            note=data.get("note", ""),
        )
        return Response(self.get_serializer(sub).data)

    @extend_schema(request=ReviewSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        sub, data = self._review(request)
        sub = _call(
            points_services.submission_reject,
            submission=sub,
            actor=request.user,
            reason=data.get("note", ""),
        )
        return Response(self.get_serializer(sub).data)

    @extend_schema(request=AppealSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        sub = self.get_object()
        if sub.account.user_id != request.user.pk:
            raise PermissionDenied
        data = AppealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _call(
            points_services.appeal_create,
            submission=sub,
            reason=data.validated_data["reason"],
            actor=request.user,
        )
        return Response(self.get_serializer(sub).data, status=status.HTTP_201_CREATED)


class LedgerEntryViewSet(PointsViewSet):
    queryset = LedgerEntry.objects.all()
    serializer_class = LedgerEntrySerializer
    http_method_names = ["get", "head", "options"]
    filterset_class = LedgerEntryApiFilterSet  # kind, account, region, reversed, dates


class SuggestionViewSet(PointsViewSet):
    queryset = Suggestion.objects.all()
    serializer_class = SuggestionSerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_class = SuggestionApiFilterSet  # status, region, implementation dates

    services = ModelServices(create=points_services.suggestion_submit)

    def service_data(self, serializer):
        account = selectors.account_for_user(user=self.request.user)
        if account is None:
            raise ValidationError(
                {"title": [ErrorDetail(_("You have no points account."), code="no_account")]}
            )
        return {**super().service_data(serializer), "account": account}
