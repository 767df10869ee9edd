"""Read replica routing (issue 20): dashboard, KPI, report, statistics and export reads go to
a streaming hot standby, everything else to the primary.

Active only when ``DATABASE_REPLICA_URL`` is set (unionhub/settings.py adds the ``replica``
alias, :class:`PrimaryReplicaRouter` and :class:`ReplicaRoutingMiddleware`); without it
nothing here is loaded and every query goes to ``default`` as before.

* **Which requests.** A view says it may read from the replica declaratively:
  ``@reads_from_replica`` on a view class or function, or a class attribute
  ``reads_from_replica`` that is a bool or a callable of the view's ``as_view()`` keyword
  arguments (the generic list view: only its ``export=True`` route). The middleware resolves
  the path once per distinct path (cached) *before* the session and user are loaded, so a
  marked request reads everything — session, user, figures — from the replica and still
  answers while the primary is down.
* **Read-your-writes.** A request that writes (any ``db_for_write`` of a model other than
  the session's idle-timeout touch, a token's last-used stamp and an export's audit row) reads from the primary for the
  rest of the request, and the response sets the cookie ``uh_primary`` for
  ``DATABASE_REPLICA_STICKY_SECONDS`` (default 10): that browser's next requests read from
  the primary too. Ten seconds is twice the standby's ``max_standby_streaming_delay`` (5 s in
  bench/replica.sh, the longest replay may wait behind a conflicting dashboard query), and
  the lag measured on an idle standby is a few milliseconds (docs/deploy.md). The cookie is
  only a routing hint: a forged one makes reads go to the primary, nothing else.
* **Replica down.** A marked GET/HEAD request that fails on the replica (connection refused,
  standby shutting down) is run once more on the primary, and the replica is skipped for
  ``REPLICA_RETRY_SECONDS``.
* **Primary down.** Marked reads still answer from the replica. A request that needs the
  primary gets 503 with a Chinese sentence (JSON under ``/api/``): its writes ran in
  transactions that never committed, so nothing is half-written.
* Migrations run on ``default`` only (``allow_migrate``).
"""

from __future__ import annotations

