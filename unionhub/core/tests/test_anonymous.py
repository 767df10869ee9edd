"""Anonymous visitors (issue #21): every page sends them to the login page and, after the
login, back to the page they asked for; the API stays 401/403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from unionhub.core.testing.scope_matrix import UNSCOPED, endpoints

# pages open to everybody (contract.md): public forms, the station finder, login, docs
PUBLIC = {name for name, reason in UNSCOPED.items() if "public" in reason or "no login" in reason}
PUBLIC |= {"healthz", "schema", "api-docs", "accounts:login", "accounts:logout", "set_language"}
PUBLIC |= {
    "members:join_employers",  # the public joining form's employer drop-down (htmx)
    "todo:badge",  # the top bar's to-do count: empty (204) for nobody
}

PAGES = [
    e
    for e in endpoints()
    if e.name
    and not e.is_api
    and e.name not in PUBLIC
    and all(p in ("pk", "id") for p in e.params)
    and not e.name.startswith("stations:phone")
]


def _url(endpoint) -> str:
    kwargs = {p: 1 for p in endpoint.params}
    if endpoint.is_download:
        kwargs["format"] = "xlsx"
    return reverse(endpoint.name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", PAGES, ids=lambda e: e.name)
def test_anonymous_page_redirects_to_login_and_back(endpoint, client):
    url = _url(endpoint)
    response = client.get(url)
    assert response.status_code == 302, f"{endpoint.name}: {response.status_code}"
    login = reverse("accounts:login")
    assert response["Location"].startswith(login), response["Location"]
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_after_login_the_user_comes_back(client, demo):
    target = reverse("enterprises:enterprise_list") + "?q=yancheng"
    response = client.get(target)
    assert response.status_code == 302
    back = client.post(
        response["Location"],
        {"username": "city_admin", "password": "Demo-2026!"},
    )
    assert back.status_code == 302
    assert back["Location"] == target


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/enterprises/", "/api/v1/members/", "/api/v1/todos/"])
def test_anonymous_api_stays_refused(client, path):
    assert client.get(path).status_code in (401, 403)
