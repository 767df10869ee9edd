"""To-do providers (待办来源) and the inbox built from them.

A module declares in ``<app>/todos.py``::

    PROVIDERS = [
        TodoProvider(
            kind="points.submission_review",
            title=_("Points submissions to review"),
            permission="points.review_submission",
            queryset=lambda user: Submission.objects.visible_to(user).filter(...).order_by("occurred_at"),
            item=lambda s: Item(title=str(s), due=s.occurred_at + WEEK, url=reverse(...)),
        ),
    ]

``queryset(user)`` returns the open records ``user`` must act on, **scoped through
``visible_to(user)``** and **ordered by due date** (earliest first); ``item(record)`` turns one
record into an :class:`Item`. Counting is then one ``COUNT`` per provider, and the inbox
fetches only the rows of the page it shows: every provider's rows are already in due order, so
the inbox merges them (overdue items are exactly those due before now, so "overdue first, then
by due" is one ascending order).

``due`` is a date (the item is due by the end of that day, Asia/Shanghai) or an aware
datetime (an SLA deadline); the inbox shows both as datetimes."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from unionhub.core.todo.dates import end_of_day

__all__ = [
    "Item",
    "TodoItem",
    "TodoList",
    "TodoProvider",
    "provider",
    "providers",
    "providers_for",
    "register",
    "register_declared",
    "todo_badge_count",
    "todo_count",
    "todo_forget_count",
    "todo_groups",
    "todo_list",
]


@dataclass(frozen=True)
class Item:
    """What a provider says about one record."""

    title: str
    due: dt.date | dt.datetime | None
    url: str
    #: one line under the title (the SLA, the waiting time…)
    detail: str = ""
    #: escalation level of the record (0 none); a higher level sends a reminder
    escalation: int = 0


@dataclass(frozen=True)
class TodoProvider:
    kind: str
    title: Any
    queryset: Callable[[Any], QuerySet]
    item: Callable[[Any], Item]
    #: permission(s) needed to see the provider's items at all (all of them)
    permission: str | Sequence[str] | None = None
    #: URL name of the module's page listing all of them (the group's "show all" link)
    list_url: str | None = None
    #: filled in from the declaring module
    module: str = ""
    module_title: Any = None

    def permissions(self) -> tuple[str, ...]:
        if self.permission is None:
            return ()
        if isinstance(self.permission, str):
            return (self.permission,)
        return tuple(self.permission)

    def available_to(self, user: Any) -> bool:
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return all(user.has_perm(p) for p in self.permissions())


@dataclass(frozen=True, order=True)
class TodoItem:
    """One entry of a person's inbox (the contract's ``{"kind", "module", "title", "due",
    "overdue", "url"}``, plus what the page shows)."""

    sort_key: tuple = field(repr=False)
    kind: str = field(compare=False)
    module: str = field(compare=False)
    title: str = field(compare=False)
    due: dt.datetime | None = field(compare=False)
    overdue: bool = field(compare=False)
    url: str = field(compare=False)
    detail: str = field(compare=False, default="")
    escalation: int = field(compare=False, default=0)
    #: stable identity of the record behind it (``<kind>:<pk>``): reminders are keyed on it
    key: str = field(compare=False, default="")
    provider_title: Any = field(compare=False, default="")


_providers: dict[str, TodoProvider] = {}

FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)


def register(p: TodoProvider) -> None:
    _providers[p.kind] = p


def register_declared(config: Any, declared: list[TodoProvider]) -> None:
    """``consume("todo_providers", ...)`` handler: the module's label and name go on each."""
    for p in declared:
        register(
            replace(
                p,
                module=p.module or config.label,
                module_title=p.module_title if p.module_title is not None else config.verbose_name,
            )
        )


def providers() -> list[TodoProvider]:
    return list(_providers.values())


def provider(kind: str) -> TodoProvider | None:
    return _providers.get(kind)


def providers_for(user: Any) -> list[TodoProvider]:
    return [p for p in _providers.values() if p.available_to(user)]


def _normalise(due: dt.date | dt.datetime | None) -> dt.datetime | None:
    if due is None:
        return None
    if isinstance(due, dt.datetime):
        return due if timezone.is_aware(due) else timezone.make_aware(due)
    return end_of_day(due)


