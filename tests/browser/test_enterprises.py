"""Enterprises as 建湖县's administrator sees them: the campaign target list with all four
kinds of reasons, the KPI cards and chart, the enterprise list and the import page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enterprises_demo(demo):
    from unionhub.enterprises import demo as enterprises_demo

    enterprises_demo.load()


def test_jianhu_targets_and_overview(page, enterprises_demo):
    login(page, "jianhu_admin")
    page.goto(page.base + "/enterprises/targets/")
    page.wait_for_selector("[data-testid=town-counts]")
    heading = page.inner_text("h1")
    assert "建湖县" in heading
    table = page.inner_text("[data-testid=object-table]")
    for reason in (
        "经营满一年未建会",
        "已建党组织未建会",
        "非公企业从业人员25人以上未建会",
        "社会知名企业未建会",
    ):
        assert reason in table or reason in page.inner_text("[data-testid=town-counts]")
    # every reason has at least one target in 建湖 (the showcase rows guarantee it)
    for code in (
        "operating_1y_no_union",
        "party_org_no_union",
        "nonpublic_25_no_union",
        "high_profile_no_union",
    ):
        page.goto(page.base + f"/enterprises/targets/?target_reasons={code}")
        page.wait_for_selector("[data-testid=object-table]")
        assert "建湖" in page.inner_text("[data-testid=object-table]")
    page.goto(page.base + "/enterprises/targets/?page_size=100")
    page.wait_for_selector("[data-testid=object-table]")
    assert "射阳" not in page.inner_text("[data-testid=object-table]")
    shot(page, "40-enterprises-targets-jianhu")

    page.goto(page.base + "/enterprises/overview/")
    page.wait_for_selector("[data-testid=coverage-chart] canvas", timeout=15000)
    cards = page.inner_text("[data-testid=kpi-cards]")
    assert "25人以上企业建会率" in cards and "%" in cards
    assert (
        page.evaluate("document.querySelectorAll('[data-testid=coverage-chart] canvas').length")
        >= 1
    )
    shot(page, "41-enterprises-overview-jianhu")
    assert page.console_errors == []

    page.click("[data-testid=kpi-cards] a >> nth=0")
    page.wait_for_selector("[data-testid=object-table]")
    assert "/enterprises/" in page.url and "region=320925" in page.url
    shot(page, "42-enterprises-list-jianhu")


def test_enterprise_detail_and_import_page(page, enterprises_demo):
    login(page, "funing_admin")
    page.goto(page.base + "/enterprises/?q=协鑫")
    page.wait_for_selector("[data-testid=object-table]")
    page.click("text=阜宁协鑫光伏科技有限公司")
    page.wait_for_selector("text=已建会")
    assert "阜宁协鑫光伏科技有限公司工会" in page.inner_text("body")
    shot(page, "43-enterprise-detail")
    page.goto(page.base + "/enterprises/import/")
    page.wait_for_selector("[data-testid=import-form]")
    shot(page, "44-enterprise-import")
    assert page.console_errors == []
