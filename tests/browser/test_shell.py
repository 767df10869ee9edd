"""The shell as a person sees it: Chinese login, home, menu scoped by county, API docs,
organisation tree, user and role management, audit log, language switch, phone layout."""

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
    sidebar = page.inner_text("#sidebar")
    assert "工会组织" in sidebar and "操作日志" in sidebar and "角色" in sidebar
    cards = page.inner_text("body")
    assert "工会组织" in cards
    shot(page, "02-home-city-admin")

    # With every module's operations the tags start folded: the deep link opens "auth".
    page.goto(page.base + "/api/docs/#/auth")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    page.wait_for_selector(".opblock-summary-path[data-path='/api/v1/auth/token/']", timeout=30000)
    shot(page, "03-api-docs")
    assert page.console_errors == []


def test_county_admin_sees_only_own_county(page):
    login(page, "xiangshui_admin")
    assert "响水县总工会及以下" in page.inner_text("[data-testid=scope-label]")
    page.goto(page.base + "/org/units/")
    body = page.inner_text("[data-testid=object-table]")
    assert "响水县总工会" in body and "射阳县总工会" not in body and "盐城市总工会" not in body
    shot(page, "04-org-tree-xiangshui")

    page.goto(page.base + "/accounts/users/")
    users = page.inner_text("[data-testid=object-table]")
    assert "xiangshui_town" in users and "sheyang_admin" not in users
    assert "响水县总工会及以下" in users
    shot(page, "07-users-xiangshui")

    page.goto(page.base + "/audit/")
    page.wait_for_selector("[data-testid=change-records]")
    shot(page, "08-audit-xiangshui")

    page.click("button:has-text('退出')")
    page.wait_for_selector("#id_username")
    login(page, "city_admin")
    page.goto(page.base + "/org/units/?page_size=200")
    body = page.inner_text("[data-testid=object-table]")
    assert "响水县总工会" in body and "射阳县总工会" in body
    shot(page, "05-org-tree-city")
    assert page.console_errors == []


def test_county_admin_adds_a_subordinate_union_and_sees_why_a_town_cannot_be_deleted(page):
    from unionhub.org.demo import first_town_union

    town = first_town_union("xiangshui")
    login(page, "xiangshui_admin")
    page.goto(page.base + f"/org/units/{town.pk}/")
    page.click("[data-testid=add-child]")
    page.fill("#id_name", "响水测试机械有限公司工会")
    page.fill("#id_code", "BROWSER-1")
    shot(page, "09-orgunit-form")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "响水测试机械有限公司工会" in page.inner_text("h1")
    shot(page, "09-orgunit-created")

    page.goto(page.base + f"/org/units/{town.pk}/delete/")
    assert "不能删除" in page.inner_text("[data-testid=delete-blocked]")
    assert "下级组织" in page.inner_text("[data-testid=delete-blocked]")
    shot(page, "10-orgunit-delete-refused")


def test_role_form_has_a_permission_matrix(page):
    login(page, "xiangshui_admin")
    page.goto(page.base + "/accounts/roles/add/")
    matrix = page.inner_text("[data-testid=permission-matrix]")
    for label in ("查看", "新增", "编辑", "删除", "导入", "导出", "审核", "查看个人信息"):
        assert label in matrix
    assert "工会组织" in matrix
    shot(page, "11-role-matrix")


def test_language_switch_to_english_and_back(page):
    login(page, "xiangshui_admin")
    page.click("[data-testid=language-switch] [type=submit]")
    page.wait_for_selector("text=Workbench")
    assert "Union organisations" in page.inner_text("#sidebar")
    shot(page, "12-english")
    page.click("[data-testid=language-switch] [type=submit]")
    page.wait_for_selector("text=工作台")


def test_home_is_usable_on_a_phone(phone):
    login(phone, "xiangshui_town")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    shot(phone, "06-home-phone")
