"""Per-request account security: a session's "last seen" (throttled), the forced password
change once the password is older than ``PASSWORD_MAX_AGE_DAYS``, and the forced set-up of
the second factor for the roles in ``OTP_REQUIRED_ROLES``. Placed after the authentication
and message middleware."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.accounts import security

PASSTHROUGH_PREFIXES = ("/api/", "/static/", "/media/", "/healthz", "/i18n/")


@lru_cache(maxsize=1)
def _exempt_paths() -> frozenset[str]:
    names = [
        "accounts:password_change",
        "accounts:logout",
        "accounts:login",
        "accounts:login_otp",
        "accounts:otp",
    ]
    return frozenset(reverse(n) for n in names)


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(PASSTHROUGH_PREFIXES)
        ):
            security.session_touch(request)
            if request.path not in _exempt_paths():
                redirect = self._obligation(request, user)
                if redirect is not None:
                    return redirect
        return self.get_response(request)

    def _obligation(self, request: HttpRequest, user) -> HttpResponse | None:
        if security.password_expired(user):
            messages.warning(
                request,
                _(
                    "Your password is more than %(days)d days old; please set a new one before you go on."
                )
                % {"days": settings.PASSWORD_MAX_AGE_DAYS},
            )
            return HttpResponseRedirect(reverse("accounts:password_change"))
        if security.otp_required(user) and not security.otp_enabled(user):
            messages.warning(
                request,
                _("Your account requires a second factor; please set it up before you go on."),
            )
            return HttpResponseRedirect(reverse("accounts:otp"))
        return None
