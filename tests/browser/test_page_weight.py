"""Issue #20 target 4: a list or detail page transfers at most 300 KB compressed on first
load, vendor CSS and JS included. The browser records every response of a fresh load (an
empty cache); each body is gzip-compressed here as whitenoise serves it in production
(it also offers brotli, which is smaller), so the figure is an upper bound."""

from __future__ import annotations

import gzip

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT = 300 * 1024

PAGES = [
    ("企业名录", "/enterprises/"),
    ("会员名册", "/members/"),
    ("驿站列表", "/stations/"),
    ("工单", "/stations/tickets/"),
    ("操作日志", "/audit/"),
]


def _weight(page, url: str) -> tuple[int, list[tuple[str, int]]]:
    responses = []

    def keep(response) -> None:
        responses.append(response)

    page.on("response", keep)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    parts = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 — redirects carry no body
            continue
        parts.append((response.url.rsplit("/", 1)[-1][:40], len(gzip.compress(body, 6))))
    return sum(size for _, size in parts), parts


def test_list_and_detail_pages_stay_under_300_kb_compressed(page, browser, live_server):
    login(page, "xiangshui_admin")
    from unionhub.core.testing.scope_matrix import samples
    from unionhub.stations.models import Station

    station = samples()[Station]("xiangshui")
    urls = [(name, page.base + path) for name, path in PAGES]
    urls.append(("驿站详情", f"{page.base}/stations/{station.pk}/"))
    report = []
    for name, url in urls:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        context.add_cookies(page.context.cookies())
        fresh = context.new_page()  # an empty cache: everything is fetched
        total, parts = _weight(fresh, url)
        context.close()
        report.append((name, total))
        assert total <= LIMIT, (
            f"{name} {url}: {total / 1024:.0f} KB — {sorted(parts, key=lambda p: -p[1])[:5]}"
        )
    print("page weight (KB, gzip):", ", ".join(f"{n} {t / 1024:.0f}" for n, t in report))
