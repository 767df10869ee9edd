"""The hygiene checklist on a 390-px phone (issue #21): every tick box is at least 24 px and
every item a whole-row touch target at least 44 px high, so an attendant outdoors hits it;
tapping the item's words ticks the box."""

from __future__ import annotations

import pytest

from tests.browser.conftest import _assert_no_csp_violation, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.base = live_server.url
    yield pg
    context.close()
    _assert_no_csp_violation(pg)


def test_checklist_items_are_thumb_sized(phone):
    from unionhub.accounts.demo import ensure_user
    from unionhub.core.middleware import acting_as
    from unionhub.org.demo import county_union
    from unionhub.stations import choices, services
    from unionhub.stations.tests.conftest import always_open, make_station

    with acting_as(None):
        staff = ensure_user(
            "xiangshui_station", "响水驿站值守员", county_union("xiangshui"), ["station_staff"]
        )
        station = make_station(
            "XS-TOUCH",
            name="响水县触控驿站",
            windows=always_open(),
            hygiene_checklist=["地面清洁", "饮水机正常", "药箱齐全"],
        )
        services.staff_assign(actor=None, station=station, user=staff, role=choices.StaffRole.STAFF)
    pg = phone
    pg.goto(pg.base + "/accounts/login/")
    pg.fill("#id_username", "xiangshui_station")
    pg.fill("#id_password", "Demo-2026!")
    pg.click("button[type=submit]")
    pg.wait_for_url("**/stations/shift/**")
    pg.goto(pg.base + f"/stations/hygiene/add/?station={station.pk}")
    pg.wait_for_selector("[data-testid=hygiene-checklist] input[name=items]")
    boxes = pg.locator("[data-testid=hygiene-checklist] input[name=items]")
    rows = pg.locator("[data-testid=hygiene-checklist] label.form-check")
    assert boxes.count() == 3
    for i in range(3):
        box = boxes.nth(i).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        assert rows.nth(i).bounding_box()["height"] >= 44
    pg.locator("[data-testid=hygiene-checklist] .form-check-label").nth(1).tap()
    assert boxes.nth(1).is_checked() and not boxes.nth(0).is_checked()
    shot(pg, "phone-hygiene-checklist")
