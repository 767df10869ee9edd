"""The side menu. Each module declares its entries in ``module.py`` (``menu = [...]``) with
``model_item`` (URL and permission derived from the model, as NetBox's ``get_model_item``) or
``page_item``; the menu shows a user only the entries whose permission they hold (菜单权限)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

_items: dict[str, MenuItem] = {}


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
        active = url != "/" and current_path.startswith(url) or url == current_path
        entry = {"label": item.label, "url": url, "icon": item.icon, "active": active}
        key = str(item.group or "")
        if key not in by_label:
            by_label[key] = {"label": item.group, "items": []}
            groups.append(by_label[key])
        by_label[key]["items"].append(entry)
    return groups
