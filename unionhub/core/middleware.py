"""Per-request context: who is acting and from where, for the audit trail."""

from __future__ import annotations

import contextvars
import ipaddress
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


@dataclass
class ActorContext:
    request: HttpRequest | None = None
    actor: Any = None
    ip: str | None = None
    #: audit entries that must outlive the request's transactions (a refused write rolls
    #: back, but the identity look-up it answered stays on record): written after the view
    after_response: list[Callable[[], Any]] = field(default_factory=list)

    def current_actor(self) -> Any:
        if self.actor is not None:
            return self.actor
        user = getattr(self.request, "user", None)  # DRF sets the token user here too
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        return None


_current: contextvars.ContextVar[ActorContext | None] = contextvars.ContextVar(
    "unionhub_actor", default=None
)


def current_context() -> ActorContext | None:
    return _current.get()


@lru_cache(maxsize=8)
def _proxy_networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _proxy_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. ``X-Forwarded-For`` counts only when the request arrives from
    a configured proxy (``TRUSTED_PROXIES``); then the client is the right-most address
    that is not itself a trusted proxy — entries further left were written by the client
    and prove nothing."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not remote or not _is_trusted_proxy(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _is_trusted_proxy(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # garbage from the proxy chain: fall back to the proxy
    return remote


def axes_client_ip(request: HttpRequest) -> str:
    """The address django-axes locks out (``AXES_CLIENT_IP_CALLABLE``): the same one the audit
    trail records. Behind nginx ``REMOTE_ADDR`` is always the proxy, which would turn the
    per-account-and-address lockout into a per-account one; ``client_ip`` believes the
    forwarded address only from ``TRUSTED_PROXIES``, so clients cannot forge it)."""
    return client_ip(request) or ""


@contextmanager
def acting_as(actor: Any, ip: str | None = None) -> Iterator[None]:
    """Attribute changes made outside a request (commands, imports) to ``actor``."""
    token = _current.set(ActorContext(actor=actor, ip=ip))
    try:
        yield
    finally:
        _current.reset(token)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = ActorContext(request=request, ip=client_ip(request))
        token = _current.set(context)
        try:
            response = self.get_response(request)
            for write in context.after_response:
                write()
            return response
        finally:
            _current.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception):
        """A delete refused by the database (history points at the record) in a page that
        does not handle it itself: a 409 page with a sentence, never a 500."""
        from django.db.models import ProtectedError, RestrictedError
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from unionhub.core.identity import RateLimited

        if isinstance(exception, RateLimited):
            from unionhub.core.throttling import refused

            return refused(request, exception.wait)
        if isinstance(exception, ProtectedError | RestrictedError):
            message = _("Other records still depend on it.")
            return render(request, "400.html", {"message": message, "status": 409}, status=409)
        return None


class ChineseByDefaultMiddleware:
    """The platform speaks Simplified Chinese unless the user picks English with the language
    switch (a cookie): a browser's Accept-Language alone must not turn a county cadre's
    screens into English. Placed before ``LocaleMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response (issue #19, probe finding 9): the platform
    uses the location only (the nearby-stations finder, on its own pages); camera,
    microphone, payment and the rest are off, also for anything that might be framed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SessionTouchMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE) without a session write on every request.

    ``SESSION_SAVE_EVERY_REQUEST`` cost three SQL statements per page and raced when a page's
    htmx requests overlapped a login. Instead a signed-in session is marked every
    ``SESSION_TOUCH_INTERVAL`` seconds, which saves it and pushes its expiry forward: a
    session idle for ``SESSION_COOKIE_AGE`` still ends, give or take the interval."""

    KEY = "_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.SESSION_TOUCH_INTERVAL:
                session[self.KEY] = now
        return self.get_response(request)
