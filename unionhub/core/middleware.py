"""Per-request context: who is acting and from where, for the audit trail."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse


@dataclass
class ActorContext:
    request: HttpRequest | None = None
    actor: Any = None
    ip: str | None = None

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


def client_ip(request: HttpRequest) -> str | None:
    # Behind nginx the real address is the first X-Forwarded-For entry (docs/deploy.md).
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def axes_client_ip(request: HttpRequest) -> str:
    """The address django-axes locks out (``AXES_CLIENT_IP_CALLABLE``): the same one the audit
    trail records. Behind nginx ``REMOTE_ADDR`` is always the proxy, which would turn the
    per-account-and-address lockout into a per-account one (docs/deploy.md sets
    ``X-Forwarded-For $remote_addr`` so clients cannot forge it)."""
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
        token = _current.set(ActorContext(request=request, ip=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class ChineseByDefaultMiddleware:
    """The platform speaks Simplified Chinese unless the user picks English with the language
    switch (a cookie): a browser's Accept-Language alone must not turn a county cadre's
    screens into English. Placed before ``LocaleMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
