"""One throttle helper for the whole platform (issue #19): every rate limit is a
``SettingThrottle`` whose rate is read from a setting on each request (DRF syntax
``"10/hour"``; an empty value switches it off), counted in the default cache — Redis when
``REDIS_URL``/``CACHES`` configure it, so several gunicorn workers share the counters — per
client address (the one the audit trail uses, ``TRUSTED_PROXIES``-aware) or per user.

The same class serves DRF views (``throttle_classes``) and Django pages
(``@throttled(JoinThrottle)`` on ``dispatch``, answering 429 with a Chinese sentence).

======================  ====================================  ==============  ========
setting                 what                                  default         per
======================  ====================================  ==============  ========
MEMBERS_JOIN_…_RATE     join application (page and API)       10/hour         address
…_JOIN_STATUS_…_RATE    join status look-up (page and API)    30/hour         address
LOGIN_IP_RATE           login attempts, all usernames         60/hour         address
API_TOKEN_RATE          token requests                        30/hour         address
PUBLIC_CHECKIN_RATE     phone check-ins of a station          120/hour        address
PUBLIC_HELP_RATE        help requests from a station page     20/hour         address
IDENTITY_LOOKUP_RATE    search by 身份证号/手机号, USCC checks  30/hour         user
======================  ====================================  ==============  ========
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

__all__ = ["SettingThrottle", "throttle", "throttled", "wait_text"]


class SettingThrottle(SimpleRateThrottle):
    """A rate limit named by ``scope`` whose rate comes from ``settings.<setting>``."""

    scope = "unionhub"
    setting = ""
    default: str | None = None
    #: "ip" (the client address) or "user" (the logged-in user; anonymous: the address)
    per = "ip"
    #: only these methods count (None: all)
    methods: tuple[str, ...] | None = None

    def get_rate(self):
        # Read on every request, so a deployment (or a test) can change it without code.
        return getattr(settings, self.setting, self.default) or None

    def get_cache_key(self, request, view):
        if self.methods is not None and request.method not in self.methods:
            return None
        user = getattr(request, "user", None)
        if self.per == "user" and user is not None and user.is_authenticated:
            ident = f"user-{user.pk}"
        else:
            from unionhub.core.middleware import client_ip

            ident = client_ip(request) or self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttle(
    scope: str, setting: str, default: str, *, per: str = "ip", methods=None
) -> type[SettingThrottle]:
    """A ``SettingThrottle`` class in one line."""
    return type(
        f"{scope.title().replace('_', '')}Throttle",
        (SettingThrottle,),
        {"scope": scope, "setting": setting, "default": default, "per": per, "methods": methods},
    )


def wait_text(seconds: float | None) -> str:
    seconds = max(1, math.ceil(seconds or 60))
    if seconds >= 3600:
        return _("%(n)d hours") % {"n": math.ceil(seconds / 3600)}
    if seconds >= 60:
        return _("%(n)d minutes") % {"n": math.ceil(seconds / 60)}
    return _("%(n)d seconds") % {"n": seconds}


def refused(request, wait: float | None):
    """The 429 page: "操作过于频繁，请 N 分钟后再试。" with ``Retry-After``."""
    message = _("Too many attempts from here. Try again in %(wait)s.") % {"wait": wait_text(wait)}
    response = render(request, "400.html", {"message": message, "status": 429}, status=429)
    response["Retry-After"] = str(max(1, math.ceil(wait or 60)))
    return response


def allow(throttle_class: type[SettingThrottle], request) -> float | None:
    """Count the request; None when allowed, else the seconds to wait."""
    limiter = throttle_class()
    if limiter.allow_request(request, None):
        return None
    return limiter.wait() or 60


def throttled(*throttle_classes: type[SettingThrottle]) -> Callable:
    """Decorate a Django view function (or ``dispatch`` via ``method_decorator``)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args: Any, **kwargs: Any):
            for throttle_class in throttle_classes:
                wait = allow(throttle_class, request)
                if wait is not None:
                    return refused(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


#: the platform's own limits (the modules' live with them: members/throttles.py)
LoginThrottle = throttle("login_ip", "LOGIN_IP_RATE", "60/hour", methods=("POST",))
TokenThrottle = throttle("api_token", "API_TOKEN_RATE", "30/hour")
PublicCheckInThrottle = throttle(
    "public_checkin", "PUBLIC_CHECKIN_RATE", "120/hour", methods=("POST",)
)
PublicHelpThrottle = throttle("public_help", "PUBLIC_HELP_RATE", "20/hour", methods=("POST",))
IdentityLookupThrottle = throttle("identity_lookup", "IDENTITY_LOOKUP_RATE", "30/hour", per="user")
