from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.core.throttling import TokenThrottle


class TokenObtainView(APIView):
    """Exchange username and password for an API token (devices, mini-programs, scripts)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenThrottle]  # per address (core/throttling.py)

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(
        request=InputSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            request=django_request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            return Response(
                {"detail": _("Too many failed attempts; try again in 15 minutes.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Wrong username or password.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
