"""Modules: a UnionHub app is a set of declarations (after NetBox's ``PluginConfig``).

A domain app's ``apps.py`` is three lines::

    class StationsConfig(ModuleConfig):
        name = "unionhub.stations"
        verbose_name = _("Outdoor-worker stations")

and its declarations live in files of the app that ``ModuleConfig.ready`` reads by name
(``DEFAULT_RESOURCE_PATHS``; an app may point a resource elsewhere with ``resource_paths``):

==================  ==============================  ==============================================
resource            default place                   what it is
==================  ==============================  ==============================================
menu                ``module.menu``                 side-menu entries (``model_item`` / ``page_item``)
role_grants         ``module.role_grants``          ``{"county_admin": ["stations.*"], ...}``
dashboard_cards     ``module.dashboard_cards``      home-page card providers ``fn(user) -> [Card]``
imports             ``module.imports``              ``ImportKind``s for the web import pages
unmasked_exports    ``module.unmasked_exports``     ``UnmaskedExport``s (approval-gated clear data)
url_bases           ``module.url_bases``            ``{"ticket": "tickets/"}``: where each model's
                                                    registered views live (default ``<model>s/``)
pages               ``module.pages``                ``[page("statistics/", View, "statistics")]``
                                                    for views that belong to no model
api_routes          ``module.api_routes``           ``[("stations", StationViewSet, "station")]``
                                                    mounted under ``/api/v1/``
api_urls            ``module.api_urls``             extra ``path()`` entries under ``/api/v1/``
detail_tabs         ``module.detail_tabs``          ``DetailTab``s added to another module's record
                                                    page (``unionhub.core.detail_tabs``)
landing             ``module.landing``              ``fn(user) -> url or None``: where the home
                                                    page sends a user whose work is one page
                                                    (a station attendant's shift page)
kpis                ``kpis.KPIS``                   KPI declarations (``unionhub.core.kpis``)
todo_providers      ``todos.PROVIDERS``             to-do providers (``unionhub.core.todo``)
scheduled_jobs      ``jobs.JOBS``                   periodic jobs (``unionhub.core.scheduler``)
deadline_kinds      ``deadlines.KINDS``             legal-period kinds (``unionhub.core.calendar``)
search              ``search.INDEXES``              global search entries
demo                ``demo.load``                   ``load(stdout)`` for ``load_demo``
scale               ``scale.PROVIDER``              scale-data provider for ``generate_scale``
==================  ==============================  ==============================================

Resources are *collected* when each app is ready and *handed* to whichever part of the
platform consumes them (``consume(name, handler)``), whatever the order of INSTALLED_APPS:
a handler registered late still receives every declaration made before it. Core consumes
its own resources; accounts consumes ``role_grants``; core's platform apps (calendar,
to-do, scheduler, KPIs) consume theirs. So core imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import AppConfig, apps

__all__ = [
    "DEFAULT_RESOURCE_PATHS",
    "ModuleConfig",
    "consume",
    "declarations",
    "module_configs",
    "platform_configs",
]

DEFAULT_RESOURCE_PATHS: dict[str, str] = {
    "menu": "module.menu",
    "role_grants": "module.role_grants",
    "dashboard_cards": "module.dashboard_cards",
    "imports": "module.imports",
    "unmasked_exports": "module.unmasked_exports",
    "url_bases": "module.url_bases",
    "pages": "module.pages",
    "api_routes": "module.api_routes",
    "api_urls": "module.api_urls",
    "detail_tabs": "module.detail_tabs",
    "landing": "module.landing",
    "kpis": "kpis.KPIS",
    "todo_providers": "todos.PROVIDERS",
    "scheduled_jobs": "jobs.JOBS",
    "deadline_kinds": "deadlines.KINDS",
    "search": "search.INDEXES",
    "demo": "demo.load",
    "scale": "scale.PROVIDER",
}

# Resources that are only read when asked for (they import heavy or test-only code).
LAZY_RESOURCES = {"demo", "scale", "url_bases", "pages", "api_routes", "api_urls"}

Handler = Callable[["ModuleConfig", Any], None]

_collected: dict[str, list[tuple[ModuleConfig, Any]]] = {}
_handlers: dict[str, list[Handler]] = {}


@dataclass(frozen=True)
class Declaration:
    config: ModuleConfig
    value: Any


def _deliver(name: str, config: ModuleConfig, value: Any) -> None:
    for handler in _handlers.get(name, []):
        handler(config, value)


def consume(name: str, handler: Handler) -> None:
    """Receive every declaration of resource ``name``: those made so far and later ones."""
    if name not in DEFAULT_RESOURCE_PATHS:
        raise KeyError(f"unknown module resource {name!r}")
    _handlers.setdefault(name, []).append(handler)
    for config, value in _collected.get(name, []):
        handler(config, value)


def declarations(name: str) -> list[Declaration]:
    """Every app's declaration of ``name``, in INSTALLED_APPS order (lazy ones load now)."""
    if name in LAZY_RESOURCES:
        result = []
        for config in module_configs():
            value = config.load_resource(name)
            if value is not None:
                result.append(Declaration(config, value))
        return result
    return [Declaration(c, v) for c, v in _collected.get(name, [])]


class ModuleConfig(AppConfig):
    """Base ``AppConfig`` of every UnionHub app (domain modules and core's platform apps)."""

    # ``apps.py`` imports this class beside its own subclass: only the subclass may be the
    # app's default config (Django skips AppConfig classes with ``default = False``).
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = True

    #: resource name → ``"submodule.attribute"`` overrides of ``DEFAULT_RESOURCE_PATHS``
    resource_paths: dict[str, str] = {}
    #: the side-menu group of this module's entries (default: ``verbose_name``)
    menu_group: Any = None

    @property
    def group(self) -> Any:
        return self.menu_group if self.menu_group is not None else self.verbose_name

    def resource_path(self, name: str) -> str:
        return {**DEFAULT_RESOURCE_PATHS, **self.resource_paths}[name]

    def load_resource(self, name: str) -> Any:
        """The app's declaration of ``name``, or None when it declares none (NetBox's
        ``_load_resource``): a missing file or attribute means "nothing declared"; an
        import error *inside* an existing file is raised, never hidden."""
        module_path, _, attribute = self.resource_path(name).rpartition(".")
        dotted = f"{self.name}.{module_path}"
        try:
            spec = find_spec(dotted)
        except ModuleNotFoundError:
            return None
        if spec is None:
            return None
        return getattr(import_module(dotted), attribute, None)

    def ready(self) -> None:
        for name in DEFAULT_RESOURCE_PATHS:
            if name in LAZY_RESOURCES:
                continue
            value = self.load_resource(name)
            if value is None:
                continue
            _collected.setdefault(name, []).append((self, value))
            _deliver(name, self, value)


def module_configs() -> Iterator[ModuleConfig]:
    """Every installed UnionHub module, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if isinstance(config, ModuleConfig):
            yield config


def platform_configs() -> Iterator[ModuleConfig]:
    """Core and its platform apps (``unionhub.core.*``)."""
    for config in module_configs():
        if config.name == "unionhub.core" or config.name.startswith("unionhub.core."):
            yield config
