"""API base (issue 2): health check, token authentication, OpenAPI 3 schema, offline docs,
pagination and the Chinese error shape."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.test import APIClient, APIRequestFactory

from unionhub.core.drf import PageNumberPagination, exception_handler

pytestmark = pytest.mark.django_db


def test_healthz_answers_with_a_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response.headers.get("Cache-Control", "") or "max-age=0" in (
        response.headers.get("Cache-Control", "")
    )


def test_healthz_reports_a_database_failure(client, monkeypatch):
    from django.db import connection

    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_token_for_good_credentials_and_it_authenticates(demo):
    api = APIClient()
    response = api.post(
        "/api/v1/auth/token/", {"username": "city_admin", "password": "Demo-2026!"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) == 40
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/org/units/").status_code == 200
    # The same token again (idempotent for scripts and devices).
    again = APIClient().post(
        "/api/v1/auth/token/", {"username": "city_admin", "password": "Demo-2026!"}, format="json"
    )
    assert again.json()["token"] == token


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"username": "city_admin", "password": "wrong-password"}, "non_field_errors"),
        ({"username": "nobody", "password": "Demo-2026!"}, "non_field_errors"),
        ({"username": "city_admin"}, "password"),
        ({"password": "Demo-2026!"}, "username"),
    ],
)
def test_token_refused_with_a_chinese_reason(demo, payload, field):
    response = APIClient().post("/api/v1/auth/token/", payload, format="json")
    assert response.status_code == 400
    messages = response.json()[field]
    assert messages and all(re.search(r"[\u4e00-\u9fff]", m) for m in messages), messages


def test_inactive_user_gets_no_token(demo, user_named):
    user = user_named("binhai_town")
    user.is_active = False
    user.save()
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "binhai_town", "password": "Demo-2026!"}, format="json"
    )
    assert response.status_code == 400


def test_unauthenticated_api_is_refused_in_chinese(demo):
    response = APIClient().get("/api/v1/org/units/")
    assert response.status_code in (401, 403)
    assert re.search(r"[\u4e00-\u9fff]", response.json()["detail"])


def _schema(client, fmt: str | None = None) -> dict:
    url = "/api/schema/" + (f"?format={fmt}" if fmt else "")
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    return json.loads(body) if fmt == "json" else yaml.safe_load(body)


def test_schema_is_openapi_3_with_the_token_endpoint(client):
    for fmt in (None, "json"):
        schema = _schema(client, fmt)
        assert str(schema["openapi"]).startswith("3.")
        assert schema["info"]["title"] == "UnionHub API"
        assert "/api/v1/auth/token/" in schema["paths"]
        assert "post" in schema["paths"]["/api/v1/auth/token/"]
        assert "/api/v1/org/units/" in schema["paths"]
        schemes = schema["components"]["securitySchemes"]
        assert {"cookieAuth", "tokenAuth"} <= set(schemes)


def test_every_endpoint_is_described_without_schema_errors():
    """A view drf-spectacular cannot introspect is silently left out of /api/docs/."""
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    errors = list(getattr(GENERATOR_STATS, "_error_cache", {}))
    assert not errors, "\n".join(str(e) for e in errors)


def test_api_docs_use_only_local_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert urls, html
    external = [u for u in urls if re.match(r"^(https?:)?//", u)]
    assert not external, external
    # The Swagger UI bundle itself ships with the site (offline networks).
    from django.contrib.staticfiles import finders

    local = [u for u in urls if u.startswith("/static/")]
    assert local
    for url in local:
        assert finders.find(url.removeprefix("/static/").split("?")[0]), url


@pytest.mark.parametrize(
    "page_size, expected", [(None, 20), ("1", 1), ("500", 500), ("501", 500), ("10000", 500)]
)
def test_page_size_is_capped_at_500(page_size, expected):
    factory = APIRequestFactory()
    query = {"page_size": page_size} if page_size else {}
    from rest_framework.request import Request

    request = Request(factory.get("/api/v1/things/", query))
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(list(range(1200)), request)
    assert len(page) == expected
    data = paginator.get_paginated_response(page).data
    assert list(data) == ["count", "next", "previous", "results"]
    assert data["count"] == 1200 and data["previous"] is None


def test_api_list_shape_and_constant_query_count(api_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for username in ("city_admin", "xiangshui_admin"):
        for size in (5, 500):
            api = api_as(username)
            with CaptureQueriesContext(connection) as ctx:
                response = api.get("/api/v1/org/units/", {"page_size": size})
            assert response.status_code == 200
            counts.append(len(ctx))
    assert max(counts) <= 10 and counts[0] == counts[1] and counts[2] == counts[3], counts
    api = api_as("city_admin")
    small = api.get("/api/v1/org/units/", {"page_size": 5})
    large = api.get("/api/v1/org/units/", {"page_size": 500})
    body = small.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 5 and body["next"] and body["previous"] is None
    assert len(large.json()["results"]) == large.json()["count"]
    second = api.get(body["next"])
    assert second.json()["previous"]


def test_api_filters_are_query_parameters_named_after_fields(api_as):
    response = api_as("city_admin").get("/api/v1/org/regions/", {"level": "county"})
    codes = {r["code"] for r in response.json()["results"]}
    assert {"320921", "320971", "3209YN"} <= codes and len(codes) == 11


def test_django_validation_errors_become_400_with_field_lists():
    response = exception_handler(
        DjangoValidationError({"name": ["名称不能为空。"]}), {"view": None, "request": None}
    )
    assert response.status_code == 400
    assert response.data == {"name": ["名称不能为空。"]}
    plain = exception_handler(DjangoValidationError("不能删除。"), {})
    assert plain.status_code == 400 and plain.data == {"non_field_errors": ["不能删除。"]}


def test_api_write_outside_scope_is_refused(api_as):
    """The org API is read-only: trees change through the pages and their services."""
    response = api_as("city_admin").post("/api/v1/org/units/", {"name": "x"}, format="json")
    assert response.status_code == 405
