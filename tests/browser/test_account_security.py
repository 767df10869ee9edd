"""Account security in the browser (issue #19): a county administrator switches the second
factor on (the code is computed from the key shown on the page, as an authenticator app
would), logs out, logs in with password and code, and sees the account menu, the sign-in
history and the sessions page (a second session from another browser, then signed out)."""

from __future__ import annotations

import base64
import time

import pytest
from django_otp.oath import totp

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str, drift: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=drift):06d}"


def test_enable_totp_then_log_in_with_the_code(page, browser):
    # Another browser (a colleague's PC) is signed in to the same account all along.
    other_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    other = other_context.new_page()
    other.base = page.base
    login(other, "xiangshui_admin")

    login(page, "xiangshui_admin")
    page.click("[data-testid=account-menu] .dropdown-toggle")
    menu = page.inner_text("[data-testid=account-menu] .dropdown-menu")
    assert "安全设置" in menu and "登录记录" in menu and "在线会话" in menu
    page.click("text=安全设置")
    page.wait_for_selector("[data-testid=otp-qr]")
    assert page.eval_on_selector("[data-testid=otp-qr]", "img => img.naturalWidth") > 0
    shot(page, "account-01-otp-setup")

    page.fill("#id_code", "000000")
    page.click("[data-testid=otp-enable]")
    assert "验证码不正确" in page.inner_text("[data-testid=otp-error]")
    time.sleep(1.2)  # django-otp waits after a wrong code before it accepts the next
    secret = page.inner_text("[data-testid=otp-secret]").strip()
    page.fill("#id_code", _code(secret))
    page.click("[data-testid=otp-enable]")
    codes = page.inner_text("[data-testid=recovery-codes]").split()
    assert len(codes) == 10
    shot(page, "account-02-recovery-codes")

    page.goto(page.base + "/")
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_username", "xiangshui_admin")
    page.fill("#id_password", "Demo-2026!")
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/login/otp/")
    assert "双因素认证" in page.inner_text("body")
    shot(page, "account-03-login-code")
    page.fill("#id_code", _code(secret, drift=1))
    page.click("[data-testid=otp-submit]")
    page.wait_for_selector("[data-testid=current-user]")
    assert "/accounts/login" not in page.url

    page.goto(page.base + "/accounts/logins/")
    assert "成功" in page.inner_text("[data-testid=login-records]")
    shot(page, "account-04-logins")

    # The sessions page lists both browsers; the other one is signed out from here.
    page.goto(page.base + "/accounts/sessions/")
    rows = page.locator("[data-testid=session-row]")
    assert rows.count() == 2
    assert page.locator("[data-testid=current-session]").count() == 1
    shot(page, "account-05-sessions")
    other_row = rows.filter(has_not=page.locator("[data-testid=current-session]"))
    other_row.locator("[data-testid=revoke-session]").click()
    page.wait_for_selector("text=该会话已退出")
    assert page.locator("[data-testid=session-row]").count() == 1
    shot(page, "account-06-session-revoked")
    other.goto(other.base + "/")
    assert "/accounts/login/" in other.url
    other_context.close()


def test_security_admin_signs_out_a_users_session(page, browser):
    from unionhub.accounts.models import User

    victim_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    victim = victim_context.new_page()
    victim.base = page.base
    login(victim, "xiangshui_town")
    pk = User.objects.get(username="xiangshui_town").pk

    login(page, "city_secadmin")
    page.goto(f"{page.base}/accounts/users/{pk}/")
    page.click("[data-testid=user-security-link]")
    page.wait_for_selector("[data-testid=session-table]")
    assert page.locator("[data-testid=session-row]").count() == 1
    shot(page, "account-07-security-admin-user")
    page.click("[data-testid=revoke-all]")
    page.wait_for_selector("text=已退出 1 个会话")
    assert "没有在线会话" in page.inner_text("[data-testid=session-table]")
    victim.goto(victim.base + "/")
    assert "/accounts/login/" in victim.url
    victim_context.close()


def test_large_font_mode_is_remembered_on_the_next_sign_in(page, browser):
    login(page, "xiangshui_admin")
    root_px = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    standard = page.evaluate(root_px)
    page.goto(page.base + "/enterprises/")
    page.click("[data-testid=account-menu] .dropdown-toggle")
    page.click("[data-testid=account-menu] [data-testid=large-font-switch]")
    page.wait_for_selector("html.large-font")
    assert page.url.endswith("/enterprises/")  # back on the page the switch was pressed on
    assert page.evaluate(root_px) == pytest.approx(standard * 1.25)
    shot(page, "account-03-large-font")
    # Another browser, signed in afresh, shows the same mode, on the phone pages too.
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    other = context.new_page()
    other.base = page.base
    login(other, "xiangshui_admin")
    assert other.evaluate("() => document.documentElement.className") == "large-font"
    context.close()
