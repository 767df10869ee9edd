"""Detail tabs: a module adds a tab to another module's record page without touching it.

The enterprise page becomes the one enterprise file (一企一档) this way: governance adds its
grid and risk level, congress its star rating, funds its refunds — each declared in the
contributing module's ``module.py``::

    detail_tabs = [
        DetailTab(
            model="enterprises.Enterprise",
            key="grid",
            label=_("Grid and risk"),
            template="governance/_enterprise_tab.html",
            context=selectors.enterprise_tab_context,   # fn(request, enterprise) -> dict
            permission="governance.view_grid",
            order=200,
        ),
    ]

The record page lists the tabs its user may see; a tab's content is loaded by htmx only
when it is opened (``/tabs/<app_label>.<model>/<pk>/<key>/``), so each module's queries
run only for the tab looked at and the page's own query count stays constant however
many modules contribute. The tab view finds the record through ``visible_to`` like every
other page: a record outside the user's scope is a 404 for its tabs too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

__all__ = ["TABLE_TEMPLATE", "DetailTab", "Link", "register_declared", "tab_for", "tabs_for"]

#: a ready template for tabs that are one table: context ``columns``, ``rows`` (cells are
#: values or ``Link``s) and ``empty`` (the sentence shown when there are no rows)
TABLE_TEMPLATE = "core/detail_tab_table.html"

_tabs: dict[str, list[DetailTab]] = {}


@dataclass(frozen=True)
class Link:
    """A table cell that opens a record."""

    text: Any
    url: str

    def __str__(self) -> str:
        return str(self.text)


@dataclass(frozen=True)
class DetailTab:
    #: ``"app_label.ModelName"`` of the record page the tab joins
    model: str
    #: unique per model; the tab's URL and HTML id
    key: str
    label: Any
    template: str
    #: ``fn(request, obj) -> dict`` — the template's context besides ``object``; the
    #: contributing module's selector, which starts from ``visible_to(request.user)``
    context: Callable[[Any, Any], dict] = field(default=lambda request, obj: {})
    #: who sees the tab (besides the record page's own view permission); None: everyone
    permission: str | None = None
    order: int = 100

    @property
    def model_key(self) -> str:
        return _model_key(apps.get_model(self.model))


def _model_key(model: Any) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def register_declared(config: Any, tabs: list[DetailTab]) -> None:
    """``consume("detail_tabs", ...)``: a module's ``detail_tabs`` list."""
    for tab in tabs:
        existing = _tabs.setdefault(tab.model_key, [])
        if any(t.key == tab.key for t in existing):
            raise ValueError(
                f"detail tab {tab.model}/{tab.key} declared twice ({getattr(config, 'name', config)})"
            )
        existing.append(tab)
        existing.sort(key=lambda t: (t.order, t.key))


def tabs_for(model: Any, user: Any) -> list[DetailTab]:
    """The tabs of ``model``'s record page that ``user`` may open, in order."""
    return [
        t
        for t in _tabs.get(_model_key(model), [])
        if t.permission is None or user.has_perm(t.permission)
    ]


def tab_for(model_key: str, key: str) -> DetailTab | None:
    return next((t for t in _tabs.get(model_key, []) if t.key == key), None)
