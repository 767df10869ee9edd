"""Device authentication: header ``X-Device-Key`` (the key is stored hashed only)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from unionhub.stations.services import device_authenticate

INVALID_KEY = "设备密钥无效或设备已停用。"


class DeviceKeyAuthentication(authentication.BaseAuthentication):
    header = "HTTP_X_DEVICE_KEY"

    def authenticate(self, request):
        raw = request.META.get(self.header)
        if raw is None:
            return None
        device = device_authenticate(raw)
        if device is None:
            raise exceptions.AuthenticationFailed(INVALID_KEY)
        return AnonymousUser(), device

    def authenticate_header(self, request):
        return "X-Device-Key"


class DeviceKeyScheme(OpenApiAuthenticationExtension):
    """OpenAPI description of the device key (header ``X-Device-Key``)."""

    target_class = "unionhub.stations.api.auth.DeviceKeyAuthentication"
    name = "deviceKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-Device-Key"}
