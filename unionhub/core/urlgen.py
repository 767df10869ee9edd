"""URLs generated from registrations (after NetBox's ``register_model_view`` and
``get_model_urls``): a module registers each view against its model, and the platform
builds the routes and names, so no module lists its URLs by hand.

    @register_model_view(Ticket, "list")
    class TicketListView(ObjectListView): ...

    @register_model_view(Ticket, "add")
    @register_model_view(Ticket, "edit")
    class TicketEditView(ObjectEditView): ...

    @register_model_view(Ticket, "action")          # /stations/tickets/<pk>/action/
    class TicketActionView(ObjectActionView): ...

Routes (``base`` comes from the module's ``url_bases``, default ``"<model_name>s/"``):

=================  ===================================  ==========================
view name          path                                 URL name
=================  ===================================  ==========================
``"list"``         ``<base>``                           ``<app>:<model>_list``
``"add"``          ``<base>add/``                       ``<app>:<model>_add``
``"export"``       ``<base>export.<format>``            ``<app>:<model>_export``
``""`` (detail)    ``<base><int:pk>/``                  ``<app>:<model>``
any other          ``<base><int:pk>/<name>/``           ``<app>:<model>_<name>``
=================  ===================================  ==========================

``detail=False`` puts another view at ``<base><name>/``; ``path=`` replaces the last part
(``"poster.pdf"`` → ``<base><int:pk>/poster.pdf``). Views that belong to no model are the
module's ``pages`` (``page("statistics/", StatisticsView, "statistics")``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.db import models
from django.urls import URLPattern, include, path

from unionhub.core.modules import ModuleConfig, module_configs

__all__ = [
    "Page",
    "ViewRegistration",
    "api_urlpatterns",
    "get_model_urls",
    "model_views",
    "module_urlpatterns",
    "page",
    "register_model_view",
    "registered_views",
]

#: views that do not act on one record
NON_DETAIL = {"list", "add", "export", "import"}


@dataclass(frozen=True)
class ViewRegistration:
    model: type[models.Model]
    name: str
    view: type
    detail: bool
    path: str | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def url_name(self) -> str:
        model_name = self.model._meta.model_name
        if self.name == "":
            return model_name
        return f"{model_name}_{self.name}"

    def route(self, base: str) -> str:
        if self.path is not None:
            tail = self.path
        elif self.name == "list":
            tail = ""
        elif self.name == "export":
            tail = "export.<format>"
        elif self.name == "" or not self.detail:
            tail = "" if self.name == "" else f"{self.name}/"
        else:
            tail = f"{self.name}/"
        if self.detail:
            return f"{base}<int:pk>/{tail}"
        return f"{base}{tail}"


_registry: dict[str, list[ViewRegistration]] = {}


def register_model_view(
    model: type[models.Model],
    name: str = "",
    *,
    detail: bool | None = None,
    path: str | None = None,
    kwargs: dict[str, Any] | None = None,
) -> Callable[[type], type]:
    """Class decorator: serve ``view`` as the ``name`` view of ``model``."""

    def decorate(view: type) -> type:
        is_detail = (name not in NON_DETAIL) if detail is None else detail
        registration = ViewRegistration(model, name, view, is_detail, path, dict(kwargs or {}))
        entries = _registry.setdefault(model._meta.app_label, [])
        if any(e.model is model and e.name == name for e in entries):
            raise ValueError(f"{model.__name__} already has a {name!r} view")
        entries.append(registration)
        return view

    return decorate


def registered_views(app_label: str | None = None) -> list[ViewRegistration]:
    if app_label is not None:
        return list(_registry.get(app_label, []))
    return [r for entries in _registry.values() for r in entries]


def model_views(model: type[models.Model]) -> dict[str, ViewRegistration]:
    """The registered views of one model by name (``"list"``, ``""``, ``"edit"``…)."""
    return {r.name: r for r in _registry.get(model._meta.app_label, []) if r.model is model}


def url_base(config: ModuleConfig, model: type[models.Model]) -> str:
    bases = config.load_resource("url_bases") or {}
    model_name = model._meta.model_name
    return bases.get(model_name, f"{model_name}s/")


def get_model_urls(config: ModuleConfig) -> list[URLPattern]:
    """The routes of every view the module registered (registrations happen when the
    module's ``views`` are imported, which this does)."""
    _import_views(config)
    patterns = []
    # Static paths first so ``add/`` or ``export.xlsx`` never meet a detail pattern.
    entries = sorted(registered_views(config.label), key=lambda r: r.detail)
    names = {(r.model, r.name) for r in entries}
    for reg in list(entries):
        # Every exportable list gets its Excel export beside it (same filters, same scope).
        if (
            reg.name == "list"
            and getattr(reg.view, "export_enabled", False)
            and (reg.model, "export") not in names
        ):
            entries.insert(
                0,
                ViewRegistration(reg.model, "export", reg.view, False, None, {"export": True}),
            )
    for reg in entries:
        patterns.append(
            path(
                reg.route(url_base(config, reg.model)),
                reg.view.as_view(**reg.kwargs),
                name=reg.url_name,
            )
        )
    return patterns


def _import_views(config: ModuleConfig) -> None:
    for submodule in ("views", "views_public"):
        dotted = f"{config.name}.{submodule}"
        if _exists(dotted):
            import_module(dotted)


@dataclass(frozen=True)
class Page:
    route: str
    view: Any
    name: str
    kwargs: dict[str, Any] = field(default_factory=dict)


def page(route: str, view: Any, name: str, **kwargs: Any) -> Page:
    """A module page that belongs to no one model (statistics, big screen, public pages)."""
    return Page(route, view, name, kwargs)


def _page_patterns(config: ModuleConfig) -> list[URLPattern]:
    result = []
    for entry in config.load_resource("pages") or []:
        view = entry.view.as_view(**entry.kwargs) if hasattr(entry.view, "as_view") else entry.view
        result.append(path(entry.route, view, name=entry.name))
    return result


def _exists(dotted: str) -> bool:
    try:
        return find_spec(dotted) is not None
    except ModuleNotFoundError:
        return False


def module_urlpatterns() -> list[Any]:
    """``/<label>/…`` for every module (core's own pages at the root), namespaced by label."""
    result = []
    for config in module_configs():
        patterns = [*_page_patterns(config), *get_model_urls(config)]
        if not patterns:
            continue
        prefix = "" if config.label == "core" else f"{config.label}/"
        result.append(path(prefix, include((patterns, config.label), namespace=config.label)))
    return result


def api_urlpatterns() -> list[Any]:
    """Every module's API under ``/api/v1/``: its ``api_routes`` (viewsets on one router)
    and its ``api_urls``."""
    from rest_framework.routers import DefaultRouter

    result: list[Any] = []
    for config in module_configs():
        routes = config.load_resource("api_routes") or []
        if routes:
            router = DefaultRouter(include_root_view=False)
            for prefix, viewset, basename in routes:
                router.register(prefix, viewset, basename=basename)
            result.append(path("", include(router.urls)))
        result += list(config.load_resource("api_urls") or [])
    return result
