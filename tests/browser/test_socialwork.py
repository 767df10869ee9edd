"""Social-worker archives in a real browser: 亭湖's administrator opens a social worker's
growth archive — monthly records (with the missing months), quarterly reports, the annual
assessment with the worker's place in the ranking — opens the ranking, sees every town
union covered, is refused a monthly record for next month, and the archive page fits a
phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _load():
    from unionhub.core.calendar import demo as calendar_demo
    from unionhub.core.middleware import acting_as
    from unionhub.socialwork import demo

    with acting_as(None):
        calendar_demo.load()
        demo.load()


def test_tinghu_admin_reads_an_archive_with_records_reports_and_ranking(page, phone):
    from unionhub.socialwork.models import SocialWorker

    _load()
    login(page, "tinghu_admin")
    page.goto(page.base + "/socialwork/archives/?region=320902")
    page.wait_for_selector("text=马骏")
    shot(page, "socialwork-01-archive-list")

    worker = SocialWorker.objects.get(name="马骏")
    page.goto(page.base + f"/socialwork/archives/{worker.pk}/")
    page.wait_for_selector("[data-testid=postings]")
    assert "320902" in page.inner_text("[data-testid=worker-id-number]")  # admin: unmasked
    shot(page, "socialwork-02-archive-head")

    page.click("[data-testid=tab-monthly]")
    page.wait_for_selector("[data-testid=monthly-records] >> visible=true")
    rows = page.locator("[data-testid=monthly-records] tbody tr")
    assert rows.count() == 12
    missing = page.locator("[data-testid=missing-months] [data-overdue]")
    assert missing.count() == 1  # the hole two months ago is overdue
    shot(page, "socialwork-03-monthly-records")

    page.click("[data-testid=tab-quarterly]")
    page.wait_for_selector("[data-testid=quarterly-reports] >> visible=true")
    assert page.locator("[data-testid=quarterly-reports] tbody tr").count() == 4
    shot(page, "socialwork-04-quarterly-reports")

    page.click("[data-testid=tab-assessments]")
    page.wait_for_selector("[data-testid=assessments] >> visible=true")
    ranks = page.locator("[data-testid=assessments] [data-testid=rank]")
    assert ranks.count() == 2
    assert "第" in ranks.first.inner_text() and "共 18 人" in ranks.first.inner_text()
    shot(page, "socialwork-05-assessments")

    page.locator("[data-testid=assessments] tbody tr a").first.click()
    page.wait_for_selector("[data-testid=ranking]")
    assert page.locator("[data-testid=ranking] tbody tr").count() == 18
    assert page.locator("[data-testid=ranking] .badge.bg-red").count() >= 3
    shot(page, "socialwork-06-ranking")

    page.goto(page.base + "/socialwork/coverage/")
    page.wait_for_selector("[data-testid=coverage]")
    assert "每个镇（街道）工会都至少有一名专职社会工作者" in page.inner_text(
        "[data-testid=coverage-summary]"
    )
    assert page.locator("[data-testid=coverage] [data-gap]").count() == 0
    shot(page, "socialwork-07-coverage")

    # A monthly record for next month is refused, in Chinese, nothing written.
    from django.utils import timezone

    from unionhub.socialwork.selectors import add_months

    before = worker.monthly_records.count()
    page.goto(page.base + f"/socialwork/monthly-records/add/?worker={worker.pk}")
    next_month = add_months(timezone.localdate().replace(day=1), 1)
    page.fill("input[name=month]", next_month.strftime("%Y-%m"))
    page.fill("textarea[name=summary]", "走访企业")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".invalid-feedback")
    assert "尚未开始" in page.content()
    assert worker.monthly_records.count() == before
    shot(page, "socialwork-08-future-month-refused")

    # The archive on a 375-px phone: no sideways scrolling.
    login(phone, "tinghu_admin")
    phone.goto(phone.base + f"/socialwork/archives/{worker.pk}/")
    phone.wait_for_selector("[data-testid=postings]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the archive scrolls sideways ({width}px)"
    shot(phone, "socialwork-09-archive-phone")
    assert not page.console_errors and not phone.console_errors


def test_a_social_worker_submits_their_own_monthly_record_on_a_phone(browser, live_server, demo):
    """我的成长档案 at 390 px: the worker's own account submits last month's record; it shows
    as awaiting review; the same month again is refused with its reason."""
    from django.utils import timezone

    from unionhub.accounts.demo import ensure_user
    from unionhub.core.middleware import acting_as
    from unionhub.org.demo import first_town_union
    from unionhub.socialwork import services
    from unionhub.socialwork.selectors import previous_month

    with acting_as(None):
        worker = services.socialworker_create(
            actor=None,
            name="自助社工",
            union=first_town_union("tinghu"),
            hired_on=timezone.localdate().replace(year=2021),
        )
        user = ensure_user("tinghu_sw_browser", "自助社工", worker.union, ["worker"])
        user.set_password("Demo-2026!")
        user.save()
        services.socialworker_update(actor=None, socialworker=worker, user=user)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.base = live_server.url
    login(page, "tinghu_sw_browser")
    page.goto(page.base + "/socialwork/mine/")
    page.wait_for_selector("[data-testid=own-record-form]")
    month = previous_month(timezone.localdate())
    page.fill("input[name=month]", f"{month:%Y-%m}")
    page.fill("textarea[name=summary]", "走访困难职工三户，协调工资争议一起")
    page.click("[data-testid=submit-own-record]")
    page.wait_for_selector("[data-testid=pending]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "socialwork-mine-390")
    page.fill("input[name=month]", f"{month:%Y-%m}")
    page.fill("textarea[name=summary]", "再交一次")
    page.click("[data-testid=submit-own-record]")
    page.wait_for_selector("text=同一月份不能重复填写")
    shot(page, "socialwork-mine-twice-390")
    context.close()
