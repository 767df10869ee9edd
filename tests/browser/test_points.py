"""Points end to end: an employee claims a safety snapshot on a phone, the union chair
approves it, the balance rises, the employee redeems a reward and the stock falls."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _balance(pg) -> int:
    return int(pg.inner_text("[data-testid=balance]").strip())


def test_claim_review_redeem(phone, page, settings, tmp_path):
    from unionhub.points import demo
    from unionhub.points.models import Reward

    settings.MEDIA_ROOT = tmp_path
    programme, _chair, _worker = demo.load_core()
    reward = Reward.objects.get(programme=programme, name="定制保温杯")

    # 1. The employee claims a safety snapshot with a photo on a 375-px phone.
    login(phone, "funing_worker")
    phone.goto(phone.base + "/points/m/")
    phone.wait_for_selector("[data-testid=balance]")
    before = _balance(phone)
    assert before > 0
    phone.select_option("#id_item", label="安全随手拍")
    phone.fill("#id_description", "三号仓库消防通道被托盘堵住，已拍照")
    phone.set_input_files(
        "#id_photo", files=[{"name": "snap.png", "mimeType": "image/png", "buffer": PNG}]
    )
    shot(phone, "points-01-phone-claim")
    phone.click("[data-testid=submit]")
    phone.wait_for_selector("text=三号仓库消防通道被托盘堵住")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the phone page scrolls sideways ({width}px)"
    shot(phone, "points-02-phone-submitted")

    # 2. The chair approves it from the review queue.
    login(page, "funing_chair")
    page.goto(page.base + "/points/review/")
    page.wait_for_selector("[data-testid=object-table]")
    shot(page, "points-03-review-queue")
    page.click("[data-testid=object-table] tr:has-text('安全随手拍') a")
    page.wait_for_selector("[data-testid=review-form]")
    page.fill("#id_points", "9")  # outside 2–5: refused with a reason
    page.click("[data-testid=approve]")
    page.wait_for_selector("text=积分超出该项目范围")  # the approve page, with the reason
    # A refused form answers 400 (the action view's contract): the browser logs it.
    page.console_errors[:] = [e for e in page.console_errors if "400" not in e]
    page.fill("#id_points", "5")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("text=已通过")
    shot(page, "points-04-approved")

    # 3. The balance rose; the employee redeems a reward and the stock falls.
    phone.goto(phone.base + "/points/m/")
    phone.wait_for_selector("[data-testid=balance]")
    assert _balance(phone) == before + 5
    stock_before = reward.stock
    card = f"[data-testid=reward-{reward.pk}]"
    phone.click(f"{card} [data-testid=redeem]")
    phone.wait_for_selector("[data-testid=redeem-confirm]")  # nothing deducted before this
    shot(phone, "points-05a-redeem-confirm")
    phone.click("[data-testid=redeem-confirm-button]")
    phone.wait_for_selector("text=已兑换")
    assert _balance(phone) == before + 5 - reward.cost
    assert int(phone.inner_text(f"{card} [data-testid=stock]")) == stock_before - 1
    reward.refresh_from_db()
    assert reward.stock == stock_before - 1
    shot(phone, "points-05-redeemed")

    # 4. The programme page with its charts and leaderboards.
    page.goto(page.base + f"/points/programmes/{programme.pk}/")
    page.wait_for_selector("[data-chart=chart-monthly][data-rendered]")
    shot(page, "points-06-programme")
    assert not phone.console_errors and not page.console_errors
