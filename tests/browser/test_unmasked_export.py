"""An unmasked member export as two people do it: 射阳's administrator asks with a purpose,
the city administrator approves, the requester downloads one watermarked file."""

from __future__ import annotations

import datetime as dt

import pytest
from python_calamine import CalamineWorkbook

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_approve_download(page, browser, tmp_path):
    from unionhub.members import services
    from unionhub.members.demo import synthetic_id_number
    from unionhub.org.demo import first_town_union

    id_number = synthetic_id_number("320924", dt.date(1990, 5, 6), 31)
    services.member_create(
        actor=None,
        name="互助保障会员",
        id_number=id_number,
        phone="13900001111",
        union=first_town_union("sheyang"),
    )
    login(page, "sheyang_admin")
    page.goto(page.base + "/members/")
    page.click("[data-testid=unmasked-request]")
    page.wait_for_selector("[data-testid=export-request-form]")
    page.fill("#id_reason", "为会员办理职工互助保障投保")
    shot(page, "60-unmasked-export-request")
    page.click("[data-testid=export-request-form] button[type=submit]")
    page.wait_for_selector("text=申请已提交")

    approver = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    city = approver.new_page()
    city.base = page.base
    login(city, "city_admin")
    city.goto(city.base + "/exports/")
    city.wait_for_selector("[data-testid=export-decide]")
    shot(city, "61-unmasked-export-approval")
    city.click("[data-testid=export-decide] button[value=approve]")
    city.wait_for_selector("text=已记录审批结果")
    approver.close()

    page.goto(page.base + "/exports/")
    with page.expect_download() as download:
        page.click("[data-testid=export-download]")
    path = tmp_path / "members.xlsx"
    download.value.save_as(path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert "不脱敏导出" in rows[0][0] and "city_admin" in rows[0][0]
    assert any(id_number in row for row in rows[2:])
    page.goto(page.base + "/exports/")
    assert "已下载" in page.inner_text("[data-testid=object-table]")
    shot(page, "62-unmasked-export-used")
    assert page.console_errors == []
