"""Property-based check of the whole API against its own OpenAPI description (issue #19):
every operation — reads and writes — a few generated cases each, as the city administrator
and as a county administrator with a token: no 5xx, and every response conforms to the
schema (error answers are documented too, core/openapi.py). Write operations on a record
run twice: with the generated id (mostly a 404) and with the id of a real record the caller
may change, so generated bodies reach the serializers and services. Bounded
(``max_examples``, no shrinking) so CI runs it in a few minutes; ``SCHEMATHESIS_EXAMPLES``
raises the number locally."""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))


def _load_schema():
    """The schema drf-spectacular serves at /api/schema/ (generated in-process, no database),
    called through the WSGI application."""
    import json

    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = SchemaGenerator().get_schema(request=None, public=True)
    raw = json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def _token(user) -> dict:
    from unionhub.accounts.security import token_issue

    return {"Authorization": f"Token {token_issue(actor=user, reuse=True)}"}


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def keep_the_test_connection():
    """Schemathesis calls the WSGI handler itself, which closes the database connection at
    the end of each request; inside a test transaction (PostgreSQL) that would drop the
    test's own connection. Django's test client disconnects the same handler."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["city_admin", "sheyang_admin"])
def test_every_get_operation_keeps_to_the_schema(
    demo, user_named, username, keep_the_test_connection
):
    """One test per caller that walks every GET operation (a test item per operation would
    pay the database fixture 160 times)."""
    headers = _token(user_named(username))
    statuses: Counter = Counter()
    failures: list[str] = []
    operations = 0
    for result in schema.include(method="GET").get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            _exercise(operation, headers, {}, statuses)
        except Exception as exc:  # noqa: BLE001 — collected, reported together
            failures.append(f"{operation.label}: {str(exc)[:300]}")
    assert operations > 150
    assert not failures, "\n".join(failures)
    assert statuses[200] > operations // 2, sorted(statuses.items())


def _model_behind(path: str):
    """The model of the viewset that answers an API path with ``{id}``."""
    from django.urls import Resolver404, resolve

    from unionhub.core.testing.scope_matrix import _model_of

    try:
        match = resolve(path.replace("{id}", "1"))
    except Resolver404:
        return None
    return _model_of(match.func)


def _exercise(operation, headers: dict, override: dict, statuses: Counter) -> None:
    """Generated cases of one operation, with ``override`` put into the path (a real id);
    counts the answers' status codes in ``statuses``."""
    from hypothesis import given

    @SETTINGS
    @given(case=operation.as_strategy())
    def run(case):
        if override:
            case.path_parameters = {**(case.path_parameters or {}), **override}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        statuses[response.status_code] += 1

    run()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "county"), [("city_admin", "sheyang"), ("sheyang_admin", "sheyang")]
)
def test_every_write_operation_keeps_to_the_schema(
    demo, user_named, username, county, keep_the_test_connection
):
    """Every POST, PUT, PATCH and DELETE: generated bodies never make a 500, and the answer
    (201, 400 with the field's Chinese message, 404, 409 …) is the one the schema documents."""
    from unionhub.core.testing.scope_matrix import samples

    headers = _token(user_named(username))
    factories = samples()
    real_ids: dict[type, int] = {}
    statuses: Counter = Counter()
    failures: list[str] = []
    operations = 0
    for result in schema.include(method=list(WRITES)).get_all_operations():
        operation = result.ok()
        operations += 1
        variants: list[dict] = [{}]
        if "{id}" in operation.path:
            model = _model_behind(operation.path)
            if model in factories:
                if model not in real_ids:
                    real_ids[model] = factories[model](county).pk
                variants.append({"id": real_ids[model]})
        for override in variants:
            try:
                _exercise(operation, headers, override, statuses)
            except Exception as exc:  # noqa: BLE001 — collected, reported together
                where = f" (real id {override['id']})" if override else ""
                failures.append(f"{operation.label}{where}: {str(exc)[:400]}")
    assert operations > 50
    assert len(real_ids) > 10, "the writes reached too few real records"
    assert not failures, "\n".join(failures)
    # The generated bodies reached the serializers and services, not only the 404 of an
    # unknown id: records were created or changed, deleted, and refused field by field.
    assert statuses[200] + statuses[201] > 20, sorted(statuses.items())
    assert statuses[204] > 5, sorted(statuses.items())
    assert statuses[400] > operations, sorted(statuses.items())
