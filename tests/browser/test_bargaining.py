"""Collective bargaining in a real browser, as 盐南's administrator: a centralized offer
campaign sends 20 offers, the board shows their response countdowns, one offer becomes a
collective contract that is voted, signed, filed, received by the labour bureau, takes
effect and appears in the coverage figures; the offer letter downloads as Word."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world(n: int = 24):
    from unionhub.core.calendar import demo as holidays
    from unionhub.core.middleware import acting_as
    from unionhub.enterprises import services
    from unionhub.enterprises.tests.samples import make_uscc
    from unionhub.org.models import Region

    holidays.load()
    streets = list(Region.objects.filter(parent__code="3209YN").order_by("code"))
    with acting_as(None):
        for i in range(n):
            services.enterprise_create(
                actor=None,
                uscc=make_uscc(f"BR{i:04d}", "320903"),
                name=f"盐南{['智造', '光电', '新材', '数科'][i % 4]}{i:02d}有限公司",
                region=streets[i % len(streets)],
                industry_code="3825",
                ownership="private",
                employees=80 + 10 * i,
                revenue_wan=3000,
                assets_wan=2000,
                founded_on=dt.date(2017, 5, 1),
            )


def _submit(page, **fields):
    for name, value in fields.items():
        selector = f"#id_{name}"
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, label=value)
        elif value is True:
            page.check(selector)
        else:
            page.fill(selector, str(value))
    page.click("form.card button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_campaign_to_contract_in_force(page):
    from unionhub.bargaining import services
    from unionhub.bargaining.models import BargainingOffer, OfferCampaign
    from unionhub.core.middleware import acting_as

    _world()
    today = dt.date.today()
    day = lambda n: (today - dt.timedelta(days=n)).isoformat()  # noqa: E731
    login(page, "yannan_admin")

    # 1. The campaign and its 20 offers.
    page.goto(page.base + "/bargaining/campaigns/add/")
    _submit(
        page,
        union="盐南高新区总工会",
        title="2026年春季集中要约行动",
        period_start=day(45),
        period_end=(today + dt.timedelta(days=45)).isoformat(),
    )
    campaign = OfferCampaign.objects.get(title="2026年春季集中要约行动")
    page.click("[data-testid=campaign-send]")
    _submit(page, sent_on=day(40), limit=20)
    page.wait_for_selector("[data-testid=offer-board]")
    assert page.locator("[data-testid=offer-row]").count() == 20
    assert page.inner_text("[data-testid=offer-status-counts] [data-status=sent]") == "20"

    # 2. Receipts recorded: one through the page, the others as the desk would.
    first = BargainingOffer.objects.filter(campaign=campaign).order_by("enterprise__name").first()
    page.goto(page.base + f"/bargaining/offers/{first.pk}/")
    page.click("[data-testid=offer-action-receive]")
    _submit(page, received_on=day(38))
    page.wait_for_selector("[data-testid=offer-deadline]")
    assert "2026" in page.inner_text("[data-testid=offer-deadline]")
    with acting_as(None):
        for i, offer in enumerate(
            BargainingOffer.objects.filter(campaign=campaign).exclude(pk=first.pk)
        ):
            services.offer_receive(
                actor=None, bargainingoffer=offer, received_on=today - dt.timedelta(days=i % 19)
            )
    page.goto(page.base + f"/bargaining/campaigns/{campaign.pk}/")
    badges = page.locator("[data-testid=offer-board] [data-testid=countdown]")
    assert badges.count() == 20
    texts = badges.all_inner_texts()
    assert any("还有" in t for t in texts) and any("逾期" in t for t in texts)
    shot(page, "bargaining-01-offer-board")

    # 3. The offer letter is a Word document.
    letter = page.request.get(page.base + f"/bargaining/offers/{first.pk}/letter.docx")
    assert letter.status == 200
    assert "wordprocessingml" in letter.headers["content-type"]

    # 4. The enterprise answers; bargaining opens a case.
    page.goto(page.base + f"/bargaining/offers/{first.pk}/")
    page.click("[data-testid=offer-action-respond]")
    _submit(page, responded_on=day(30))
    page.click("[data-testid=offer-action-negotiate]")
    _submit(page)
    first.refresh_from_db()
    case = first.case
    assert case is not None

    # 5. Representatives: one added on the page, the rest by the service.
    page.goto(page.base + f"/bargaining/representatives/add/?case={case.pk}&side=workers")
    _submit(page, name="王建国", position="工会主席", is_chief=True)
    with acting_as(None):
        for side, name, chief in [
            ("workers", "李芳", False),
            ("workers", "赵刚", False),
            ("employer", "陈立新", True),
            ("employer", "周海军", False),
            ("employer", "吴晓东", False),
        ]:
            services.representative_add(actor=None, case=case, side=side, name=name, is_chief=chief)

    # 6. Open, vote, sign, file, receipt — each on its page.
    page.goto(page.base + f"/bargaining/cases/{case.pk}/")
    page.click("[data-testid=case-action-start]")
    _submit(page)
    page.click("[data-testid=case-action-vote]")
    _submit(page, total=120, present=96, yes=88, declared_adopted=True)
    page.click("[data-testid=case-action-sign]")
    _submit(page, signed_on=day(26), term_start=day(26), term_years=3)
    assert page.locator("[data-testid=case-timeline] [data-kind=contract_filing]").count() == 1
    shot(page, "bargaining-02-case-signed")
    page.click("[data-testid=case-action-file]")
    _submit(page, filed_on=day(24))
    page.click("[data-testid=case-action-receipt]")
    _submit(page, received_on=day(22))
    assert page.inner_text("[data-testid=case-phase]") == "生效（无异议）"
    timeline = page.inner_text("[data-testid=case-timeline]")
    assert "向全体职工公布" in timeline and "续订窗口开启" in timeline
    shot(page, "bargaining-03-case-in-force")

    # 7. Coverage: the contract counts among the KPIs of 盐南.
    page.goto(page.base + "/kpis/?region=3209YN")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("body")
    assert "生效集体合同" in body and "集体合同覆盖企业" in body
    shot(page, "bargaining-04-kpis")
    api = page.request.get(
        page.base + f"/api/v1/bargaining/covered-enterprises/?covered_on={today.isoformat()}"
    )
    assert api.json()["count"] == 1

    # 8. The coverage table by key group and tier: its total opens the enterprise it counts.
    page.goto(page.base + "/bargaining/coverage/")
    total = page.locator("[data-testid=coverage-total]").last
    assert total.inner_text() == "1 家企业"
    shot(page, "bargaining-05-coverage")
    # On a phone the page keeps to the screen: the wide table scrolls inside its card.
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "bargaining-06-coverage-390")
    page.set_viewport_size({"width": 1280, "height": 800})
    total.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("table tbody tr").count() == 1
    assert not page.console_errors


def test_bad_input_is_refused_in_chinese(page):
    from unionhub.bargaining import services
    from unionhub.core.middleware import acting_as
    from unionhub.org.demo import county_union

    _world(2)
    from unionhub.enterprises.models import Enterprise

    with acting_as(None):
        case = services.case_create(
            actor=None,
            title="简易程序测试",
            tier="enterprise",
            union=county_union("yannan"),
            enterprise=Enterprise.objects.first(),
            outcome_type="minutes",
            procedure="simplified",
        )
        services.representative_add(actor=None, case=case, side="employer", name="外聘律师")
    login(page, "yannan_admin")
    page.goto(page.base + f"/bargaining/cases/{case.pk}/edit/")
    _submit(page, outcome_type="集体合同")
    assert "普通程序" in page.inner_text("form.card")
    page.goto(page.base + f"/bargaining/representatives/add/?case={case.pk}&side=workers")
    _submit(page, name="外聘律师")
    assert "不得相互兼任" in page.inner_text("form.card")
    shot(page, "bargaining-05-both-sides-refused")
