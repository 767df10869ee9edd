"""The "一县一品" brand pages in a real browser: 射阳's and 响水's administrators open their
county brand page (title, narrative, indicators with targets and progress, ECharts trend
lines from the monthly snapshots), a figure leads to its records, another county's brand is
a 404; the city federation sees the submitted brands, opens the annual report page and
downloads the Word document."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    from unionhub.brands import demo
    from unionhub.brands.models import Brand
    from unionhub.core.middleware import acting_as
    from unionhub.stations.tests.samples import station_in

    with acting_as(None):
        station_in("xiangshui")
        demo.load_brands()
        demo.load_snapshots()
    return {b.region.code: b for b in Brand.objects.filter(year=2026).select_related("region")}


def _brand_page(page, brand, name: str):
    page.goto(page.base + f"/brands/{brand.pk}/")
    page.wait_for_selector("[data-testid=brand-title]")
    assert page.inner_text("[data-testid=brand-title]") == brand.title
    rows = page.locator("[data-testid=brand-figure]")
    assert rows.count() == brand.kpis.count()
    page.wait_for_selector("[data-testid=brand-trend] canvas")  # ECharts drew the lines
    shot(page, name)


def test_county_brand_pages(page):
    brands = _world()
    sheyang, xiangshui = brands["320924"], brands["320921"]

    login(page, "xiangshui_admin")
    _brand_page(page, xiangshui, "brands_xiangshui")
    assert "建立智能化户外劳动者爱心驿站" in page.content()
    link = page.locator("[data-testid=figure-link]").first
    href = link.get_attribute("href")
    assert "320921" in href
    # another county's brand does not exist for 响水
    response = page.goto(page.base + f"/brands/{sheyang.pk}/")
    assert response.status == 404

    page.context.clear_cookies()
    login(page, "sheyang_admin")
    _brand_page(page, sheyang, "brands_sheyang")
    assert "网格" in page.inner_text("[data-testid=brand-card]")


def test_city_reviews_and_downloads_the_report(page, tmp_path):
    brands = _world()
    login(page, "city_admin")
    page.goto(page.base + "/todo/")
    page.goto(page.base + "/brands/?status=submitted")
    assert brands["320925"].title in page.content()
    page.goto(page.base + f"/brands/{brands['320925'].pk}/")
    page.wait_for_selector("[data-testid=publish-brand]")
    page.goto(page.base + "/brands/report/")
    page.wait_for_selector("[data-testid=report-sections]")
    assert page.locator("[data-testid=report-sections] tbody tr").count() == 11
    shot(page, "brands_report_page")
    with page.expect_download() as info:
        page.click("[data-testid=report-docx]")
    target = tmp_path / "report.docx"
    info.value.save_as(target)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "建立智能化户外劳动者爱心驿站" in text and "编者按" in text
