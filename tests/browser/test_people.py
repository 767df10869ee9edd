"""Model workers, studios and alliances in a real browser: 盐都's administrator sees the
studio alliance with its four industry alliances and their studios' achievements; 东台's
administrator sees the pioneer's 8 apprentices and the craftsman who became a provincial
model worker; the nomination flow runs through its pages; the alliance page fits a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    from unionhub.core.middleware import acting_as
    from unionhub.enterprises.tests.samples import enterprise_in
    from unionhub.people import demo as people_demo
    from unionhub.studios import demo as studios_demo

    enterprise_in("yandu")
    with acting_as(None):
        people_demo.load()
        studios_demo.load()


def test_yandu_admin_sees_the_alliance_by_industry(page, phone):
    _world()
    login(page, "yandu_admin")
    page.goto(page.base + "/studios/board/")
    page.wait_for_selector("[data-testid=industry-alliance]")
    industries = page.locator("[data-testid=industry-alliance]")
    assert industries.count() == 4
    text = page.inner_text("[data-testid=alliance]")
    for name in ("教育", "乡村振兴", "卫生健康", "海洋产业"):
        assert name in text
    assert "专利" in text and "省级鉴定" in text
    shot(page, "people-01-yandu-alliance-board")

    page.goto(page.base + "/studios/?level=provincial")
    page.wait_for_selector("table")
    shot(page, "people-02-yandu-provincial-studios")

    login(phone, "yandu_admin")
    phone.goto(phone.base + "/studios/board/")
    phone.wait_for_selector("[data-testid=industry-alliance]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the alliance page scrolls sideways ({width}px)"
    shot(phone, "people-03-yandu-alliance-phone")
    assert not page.console_errors and not phone.console_errors


def test_dongtai_admin_sees_mentoring_and_the_risen_craftsman(page):
    _world()
    login(page, "dongtai_admin")
    page.goto(page.base + "/people/mentoring/")
    page.wait_for_selector("[data-testid=per-mentor]")
    row = page.locator("[data-testid=per-mentor] tbody tr").first
    assert "周建华" in row.inner_text() and "8" in row.inner_text()
    shot(page, "people-04-dongtai-mentoring")

    page.goto(page.base + "/people/?q=陈海峰")
    page.click("text=陈海峰")
    page.wait_for_load_state()
    body = page.inner_text("body")
    assert "省级" in body and "劳动模范" in body
    shot(page, "people-05-dongtai-provincial-model-worker")

    # The nomination still in its public notice: its notice has ended, award it.
    page.goto(page.base + "/people/nominations/?status=in_notice")
    page.click("text=孙立新")
    page.wait_for_load_state()
    shot(page, "people-06-dongtai-nomination")
    assert not page.console_errors
