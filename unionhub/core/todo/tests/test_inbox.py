"""The inbox built from providers: order (overdue first, then by due), lazy merge across
providers, the contract's API shape, the page, and a badge that costs the page shell nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from unionhub.core.todo import registry
from unionhub.core.todo.registry import Item, TodoList, TodoProvider

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 6, 10, 12, 0))


def _users_provider(kind: str, usernames: list[str], offsets: dict[str, dt.timedelta]):
    """A provider over real rows (demo users) whose due dates the test chooses."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for name, offset in offsets.items():
        User.objects.filter(username=name).update(date_joined=NOW + offset)

    return TodoProvider(
        kind=kind,
        title=kind,
        queryset=lambda user: User.objects.filter(username__in=usernames).order_by(
            "date_joined", "pk"
        ),
        item=lambda u: Item(title=u.username, due=u.date_joined, url=f"/x/{u.pk}/"),
        module="test",
        module_title="测试",
    )


@pytest.fixture
def only(monkeypatch):
    """Replace the registered providers with the test's own for one test."""

    def install(*providers):
        monkeypatch.setattr(registry, "_providers", {p.kind: p for p in providers})

    return install


def test_items_are_ordered_overdue_first_then_by_due_across_providers(only, user_named):
    a = _users_provider(
        "t.a",
        ["xiangshui_admin", "sheyang_admin"],
        {"xiangshui_admin": dt.timedelta(days=2), "sheyang_admin": -dt.timedelta(hours=1)},
    )
    b = _users_provider(
        "t.b",
        ["binhai_admin", "funing_admin"],
        {"binhai_admin": -dt.timedelta(days=3), "funing_admin": dt.timedelta(minutes=5)},
    )
    only(a, b)
    todo = TodoList(user_named("city_admin"), now=NOW)
    items = list(todo[0:10])
    assert [i.title for i in items] == [
        "binhai_admin",
        "sheyang_admin",
        "funing_admin",
        "xiangshui_admin",
    ]
    assert [i.overdue for i in items] == [True, True, False, False]
    assert todo.count() == 4
    # A page in the middle fetches the right slice of the merged order.
    assert [i.title for i in todo[1:3]] == ["sheyang_admin", "funing_admin"]


@pytest.mark.parametrize(
    ("offset", "overdue"),
    [
        (-dt.timedelta(seconds=1), True),
        (dt.timedelta(0), False),  # due exactly now: not yet overdue
        (dt.timedelta(seconds=1), False),
    ],
)
def test_overdue_boundary(only, user_named, offset, overdue):
    only(_users_provider("t.a", ["xiangshui_admin"], {"xiangshui_admin": offset}))
    assert TodoList(user_named("city_admin"), now=NOW)[0].overdue is overdue


def test_a_due_date_lasts_until_the_end_of_that_day(only, user_named):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    provider = TodoProvider(
        kind="t.date",
        title="t",
        queryset=lambda user: User.objects.filter(username="xiangshui_admin"),
        item=lambda u: Item(title="x", due=dt.date(2026, 6, 10), url="/"),
        module="test",
    )
    only(provider)
    late_evening = timezone.make_aware(dt.datetime(2026, 6, 10, 23, 59))
    next_morning = timezone.make_aware(dt.datetime(2026, 6, 11, 0, 0, 1))
    assert TodoList(user_named("city_admin"), now=late_evening)[0].overdue is False
    assert TodoList(user_named("city_admin"), now=next_morning)[0].overdue is True


def test_provider_hidden_without_its_permission(only, user_named):
    provider = _users_provider("t.a", ["xiangshui_admin"], {"xiangshui_admin": dt.timedelta(0)})
    only(TodoProvider(**{**provider.__dict__, "permission": "points.review_submission"}))
    assert TodoList(user_named("xiangshui_town"), now=NOW).count() == 0
    assert TodoList(user_named("xiangshui_admin"), now=NOW).count() == 1


def test_api_shape_and_pagination(only, api_as):
    only(
        _users_provider(
            "t.a",
            ["xiangshui_admin", "sheyang_admin", "binhai_admin"],
            {
                "xiangshui_admin": dt.timedelta(days=1),
                "sheyang_admin": -dt.timedelta(days=1),
                "binhai_admin": dt.timedelta(days=2),
            },
        )
    )
    api = api_as("city_admin")
    body = api.get("/api/v1/todos/?page_size=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3 and body["next"] and body["previous"] is None
    first = body["results"][0]
    assert set(first) == {"kind", "module", "title", "due", "overdue", "url"}
    assert first == {
        "kind": "t.a",
        "module": "test",
        "title": "sheyang_admin",
        "due": first["due"],
        "overdue": True,
        "url": first["url"],
    }
    assert first["due"].endswith("+08:00")
    second_page = api.get(body["next"]).json()
    assert [r["title"] for r in second_page["results"]] == ["binhai_admin"]


def test_api_needs_login(client):
    assert client.get("/api/v1/todos/").status_code in (401, 403)


def test_page_groups_by_module_with_counts(only, client_as):
    only(
        _users_provider(
            "t.a", ["xiangshui_admin", "sheyang_admin"], {"sheyang_admin": -dt.timedelta(days=1)}
        )
    )
    response = client_as("city_admin").get(reverse("todo:list"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [(g.module, g.count) for g in groups] == [("test", 2)]
    html = response.content.decode()
    assert 'data-testid="todo-item"' in html and "data-overdue" in html


def test_badge_is_lazy_and_cached(only, client_as, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    calls = []
    base = _users_provider("t.a", ["xiangshui_admin"], {"xiangshui_admin": dt.timedelta(0)})

    def counted(user):
        calls.append(user.pk)
        return base.queryset(user)

    only(TodoProvider(**{**base.__dict__, "queryset": counted}))
    client = client_as("city_admin")

    # The page shell only carries the htmx slot: no provider runs while rendering it.
    html = client.get("/").content.decode()
    assert 'data-testid="todo-badge-slot"' in html and reverse("todo:badge") in html
    assert calls == []

    badge = client.get(reverse("todo:badge")).content.decode()
    assert 'data-testid="todo-count">1<' in badge
    assert len(calls) == 1
    client.get(reverse("todo:badge"))
    assert len(calls) == 1  # cached for the person


def test_page_shell_query_count_does_not_depend_on_the_inbox(only, client_as):
    """Home page queries are the same with no provider and with a provider holding items."""
    client = client_as("city_admin")
    client.get("/")  # warm the session and permission caches
    only()
    with CaptureQueriesContext(connection) as empty:
        client.get("/")
    only(_users_provider("t.a", ["xiangshui_admin", "sheyang_admin"], {}))
    with CaptureQueriesContext(connection) as full:
        client.get("/")
    assert len(full.captured_queries) == len(empty.captured_queries)


def test_badge_for_signed_out_visitor_is_empty(client):
    response = client.get(reverse("todo:badge"))
    assert response.status_code == 204


def test_every_declared_provider_is_registered_with_its_module():
    kinds = {p.kind: p.module for p in registry.providers()}
    assert kinds["points.submission_review"] == "points"
    assert kinds["members.joinapplication_review"] == "members"
    assert kinds["stations.ticket_open"] == "stations"
    assert kinds["enterprises.term_due"] == "enterprises"
    assert kinds["core.exportrequest_approve"] == "core"
