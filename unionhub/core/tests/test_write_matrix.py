"""The write-side scope matrix: every create, update, delete and action endpoint (registered
HTML views and API viewsets), used by sheyang_admin against 响水's records or with 响水's
parents, is refused and writes nothing — not even an audit row; the same request on 射阳's
own records succeeds. Payloads come from each app's ``tests/samples.py``
(``unionhub/core/testing/write_matrix.py`` describes them)."""

from __future__ import annotations

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from unionhub.core.models import ChangeRecord
from unionhub.core.testing.write_matrix import payloads, write_endpoints

OUTSIDER, OUTSIDER_COUNTY, OWNER_COUNTY = "sheyang_admin", "sheyang", "xiangshui"
REFUSED = (400, 403, 404, 405)

ALL = write_endpoints()
P = payloads()


def _missing(endpoint) -> str | None:
    if endpoint.name in P["WRITE_EXEMPT"]:
        return None
    model = endpoint.model
    if endpoint.kind in ("update", "delete", "action") and model not in P["SAMPLES"]:
        return f"SAMPLES[{model.__name__}]"
    if endpoint.kind in ("create", "update"):
        table = "API_DATA" if endpoint.is_api else "FORM_DATA"
        if model not in P[table] and model not in P["FORM_DATA"]:
            return f"{table}[{model.__name__}]"
    if endpoint.kind == "action" and endpoint.name not in P["ACTION_DATA"]:
        return f'ACTION_DATA["{endpoint.name}"]'
    return None


def test_every_write_endpoint_has_a_payload():
    missing = sorted({f"{e.key}: {m}" for e in ALL if (m := _missing(e))})
    assert not missing, (
        "write endpoints without a payload in their app's tests/samples.py (or a WRITE_EXEMPT "
        f"reason): {missing}"
    )


def test_every_write_view_declares_services():
    """No generic path may call ``form.save()``/``serializer.save()`` on a module's model:
    every write endpoint names the service it goes through."""
    from django.urls import get_resolver

    from unionhub.core.api import ScopedModelViewSet
    from unionhub.core.testing.scope_matrix import _walk
    from unionhub.core.urlgen import registered_views
    from unionhub.core.views.generic import ObjectActionView, ObjectDeleteView, ObjectEditView

    lacking = set()
    for reg in registered_views():
        view = reg.view
        if issubclass(view, ObjectEditView | ObjectDeleteView) and view.services is None:
            lacking.add(view.__qualname__)
        if issubclass(view, ObjectActionView) and view.service is None:
            lacking.add(view.__qualname__)
    for _name, _route, callback in _walk(get_resolver().url_patterns):
        cls = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None) or {}
        allowed = getattr(cls, "http_method_names", ())
        writes = {a for m, a in actions.items() if m in allowed} & {
            "create",
            "update",
            "partial_update",
            "destroy",
        }
        if cls and issubclass(cls, ScopedModelViewSet) and writes and cls.services is None:
            lacking.add(cls.__qualname__)
    assert not lacking, f"write views without declared services: {sorted(lacking)}"


def test_every_page_that_writes_is_declared():
    """A page that accepts a POST without being a registered model view (a module page)
    is outside the matrix: it must say why in a samples.py ``WRITE_EXEMPT``."""
    from django.urls import get_resolver

    from unionhub.core.testing.scope_matrix import _walk
    from unionhub.core.urlgen import registered_views

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 — import the modules' views (they register)
    registered = {r.view for r in registered_views()}
    undeclared = []
    for name, route, callback in _walk(resolver.url_patterns):
        cls = getattr(callback, "view_class", None)
        if cls is None or route.startswith(("api/", "admin/")) or cls in registered:
            continue
        if hasattr(cls, "post") and name not in P["WRITE_EXEMPT"]:
            undeclared.append(name or route)
    assert not undeclared, f"pages that write, neither in the matrix nor exempt: {undeclared}"


CHECKED = [e for e in ALL if e.name not in P["WRITE_EXEMPT"] and _missing(e) is None]


def _url(endpoint, obj=None) -> str:
    kwargs = {}
    if endpoint.detail:
        param = "pk"
        if "<int:" in endpoint.route:
            param = endpoint.route.split("<int:")[1].split(">")[0]
        elif "(?P<" in endpoint.route:
            param = endpoint.route.split("(?P<")[1].split(">")[0]
        kwargs[param] = obj.pk
    return reverse(endpoint.name, kwargs=kwargs)


def _payload(endpoint, slug: str, obj=None) -> dict:
    if endpoint.kind == "action":
        return P["ACTION_DATA"][endpoint.name](obj)
    if endpoint.kind == "delete":
        return {}
    table = P["API_DATA"] if endpoint.is_api else P["FORM_DATA"]
    builder = table.get(endpoint.model) or P["FORM_DATA"][endpoint.model]
    return builder(slug)


def _target(endpoint, slug: str):
    if endpoint.kind == "create":
        return None
    if endpoint.kind == "delete" and endpoint.model in P["DELETABLE"]:
        return P["DELETABLE"][endpoint.model](slug)
    return P["SAMPLES"][endpoint.model](slug)


def _send(endpoint, client, url: str, data: dict):
    if endpoint.is_api:
        method = getattr(client, endpoint.method)
        return method(url, json.dumps(data, default=str), content_type="application/json")
    return client.post(url, data)


def _state(endpoint, obj) -> tuple:
    model = endpoint.model
    row = None
    if obj is not None:
        fresh = model._base_manager.filter(pk=obj.pk).first()
        row = model_to_dict(fresh) if fresh is not None else None
    return model._base_manager.count(), ChangeRecord.objects.count(), row


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", CHECKED, ids=str)
def test_write_outside_scope_is_refused_and_writes_nothing(endpoint, client_as, api_as):
    target = _target(endpoint, OWNER_COUNTY)
    data = _payload(endpoint, OWNER_COUNTY, target)
    client = api_as(OUTSIDER) if endpoint.is_api else client_as(OUTSIDER)
    url = _url(endpoint, target)
    before = _state(endpoint, target)
    response = _send(endpoint, client, url, data)
    if endpoint.is_api or endpoint.kind != "create":
        assert response.status_code in REFUSED, (endpoint.key, response.status_code)
    else:
        # A page answers a refused form with the form again (200/400), never a redirect.
        assert response.status_code != 302, (endpoint.key, response.get("Location"))
    assert _state(endpoint, target) == before, f"{endpoint.key} wrote something"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", CHECKED, ids=str)
def test_write_inside_scope_succeeds(endpoint, client_as, api_as):
    target = _target(endpoint, OUTSIDER_COUNTY)
    data = _payload(endpoint, OUTSIDER_COUNTY, target)
    client = api_as(OUTSIDER) if endpoint.is_api else client_as(OUTSIDER)
    before = _state(endpoint, target)
    response = _send(endpoint, client, _url(endpoint, target), data)
    if endpoint.is_api:
        assert response.status_code in (200, 201, 204), (
            endpoint.key,
            response.status_code,
            response.content[:500],
        )
    else:
        errors = ""
        if response.status_code != 302 and response.context:
            form = response.context.get("form")
            errors = form.errors.as_json() if form is not None else ""
        assert response.status_code == 302, (endpoint.key, response.status_code, errors)
    after = _state(endpoint, target)
    assert after[1] > before[1], f"{endpoint.key} succeeded but left no audit record"
    if endpoint.kind == "create":
        assert after[0] == before[0] + 1
