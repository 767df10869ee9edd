"""A filter change on a list page is an htmx request answered with the list's results
partial only. Lists with their own template (extending core/object_list.html) inherit the
partial; they answered 500 before (the partial was looked up in their own file only)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/enterprises/", "/members/", "/members/applications/"])
def test_an_htmx_filter_request_gets_the_results_partial(client_as, url):
    response = client_as("city_admin").get(url, {"q": "盐"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # the partial, not the whole page
    assert "共" in html and "条记录" in html
