"""Home-page dashboard: modules register card providers; each returns the cards a user
may see (already scoped)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_providers: list[tuple[int, Callable[[Any], list[Card]]]] = []


@dataclass
class Card:
    title: Any
    value: Any
    url: str = ""
    hint: Any = ""
    icon: str = ""


def register_declared(config: Any, providers: list) -> None:
    """``consume("dashboard_cards", ...)``: each entry is a provider or ``(order, provider)``;
    a bare provider is ordered by its module's place in INSTALLED_APPS."""
    from unionhub.core.modules import module_configs

    place = next((i for i, c in enumerate(module_configs()) if c is config), 50)
    for index, entry in enumerate(providers):
        order, provider = entry if isinstance(entry, tuple) else (place * 100 + index, entry)
        register(provider, order=order)


def register(provider: Callable[[Any], list[Card]], order: int = 100) -> None:
    _providers.append((order, provider))


def cards_for(user: Any) -> list[Card]:
    cards: list[Card] = []
    for _order, provider in sorted(_providers, key=lambda p: p[0]):
        cards.extend(provider(user))
    return cards
