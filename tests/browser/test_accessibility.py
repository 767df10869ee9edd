"""Accessibility (信息无障碍, GB/T 37668; issue #19): axe-core, from the PyPI package
axe-playwright-python (its own copy of axe.min.js, no CDN), over the pages cadres, station
staff and workers use most. No serious or critical WCAG 2 A/AA violation is allowed."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

STAFF_PAGES = [
    "/",
    "/enterprises/",
    "/members/",
    "/stations/",
    "/points/",
    "/todo/",
    "/kpis/",
    "/governance/",
    "/bargaining/",
    "/activities/",
    "/stations/tickets/",
    "/governance/warnings/",
    "/people/",
    "/studios/",
    "/congress/",
    "/audit/",
]
PUBLIC_PAGES = ["/accounts/login/", "/members/join/", "/stations/finder/"]
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [
                f"{' '.join(map(str, n['target']))} {n['html'][:120]} {n.get('failureSummary', '')[-160:]}"
                for n in violation["nodes"][:4]
            ]
            found.append(f"{page.url} {violation['id']} ({violation['impact']}): {targets}")
    return found


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_accessibility_violations(page):
    problems = []
    for path in PUBLIC_PAGES:
        page.goto(page.base + path)
        problems += _serious(page)
    login(page, "city_admin")
    for path in STAFF_PAGES:
        page.goto(page.base + path)
        problems += _serious(page)
    print("\n".join(problems))
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_main_pages_read_at_200_percent_zoom(browser, live_server, demo):
    """200 % zoom on a 1280-px screen leaves a 640-px CSS viewport: the page reflows (the
    sidebar folds, tables scroll inside their card) instead of scrolling sideways."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, locale="zh-CN")
    page = context.new_page()
    page.base = live_server.url
    login(page, "city_admin")
    wide = []
    for path in STAFF_PAGES:
        page.goto(page.base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 640:
            wide.append(f"{path}: {width}px")
    shot(page, "a11y-01-zoom-200")
    context.close()
    assert not wide, wide
