"""The read-replica router (unionhub/core/dbrouter.py, issue 20): which requests read from
the replica, read-your-writes, migrations, and what happens when either side is down.

These run everywhere (SQLite): the replica alias is a second connection registered for the
test. The run against real PostgreSQL primary and standby clusters is bench/replica_check.py
(docs/deploy.md)."""

from __future__ import annotations

import json
import time

import pytest
from django.db import DatabaseError, connections
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from unionhub.core import dbrouter
from unionhub.core.dbrouter import (
    COOKIE,
    PrimaryReplicaRouter,
    ReplicaRoutingMiddleware,
    Route,
    path_reads_from_replica,
    reads_from_replica,
    view_reads_from_replica,
)

ROUTER = ["unionhub.core.dbrouter.PrimaryReplicaRouter"]


@pytest.fixture(autouse=True)
def _fresh_health():
    dbrouter._Health.replica_down_until = 0.0
    yield
    dbrouter._Health.replica_down_until = 0.0


@pytest.fixture
def broken_alias(tmp_path):
    """Register a real alias that cannot connect (SQLite: a file in a folder that does not
    exist; PostgreSQL: a closed port): every query on it raises OperationalError, as a
    stopped server would."""
    created = []

    def make(alias: str):
        conf = dict(connections.settings["default"])
        if conf["ENGINE"].endswith("sqlite3"):
            conf.update(NAME=str(tmp_path / "missing-dir" / "db.sqlite3"), TEST={})
        else:  # PostgreSQL: a port nobody listens on (connection refused)
            conf.update(HOST="127.0.0.1", PORT="9", OPTIONS={"connect_timeout": 2}, TEST={})
        connections[alias] = load_backend(conf["ENGINE"]).DatabaseWrapper(conf, alias)
        created.append(alias)
        return alias

    yield make
    for alias in created:
        try:
            connections[alias].close()
        except DatabaseError:
            pass
        del connections[alias]


# --- which views are marked ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/dashboards/city/", True),
        ("/dashboards/screen/", True),
        ("/dashboards/statistics/", True),
        ("/kpis/", True),
        ("/brands/report/", True),
        ("/api/v1/dashboards/city/", True),
        ("/api/v1/reports/statistics/", True),
        ("/api/v1/reports/brand/", True),
        ("/api/v1/kpis/", True),
        ("/api/v1/kpis/trend/", True),
        ("/enterprises/export.xlsx", True),  # every generated export route
        ("/members/export.xlsx", True),
        ("/enterprises/", False),  # the list itself: people edit and then look
        ("/members/", False),
        ("/api/v1/stations/1/checkins/", False),  # a write
        ("/no/such/page/", False),
    ],
)
def test_marked_paths(path, expected):
    assert path_reads_from_replica(path) is expected


def test_decorator_and_callable_flags():
    @reads_from_replica
    def report(request):
        return HttpResponse()

    def plain(request):
        return HttpResponse()

    class Exporting:
        @staticmethod
        def reads_from_replica(initkwargs):
            return bool(initkwargs.get("export"))

    def as_view(initkwargs):
        def view(request):
            return HttpResponse()

        view.view_class = Exporting
        view.view_initkwargs = initkwargs
        return view

    assert view_reads_from_replica(report) is True
    assert view_reads_from_replica(plain) is False
    assert view_reads_from_replica(as_view({"export": True})) is True
    assert view_reads_from_replica(as_view({})) is False


# --- the router's decisions ------------------------------------------------------------------


def _models():
    from django.contrib.sessions.models import Session

    from unionhub.accounts.models import ApiToken
    from unionhub.core.kpis.models import KpiTarget
    from unionhub.core.models import ChangeRecord

    return KpiTarget, Session, ApiToken, ChangeRecord


@pytest.mark.parametrize(
    "route, expected",
    [
        (None, "default"),  # outside a request: jobs, commands, the shell
        (Route(replica=False), "default"),
        (Route(replica=True), "replica"),
        (Route(replica=True, wrote=True), "default"),  # read-your-writes in the request
    ],
)
def test_db_for_read(route, expected):
    KpiTarget = _models()[0]
    token = dbrouter._route.set(route)
    try:
        assert PrimaryReplicaRouter().db_for_read(KpiTarget) == expected
    finally:
        dbrouter._route.reset(token)


def test_related_reads_follow_their_instance():
    KpiTarget = _models()[0]
    obj = KpiTarget()
    obj._state.db = "default"
    token = dbrouter._route.set(Route(replica=True))
    try:
        assert PrimaryReplicaRouter().db_for_read(KpiTarget, instance=obj) == "default"
    finally:
        dbrouter._route.reset(token)


@pytest.mark.parametrize("which, marks", [(0, True), (1, False), (2, False), (3, False)])
def test_db_for_write_is_primary_and_marks_the_request(which, marks):
    model = _models()[which]  # KpiTarget marks; session touch, token stamp, audit row do not
    route = Route(replica=True)
    token = dbrouter._route.set(route)
    try:
        assert PrimaryReplicaRouter().db_for_write(model) == "default"
    finally:
        dbrouter._route.reset(token)
    assert route.wrote is marks
    assert PrimaryReplicaRouter().db_for_read(model) == "default"  # no route after it


@pytest.mark.parametrize("db, allowed", [("default", True), ("replica", False)])
def test_migrations_only_on_the_primary(db, allowed):
    assert PrimaryReplicaRouter().allow_migrate(db, "members", "member") is allowed


# --- the middleware ------------------------------------------------------------------------


