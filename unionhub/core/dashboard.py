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


def register(provider: Callable[[Any], list[Card]], order: int = 100) -> None:
    _providers.append((order, provider))


def cards_for(user: Any) -> list[Card]:
    cards: list[Card] = []
    for _order, provider in sorted(_providers, key=lambda p: p[0]):
        cards.extend(provider(user))
    return cards
