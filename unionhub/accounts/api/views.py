from __future__ import annotations

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.accounts import security
from unionhub.core.throttling import TokenThrottle


class TokenObtainView(APIView):
    """Exchange username and password for an API token (devices, mini-programs, scripts).

    The token is valid for ``API_TOKEN_MAX_AGE_HOURS`` hours (default 168); asking again
    returns the same token while more than half of that is left, then a new one;
    an expired token is answered 401 “令牌已过期，请重新获取”. An account with the second
    factor switched on must also send ``otp``: the 6-digit code of its authenticator app
    (or a recovery code). The hall display account (role ``screen_viewer``) is answered 403
    ``{"detail": "…", "code": "token_not_allowed"}``."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenThrottle]  # per address (core/throttling.py)

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, trim_whitespace=False)
        otp = serializers.CharField(
            max_length=20,
            required=False,
            allow_blank=True,
            help_text="动态验证码：已开启双因素认证的账号必填（身份验证器应用中的 6 位数字，或一个恢复码）。",
        )

    @extend_schema(
        summary="获取接口令牌",
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
        if not security.token_allowed(user):
            # the hall display account: the big screen in the browser, never the API
            return Response(
                {"detail": security.token_refusal(), "code": security.TOKEN_NOT_ALLOWED},
                status=status.HTTP_403_FORBIDDEN,
            )
        if security.otp_enabled(user):
            code = data.validated_data.get("otp", "")
            if not code:
                return Response(
                    {"otp": [_("This account uses a second factor; send the code as “otp”.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            try:
                security.otp_verify(user=user, code=code)
            except ValidationError:
                return Response(
                    {"otp": [_("The verification code is wrong or has been used.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        security.login_record(user=user, request=django_request, method="api")
        return Response({"token": security.token_issue(actor=user, reuse=True)})
