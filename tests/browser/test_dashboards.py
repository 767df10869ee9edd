"""The city dashboard, the big screen (数据驾驶舱) and the statistics page in a real browser:
the city admin compares the counties (1366 px), the hall's screen fills 1920×1080 in the dark
theme without scrollbars, a county admin sees its own figures against the city average."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    from django.core.management import call_command

    call_command(
        "load_demo",
        "--only",
        "enterprises",
        "members",
        "stations",
        "governance",
        "bargaining",
        "activities",
        force=True,
        verbosity=0,
    )
    from django.utils import timezone

    from unionhub.core.kpis.models import KpiTarget
    from unionhub.org.models import Region

    year = timezone.localdate().year
    for code, county, value in (
        ("members.active", "320924", 2500),
        ("establishment.coverage_25plus", "320924", 40),
        ("stations.total", "320924", 20),
        ("members.active", "320902", 2200),
        ("establishment.coverage_25plus", "320902", 85),
    ):
        KpiTarget.objects.update_or_create(
            code=code, region=Region.objects.get(code=county), year=year, defaults={"value": value}
        )


def _charts_drawn(page, count: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('[data-chart] canvas').length >= {count}", timeout=15000
    )


def test_city_admin_compares_the_counties(page):
    _world()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "city_admin")
    page.goto(page.base + "/dashboards/city/")
    rows = page.locator("[data-testid=city-table] tbody tr")
    assert rows.count() == 11
    assert page.locator("[data-testid=city-table] tfoot").inner_text().startswith("全市平均")
    _charts_drawn(page, 6)
    shot(page, "dashboards-city-1366")


def test_county_admin_sees_own_figures_against_the_city_average(page):
    _world()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "sheyang_admin")
    page.goto(page.base + "/dashboards/city/")
    assert "射阳县与全市平均对比" in page.locator("h1.page-title").inner_text()
    assert page.locator("[data-testid=city-average]").count() >= 6
    assert "完成" in page.locator("[data-testid='own-members.active']").inner_text()
    body = page.locator("body").inner_text()
    for other in ("响水县", "东台市", "亭湖区", "建湖县"):
        assert other not in body
    _charts_drawn(page, 1)
    shot(page, "dashboards-county-sheyang")


def test_big_screen_fills_1920_by_1080_without_scrollbars(browser, live_server, demo):
    _world()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.base = live_server.url
    login(pg, "city_admin")
    pg.goto(pg.base + "/dashboards/screen/")
    _charts_drawn(pg, 4)
    pg.wait_for_timeout(600)  # the charts' entry animation
    sizes = pg.evaluate(
        "({sh: document.documentElement.scrollHeight, sw: document.documentElement.scrollWidth,"
        " h: window.innerHeight, w: window.innerWidth,"
        " bg: getComputedStyle(document.querySelector('.cockpit')).backgroundImage})"
    )
    assert sizes["sh"] <= sizes["h"] and sizes["sw"] <= sizes["w"], sizes
    assert "gradient" in sizes["bg"]
    figures = pg.locator("[data-figure]").all_inner_texts()
    assert figures and not any(f.strip() in {"1", "2", "3", "4"} for f in figures), figures
    path = shot(pg, "dashboards-screen-1920")
    assert path.exists()
    # the panel refreshes through htmx without leaving the page
    pg.evaluate("htmx.trigger('#cockpit-panel', 'every 60s')")
    refused = [m for m in errors if "Content Security Policy" in m]
    assert not refused, refused
    context.close()


def test_statistics_page_downloads_the_workbook(page):
    _world()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "city_admin")
    page.goto(page.base + "/dashboards/statistics/")
    assert page.locator("[data-testid=table-2]").is_visible()
    with page.expect_download() as info:
        page.click("[data-testid=download]")
    assert info.value.suggested_filename.endswith(".xlsx")
    shot(page, "dashboards-statistics")


def test_hall_account_sees_only_the_big_screen(browser, live_server, demo):
    """The hall display account (city_screen): signing in lands on the screen, which has no
    way out; any other page is refused."""
    _world()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.base = live_server.url
    # signing in (no ?next=) lands on the screen, which has no shell and no top bar
    pg.goto(pg.base + "/accounts/login/")
    pg.fill("#id_username", "city_screen")
    pg.fill("#id_password", "Demo-2026!")
    pg.click("button[type=submit]")
    pg.wait_for_selector("[data-testid=cockpit]")
    assert pg.url.endswith("/dashboards/screen/"), pg.url
    pg.locator("[data-chart] canvas").nth(3).wait_for(timeout=15000)
    pg.wait_for_timeout(600)
    assert pg.locator(".cockpit-exit").count() == 0
    figures = pg.locator("[data-figure]").all_inner_texts()
    assert figures and not any(f.strip() in {"1", "2", "3", "4"} for f in figures), figures
    shot(pg, "dashboards-screen-hall-account-1920")
    pg.evaluate("htmx.trigger('#cockpit-panel', 'every 60s')")
    pg.wait_for_timeout(1500)
    assert pg.locator("[data-testid=cockpit-figures]").count() == 1
    for path in ("/members/", "/dashboards/city/", "/me/", "/accounts/tokens/"):
        response = pg.goto(pg.base + path)
        assert response.status == 403, (path, response.status)
    refused = [m for m in errors if "Content Security Policy" in m]
    assert not refused, refused
    context.close()


def test_statistics_cell_opens_the_records_it_counts(page):
    """The 女性 figure of a county opens the member list filtered to that many members."""
    _world()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "city_admin")
    page.goto(page.base + "/dashboards/statistics/")
    links = page.locator("[data-testid=table-2] a[href*='gender=female']")
    figures = [int(t.replace(",", "")) for t in links.all_inner_texts()]
    assert any(figures), figures
    n = next(i for i, f in enumerate(figures) if f)
    link, figure = links.nth(n), figures[n]
    link.click()
    page.wait_for_load_state()
    assert "gender=female" in page.url
    shot(page, "dashboards-statistics-women-list")
    assert str(figure) in page.locator("body").inner_text()