def make_item(p: TodoProvider, record: Any, now: dt.datetime) -> TodoItem:
    raw = p.item(record)
    due = _normalise(raw.due)
    key = f"{p.kind}:{record.pk}"
    return TodoItem(
        sort_key=(due is None, due or FAR_FUTURE, p.kind, record.pk),
        kind=p.kind,
        module=p.module,
        title=raw.title,
        due=due,
        overdue=due is not None and due < now,
        url=raw.url,
        detail=raw.detail,
        escalation=raw.escalation,
        key=key,
        provider_title=p.title,
    )


def _items(p: TodoProvider, user: Any, now: dt.datetime, limit: int | None) -> list[TodoItem]:
    qs = p.queryset(user)
    rows = qs[:limit] if limit is not None else qs
    # Sorted again in memory: a provider's order by a date column and its due datetimes agree.
    return sorted(make_item(p, r, now) for r in rows)


class TodoList:
    """A person's open items across providers, in inbox order, as a lazy sequence: ``count()``
    is one COUNT per provider, a slice fetches at most ``stop`` rows of each provider. Django's
    and DRF's paginators take it like a queryset."""

    def __init__(
        self, user: Any, *, now: dt.datetime | None = None, kinds: Sequence[str] | None = None
    ):
        self.user = user
        self.now = now or timezone.now()
        self.providers = [p for p in providers_for(user) if kinds is None or p.kind in kinds]
        self._counts: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = {p.kind: p.queryset(self.user).count() for p in self.providers}
        return self._counts

    def count(self) -> int:
        return sum(self.counts().values())

    def __len__(self) -> int:
        return self.count()

    def _merged(self, stop: int | None) -> Iterator[TodoItem]:
        streams = [
            _items(p, self.user, self.now, stop)
            for p in self.providers
            if self._counts is None or self._counts.get(p.kind)
        ]
        return heapq.merge(*streams)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start = index.start or 0
            stop = index.stop
            return list(islice(self._merged(stop), start, stop))
        return list(islice(self._merged(index + 1), index, index + 1))[0]

    def __iter__(self) -> Iterator[TodoItem]:
        return self._merged(None)


def todo_list(*, user: Any, now: dt.datetime | None = None) -> TodoList:
    return TodoList(user, now=now)


def todo_count(*, user: Any) -> int:
    return TodoList(user).count()


def _count_key(user: Any) -> str:
    return f"todo:count:{user.pk}"


def todo_badge_count(*, user: Any) -> int:
    """The top bar's count: cached per person for ``TODO_BADGE_CACHE_SECONDS`` so the page
    shell never runs every provider's query on every page."""
    key = _count_key(user)
    value = cache.get(key)
    if value is None:
        value = todo_count(user=user)
        cache.set(key, value, getattr(settings, "TODO_BADGE_CACHE_SECONDS", 60))
    return value


def todo_forget_count(user: Any) -> None:
    cache.delete(_count_key(user))


@dataclass
class TodoGroup:
    module: str
    title: Any
    count: int
    items: list[TodoItem]
    #: provider title, count and "show all" URL name of each provider in the group
    providers: list[tuple[Any, int, str | None]]

    @property
    def overdue_shown(self) -> int:
        return sum(1 for i in self.items if i.overdue)

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def todo_groups(
    *, user: Any, now: dt.datetime | None = None, per_group: int = 50
) -> list[TodoGroup]:
    """The inbox page: items grouped by module, each group in inbox order (at most
    ``per_group`` shown), groups ordered by their most urgent item."""
    todo = TodoList(user, now=now)
    counts = todo.counts()
    by_module: dict[str, TodoGroup] = {}
    for p in todo.providers:
        n = counts[p.kind]
        if not n:
            continue
        group = by_module.get(p.module)
        if group is None:
            group = by_module[p.module] = TodoGroup(p.module, p.module_title, 0, [], [])
        group.count += n
        group.providers.append((p.title, n, p.list_url))
        group.items = list(
            islice(heapq.merge(group.items, _items(p, user, todo.now, per_group)), per_group)
        )
    groups = list(by_module.values())
    groups.sort(key=lambda g: g.items[0].sort_key if g.items else (True,))
    # Cheap to keep the badge right while we are at it.
    cache.set(_count_key(user), todo.count(), getattr(settings, "TODO_BADGE_CACHE_SECONDS", 60))
    return groups
