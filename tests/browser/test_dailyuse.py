"""Issue #21 defects in a real browser, as a cadre at 1366 px sees them: login and back,
the foldable filters with 全部, the station form's 服务设施 tick boxes, the hygiene check
with the station's own checklist, the ticket list's SLA columns."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _station():
    from unionhub.core.middleware import acting_as
    from unionhub.stations import choices, services
    from unionhub.stations.tests.conftest import make_station

    with acting_as(None):
        station = make_station("B-DAILY", hygiene_checklist=["地面清洁", "饮水机正常", "药箱齐全"])
        services.ticket_raise(
            actor=None, station=station, category=choices.TicketCategory.HYGIENE, title="地面有积水"
        )
    return station


@pytest.fixture
def wide(page):
    page.set_viewport_size({"width": 1366, "height": 800})
    return page


def test_login_comes_back_and_filters_fold(wide):
    page = wide
    page.goto(page.base + "/enterprises/?has_union=true")
    page.wait_for_selector("#id_username")  # anonymous: the login page, not a 403
    page.fill("#id_username", "xiangshui_admin")
    page.fill("#id_password", "Demo-2026!")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=filter-form]")
    assert page.url.endswith("/enterprises/?has_union=true")
    assert page.input_value("select[name=has_union]") == "true"
    assert page.locator("select[name=is_high_profile] option").first.inner_text() == "全部"
    assert not page.is_visible("[data-testid=more-filters]")
    page.click("[data-testid=more-filters-toggle]")
    page.wait_for_selector("[data-testid=more-filters]", state="visible")
    shot(page, "dailyuse-01-enterprise-filters")


def test_station_form_hygiene_check_and_ticket_sla(wide):
    from tests.browser.conftest import login

    station = _station()
    page = wide
    login(page, "xiangshui_admin")

    # 服务设施: one box per label; a click on a label ticks that very box.
    page.goto(page.base + "/stations/add/")
    group = page.locator("#id_facilities")
    group.wait_for()
    labels = group.locator("label.form-check")
    assert labels.count() >= 5
    first = labels.nth(0)
    box = first.locator("input")
    assert not box.is_checked()
    first.locator(".form-check-label").click()
    assert box.is_checked()
    assert labels.nth(1).locator("input").is_checked() is False
    height = first.bounding_box()["height"]
    assert height < 40, f"a facility label is {height}px high (one character per line?)"
    shot(page, "dailyuse-02-station-form")

    # Hygiene check: choosing the station brings its own checklist; ISO date accepted.
    page.goto(page.base + "/stations/hygiene/add/")
    page.select_option("select[name=station]", str(station.pk))
    page.wait_for_selector("[data-testid=hygiene-checklist] input[value=药箱齐全]")
    items = page.locator("[data-testid=hygiene-checklist] input[name=items]")
    assert [items.nth(i).get_attribute("value") for i in range(items.count())] == [
        "地面清洁",
        "饮水机正常",
        "药箱齐全",
    ]
    page.check("input[name=items][value=地面清洁]")
    page.check("input[name=items][value=药箱齐全]")
    shot(page, "dailyuse-03-hygiene-form")
    page.click("[data-testid=hygiene-form] button[type=submit]")
    page.wait_for_selector("[data-testid=hygiene-results]")
    table = page.inner_text("[data-testid=hygiene-results]")
    assert "饮水机正常" in table and "未完成" in table
    shot(page, "dailyuse-04-hygiene-detail")

    # Ticket list: 受理截止 / 剩余 / 已超时.
    page.goto(page.base + "/stations/tickets/")
    page.wait_for_selector("[data-testid=object-table]")
    headers = page.inner_text("[data-testid=object-table] thead")
    for header in ("受理截止", "剩余", "已超时"):
        assert header in headers
    assert "+00:00" not in page.content()
    shot(page, "dailyuse-05-ticket-list")
