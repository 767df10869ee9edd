"""The pages added in session 9, in a real browser and in Chinese: 盐南 compares two draft
versions of a contract clause by clause; 射阳 reverses a remittance (冲销) and sees the
reversing row; 盐都 records a care visit of a model worker into the activity ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page) -> None:
    page.click("form.card button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_draft_versions_compared_clause_by_clause(page):
    from unionhub.bargaining import services
    from unionhub.bargaining.tests.samples import DRAFT_TEXT, meeting_case_in

    case = meeting_case_in("yannan")
    on = dt.date(2025, 1, 15)
    services.draft_create(actor=None, case=case, prepared_on=on, text=DRAFT_TEXT)
    second = services.draft_create(
        actor=None,
        case=case,
        prepared_on=on,
        text=DRAFT_TEXT.replace("2500", "2700").replace("\n第三条【工时】实行标准工时制度。", "")
        + "\n第三条【培训】每年培训16学时。",
    )
    login(page, "yannan_admin")
    page.goto(page.base + reverse("bargaining:contractdraft", args=[second.pk]))
    changes = page.get_by_test_id("draft-changes")
    assert changes.locator("tr[data-kind=changed]").count() == 1
    assert changes.locator("tr[data-kind=added]").count() == 1
    assert changes.locator("tr[data-kind=removed]").count() == 1
    changed = changes.locator("tr[data-kind=changed]")
    assert changed.locator("del").inner_text() == "5" and changed.locator("ins").inner_text() == "7"
    assert "新增" in page.get_by_test_id("draft-summary").inner_text()
    shot(page, "92-bargaining-draft-changes")


def test_a_remittance_is_reversed_by_a_new_row(page):
    from unionhub.funds.models import Remittance
    from unionhub.funds.tests.samples import remittance_in

    original = remittance_in("sheyang")
    login(page, "sheyang_admin")
    page.goto(page.base + reverse("funds:remittance", args=[original.pk]))
    page.get_by_test_id("remittance-reverse").click()
    page.fill("#id_reason", "工资总额填报有误")
    _submit(page)
    reversal = Remittance.objects.get(reverses=original)
    assert reversal.amount == -original.amount
    page.goto(page.base + reverse("funds:remittance", args=[original.pk]))
    assert "工资总额填报有误" in page.get_by_test_id("reversed-by").inner_text()
    original.refresh_from_db()
    assert original.amount == -reversal.amount  # the original row is never edited
    shot(page, "93-funds-remittance-reversed")


def test_a_care_visit_goes_into_the_activity_ledger(page):
    from unionhub.activities.models import VisitTarget
    from unionhub.org.demo import county_union
    from unionhub.people.tests.samples import modelworker_in

    person = modelworker_in("yandu")
    login(page, "yandu_admin")
    page.goto(page.base + reverse("people:modelworker_visit", args=[person.pk]))
    page.select_option("#id_organiser", label=county_union("yandu").name)
    page.fill("#id_held_on", "2026-01-20")
    page.fill("#id_given", "慰问金和春节礼包")
    page.fill("#id_amount", "800")
    _submit(page)
    target = VisitTarget.objects.get(model_worker=person)
    assert target.activity.kind == "visit" and target.activity.held_on == dt.date(2026, 1, 20)
    page.goto(page.base + reverse("people:modelworker", args=[person.pk]))
    assert "2026-01-20" in page.content()
    shot(page, "94-people-care-visit")
