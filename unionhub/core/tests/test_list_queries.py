"""Every registered page without a record in its URL (lists, boards, overviews, forms) answers
in the same number of SQL queries for one record as for three (issue #20: "constant in the
page size"). An N+1 (a row that reads its county, its union or its counts one by one) shows
up here as a count that grows with the records. And every registered list answers in at
most ``LIST_QUERY_CAP`` queries, for the city, a county and a town cadre (where they may
open it)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from unionhub.core.testing.scope_matrix import endpoints, samples
from unionhub.core.views.generic import ObjectListView

LISTS = [
    e
    for e in endpoints()
    if e.model is not None and not e.is_api and not e.is_download and e.params == []
]

# session, user with organisation and region, roles with every permission (one UNION),
# count, page rows, and up to three filter-form choice lists (issue #20 target 3)
LIST_QUERY_CAP = 8


def _is_list(endpoint) -> bool:
    view = getattr(endpoint.view, "view_class", None)
    return view is not None and issubclass(view, ObjectListView)


LIST_VIEWS = [e for e in LISTS if _is_list(e)]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", LISTS, ids=lambda e: e.name or e.route)
def test_page_queries_do_not_grow_with_records(endpoint, client_as):
    make = samples()[endpoint.model]
    make("xiangshui")
    url = reverse(endpoint.name)
    client = client_as("city_admin")
    client.get(url)  # warm per-process caches (content types, permissions, menu)
    one = _queries(client, url)
    make("xiangshui")
    make("xiangshui")
    three = _queries(client, url)
    assert three == one, f"{endpoint.name}: {one} queries for one record, {three} for three"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", LIST_VIEWS, ids=lambda e: e.name or e.route)
@pytest.mark.parametrize("username", ["city_admin", "xiangshui_admin", "xiangshui_town"])
def test_list_page_stays_within_the_query_cap(endpoint, username, client_as):
    make = samples()[endpoint.model]
    make("xiangshui")
    make("xiangshui")
    url = reverse(endpoint.name)
    client = client_as(username)
    if client.get(url).status_code == 403:
        pytest.skip(f"{username} may not open {url}")
    count = _queries(client, url)
    assert count <= LIST_QUERY_CAP, f"{endpoint.name} as {username}: {count} queries"
