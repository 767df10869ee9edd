"""The answer to a locked-out login (django-axes ``AXES_LOCKOUT_CALLABLE``): the Chinese
page for the browser, a JSON ``{"detail": ...}`` for the API."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Too many failed attempts; try again in 15 minutes.")},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "accounts/lockout.html", status=status)
