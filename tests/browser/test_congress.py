"""The workers' congress and the refund batch in a real browser: the meeting page's live tally
(htmx posting the contract's vote-check API) turns from "no quorum" to "adopted" as the
numbers are typed; a refund batch is filled, submitted by 射阳's administrator, approved by
the city's and paid; the enterprise file shows both tabs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session():
    from unionhub.congress.tests.samples import session_in
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        return session_in("sheyang")  # 10 representatives, 9 present


def test_meeting_page_live_tally(page):
    session = _session()
    login(page, "sheyang_admin")
    page.goto(page.base + f"/congress/sessions/{session.pk}/")
    page.wait_for_selector("[data-testid=tally-outcome]")  # first tally on load
    page.fill("[data-testid=tally-present]", "6")
    page.fill("[data-testid=tally-yes]", "6")
    page.wait_for_selector("[data-testid=tally-outcome]:has-text('不足')")
    assert "7" in page.inner_text("[data-testid=tally-outcome]")  # at least 7 of 10 present
    shot(page, "congress-01-tally-no-quorum")
    page.fill("[data-testid=tally-present]", "7")
    page.fill("[data-testid=tally-yes]", "6")
    page.wait_for_selector("[data-testid=tally-outcome].alert-success")
    shot(page, "congress-02-tally-adopted")
    page.fill("[data-testid=tally-yes]", "9")  # more yes than present
    page.wait_for_selector("[data-testid=tally-outcome]:has-text('超过')")

    # the roll call: seven ticked present, one on leave; the count follows the names
    page.click("[data-testid=roll-call]")
    present = page.locator("input[name=present]")
    for i in range(7):
        present.nth(i).check()
    page.locator("input[name=on_leave]").nth(7).check()
    page.click("form.card button[type=submit]")
    page.wait_for_selector("[data-testid=roll]")
    assert "7 / 10" in page.inner_text("[data-testid=attendance]")
    assert page.inner_text("[data-testid=roll] [data-status=leave]").strip()
    shot(page, "congress-02b-roll-call")
    assert not page.console_errors


def _refund_world():
    from unionhub.core.middleware import acting_as
    from unionhub.funds import services
    from unionhub.funds.demo import jiangsu_split_rule
    from unionhub.funds.tests.samples import enterprise_in, policy

    with acting_as(None):
        policy()
        jiangsu_split_rule()  # seeded by a migration, gone after the browser tests' flush
        enterprise = enterprise_in("sheyang")
        for month in range(1, 13):
            services.remittance_record(
                actor=None,
                enterprise=enterprise,
                month=dt.date(2025, month, 1),
                payroll=Decimal("150000"),
                paid_on=dt.date(2025, month, 15),
            )
        services.sizerecord_create(
            actor=None,
            enterprise=enterprise,
            year=2025,
            employees=30,
            revenue_wan=Decimal("1000"),
            assets_wan=Decimal("800"),
        )
        return enterprise


def test_refund_batch_four_eyes_and_enterprise_file(page):
    enterprise = _refund_world()
    login(page, "sheyang_admin")
    page.goto(page.base + "/funds/batches/add/")
    page.select_option("#id_region", label="射阳县")
    page.fill("#id_year", "2025")
    page.fill("#id_title", "射阳县2025年度小微企业工会经费返还")
    page.click("form.card button[type=submit]")
    shot(page, "congress-03a-batch-created")
    page.click("text=添加符合条件的企业")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("[data-testid=batch-summary]")
    assert "36,000.00" in page.inner_text("[data-testid=batch-summary]")  # 12 × 2 % × 150 000
    shot(page, "congress-03-refund-batch-draft")
    page.click("[data-testid=batch-submit]")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("text=已提交审批")
    assert page.locator("[data-testid=batch-approve]").count() == 0  # not by the submitter
    url = page.url

    page.context.clear_cookies()
    login(page, "city_admin")
    page.goto(url)
    page.click("[data-testid=batch-approve]")
    page.click("form.card button[type=submit]")
    page.click("[data-testid=batch-pay]")
    page.fill("#id_paid_on", "2026-03-20")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("text=已拨付")
    shot(page, "congress-04-refund-batch-paid")

    page.context.clear_cookies()
    login(page, "sheyang_admin")
    page.goto(page.base + f"/enterprises/{enterprise.pk}/")
    page.click("[data-testid=detail-tab-link-funds]")
    page.wait_for_selector("[data-testid=funds-tab] table")
    assert "36,000.00" in page.inner_text("[data-testid=funds-tab]")
    shot(page, "congress-05-enterprise-funds-tab")
    page.click("[data-testid=detail-tab-link-congress]")
    page.wait_for_selector("[data-testid=congress-tab]")
    shot(page, "congress-06-enterprise-congress-tab")
    assert not page.console_errors
