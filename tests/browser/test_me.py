"""The worker's 我的 page on a 390-px phone: member code, card, points with the month's
leaderboard, links to claiming, redeeming and nearby stations; no admin menu."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_opens_my_page_on_the_phone(phone):
    from unionhub.me import demo as me_demo
    from unionhub.points import demo as points_demo

    points_demo.load_core()
    me_demo.load()
    phone.set_viewport_size({"width": 390, "height": 844})
    login_phone(phone, "funing_worker")
    phone.goto(phone.base + "/me/")
    phone.wait_for_selector("[data-testid=me-card]")
    assert "王晓峰" in phone.inner_text("[data-testid=me-card]")
    code = phone.locator("[data-testid=me-code] img")
    code.wait_for()
    assert phone.evaluate("(img) => img.naturalWidth > 0", code.element_handle())
    assert int(phone.inner_text("[data-testid=me-balance]").replace(",", "")) > 0
    assert phone.locator("aside, .navbar-vertical").count() == 0  # no admin menu
    # nothing wider than the phone
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "me-01-my-page-390")
    phone.click("[data-testid=me-nearby]")
    phone.wait_for_url("**/stations/nearby/**")
    assert phone.console_errors == []


def login_phone(page, username: str) -> None:
    page.goto(page.base + "/accounts/login/?next=/me/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Demo-2026!")
    page.click("button[type=submit]")
    page.wait_for_url("**/me/")


__all__ = ["login", "login_phone"]