def _request(path, method="GET", cookie_age=None, sticky=10):
    factory = RequestFactory()
    request = factory.generic(method, path)
    if cookie_age is not None:
        request.COOKIES[COOKIE] = str(int(time.time() - cookie_age))
    return request


@override_settings(DATABASE_ROUTERS=ROUTER, DATABASE_REPLICA_STICKY_SECONDS=10)
@pytest.mark.parametrize(
    "path, cookie_age, expected",
    [
        ("/api/v1/dashboards/city/", None, "replica"),
        ("/api/v1/dashboards/city/", 3, "default"),  # wrote 3 s ago: still sticky
        ("/api/v1/dashboards/city/", 9, "default"),
        ("/api/v1/dashboards/city/", 11, "replica"),  # the window (10 s) is over
        ("/enterprises/", None, "default"),
    ],
)
def test_middleware_routes_reads(path, cookie_age, expected):
    KpiTarget = _models()[0]
    seen = []

    def view(request):
        seen.append(KpiTarget.objects.all().db)
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(view)(_request(path, cookie_age=cookie_age))
    assert response.status_code == 200
    assert seen == [expected]
    assert COOKIE not in response.cookies


@pytest.mark.django_db
@override_settings(DATABASE_ROUTERS=ROUTER, DATABASE_REPLICA_STICKY_SECONDS=10)
def test_a_write_reads_the_primary_after_it_and_sets_the_cookie():
    from unionhub.org.models import Region

    KpiTarget = _models()[0]
    seen = []

    def view(request):
        seen.append(KpiTarget.objects.all().db)
        Region.objects.create(code="320999", name="测试区", level="county")
        seen.append(KpiTarget.objects.all().db)
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(view)(_request("/api/v1/dashboards/city/"))
    assert seen == ["replica", "default"]
    assert response.cookies[COOKIE]["max-age"] == 10
    assert Region.objects.filter(code="320999").exists()


@pytest.mark.django_db
@override_settings(DATABASE_ROUTERS=ROUTER)
def test_replica_down_is_retried_on_the_primary(broken_alias):
    broken_alias("replica")
    KpiTarget = _models()[0]
    served = []

    def view(request):
        db = KpiTarget.objects.all().db
        count = KpiTarget.objects.count()  # raises OperationalError on the broken replica
        served.append(db)
        return HttpResponse(str(count))

    middleware = ReplicaRoutingMiddleware(view)
    response = middleware(_request("/api/v1/dashboards/city/"))
    assert response.status_code == 200
    assert served == ["default"]
    # the replica is skipped for a while: the next request goes straight to the primary
    response = middleware(_request("/api/v1/dashboards/city/"))
    assert response.status_code == 200 and served == ["default", "default"]


@pytest.mark.django_db
@override_settings(DATABASE_ROUTERS=ROUTER)
def test_a_write_against_a_down_replica_is_not_retried(broken_alias):
    """A POST is never run twice: when the primary answers, the failure stays a failure."""
    broken_alias("replica")
    KpiTarget = _models()[0]
    calls = []

    def view(request):
        calls.append(1)
        KpiTarget.objects.using("replica").count()
        return HttpResponse()

    with pytest.raises(DatabaseError):
        ReplicaRoutingMiddleware(view)(_request("/api/v1/dashboards/city/", method="POST"))
    assert calls == [1]


@pytest.mark.parametrize(
    "path, kind", [("/api/v1/stations/1/checkins/", "json"), ("/enterprises/add/", "html")]
)
@pytest.mark.django_db
@override_settings(DATABASE_ROUTERS=ROUTER)
def test_primary_down_answers_503_in_chinese(broken_alias, path, kind):
    broken_alias("primary_gone")
    KpiTarget = _models()[0]

    class Middleware(ReplicaRoutingMiddleware):
        primary = "primary_gone"

    def view(request):
        KpiTarget.objects.using("primary_gone").create(code="x", year=2026, value=1)
        return HttpResponse(status=201)

    response = Middleware(view)(_request(path, method="POST"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    if kind == "json":
        body = json.loads(response.content)
        assert body["code"] == "primary_unavailable"
        assert "主数据库暂时无法访问" in body["detail"]
    else:
        assert response["Content-Type"].startswith("text/html")
        assert "主数据库暂时无法访问" in response.content.decode()
    assert not KpiTarget.objects.filter(code="x").exists()  # nothing written anywhere


@pytest.mark.django_db
@override_settings(DATABASE_ROUTERS=ROUTER)
def test_an_ordinary_500_stays_a_500():
    def view(request):
        return HttpResponse(status=500)

    assert ReplicaRoutingMiddleware(view)(_request("/enterprises/")).status_code == 500


@pytest.mark.django_db
@override_settings(DATABASE_ROUTERS=ROUTER)
def test_process_exception_turns_a_refused_primary_into_503(broken_alias):
    """Inside Django's handler a view's exception reaches ``process_exception``: a primary
    that refused the connection is 503 even if it is back by the time anyone looks."""
    broken_alias("primary_gone")
    KpiTarget = _models()[0]

    class Middleware(ReplicaRoutingMiddleware):
        primary = "primary_gone"

    try:
        KpiTarget.objects.using("primary_gone").count()
    except DatabaseError as exc:
        error = exc
    request = _request("/api/v1/stations/1/checkins/", method="POST")
    request.db_route = Route(replica=False)
    response = Middleware(lambda r: HttpResponse()).process_exception(request, error)
    assert response is not None and response.status_code == 503
    assert Middleware(lambda r: HttpResponse()).process_exception(request, ValueError()) is None
