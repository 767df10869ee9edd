"""The device check-in lane (issue 20): a device's ``POST /api/v1/stations/<id>/checkins/``
is the busiest request of the platform, and the profile showed a third of its Python time in
parts of the stack that do nothing for it — matching the path against every module's routes,
and the session, CSRF, authentication, messages, htmx, login-lockout and account middleware
(a device sends a key, never a cookie; the view is CSRF-exempt).

``DeviceCheckInLane`` stands first in ``MIDDLEWARE``. For that one request it runs the
device fast path (``StationCheckInView.device_fast_answer``) inside a lean chain: every
configured middleware except those in ``NOT_FOR_DEVICES``, in the configured order, so the
response headers (security, permissions policy, frame options, CSP, language) are exactly
those of the full stack (a test compares them). Whenever the fast path declines — a repeat,
an error, an unusual body, a stale cache — nothing has been written and the request goes
through the full stack unchanged, which decides from fresh reads. Every other request,
browser pages included, never enters the lane."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

# The route of ``stations-station-checkins`` (``stations/<int:pk>/checkins/`` under /api/v1/);
# a test checks it against ``reverse``.
CHECKIN_PATH = re.compile(r"/api/v1/stations/([0-9]+)/checkins/")
DEVICE_HEADER = "HTTP_X_DEVICE_KEY"

# Middleware with nothing to do for a device's check-in: static files, the browser session
# and its idle timeout, CSRF (the view is exempt, the caller sends a key), the session user,
# flash messages, htmx, the login lockout, account and single-page-account rules (users only).
NOT_FOR_DEVICES = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "unionhub.core.middleware.SessionTouchMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "axes.middleware.AxesMiddleware",
        "unionhub.accounts.middleware.AccountSecurityMiddleware",
        "unionhub.dashboards.middleware.SinglePageAccountMiddleware",
        "unionhub.stations.middleware.DeviceCheckInLane",
    }
)


class _Declined(HttpResponse):
    """The fast path's "not mine": the full stack answers instead."""


def lean_chain(inner: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """``inner`` wrapped in the configured middleware that apply to a device request, in the
    configured order, as Django's handler builds its own chain."""
    handler = convert_exception_to_response(inner)
    for dotted in reversed(settings.MIDDLEWARE):
        if dotted in NOT_FOR_DEVICES:
            continue
        handler = convert_exception_to_response(import_string(dotted)(handler))
    return handler


class DeviceCheckInLane:
    def __init__(self, get_response):
        self.get_response = get_response
        self.lean = lean_chain(self._fast)
        self._view = None

    def _fast(self, request: HttpRequest) -> HttpResponse:
        if self._view is None:
            from unionhub.stations.api.views import StationCheckInView

            view = StationCheckInView()
            view.head = view.get  # as ``View.setup`` does: the same Allow header
            self._view = view
        response = self._view._device_fast_path(request, request.device_lane_pk)
        return _Declined() if response is None else response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and DEVICE_HEADER in request.META:
            match = CHECKIN_PATH.fullmatch(request.path_info)
            if match is not None:
                request.device_lane_pk = int(match[1])
                response = self.lean(request)
                if not isinstance(response, _Declined):
                    # The full stack's session middleware says the answer varies by cookie
                    # (its user middleware read the session); the lane says the same.
                    patch_vary_headers(response, ("Cookie",))
                    return response
        return self.get_response(request)
