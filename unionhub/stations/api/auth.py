"""Device authentication: header ``X-Device-Key`` (the key is stored hashed only)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from unionhub.stations.selectors import device_authenticate


class DeviceKeyAuthentication(authentication.BaseAuthentication):
    header = "HTTP_X_DEVICE_KEY"

    def authenticate(self, request):
        raw = request.META.get(self.header)
        if raw is None:
            return None
        device = device_authenticate(raw)
        if device is None:
            raise exceptions.AuthenticationFailed(
                gettext("The device key is invalid or the device is switched off.")
            )
        return AnonymousUser(), device

    def authenticate_header(self, request):
        return "X-Device-Key"


class DeviceKeyScheme(OpenApiAuthenticationExtension):
    """OpenAPI description of the device key (header ``X-Device-Key``)."""

    target_class = "unionhub.stations.api.auth.DeviceKeyAuthentication"
    name = "deviceKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-Device-Key"}
