from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.decorators import action
from rest_framework.response import Response

from unionhub.core.api import ScopedModelViewSet
from unionhub.core.pii import mask_id_number, mask_name
from unionhub.members import services
from unionhub.members.api.serializers import MemberSerializer, VerifyCodeInput, VerifyCodeOutput
from unionhub.members.filtersets import MemberFilterSet
from unionhub.members.models import Member


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
        member, state = services.member_code_check(data.validated_data["token"])
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
