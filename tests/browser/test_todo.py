"""The to-do inbox in a real browser: the union chair of 阜宁协鑫光伏 sees the points
submissions waiting for review (overdue first), the 响水 administrator sees the open service
tickets with their SLA; the badge in the top bar arrives by htmx; the page fits a phone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _points_world():
    from django.utils import timezone

    from unionhub.core.middleware import acting_as
    from unionhub.points import demo, services
    from unionhub.points.models import Submission

    with acting_as(None):
        programme, _chair, worker = demo.load_core()
        account = programme.accounts.get(user=worker)
        late = services.submission_create(
            account=account,
            item=programme.items.get(code="safety_snapshot"),
            description="仓库消防栓被杂物遮挡",
            actor=worker,
            photo=demo.demo_evidence(),
        )
    # Submitted ten days ago: past the 7-day review period.
    Submission.objects.filter(pk=late.pk).update(created_at=timezone.now() - dt.timedelta(days=10))
    return late


def test_funing_chair_sees_points_submissions_to_review(page, phone):
    _points_world()
    login(page, "funing_chair")
    page.wait_for_selector("[data-testid=todo-count]")  # the badge, loaded by htmx
    assert int(page.inner_text("[data-testid=todo-count]")) >= 2
    page.click("[data-testid=todo-badge]")
    page.wait_for_selector("[data-testid=todo-group][data-module=points]")
    group = page.locator("[data-testid=todo-group][data-module=points]")
    assert "积分制管理" in group.inner_text() or "积分" in group.inner_text()
    assert "待审核的积分申报" in group.inner_text()
    items = group.locator("[data-kind='points.submission_review']")
    assert items.count() >= 2
    first = items.first
    assert first.get_attribute("data-overdue") is not None  # overdue first
    assert "已逾期" in first.inner_text()
    shot(page, "todo-01-funing-chair")

    # The item opens the submission, where the chair reviews it.
    first.click()
    page.wait_for_selector("[data-testid=review-form]")

    # The same inbox on a 375-px phone: no sideways scrolling.
    login(phone, "funing_chair")
    phone.goto(phone.base + "/todo/")
    phone.wait_for_selector("[data-testid=todo-item]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the to-do page scrolls sideways ({width}px)"
    shot(phone, "todo-02-funing-chair-phone")
    assert not page.console_errors and not phone.console_errors


def test_xiangshui_admin_sees_open_tickets_with_their_sla(page):
    from unionhub.core.middleware import acting_as
    from unionhub.stations import demo as stations_demo
    from unionhub.stations.models import Ticket

    with acting_as(None):
        stations_demo.load()
    open_xs = Ticket.objects.filter(station__region__path__contains="/320921/").exclude(
        status="resolved"
    )
    assert open_xs.exists()

    login(page, "xiangshui_admin")
    page.goto(page.base + "/todo/")
    page.wait_for_selector("[data-testid=todo-group][data-module=stations]")
    tickets = page.locator("[data-kind='stations.ticket_open']")
    assert tickets.count() >= 1
    text = tickets.first.inner_text()
    assert "时限" in text and "受理" in text or "办结" in text
    # Only 响水's tickets: no other county's station in the list.
    stations_text = page.inner_text("[data-testid=todo-group][data-module=stations]")
    assert "射阳" not in stations_text
    shot(page, "todo-03-xiangshui-tickets")

    page.goto(page.base + "/notifications/")
    page.wait_for_selector("[data-testid=notification-list]")
    shot(page, "todo-04-notifications")
    assert not page.console_errors
