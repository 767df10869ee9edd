"""Outdoor-worker stations as people see them: a worker scans the QR code (phone page at
375 px), registers and checks in; the visit shows on the big screen; a help request becomes
a ticket with a running SLA clock; the finder lists nearby stations."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _setup():
    from unionhub.core.middleware import acting_as
    from unionhub.org.models import Region
    from unionhub.stations import choices, services
    from unionhub.stations import demo as stations_demo

    with acting_as(None):
        stations_demo.load()
        template = services.station_clone(
            actor=None,
            template=__import__(
                "unionhub.stations.models", fromlist=["Station"]
            ).Station.objects.get(code="XS-001"),
            name="响水县24小时智慧驿站",
            code="XS-24H",
            region=Region.objects.get(code="320921100"),
            address="响水县响水镇黄海路88号",
            lat=Decimal("34.201000"),
            lng=Decimal("119.580000"),
            honours="盐城市智慧驿站示范点",
        )
        services.schedule_set(
            actor=None,
            station=template,
            windows=services.daily_windows(manned=("00:00", "00:00"), unmanned=None),
        )
    return template, choices


def test_worker_scans_checks_in_and_asks_for_help(page, phone):
    station, _choices = _setup()

    # 1. The worker scans the poster: the station's phone page.
    phone.goto(phone.base + f"/stations/s/{station.code}/")
    phone.wait_for_selector("[data-testid=register-submit]")
    assert "响水县24小时智慧驿站" in phone.inner_text("[data-testid=station-name]")
    assert "正在开放" in phone.inner_text("[data-testid=open-state]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"phone page overflows: {width}px"
    shot(phone, "stations-01-phone-entry")

    # 2. First visit: phone + occupation.
    phone.fill("#id_phone", "13912345678")
    phone.click("label.occupation:has-text('环卫工人')")
    shot(phone, "stations-02-phone-register")
    phone.click("[data-testid=register-submit]")
    phone.wait_for_selector("[data-testid=checkin-done]")
    assert "登记成功" in phone.inner_text("[data-testid=checkin-done]")
    shot(phone, "stations-03-phone-done")

    # 3. Later visit: one tap (within 10 minutes it counts once).
    phone.goto(phone.base + f"/stations/s/{station.code}/")
    phone.wait_for_selector("[data-testid=one-tap]")
    assert "环卫工人" in phone.inner_text("body")
    shot(phone, "stations-04-phone-one-tap")
    phone.click("[data-testid=one-tap]")
    phone.wait_for_selector("[data-testid=checkin-done]")
    assert "您已登记" in phone.inner_text("[data-testid=checkin-done]")

    # 4. The visit appears on the big screen (county admin).
    login(page, "xiangshui_admin")
    page.goto(page.base + "/stations/screen/")
    page.wait_for_selector("[data-testid=screen-recent]")
    page.wait_for_selector("[data-chart=s-hour] canvas")
    recent = page.inner_text("[data-testid=screen-recent]")
    assert "响水县24小时智慧驿站 · 环卫工人" in recent
    assert int(page.inner_text("[data-testid=screen-today]")) >= 1
    shot(page, "stations-05-big-screen")

    # 5. Help button → a ticket with a running SLA clock.
    phone.goto(phone.base + f"/stations/s/{station.code}/")
    phone.click("[data-testid=help-box] summary")
    phone.check("input[name=category][value=emergency]")
    phone.fill("textarea[name=description]", "同事中暑，需要帮助")
    phone.click("[data-testid=help-submit]")
    phone.wait_for_selector("[data-testid=sla-clock] .sla-clock")
    # The page renders "—" and its script starts the clock; under load that is not instant.
    # A function, not an expression string: Playwright would eval() a string, which the
    # page's CSP (no 'unsafe-eval') refuses.
    phone.wait_for_function(
        "() => document.querySelector('[data-testid=sla-clock] .sla-clock')"
        ".textContent.trim() !== '—'"
    )
    first = phone.inner_text("[data-testid=sla-clock] .sla-clock")
    phone.wait_for_timeout(1500)
    second = phone.inner_text("[data-testid=sla-clock] .sla-clock")
    assert re.fullmatch(r"0[45]:\d\d", first), first
    assert first != second, "the SLA clock must be running"
    shot(phone, "stations-06-help-ticket")

    from unionhub.stations.models import Ticket

    ticket = Ticket.objects.get(station=station, source="worker")
    assert ticket.category == "emergency"
    page.goto(page.base + f"/stations/tickets/{ticket.pk}/")
    page.wait_for_selector("[data-testid=sla-clock] .sla-clock")
    assert "紧急求助" in page.inner_text("body")
    shot(page, "stations-07-ticket-detail")
    page.click("button[value=acknowledge]")
    page.wait_for_selector("[data-testid=ticket-timeline]")
    assert "已受理" in page.inner_text("body")

    # 6. Finder and station page.
    phone.goto(phone.base + "/stations/nearby/?lat=34.2&lng=119.579")
    phone.wait_for_selector("[data-testid=finder-results] li")
    assert "响水县24小时智慧驿站" in phone.inner_text("[data-testid=finder-results]")
    shot(phone, "stations-08-finder")
    page.goto(page.base + f"/stations/{station.pk}/")
    page.wait_for_selector("[data-testid=schedule-table]")
    shot(page, "stations-09-station-detail")
    page.goto(page.base + "/stations/statistics/")
    page.wait_for_selector("[data-chart=chart-day] canvas")
    shot(page, "stations-10-statistics")
    assert not page.console_errors, page.console_errors
    assert not phone.console_errors, phone.console_errors
