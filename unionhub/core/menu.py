"""The side menu. Each app registers its entries in ``AppConfig.ready``; the menu shows a
user only the entries whose permission they hold (菜单权限)."""

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
