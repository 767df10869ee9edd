"""A mistyped filter never silently returns every row (issue #19): an unknown query
parameter on any API list or any export is a 400 naming the allowed parameters, and an
integer/ID filter beyond a 64-bit integer is a 400 (it was an OverflowError 500)."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from unionhub.core.testing.scope_matrix import endpoints, samples

API_LISTS = [
    e
    for e in endpoints()
    if e.is_api and not e.params and (e.actions or {}).get("get") == "list" and e.model
]
EXPORTS = [e for e in endpoints() if e.is_download and not e.params and e.name.endswith("_export")]
HTML_LISTS = [
    e
    for e in endpoints()
    if not e.is_api and not e.params and not e.is_download and e.name.endswith("_list")
]
HUGE = "99999999999999999999"


def _url(endpoint):
    if endpoint.is_download:
        return reverse(endpoint.name, kwargs={"format": "xlsx"})
    return reverse(endpoint.name)


def test_the_walk_finds_lists_and_exports():
    assert len(API_LISTS) > 40 and len(EXPORTS) > 30, (len(API_LISTS), len(EXPORTS))


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", API_LISTS, ids=lambda e: e.name)
def test_every_api_list_refuses_an_unknown_parameter(endpoint, api_as):
    client = api_as("city_admin")
    url = _url(endpoint)
    response = client.get(url, {"regoin": "320921"})
    assert response.status_code == 400, url
    detail = response.json()["detail"]
    assert detail.startswith("未知的查询参数：regoin。可用的参数："), detail
    assert "page" in detail and "format" in detail
    assert client.get(url, {"page": "1", "page_size": "5"}).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", EXPORTS, ids=lambda e: e.name)
def test_every_export_refuses_an_unknown_parameter(endpoint, client_as):
    client = client_as("city_admin")
    url = _url(endpoint)
    response = client.get(url, {"regoin": "320921"})
    assert response.status_code == 400, url
    text = response.content.decode()
    assert "未知的查询参数：regoin。可用的参数：" in text, url


def _numeric_filters(endpoint):
    cls = getattr(endpoint.view, "cls", None) or getattr(endpoint.view, "view_class", None)
    filterset_class = getattr(cls, "filterset_class", None)
    if filterset_class is None:
        return []
    form = filterset_class(None, queryset=filterset_class._meta.model.objects.none()).form
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.ModelChoiceField)
        and not isinstance(field.widget, forms.MultiWidget)
    ]


OVERFLOW_CASES = [(e, name) for e in API_LISTS + HTML_LISTS for name in _numeric_filters(e)]


def test_there_are_numeric_filters_to_overflow():
    assert len(OVERFLOW_CASES) > 20


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "name"), OVERFLOW_CASES, ids=lambda v: getattr(v, "name", v))
def test_an_integer_filter_beyond_64_bits_is_a_400(endpoint, name, api_as, client_as):
    client = api_as("city_admin") if endpoint.is_api else client_as("city_admin")
    url = _url(endpoint)
    response = client.get(url, {name: HUGE})
    assert response.status_code == 400, (url, name)
    body = response.json()[name][0] if endpoint.is_api else response.content.decode()
    assert "超出范围" in body, body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "api"),
    [
        ("/points/ledger/", False),
        ("/api/v1/points/ledger/", True),
        ("/points/ledger/export.xlsx", False),
    ],
)
def test_the_probe_overflow_is_a_400(url, api, api_as, client_as):
    client = api_as("city_admin") if api else client_as("city_admin")
    response = client.get(url, {"account": HUGE})
    assert response.status_code == 400
    assert client.get(url, {"account": "12"}).status_code == 200


@pytest.mark.django_db
def test_an_html_list_page_still_ignores_unknown_parameters(client_as):
    response = client_as("city_admin").get("/enterprises/", {"utm_source": "wechat"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_export_with_known_parameters_works(client_as):
    samples()  # registry import
    response = client_as("city_admin").get(
        "/enterprises/export.xlsx", {"q": "样本", "sort": "name", "page": "2", "cols": "name"}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_parameters_a_list_reads_itself_stay_allowed(api_as):
    assert api_as("city_admin").get("/api/v1/notifications/", {"unread": "1"}).status_code == 200
