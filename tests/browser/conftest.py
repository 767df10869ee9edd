"""Real-browser fixtures: Debian's chromium driven by Playwright. Screenshots go to
``artifacts/screenshots/`` (git-ignored) so a person can look at them."""

from __future__ import annotations

from pathlib import Path

import pytest

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.base = live_server.url
    yield pg
    context.close()
    _assert_no_csp_violation(pg)


@pytest.fixture
def phone(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.base = live_server.url
    yield pg
    context.close()
    _assert_no_csp_violation(pg)


def _assert_no_csp_violation(pg) -> None:
    """Every page a browser test opened kept to the CSP: no inline script or style refused
    (Chromium reports each refusal as a console error)."""
    refused = [m for m in pg.console_errors if "Content Security Policy" in m]
    assert not refused, refused


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, username: str, password: str = "Demo-2026!") -> None:
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
