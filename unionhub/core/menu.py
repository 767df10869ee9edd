"""The side menu. Each module declares its entries in ``module.py`` (``menu = [...]``) with
``model_item`` (URL and permission derived from the model, as NetBox's ``get_model_item``) or
``page_item``; the menu shows a user only the entries whose permission they hold (菜单权限):
the entry's own and whatever the view of its page requires, so a menu link never leads to
a 403."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, Resolver404, resolve, reverse

_items: dict[str, MenuItem] = {}
_view_permissions: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: Any
    url_name: str
    icon: str = "circle"
    group: Any = None
    permission: str | None = None
    order: int = 100
    children: tuple[MenuItem, ...] = field(default_factory=tuple)


def register(item: MenuItem) -> None:
    _items[item.key] = item


def model_item(
    model: str | type,
    label: Any = None,
    *,
    icon: str = "circle",
    order: int = 100,
    action: str = "list",
    permission: str | None = None,
) -> MenuItem:
    """The menu entry of a model's list: ``model_item("stations.ticket", icon="alert")``
    links ``stations:ticket_list`` and needs ``stations.view_ticket``."""
    from django.apps import apps

    if isinstance(model, str):
        model = apps.get_model(model)
    meta = model._meta
    return MenuItem(
        key=f"{meta.app_label}.{meta.model_name}",
        label=label if label is not None else meta.verbose_name_plural,
        url_name=f"{meta.app_label}:{meta.model_name}_{action}",
        icon=icon,
        permission=permission or f"{meta.app_label}.view_{meta.model_name}",
        order=order,
    )


def page_item(
    url_name: str,
    label: Any,
    *,
    icon: str = "circle",
    order: int = 100,
    permission: str | None = None,
    key: str | None = None,
) -> MenuItem:
    """The menu entry of a page that belongs to no one model (statistics, big screen)."""
    return MenuItem(
        key=key or url_name.replace(":", "."),
        label=label,
        url_name=url_name,
        icon=icon,
        permission=permission,
        order=order,
    )


def register_declared(config: Any, items: list[MenuItem]) -> None:
    """``consume("menu", ...)`` handler: entries without a group join their module's."""
    from dataclasses import replace

    for item in items:
        register(item if item.group is not None else replace(item, group=config.group))


def registered() -> list[MenuItem]:
    return sorted(_items.values(), key=lambda i: (i.order, i.key))


def view_permissions(url: str) -> tuple[str, ...]:
    """The permissions the view at ``url`` requires (``PermissionRequiredMixin``), found
    once per URL: the page's own rule decides whether its menu entry is shown."""
    if url in _view_permissions:
        return _view_permissions[url]
    from django.contrib.auth.mixins import PermissionRequiredMixin

    perms: tuple[str, ...] = ()
    try:
        match = resolve(url)
    except Resolver404:
        match = None
    view_class = getattr(match.func, "view_class", None) if match else None
    if view_class is not None and issubclass(view_class, PermissionRequiredMixin):
        view = view_class(**(getattr(match.func, "view_initkwargs", None) or {}))
        view.request, view.args, view.kwargs = None, match.args, match.kwargs
        try:
            perms = tuple(view.get_permission_required())
        except Exception:  # a view deciding from the request: its entry's permission rules
            perms = ()
    _view_permissions[url] = perms
    return perms


def menu_for(user: Any, current_path: str = "") -> list[dict[str, Any]]:
    """Menu groups for ``user``: ``[{"label": group, "items": [...]}, ...]``."""
    groups: list[dict[str, Any]] = []
    by_label: dict[str, dict[str, Any]] = {}
    for item in registered():
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if not user.has_perms(view_permissions(url)):
            continue
        active = url != "/" and current_path.startswith(url) or url == current_path
        entry = {"label": item.label, "url": url, "icon": item.icon, "active": active}
        key = str(item.group or "")
        if key not in by_label:
            by_label[key] = {"label": item.group, "items": []}
            groups.append(by_label[key])
        by_label[key]["items"].append(entry)
    return groups
