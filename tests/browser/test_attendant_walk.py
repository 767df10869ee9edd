"""A station attendant's shift on a 390-px phone (issue #21 "Done when"): signing in lands on
the shift page (值班台) of my station; the hygiene check opens the station's own checklist and
comes back done; an overdue ticket is acknowledged and resolved with one tap each. The same
page at desktop width. Screenshots ``phone-walk-attendant-*``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import _assert_no_csp_violation, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


@pytest.fixture
def phone390(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.base = live_server.url
    yield pg
    context.close()
    _assert_no_csp_violation(pg)


def fits(pg, width=WIDTH) -> None:
    scroll = pg.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{pg.url} scrolls sideways ({scroll}px)"


def _setup():
    from unionhub.accounts.demo import ensure_user
    from unionhub.core.middleware import acting_as
    from unionhub.org.demo import county_union
    from unionhub.stations import choices, services
    from unionhub.stations.models import Device
    from unionhub.stations.tests.conftest import always_open, make_station

    with acting_as(None):
        staff = ensure_user(
            "xiangshui_station", "响水驿站值守员", county_union("xiangshui"), ["station_staff"]
        )
        first = make_station(
            "XS-SHIFT",
            name="响水县城南爱心驿站",
            windows=always_open(),
            hygiene_checklist=["地面清洁", "饮水机正常", "药箱齐全", "微波炉清洁"],
        )
        second = make_station("XS-SHIFT2", name="响水县黄海路驿站", windows=always_open())
        for station in (first, second):
            services.staff_assign(
                actor=None, station=station, user=staff, role=choices.StaffRole.STAFF
            )
        ticket = services.ticket_raise(
            actor=None,
            station=first,
            category=choices.TicketCategory.HYGIENE,
            source=choices.TicketSource.WORKER,
            title="求助：卫生间没有洗手液",
            now=timezone.now() - dt.timedelta(minutes=42),
        )
        device, _key = services.device_create(
            actor=None, station=first, name="人流计数器", kind=choices.DeviceKind.COUNTER
        )
        Device.objects.filter(pk=device.pk).update(
            last_seen_at=timezone.now() - dt.timedelta(minutes=25)
        )
    return first, ticket


def test_attendant_walk(phone390, page):
    from unionhub.stations.models import HygieneCheck, Ticket

    station, ticket = _setup()
    pg = phone390

    # 1. Sign in: the shift page of my station, with today's tasks.
    pg.goto(pg.base + "/accounts/login/")
    pg.fill("#id_username", "xiangshui_station")
    pg.fill("#id_password", "Demo-2026!")
    pg.click("button[type=submit]")
    pg.wait_for_url("**/stations/shift/")
    pg.wait_for_selector("[data-testid=shift-station]")
    assert station.name in pg.inner_text("[data-testid=shift-station-name]")
    assert pg.locator("[data-testid=shift-switcher] a").count() == 2
    assert pg.get_attribute("[data-testid=shift-hygiene]", "data-state") == "todo"
    assert "已超时" in pg.inner_text("[data-testid=shift-ticket]")
    assert "人流计数器" in pg.inner_text("[data-testid=shift-devices]")
    nav = pg.inner_text("[data-testid=shift-nav]")
    assert "数据大屏" not in nav and "操作日志" not in nav
    assert pg.locator("aside, .navbar-vertical").count() == 0
    # thumb-sized buttons
    box = pg.locator("[data-testid=shift-do-hygiene]").bounding_box()
    assert box["height"] >= 44
    fits(pg)
    shot(pg, "phone-walk-attendant-01-shift")

    # 2. Hygiene check: the station's own list, preselected; back to the desk, done.
    pg.click("[data-testid=shift-do-hygiene]")
    pg.wait_for_selector("[data-testid=hygiene-checklist]")
    items = pg.locator("[data-testid=hygiene-checklist] input[name=items]")
    assert items.count() == 4
    for i in range(4):
        items.nth(i).check()
    fits(pg)
    shot(pg, "phone-walk-attendant-02-hygiene-form")
    pg.click("[data-testid=hygiene-form] button[type=submit]")
    pg.wait_for_url("**/stations/shift/?station=*")
    pg.wait_for_selector("[data-testid=shift-hygiene][data-state=done]")
    check = HygieneCheck.objects.get(station=station)
    assert check.passed and all(check.results.values())
    fits(pg)
    shot(pg, "phone-walk-attendant-03-hygiene-done")

    # 3. The overdue ticket: acknowledge, then resolve — one tap each.
    pg.click(f"[data-ticket='{ticket.pk}'] [data-testid=shift-ack]")
    pg.wait_for_selector("text=工单已受理")
    assert Ticket.objects.get(pk=ticket.pk).status == "acknowledged"
    fits(pg)
    shot(pg, "phone-walk-attendant-04-ticket-acknowledged")
    pg.click(f"[data-ticket='{ticket.pk}'] [data-testid=shift-resolve]")
    pg.wait_for_selector("[data-testid=shift-no-tickets]")
    assert Ticket.objects.get(pk=ticket.pk).status == "resolved"
    fits(pg)
    shot(pg, "phone-walk-attendant-05-ticket-resolved")
    assert pg.console_errors == []

    # 4. The same desk at desktop width (a cadre's screen): two columns, no overflow.
    from tests.browser.conftest import login

    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "xiangshui_station")
    page.goto(page.base + "/stations/shift/")
    page.wait_for_selector("[data-testid=shift-tickets]")
    fits(page, 1366)
    shot(page, "phone-walk-attendant-06-desktop")
