"""Property-based check of the whole API against its own OpenAPI description (issue #19):
every GET operation, a few generated cases each, as the city administrator and as a county
administrator with a token — no 5xx, and every documented response conforms to the schema.
Bounded (``max_examples`` and a deadline per case) so CI runs it in well under two minutes;
``SCHEMATHESIS_EXAMPLES`` raises the number locally."""

from __future__ import annotations

import os

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
    loaded = schemathesis.openapi.from_dict(raw).include(method="GET")
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


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
    from hypothesis import given

    headers = _token(user_named(username))
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @SETTINGS
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 — collected, reported together
            failures.append(f"{operation.label}: {str(exc)[:300]}")
    assert operations > 150
    assert not failures, "\n".join(failures)
