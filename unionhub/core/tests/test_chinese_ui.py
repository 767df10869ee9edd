"""No English in the Chinese UI (issue #21): table headers of every list page, permission
names in the role matrix, API error bodies and OpenAPI summaries are Chinese."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from unionhub.core.testing.scope_matrix import endpoints, samples
from unionhub.core.views.generic import ObjectListView

# every page without a parameter: the lists, and the modules' own pages (boards, queues…)
PAGES = [
    e
    for e in endpoints()
    if e.name and not e.is_api and not e.is_download and not e.params and e.name != "set_language"
]
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
TAG = re.compile(r"<[^>]+>")


def english_headers(html: str) -> list[str]:
    headers = [TAG.sub("", h).strip() for h in HEADER.findall(html)]
    return [h for h in headers if ENGLISH_WORD.search(h)]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", PAGES, ids=lambda e: e.name or e.route)
def test_page_headers_are_chinese(endpoint, client_as):
    if endpoint.model in samples():
        samples()[endpoint.model]("xiangshui")
    response = client_as("city_admin").get(reverse(endpoint.name))
    if response.status_code == 405 or not response["Content-Type"].startswith("text/html"):
        pytest.skip("not a page")
    if response.status_code in (302, 403, 404):
        pytest.skip("not a page city_admin opens without a parameter")
    assert response.status_code == 200
    assert not english_headers(response.content.decode()), endpoint.name


@pytest.mark.django_db
def test_api_404_body_is_chinese(api_as):
    """Issue #21: a 404 said "No Station matches the given query."."""
    response = api_as("city_admin").get("/api/v1/stations/999999/")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert not ENGLISH_WORD.search(detail), detail
    assert "记录" in detail


def test_every_openapi_operation_has_a_chinese_summary():
    """Every operation is summarised in Chinese and no English developer docstring is shown
    as its description (explicit ``extend_schema`` texts still win)."""
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("zh-hans"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    problems = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            summary = str(operation.get("summary") or "")
            description = str(operation.get("description") or "")
            if not summary or ENGLISH_WORD.search(summary.replace("API", "")):
                problems.append(f"{method} {path}: summary {summary!r}")
            if description and not re.search(r"[\u4e00-\u9fff]", description):
                problems.append(f"{method} {path}: English description")
    assert not problems, problems


LIST_PAGES = [
    e
    for e in PAGES
    if getattr(e.view, "view_class", None) is not None
    and issubclass(e.view.view_class, ObjectListView)
]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", LIST_PAGES, ids=lambda e: e.name)
def test_filter_selects_offer_all_not_dashes(endpoint, client_as):
    """An empty filter means every record: its choice says 全部, never “---------”."""
    response = client_as("city_admin").get(reverse(endpoint.name))
    if response.status_code != 200:
        pytest.skip("not a page city_admin opens without a parameter")
    assert ">---------<" not in response.content.decode(), endpoint.name
