"""Party-union co-building in a real browser: 经开区's administrator sees the coverage
figures and this year's 三创争两提升 cycle with its due dates (overdue marked), submits a
plan and is refused a mid-year report before the plan; 东台's administrator sees 江苏东强's
dual-cultivation funnel."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    """A dozen 经开区 enterprises (the demo picks its cycle from them), then the module's demo."""
    from unionhub.core.middleware import acting_as
    from unionhub.partybuild import demo
    from unionhub.partybuild.tests.samples import fresh_enterprise

    with acting_as(None):
        for i in range(14):
            ent = fresh_enterprise("jingkai")
            ent.employees = 120 + 15 * i
            ent.ownership = "private" if i % 4 else "foreign"
            ent.save()
        for _small in range(3):
            ent = fresh_enterprise("jingkai")
            ent.employees = 12
            ent.save()
        demo.load()


def test_jingkai_admin_sees_coverage_and_the_cycle(page):
    _world()
    login(page, "jingkai_admin")
    page.goto(page.base + "/partybuild/")
    page.wait_for_selector("[data-testid=cycle-board]")
    party = page.inner_text("[data-testid='kpi-partybuild.party_org_coverage']")
    assert "100.0%" in party
    union = page.inner_text("[data-testid='kpi-partybuild.union_coverage_25plus']")
    assert float(union.split("%")[0].split()[-1]) >= 90
    assert "8" in page.inner_text("[data-testid='kpi-partybuild.demonstration_units']")
    board = page.inner_text("[data-testid=cycle-board]")
    assert "年度计划" in board or "截止" in board
    assert page.locator("[data-testid=overdue]").count() >= 1
    shot(page, "partybuild-01-jingkai-overview")

    # The enterprise whose plan is still owed: the mid-year step is refused with a reason.
    owed = page.locator("[data-testid=cycle-board] tbody tr").filter(
        has=page.locator("td:nth-child(2) [data-testid=overdue]")
    )
    owed.first.locator("a").first.click()
    page.wait_for_selector("[data-testid=cycle-reports]")
    shot(page, "partybuild-02-participation")
    midyear = page.locator("[data-testid=report-midyear] a").first.get_attribute("href")
    page.goto(page.base + midyear + "submit/")
    page.fill("#id_content", "年中督查")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("form .alert, .invalid-feedback")
    assert "尚未审核通过" in page.content()
    shot(page, "partybuild-03-midyear-refused")
    # the refused form itself answers 400 (by design); nothing else may fail
    assert [e for e in page.console_errors if "status of 400" not in e] == []


def test_dongtai_admin_sees_the_dongqiang_funnel(page):
    from unionhub.core.middleware import acting_as
    from unionhub.partybuild import demo

    with acting_as(None):
        demo.load()
    login(page, "dongtai_admin")
    page.goto(page.base + "/partybuild/cultivation/funnel/")
    page.wait_for_selector("[data-testid=funnel] canvas")
    assert "江苏东强" in page.inner_text("h2, .page-title, body")
    table = page.inner_text("[data-testid=funnel-table]")
    assert "技术骨干" in table and "党员" in table and "管理人员" in table
    page.wait_for_timeout(1500)  # let the funnel's entry animation finish
    shot(page, "partybuild-04-dongqiang-funnel")
    assert not page.console_errors
