"""A worker's day on a 390-px phone (issue #21 "Done when"): check in at a station from its
QR page and ask for help → join the union (加入工会) → see my member code (refreshing itself,
with a countdown) and my help request → claim points → redeem a reward, with a confirmation
step before anything is deducted. Screenshots ``phone-walk-*``."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import _assert_no_csp_violation, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def phone390(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.base = live_server.url
    yield pg
    context.close()
    _assert_no_csp_violation(pg)


def fits(pg) -> None:
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{pg.url} scrolls sideways ({width}px)"


def test_worker_walk(phone390, settings, tmp_path):
    from unionhub.accounts.models import User
    from unionhub.core.middleware import acting_as
    from unionhub.members import services as members
    from unionhub.members.demo import synthetic_id_number
    from unionhub.members.models import JoinApplication, Member
    from unionhub.org.demo import first_town_union
    from unionhub.points import demo as points_demo
    from unionhub.points.models import Reward
    from unionhub.stations.models import Ticket
    from unionhub.stations.tests.conftest import always_open, make_station

    settings.MEDIA_ROOT = tmp_path
    with acting_as(None):
        programme, _chair, worker = points_demo.load_core()  # an account, no membership yet
        station = make_station("FN-24H", county="320923", windows=always_open())
    pg = phone390
    mobile = "13851500123"

    # 0. The worker signs in and lands on 我的: not a member yet, so 加入工会 is offered.
    pg.goto(pg.base + "/accounts/login/")
    pg.fill("#id_username", "funing_worker")
    pg.fill("#id_password", "Demo-2026!")
    pg.click("button[type=submit]")
    pg.wait_for_url("**/me/")
    pg.wait_for_selector("[data-testid=me-join]")
    fits(pg)
    shot(pg, "phone-walk-01-me-not-member")

    # 1. At the station: scan its QR (its page), check in with phone + occupation.
    pg.goto(pg.base + f"/stations/s/{station.code}/")
    pg.wait_for_selector("[data-testid=register-submit]")
    fits(pg)
    pg.fill("#id_phone", mobile)
    pg.click("label.occupation:has-text('环卫工人')")
    shot(pg, "phone-walk-02-station-checkin")
    pg.click("[data-testid=register-submit]")
    pg.wait_for_selector("[data-testid=checkin-done]")
    assert "登记成功" in pg.inner_text("[data-testid=checkin-done]")
    fits(pg)
    shot(pg, "phone-walk-03-checked-in")
    # … and asks for help from the station's page while signed in
    pg.click("[data-testid=help-box] summary")
    pg.click("[data-testid=help-box] label:has-text('卫生')")
    pg.fill("textarea[name=description]", "卫生间没有洗手液")
    pg.click("[data-testid=help-submit]")
    pg.wait_for_selector("[data-testid=sla-clock]")
    ticket = Ticket.objects.get(station=station)
    assert ticket.submitted_by == worker
    fits(pg)
    shot(pg, "phone-walk-04-help-sent")

    # 2. Join the union from 我的.
    pg.goto(pg.base + "/me/")
    pg.click("[data-testid=me-join] a.btn")
    pg.wait_for_selector("[data-testid=join-form]")
    town = first_town_union("funing")
    pg.fill("#id_name", "王晓峰")
    pg.fill("#id_id_number", synthetic_id_number("320923", dt.date(1990, 5, 6), 123))
    pg.fill("#id_phone", mobile)
    pg.select_option("#id_region", town.region.code)
    pg.check("#id_no_fixed_employer")
    pg.select_option("#id_occupation", index=1)
    pg.check("#id_consent")
    fits(pg)
    shot(pg, "phone-walk-05-join-form")
    pg.click("[data-testid=join-submit]")
    pg.wait_for_selector("[data-testid=application-code]")
    code = pg.inner_text("[data-testid=application-code]").strip()
    fits(pg)
    shot(pg, "phone-walk-06-join-filed")

    # The union approves it and links the member to the worker's account (the cadre's pages,
    # walked in test_members.py; here through the same services).
    admin = User.objects.get(username="funing_admin")
    with acting_as(admin):
        member = members.joinapplication_approve(
            actor=admin, application=JoinApplication.objects.get(code=code)
        )
        members.member_link_account(actor=admin, member=member, account=worker)

    # 3. My member code (refreshing itself, with a countdown) and my help request. A short
    # code lifetime here, so the refresh is seen: 12 s → a new code every 10 s.
    settings.MEMBER_CODE_MAX_AGE = 12
    pg.goto(pg.base + "/me/")
    img = pg.locator("[data-testid=me-code] img")
    img.wait_for()
    assert pg.evaluate("(i) => i.complete && i.naturalWidth > 0", img.element_handle())
    first = pg.inner_text("[data-me-code-countdown]")
    assert first in ("00:10", "00:09")
    assert "我的求助" in pg.inner_text("[data-testid=me-help]")
    assert pg.inner_text("[data-testid=me-help-status]") == "待受理"
    assert Member.objects.get(account=worker).pk == member.pk
    fits(pg)
    shot(pg, "phone-walk-07-my-code")
    pg.wait_for_function(
        "() => document.querySelector('img[data-me-code]').src.includes('?t=')", timeout=15000
    )
    pg.wait_for_function(
        "() => { const i = document.querySelector('img[data-me-code]');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    assert pg.inner_text("[data-me-code-countdown]") in ("00:10", "00:09", "00:08")

    # 4. Claim points with a photo.
    pg.goto(pg.base + "/points/m/")
    pg.wait_for_selector("[data-testid=balance]")
    before = int(pg.inner_text("[data-testid=balance]"))
    pg.select_option("#id_item", label="安全随手拍")
    pg.fill("#id_description", "二号车间通道有积水，已拍照")
    pg.set_input_files(
        "#id_photo", files=[{"name": "snap.png", "mimeType": "image/png", "buffer": PNG}]
    )
    fits(pg)
    shot(pg, "phone-walk-08-claim")
    pg.click("[data-testid=submit]")
    pg.wait_for_selector("text=二号车间通道有积水")
    fits(pg)
    shot(pg, "phone-walk-09-claimed")

    # 5. Redeem a reward: a confirmation first, nothing deducted until confirmed.
    reward = Reward.objects.filter(programme=programme, is_active=True, cost__lte=before).first()
    card = f"[data-testid=reward-{reward.pk}]"
    pg.click(f"{card} [data-testid=redeem]")
    pg.wait_for_selector("[data-testid=redeem-confirm]")
    assert int(pg.inner_text("[data-testid=balance]")) == before  # not yet deducted
    fits(pg)
    shot(pg, "phone-walk-10-redeem-confirm")
    pg.click("[data-testid=redeem-confirm-button]")
    pg.wait_for_selector("text=已兑换")
    assert int(pg.inner_text("[data-testid=balance]")) == before - reward.cost
    fits(pg)
    shot(pg, "phone-walk-11-redeemed")
    assert pg.console_errors == []
