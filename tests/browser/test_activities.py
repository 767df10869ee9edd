"""Activities in a real browser: a host without an account shows the QR code on a phone,
three participants sign in on their own phones (375 px) by opening the URL the QR code
encodes, a second scan counts once, the host's live list follows (htmx) and a walk-in is
added; 滨海's administrator sees the training person-times, 大丰's the season plan vs done."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
PARTICIPANTS = [
    ("张建军", "13851500001", "滨海港工业园区企业"),
    ("李秀英", "13951500002", "长法村合作社"),
    ("王志强", "15851500003", "坎北纺织厂"),
]


def _training():
    from django.utils import timezone

    from unionhub.activities import demo, services
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        return services.activity_create(
            actor=None,
            kind="training",
            title="电工安全操作技能培训（第二期）",
            organiser=demo.changfa_union(),
            held_on=timezone.localdate(),
            place="长法村党群服务中心",
            audience="村民、周边企业职工",
        )


def _svg_modules(svg: str) -> str:
    """The QR code's drawn path (what a scanner reads), whatever the SVG wrapper."""
    match = re.search(r'\sd="([^"]+)"', svg)
    assert match, svg[:200]
    return match.group(1)


def test_host_signs_in_three_participants_by_qr_on_phones(browser, phone, live_server):
    from unionhub.activities import hostlinks

    activity = _training()
    host_url = live_server.url + hostlinks.host_path(activity)
    signin_url = live_server.url + hostlinks.signin_path(activity)

    # The host (no account) opens their link on a phone: the QR code and an empty list.
    phone.goto(host_url)
    phone.wait_for_selector("[data-testid=qr] svg")
    assert phone.inner_text("[data-testid=signin-count]") == "0"
    # The QR code on the host's page is the code of the signed sign-in URL.
    shown = phone.inner_html("[data-testid=qr]")
    assert _svg_modules(shown) == _svg_modules(hostlinks.qr_svg(signin_url))
    shot(phone, "activities-01-host-qr")

    for n, (name, number, employer) in enumerate(PARTICIPANTS, start=1):
        context = browser.new_context(locale="zh-CN", **PHONE)
        participant = context.new_page()
        participant.goto(signin_url)  # what the scanner opens
        participant.wait_for_selector("[data-testid=activity-title]")
        participant.fill("#id_name", name)
        participant.fill("#id_phone", number)
        participant.fill("#id_employer_name", employer)
        if n == 1:
            shot(participant, "activities-02-participant-form")
        participant.click("[data-testid=signin-submit]")
        participant.wait_for_selector("[data-testid=signin-done]")
        assert "签到成功" in participant.inner_text("[data-testid=signin-done]")
        width = participant.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, width  # no sideways scrolling on a 375-px phone
        if n == 1:
            shot(participant, "activities-03-participant-done")
            # Scanning again counts once.
            participant.goto(signin_url)
            participant.fill("#id_name", name)
            participant.fill("#id_phone", number)
            participant.click("[data-testid=signin-submit]")
            participant.wait_for_selector("[data-testid=signin-done]")
            assert "已经签到" in participant.inner_text("[data-testid=signin-done]")
        context.close()

    # The host's list follows by itself (htmx polling), no reload.
    phone.wait_for_selector("[data-testid=signin-count]:text('3')", timeout=10000)
    listed = phone.inner_text("[data-testid=live]")
    assert all(name in listed for name, _n, _e in PARTICIPANTS)
    assert "13851500001" not in listed  # no phone numbers on the host's page

    # A walk-in without a phone, added by the host.
    phone.fill("[data-testid=walkin-name]", "赵大爷")
    phone.click("[data-testid=walkin-submit]")
    phone.wait_for_selector("[data-testid=signin-count]:text('4')")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone, "activities-04-host-live-list")
    assert not phone.console_errors, phone.console_errors
    activity.refresh_from_db()
    assert activity.person_times == 4


def _load_demo():
    from unionhub.activities import demo
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        demo.load()


def test_binhai_training_person_times_and_dafeng_plan_vs_done(page):
    _load_demo()
    login(page, "binhai_admin")
    page.goto(page.base + "/activities/statistics/")
    page.wait_for_selector("[data-testid=person-times-training]")
    assert page.inner_text("[data-testid=person-times-training]") == "2340"
    shot(page, "activities-05-binhai-statistics")
    page.goto(page.base + "/activities/?kind=training")
    page.wait_for_selector("table")
    shot(page, "activities-06-binhai-trainings")
    first = page.locator("table tbody tr a").first
    first.click()
    page.click("[data-testid=tab-signin]")
    page.wait_for_selector("[data-testid=attendance]")
    shot(page, "activities-07-binhai-training-detail")

    page.context.clear_cookies()
    login(page, "dafeng_admin")
    page.goto(page.base + "/activities/culture/plan/")
    page.wait_for_selector("[data-testid=plan-row]")
    assert page.inner_text("[data-testid=shows-done]") == "15"
    assert page.inner_text("[data-testid=shows-planned]") == "15"
    assert int(page.inner_text("[data-testid=programmes]")) > 100
    assert int(page.inner_text("[data-testid=performers]")) > 1500
    shot(page, "activities-08-dafeng-plan-vs-done")
    assert not page.console_errors, page.console_errors


def test_binhai_town_table_links_to_its_records_and_fits_a_phone(page):
    """The overview's town × type table: 坎北街道's training cell (长法村 folds into its town)
    opens the trainings behind it; at 390 px the table scrolls inside its card."""
    _load_demo()
    login(page, "binhai_admin")
    page.goto(page.base + "/activities/statistics/")
    row = page.locator("[data-testid=town-320922003]")
    row.wait_for()
    assert "2340" in row.inner_text()
    shot(page, "activities-09-binhai-town-table")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    page.wait_for_selector("[data-testid=town-table]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(page, "activities-10-binhai-town-table-390")
    page.set_viewport_size({"width": 1280, "height": 800})
    row.locator("a[data-testid=pt]", has_text="2340").click()
    page.wait_for_selector("table tbody tr")
    assert page.locator("table tbody tr").count() == 11
    with page.expect_download() as download:
        page.goto(page.base + "/activities/statistics/")
        page.click("[data-testid=town-export]")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert not page.console_errors, page.console_errors
