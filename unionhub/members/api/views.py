from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from unionhub.core.api import ScopedModelViewSet
from unionhub.core.pii import mask_id_number, mask_name
from unionhub.core.services import ModelServices
from unionhub.members import selectors, services
from unionhub.members.api.serializers import (
    JoinApplicationApproveInput,
    JoinApplicationCreateSerializer,
    JoinApplicationPublicSerializer,
    JoinApplicationRejectInput,
    JoinApplicationSerializer,
    JoinApplicationStatusInput,
    MemberSerializer,
    VerifyCodeInput,
    VerifyCodeOutput,
)
from unionhub.members.filtersets import JoinApplicationFilterSet, MemberFilterSet
from unionhub.members.models import JoinApplication, Member
from unionhub.members.throttles import (  # noqa: F401 — re-exported
    DEFAULT_JOIN_STATUS_THROTTLE_RATE,
    DEFAULT_JOIN_THROTTLE_RATE,
    JoinApplyThrottle,
    JoinStatusThrottle,
)


class CanVerifyCodes(permissions.BasePermission):
    """Devices and staff that may read members may check a member code."""

    def has_permission(self, request, view):
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm("members.view_member")
        )


class MemberViewSet(ScopedModelViewSet):
    """Members (contract.md). Search ``?q=`` matches a full ID number or phone through the
    keyed hash."""

    queryset = Member.objects.all()
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    select_related = ("union", "employer")
    services = ModelServices(
        create=services.member_create,
        update=services.member_update,
        delete=services.member_delete,
    )

    def service_data(self, serializer):
        return serializer.service_data()

    def get_permissions(self):
        if self.action == "verify_code":
            return [CanVerifyCodes()]
        return super().get_permissions()

    @extend_schema(request=VerifyCodeInput, responses=VerifyCodeOutput)
    @action(detail=False, methods=["post"], url_path="verify-code")
    def verify_code(self, request):
        """Check a member code scanned by a device: the member (name and ID masked) and
        whether the code is valid or expired."""
        data = VerifyCodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        member, state = selectors.member_code_check(data.validated_data["token"])
        body = {"valid": member is not None, "state": state, "member": None}
        if member is not None:
            body["member"] = {
                "id": member.id,
                "name": mask_name(member.name),
                "id_number": mask_id_number(member.id_number),
                "union": member.union_id,
                "union_name": member.union.name,
            }
        return Response(body)


# --- online joining (mini-programs) -----------------------------------------------------


class CanReviewApplications(permissions.BasePermission):
    """The web review queue's permission for approving and rejecting."""

    def has_permission(self, request, view):
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm("members.review_joinapplication")
        )


class JoinApplicationViewSet(ScopedModelViewSet):
    """Online joining (网上入会) for mini-programs: the same service, rules and Chinese
    reasons as the public join page. Anyone may apply (throttled) and look up their own
    application by phone + code; reviewers list the applications in their data scope and
    approve or reject them with the web review queue's permission. ID numbers and phones
    are masked for callers who may not view personal data."""

    queryset = JoinApplication.objects.all()
    serializer_class = JoinApplicationSerializer
    filterset_class = JoinApplicationFilterSet
    select_related = ("union", "region")
    http_method_names = ["get", "post", "head", "options"]
    # Filing is public: the region and employer route the application, not the scope.
    services = ModelServices(create=services.joinapplication_apply)

    def get_permissions(self):
        if self.action in {"create", "lookup_status"}:
            return [permissions.AllowAny()]
        if self.action in {"approve", "reject"}:
            return [CanReviewApplications()]
        return super().get_permissions()

    def get_throttles(self):
        if self.action == "create":
            return [JoinApplyThrottle()]
        if self.action == "lookup_status":
            return [JoinStatusThrottle()]
        return super().get_throttles()

    def http_method_not_allowed(self, request, *args, **kwargs):
        # An application outside the caller's scope is 404 whatever the method (contract).
        if self.kwargs.get("pk") is not None:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)

    @extend_schema(
        request=JoinApplicationCreateSerializer,
        responses={
            201: JoinApplicationPublicSerializer,
            400: OpenApiResponse(description="{字段: [中文原因]}"),
            429: OpenApiResponse(description="请求过于频繁"),
        },
        auth=[],
    )
    def create(self, request, *args, **kwargs):
        """Apply to join the union (public, no login; limited per client address). Keep the
        returned ``code``: with the phone number it reads the application's progress."""
        data = JoinApplicationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        v["region_code"] = v.pop("region")
        # A refusal is a Django ValidationError: the platform's handler answers 400
        # with {field: [中文原因]}.
        user = request.user
        app = self.services.call_create(actor=user if user.is_authenticated else None, data=v)
        app = JoinApplication.objects.select_related("union").get(pk=app.pk)
        return Response(JoinApplicationPublicSerializer(app).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=JoinApplicationStatusInput,
        responses={200: JoinApplicationPublicSerializer, 404: OpenApiResponse()},
        auth=[],
    )
    @action(detail=False, methods=["post"], url_path="status")
    def lookup_status(self, request):
        """The applicant's own application by phone + application code (both needed, sent
        in the body so the phone stays out of addresses and logs)."""
        data = JoinApplicationStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        app = selectors.joinapplication_status(
            phone=data.validated_data["phone"], code=data.validated_data["code"]
        )
        if app is None:
            raise NotFound(_("No application matches this phone number and code."))
        return Response(JoinApplicationPublicSerializer(app).data)

    @extend_schema(request=JoinApplicationApproveInput, responses=JoinApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve: the applicant becomes a member of the reviewing union."""
        app = self.get_object()
        data = JoinApplicationApproveInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.joinapplication_approve(
            actor=request.user,
            application=app,
            card_number=data.validated_data.get("card_number", ""),
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=JoinApplicationRejectInput, responses=JoinApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject with a reason (shown to the applicant on the status page)."""
        app = self.get_object()
        data = JoinApplicationRejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.joinapplication_reject(
            actor=request.user,
            application=app,
            reason=data.validated_data["reason"],
        )
        return Response(self.get_serializer(self.get_object()).data)


__all__ = ["JoinApplicationViewSet", "MemberViewSet"]
