"""Members in a real browser: a worker joins on the 375-px phone page, the town union
approves, the member is masked for the town cadre and unmasked (audited) for the county
admin."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_join_approve_mask_reveal(phone, page, browser):
    from unionhub.core.middleware import acting_as
    from unionhub.core.models import ChangeRecord
    from unionhub.members import demo as members_demo
    from unionhub.members.demo import synthetic_id_number
    from unionhub.members.models import JoinApplication, Member
    from unionhub.org.demo import first_town_union

    with acting_as(None):
        members_demo.load(total=300)
    town_union = first_town_union("sheyang")
    id_number = synthetic_id_number("320924", dt.date(1994, 6, 18), 517)
    mobile = "13770519988"

    # 1. the worker applies on the phone page (first with a typo in the ID number)
    phone.goto(phone.base + "/members/join/")
    phone.wait_for_selector("[data-testid=join-form]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    bad = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")
    phone.fill("#id_name", "刘小骑")
    phone.fill("#id_id_number", bad)
    phone.fill("#id_phone", mobile)
    phone.select_option("#id_region", town_union.region.code)
    phone.check("#id_no_fixed_employer")
    phone.select_option("#id_occupation", "delivery_rider")
    phone.check("#id_is_new_employment")
    phone.select_option("#id_key_group", "delivery_rider")
    phone.fill("#id_platform_name", "美团")
    phone.check("#id_consent")
    phone.click("[data-testid=join-submit]")
    phone.wait_for_selector("[data-testid=error-id_number]")
    assert "校验码" in phone.inner_text("[data-testid=error-id_number]")
    assert not JoinApplication.objects.filter(name="刘小骑").exists()
    shot(phone, "members-01-join-error")
    phone.fill("#id_id_number", id_number.lower())
    phone.check("#id_consent")
    phone.click("[data-testid=join-submit]")
    phone.wait_for_selector("[data-testid=application-code]")
    code = phone.inner_text("[data-testid=application-code]").strip()
    shot(phone, "members-02-join-done")
    app = JoinApplication.objects.get(code=code)
    assert app.union == town_union

    # the applicant checks the status with phone + code
    phone.goto(phone.base + "/members/join/status/")
    phone.fill("#id_phone", mobile)
    phone.fill("#id_code", code)
    phone.click("[data-testid=status-submit]")
    phone.wait_for_selector("[data-testid=status-value]")
    assert "待审核" in phone.inner_text("[data-testid=status-value]")

    # 2. the town union approves
    login(page, "sheyang_town")
    page.goto(page.base + "/members/applications/?status=pending")
    page.wait_for_selector("[data-testid=object-table]")
    assert code in page.inner_text("[data-testid=object-table]")
    shot(page, "members-03-review-queue")
    page.goto(page.base + f"/members/applications/{app.pk}/")
    page.wait_for_selector("[data-testid=approve]")
    page.click("[data-testid=approve]")
    page.wait_for_selector("[data-testid=member-link]")
    shot(page, "members-04-approved")
    member = Member.objects.get(name="刘小骑")

    # 3. masked for the town cadre (no personal-data permission); a full ID number finds
    # nobody for them (probe finding 1: an oracle of ID numbers), the name does
    page.goto(page.base + "/members/?q=" + id_number)
    page.wait_for_selector("[data-testid=object-table]")
    assert "刘小骑" not in page.inner_text("[data-testid=object-table]")
    page.goto(page.base + "/members/?q=刘小骑")
    page.wait_for_selector("[data-testid=object-table]")
    table = page.inner_text("[data-testid=object-table]")
    assert "刘小骑" in table
    assert id_number not in table and "320***********" + id_number[-4:] in table
    assert "137****9988" in table
    shot(page, "members-05-list-masked-town")
    page.goto(page.base + f"/members/{member.pk}/")
    page.wait_for_selector("[data-testid=id-number]")
    assert page.inner_text("[data-testid=id-number]").strip() == "320***********" + id_number[-4:]
    assert page.query_selector("[data-testid=reveal]") is None

    # 4. unmasked for the county admin, and the viewing is audited
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    admin = context.new_page()
    admin.base = page.base
    login(admin, "sheyang_admin")
    admin.goto(admin.base + f"/members/{member.pk}/")
    admin.wait_for_selector("[data-testid=reveal]")
    assert id_number not in admin.inner_text("[data-testid=id-number]")
    before = ChangeRecord.objects.filter(action="reveal", object_id=str(member.pk)).count()
    admin.click("[data-testid=reveal]")
    admin.wait_for_selector("text=" + id_number)
    assert admin.inner_text("[data-testid=phone]").strip() == mobile
    shot(admin, "members-06-revealed-admin")
    reveal = ChangeRecord.objects.filter(action="reveal", object_id=str(member.pk))
    assert reveal.count() == before + 1
    assert reveal.first().actor_name == "sheyang_admin"

    # 5. membership statistics render their charts
    admin.goto(admin.base + "/members/dashboard/")
    admin.wait_for_selector("[data-chart=chart-county] canvas")
    shot(admin, "members-07-dashboard")
    assert not admin.console_errors if hasattr(admin, "console_errors") else True
    context.close()
    assert not phone.console_errors
    assert not page.console_errors
