"""Discovery for the write-side scope matrix (after NetBox's
``test_create_object_with_constrained_permission``): every create, update, delete and action
endpoint — the registered HTML views and the API viewsets — posted by a county administrator
against another county's records, or with another county's parents, must be refused and
write nothing; the same request inside the county must succeed.

Each app's ``tests/samples.py`` supplies, besides ``SAMPLES`` (a record of a model inside a
county, used by the read matrix too):

``FORM_DATA = {Model: lambda slug: {...}}``
    a valid HTML form payload that creates (or, posted to the edit page, updates) a record
    of ``Model`` inside county ``slug`` — parents (region, union, station…) in that county.
``API_DATA = {Model: lambda slug: {...}}``
    the JSON payload for the API's create/update (defaults to ``FORM_DATA``).
``ACTION_DATA = {"<url name>": lambda obj: {...}}``
    the payload of an action endpoint on ``obj`` (``"stations:ticket_action"`` for a page,
    ``"ticket-escalate"`` for an API action).
``DELETABLE = {Model: lambda slug: obj}``
    a record the delete endpoints may really delete (default: ``SAMPLES``).
``WRITE_EXEMPT = {"<url name>": "<reason>"}``
    endpoints that are not scoped writes (public forms, device endpoints), with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models

from unionhub.core.testing.scope_matrix import _sample_modules, endpoints

__all__ = ["WriteEndpoint", "payloads", "write_endpoints"]


@dataclass(frozen=True)
class WriteEndpoint:
    name: str  # URL name, e.g. "stations:station_add" or "station-list"
    kind: str  # create | update | delete | action
    model: type[models.Model]
    is_api: bool
    route: str
    method: str  # post | patch | delete
    detail: bool

    @property
    def key(self) -> str:
        return f"{self.name}:{self.method}"

    def __str__(self) -> str:
        return self.key


def _html_endpoints() -> Iterator[WriteEndpoint]:
    from unionhub.core.urlgen import registered_views
    from unionhub.core.views.generic import ObjectActionView, ObjectDeleteView, ObjectEditView

    routes = {e.name: e.route for e in endpoints()}
    for reg in registered_views():
        app = reg.model._meta.app_label
        name = f"{app}:{reg.url_name}"
        if issubclass(reg.view, ObjectEditView):
            kind = "update" if reg.detail else "create"
        elif issubclass(reg.view, ObjectDeleteView):
            kind = "delete"
        elif issubclass(reg.view, ObjectActionView):
            kind = "action"
        else:
            continue
        yield WriteEndpoint(name, kind, reg.model, False, routes.get(name, ""), "post", reg.detail)


def _api_endpoints() -> Iterator[WriteEndpoint]:
    for e in endpoints():
        if not e.is_api or e.model is None or not e.actions:
            continue
        detail = bool(e.params)
        allowed = getattr(getattr(e.view, "cls", None), "http_method_names", ())
        for method, action in e.actions.items():
            if method not in allowed:
                continue
            if method == "post" and action == "create":
                kind = "create"
            elif method in ("put", "patch") and action in ("update", "partial_update"):
                if method == "put":
                    continue  # PATCH covers the update service
                kind = "update"
            elif method == "delete" and action == "destroy":
                kind = "delete"
            elif method in ("post", "put", "patch", "delete") and action not in (
                "create",
                "update",
                "partial_update",
                "destroy",
            ):
                kind = "action"
            else:
                continue
            yield WriteEndpoint(e.name, kind, e.model, True, e.route, method, detail)


def write_endpoints() -> list[WriteEndpoint]:
    return sorted([*_html_endpoints(), *_api_endpoints()], key=lambda e: e.key)


def payloads() -> dict[str, dict[Any, Callable[..., Any]]]:
    merged: dict[str, dict[Any, Callable[..., Any]]] = {
        "SAMPLES": {},
        "FORM_DATA": {},
        "API_DATA": {},
        "ACTION_DATA": {},
        "DELETABLE": {},
        "WRITE_EXEMPT": {},
    }
    for module in _sample_modules():
        for key, into in merged.items():
            into.update(getattr(module, key, {}))
    return merged
