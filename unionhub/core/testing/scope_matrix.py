"""Discovery for the scope matrix test: every URL of the platform, the model behind it, and a
sample record of that model in a given county.

Each app registers samples in ``<app>/tests/samples.py``::

    SAMPLES = {Enterprise: lambda slug: make_enterprise_in(slug)}

An endpoint whose view names no model must say why it shows no scoped data, in one of three
ways: the view class sets ``scope_exempt = "<reason>"``, the app's ``tests/samples.py`` has
``UNSCOPED = {"<url name>": "<reason>"}``, or (platform pages) it is listed in ``UNSCOPED``
below. Anything else fails the matrix test until it is scoped and sampled."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from unionhub.core.modules import module_configs

# name → why it shows no scoped records
UNSCOPED: dict[str, str] = {
    "core:home": "dashboard cards come from scoped selectors (tested per module)",
    "healthz": "database round trip only",
    "schema": "API description, no data",
    "api-docs": "API description, no data",
    "api-token": "returns the caller's own token",
    "accounts:login": "login form",
    "accounts:logout": "logout",
    "accounts:password_change": "the caller's own password",
    "set_language": "language switch",
    # Public and device endpoints of the modules (contract.md); declared here on the modules'
    # behalf until they carry ``scope_exempt`` or a samples.UNSCOPED entry themselves.
    "stations-nearby": "public station finder API (contract: no login)",
    "stations-device-events": "device endpoint authenticated by a per-device key",
    "stations-device-heartbeat": "device endpoint authenticated by a per-device key",
    "stations:finder": "public station map (no login)",
    "stations:phone_entry": "public QR check-in page of one station",
    "stations:phone_done": "public QR check-in confirmation",
    "stations:phone_help": "public help request from a station",
    "stations:public_ticket": "public status of one help ticket, by its unguessable reference",
    "members:join": "public online joining form (no login)",
    "members:join_status": "public status page of the applicant's own application",
}


@dataclass
class Endpoint:
    name: str
    route: str
    view: Any
    model: type[models.Model] | None
    params: list[str]
    is_api: bool
    actions: dict[str, str] | None
    is_download: bool = False
    #: an uploaded file's view (``ObjectFileView``): bytes, not a page
    serves_file: bool = False


def _serves_a_file(callback: Any) -> bool:
    """An uploaded file's view (``ObjectFileView``): a download, not a page."""
    from unionhub.core.views.generic import ObjectFileView

    cls = getattr(callback, "view_class", None)
    return isinstance(cls, type) and issubclass(cls, ObjectFileView)


def _walk(patterns, prefix="", namespace="") -> Iterator[tuple[str, str, Any]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}{p.namespace}:"
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}{p.name}" if p.name else ""
            yield name, prefix + str(p.pattern), p.callback


def _model_of(callback: Any) -> type[models.Model] | None:
    cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if cls is None:
        return None
    model = getattr(cls, "model", None)
    if model is None:
        qs = getattr(cls, "queryset", None)
        model = getattr(qs, "model", None)
    return model


def endpoints() -> list[Endpoint]:
    result = []
    for name, route, callback in _walk(get_resolver().url_patterns):
        if name.startswith("admin:") or route.startswith("admin/") or route.startswith("static"):
            continue
        if "(?P<format>" in route:  # DRF format-suffix duplicates of API routes
            continue
        is_download = route.endswith(".<format>")
        if "(?P<" in route:  # a regex route (DRF routers)
            params = [seg.split(">")[0] for seg in route.split("(?P<")[1:]]
        else:
            params = [seg.split(">")[0].split(":")[-1] for seg in route.split("<")[1:]]
        if is_download:
            params = [p for p in params if p != "format"]
        result.append(
            Endpoint(
                name=name,
                route=route,
                view=callback,
                model=_model_of(callback),
                params=params,
                is_api=route.startswith("api/"),
                actions=getattr(callback, "actions", None),
                is_download=is_download,
                serves_file=_serves_a_file(callback),
            )
        )
    return result


def _sample_modules() -> Iterator[Any]:
    for config in module_configs():
        module_name = f"{config.name}.tests.samples"
        if find_spec(f"{config.name}.tests") and find_spec(module_name):
            yield import_module(module_name)


def samples() -> dict[type[models.Model], Callable[[str], models.Model]]:
    registry: dict[type[models.Model], Callable[[str], models.Model]] = {}
    for module in _sample_modules():
        registry.update(getattr(module, "SAMPLES", {}))
    return registry


def unscoped() -> dict[str, str]:
    """Every endpoint declared as showing no scoped data, with the reason."""
    declared = dict(UNSCOPED)
    for module in _sample_modules():
        declared.update(getattr(module, "UNSCOPED", {}))
    for endpoint in endpoints():
        cls = getattr(endpoint.view, "view_class", None) or getattr(endpoint.view, "cls", None)
        reason = getattr(cls, "scope_exempt", None)
        if reason and endpoint.name:
            declared[endpoint.name] = reason
    return declared


def exempt_endpoint(endpoint: Endpoint, declared: dict[str, str]) -> bool:
    cls = getattr(endpoint.view, "view_class", None) or getattr(endpoint.view, "cls", None)
    return bool(getattr(cls, "scope_exempt", None)) or endpoint.name in declared
