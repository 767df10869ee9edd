"""The shell as a person sees it: Chinese login, home, menu scoped by county, API docs."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_city_admin_logs_in_and_sees_home_and_api_docs(page):
    page.goto(page.base + "/")
    assert "登录" in page.inner_text("body")
    shot(page, "01-login")
    login(page, "city_admin")
    assert page.inner_text("[data-testid=current-user]") == "市总管理员"
    assert "盐城市总工会" in page.inner_text("[data-testid=current-org]")
    assert page.inner_text("[data-testid=scope-label]") == "全部数据"
    assert "工会组织" in page.inner_text("#sidebar")
    shot(page, "02-home-city-admin")

    page.goto(page.base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert "/api/v1/auth/token/" in page.inner_text("body")
    shot(page, "03-api-docs")
    assert page.console_errors == []


def test_county_admin_sees_only_own_county(page):
    login(page, "xiangshui_admin")
    assert "响水县总工会及以下" in page.inner_text("[data-testid=scope-label]")
    page.goto(page.base + "/org/units/")
    body = page.inner_text("[data-testid=object-table]")
    assert "响水县总工会" in body and "射阳县总工会" not in body and "盐城市总工会" not in body
    shot(page, "04-org-tree-xiangshui")

    page.goto(page.base + "/accounts/logout/")
    login(page, "city_admin")
    page.goto(page.base + "/org/units/?page_size=200")
    body = page.inner_text("[data-testid=object-table]")
    assert "响水县总工会" in body and "射阳县总工会" in body
    shot(page, "05-org-tree-city")


def test_home_is_usable_on_a_phone(phone):
    login(phone, "xiangshui_town")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    shot(phone, "06-home-phone")