import contextvars
import functools
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
COOKIE = "uh_primary"
REPLICA_RETRY_SECONDS = 5.0
# Writes that do not make a request "one that wrote": the session's idle-timeout touch, an
# API token's last-used stamp and the audit row of an export change no figure a later read
# could miss (a real write still marks: its own model is tracked).
UNTRACKED_WRITES = frozenset({"sessions.session", "accounts.apitoken", "core.changerecord"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def reads_from_replica(view):
    """Mark a view (class or function) whose reads may be served by the read replica: it
    shows figures (dashboards, KPIs, reports, statistics, exports) that tolerate the
    replication lag and writes nothing a later read in the same request depends on."""
    view.reads_from_replica = True
    return view


def view_reads_from_replica(func: Any) -> bool:
    """Whether a resolved view function is marked (see :func:`reads_from_replica`)."""
    flag = getattr(func, "reads_from_replica", None)
    if flag is None:
        view_class = getattr(func, "view_class", None) or getattr(func, "cls", None)
        flag = getattr(view_class, "reads_from_replica", False)
        if callable(flag):
            flag = flag(getattr(func, "view_initkwargs", None) or {})
    return bool(flag)


@functools.lru_cache(maxsize=4096)
def path_reads_from_replica(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return view_reads_from_replica(match.func)


@dataclass
class Route:
    """How the current request reads: ``replica`` until it writes."""

    replica: bool = False
    wrote: bool = False
    write_models: list[str] = field(default_factory=list)


_route: contextvars.ContextVar[Route | None] = contextvars.ContextVar("db_route", default=None)


class _Health:
    """Per process: when the replica last failed (skip it for a few seconds after)."""

    replica_down_until = 0.0

    @classmethod
    def replica_usable(cls) -> bool:
        return time.monotonic() >= cls.replica_down_until

    @classmethod
    def mark_replica_down(cls) -> None:
        cls.replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS


class PrimaryReplicaRouter:
    """Reads of a marked request → ``replica``; all else → ``default``."""

    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db  # related objects follow the object they came from
        route = _route.get()
        if route is not None and route.replica and not route.wrote:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        route = _route.get()
        if route is not None and model._meta.label_lower not in UNTRACKED_WRITES:
            route.wrote = True
            route.write_models.append(model._meta.label)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _is_db_failure(exc: BaseException) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


def reachable(alias: str) -> bool:
    """``alias`` answers: its open connection is usable, or a fresh one answers ``SELECT 1``
    (a broken connection is closed first; a usable one — perhaps inside a transaction — is
    left as it is)."""
    conn = connections[alias]
    try:
        if conn.connection is not None and conn.is_usable():
            return True
        conn.close()
        conn.ensure_connection()
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        try:
            conn.close()
        except DatabaseError:
            pass
        return False


def primary_unavailable(request) -> HttpResponse:
    message = _(
        "The main database is unavailable at the moment, so nothing was saved. Pages with "
        "figures (dashboards, KPIs, reports) still open; please try again in a few minutes."
    )
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": message, "code": "primary_unavailable"}, status=503)
    else:
        body = (
            '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
            f"<title>{_('Service unavailable')}</title></head><body><h1>"
            f"{_('Service unavailable')}</h1><p>{message}</p></body></html>"
        )
        response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "30"
    return response


class ReplicaRoutingMiddleware:
    """Sets the request's route (see the module docstring). Place it before the session
    middleware so that a marked request loads its session and user from the replica."""

    primary = PRIMARY
    replica = REPLICA

    def __init__(self, get_response):
        self.get_response = get_response
        self.sticky_seconds = int(getattr(settings, "DATABASE_REPLICA_STICKY_SECONDS", 10))

    def _run(self, request, route: Route):
        token = _route.set(route)
        try:
            return self.get_response(request), None
        except DatabaseError as exc:  # raised past every inner layer (tests, streaming)
            return None, exc
        finally:
            _route.reset(token)

    def __call__(self, request):
        sticky = self._sticky(request)
        marked = path_reads_from_replica(request.path_info)
        route = Route(replica=marked and not sticky and _Health.replica_usable())
        request.db_route = route
        response, exc = self._run(request, route)
        failed = (
            exc is not None
            and _is_db_failure(exc)
            or (response is not None and response.status_code == 500)
        )
        if failed and route.replica and request.method in SAFE_METHODS:
            if not reachable(self.replica):
                logger.warning("read replica unreachable: %s served by the primary", request.path)
                _Health.mark_replica_down()
                route = Route(replica=False)
                request.db_route = route
                response, exc = self._run(request, route)
                failed = (
                    exc is not None
                    and _is_db_failure(exc)
                    or (response is not None and response.status_code == 500)
                )
        if failed and not reachable(self.primary):
            logger.error("primary database unreachable: %s answered 503", request.path)
            return primary_unavailable(request)
        if exc is not None:
            raise exc
        if route.wrote and self.sticky_seconds > 0:
            response.set_cookie(
                COOKIE,
                str(int(time.time())),
                max_age=self.sticky_seconds,
                httponly=True,
                samesite="Lax",
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
            )
        return response

    def process_exception(self, request, exception):
        """A view that failed because the primary could not be reached answers 503 at once:
        the connection was never made (refused, "starting up", "shutting down": nothing of
        this request reached the database) or the primary does not answer now. Marked GET
        requests are left to ``__call__``, which retries them on the primary."""
        if not _is_db_failure(exception):
            return None
        route = getattr(request, "db_route", None)
        if route is not None and route.replica and request.method in SAFE_METHODS:
            return None
        if connections[self.primary].connection is None or not reachable(self.primary):
            logger.error("primary database unreachable: %s answered 503", request.path)
            return primary_unavailable(request)
        return None

    def _sticky(self, request) -> bool:
        value = request.COOKIES.get(COOKIE)
        if not value:
            return False
        try:
            return time.time() - int(value) < self.sticky_seconds
        except ValueError:
            return True  # unreadable: the safe side
