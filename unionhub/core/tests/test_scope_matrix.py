"""The scope matrix: every list, detail, export and API endpoint, discovered from the URL
configuration, shows sheyang_admin none of 响水's records (404 on their detail URLs) while
city_admin sees them. A new endpoint that forgets scoping, or names no model and is not
declared unscoped, fails here."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from unionhub.core.testing.scope_matrix import endpoints, exempt_endpoint, samples, unscoped

OUTSIDER, OWNER_COUNTY, CITY = "sheyang_admin", "xiangshui", "city_admin"

ALL = endpoints()
LISTS = [e for e in ALL if e.model is not None and not e.params and not e.is_download]
EXPORTS = [e for e in ALL if e.model is not None and not e.params and e.is_download]
DETAILS = [e for e in ALL if e.model is not None and e.params in (["pk"], ["id"])]


def test_every_endpoint_is_scoped_or_declared_unscoped():
    declared = unscoped()
    unknown = [
        f"{e.name or e.route}" for e in ALL if e.model is None and not exempt_endpoint(e, declared)
    ]
    assert not unknown, (
        f"endpoints without a model and not declared unscoped: {unknown} (set scope_exempt = "
        "'<reason>' on the view, or add UNSCOPED = {'<url name>': '<reason>'} to the app's "
        "tests/samples.py)"
    )


def test_every_endpoint_model_has_a_scope_sample():
    registry = samples()
    missing = sorted({e.model.__name__ for e in ALL if e.model and e.model not in registry})
    assert not missing, f"add tests/samples.py entries for: {missing}"


def _url(endpoint, pk=None):
    kwargs = {endpoint.params[0]: pk} if pk is not None else {}
    if endpoint.name:
        return reverse(endpoint.name, kwargs=kwargs)
    return "/" + endpoint.route.replace(f"<int:{endpoint.params[0]}>", str(pk))


def _api_ids(response) -> set:
    data = json.loads(response.content)
    rows = data.get("results", data) if isinstance(data, dict) else data
    return {row.get("id") for row in rows if isinstance(row, dict)}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", LISTS, ids=lambda e: e.name or e.route)
def test_list_hides_other_county(endpoint, client_as, api_as):
    sample = samples()[endpoint.model](OWNER_COUNTY)
    if endpoint.is_api:
        if endpoint.actions and "get" not in endpoint.actions:
            pytest.skip("write-only endpoint")
        outsider = api_as(OUTSIDER).get(_url(endpoint), {"page_size": 500})
        assert outsider.status_code in (200, 403)
        if outsider.status_code == 200:
            assert sample.pk not in _api_ids(outsider)
        city = api_as(CITY).get(_url(endpoint), {"page_size": 500})
        assert city.status_code == 200
        return
    outsider = client_as(OUTSIDER).get(_url(endpoint), {"page_size": 500})
    assert outsider.status_code in (200, 403)
    if outsider.status_code == 200:
        content = outsider.content.decode()
        assert str(sample) not in content, f"{endpoint.name} shows {sample} to {OUTSIDER}"
    city = client_as(CITY).get(_url(endpoint), {"page_size": 500})
    assert city.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", DETAILS, ids=lambda e: e.name or e.route)
def test_detail_of_other_county_is_404(endpoint, client_as, api_as):
    sample = samples()[endpoint.model](OWNER_COUNTY)
    client = api_as if endpoint.is_api else client_as
    outsider = client(OUTSIDER).get(_url(endpoint, sample.pk))
    assert outsider.status_code in (403, 404)
    city = client(CITY).get(_url(endpoint, sample.pk))
    assert city.status_code in (200, 405), f"{endpoint.name}: city_admin got {city.status_code}"
    if outsider.status_code == 403:
        # 403 is only acceptable when the outsider lacks the permission for every record.
        own = samples()[endpoint.model]("sheyang")
        assert client(OUTSIDER).get(_url(endpoint, own.pk)).status_code == 403


def _xlsx_cells(response) -> set[str]:
    from python_calamine import CalamineWorkbook

    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells: set[str] = set()
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            cells.update(str(v) for v in row)
    return cells


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", EXPORTS, ids=lambda e: e.name or e.route)
def test_export_hides_other_county(endpoint, client_as):
    """Exports (``….<format>`` downloads) use the same scoped queryset as their lists."""
    if endpoint.name.endswith("_template"):
        pytest.skip("an empty import template, no records")
    sample = samples()[endpoint.model](OWNER_COUNTY)
    url = reverse(endpoint.name, kwargs={"format": "xlsx"})
    outsider = client_as(OUTSIDER).get(url)
    assert outsider.status_code in (200, 403)
    if outsider.status_code == 200:
        assert str(sample) not in _xlsx_cells(outsider)
    city = client_as(CITY).get(url)
    assert city.status_code == 200
    assert str(sample) in _xlsx_cells(city), f"{endpoint.name}: sample missing for city"
