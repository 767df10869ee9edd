"""Every registered page without a record in its URL (lists, boards, overviews, forms) answers
in the same number of SQL queries for one record as for three (issue #20: "constant in the
page size"). An N+1 (a row that reads its county, its union or its counts one by one) shows
up here as a count that grows with the records."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from unionhub.core.testing.scope_matrix import endpoints, samples

LISTS = [
    e
    for e in endpoints()
    if e.model is not None and not e.is_api and not e.is_download and e.params == []
]


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
