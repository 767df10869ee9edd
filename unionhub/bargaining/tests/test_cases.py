"""Cases end to end through the services: a centralized offer campaign of 盐南, an offer
becoming a signed contract that is filed, takes effect and is covered; every legal date on a
case equal to what ``GET /api/v1/calendar/deadline/`` gives for the same event, holiday
roll-forward included; the refusals of the issue's "Bad input"."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from unionhub.bargaining import selectors, services
from unionhub.bargaining.choices import CaseStatus, OfferStatus, Side
from unionhub.bargaining.models import BargainingCase, BargainingOffer
from unionhub.bargaining.tests.samples import SEATS
from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises import services as enterprise_services
from unionhub.enterprises.tests.samples import make_uscc
from unionhub.org.demo import county_union
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


_SEQ = itertools.count(1)


def _enterprises(n: int, *, employees: int = 60):
    streets = list(Region.objects.filter(parent__code="3209YN").order_by("code"))
    return [
        enterprise_services.enterprise_create(
            actor=None,
            uscc=make_uscc(f"YN{(k := next(_SEQ)):05d}", "320903"),
            name=f"盐南测试{k:03d}科技有限公司",
            region=streets[i % len(streets)],
            industry_code="6420",
            ownership="private",
            employees=employees + i,
            revenue_wan=2000,
            assets_wan=1500,
            founded_on=dt.date(2018, 1, 1),
        )
        for i in range(n)
    ]


def _seat_all(case, actor=None):
    for side, name, chief, expert in SEATS:
        services.representative_add(
            actor=actor, case=case, side=side, name=name, is_chief=chief, is_outside_expert=expert
        )


def _api_due(api, kind: str, date: dt.date) -> dict:
    response = api.get("/api/v1/calendar/deadline/", {"kind": kind, "date": date.isoformat()})
    assert response.status_code == 200, response.content
    return response.json()


def _contract(yannan, *, requested, signed, filed, received, term_years=3):
    ent = _enterprises(1)[0]
    case = services.case_create(
        actor=yannan,
        title="测试集体合同",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=ent,
        requested_on=requested,
    )
    _seat_all(case, yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    services.case_vote(actor=yannan, bargainingcase=case, total=180, present=120, yes=91)
    services.case_sign(
        actor=yannan,
        bargainingcase=case,
        signed_on=signed,
        term_start=signed,
        term_years=term_years,
    )
    services.case_file(actor=yannan, bargainingcase=case, filed_on=filed)
    return services.case_receipt(actor=yannan, bargainingcase=case, received_on=received)


@pytest.mark.parametrize(
    "requested, signed, received, rolled",
    [
        # the worked examples of domain.md §3.4 (no holiday on the due days)
        (dt.date(2024, 3, 5), dt.date(2025, 2, 21), dt.date(2025, 3, 3), False),
        # 国庆/中秋 2025 (10-01 … 10-08): response, filing and objection all roll to 10-09
        (dt.date(2025, 9, 11), dt.date(2025, 9, 21), dt.date(2025, 9, 16), True),
    ],
)
def test_every_date_on_a_case_equals_the_deadline_api(
    holidays, yannan, api_as, requested, signed, received, rolled
):
    case = _contract(
        yannan, requested=requested, signed=signed, filed=signed, received=max(received, signed)
    )
    api = api_as("yannan_admin")
    timeline = selectors.case_timeline(case)
    kinds = {s.kind for s in timeline}
    assert {
        "bargaining_response",
        "contract_filing",
        "labour_admin_objection",
        "contract_effective",
        "publication",
        "renewal_window_opens",
    } <= kinds
    for step in timeline:
        if not step.kind:
            continue
        body = _api_due(api, step.kind, step.event)
        assert step.due.isoformat() == body["due"], step.kind
        assert (step.rolled_from.isoformat() if step.rolled_from else None) == body["rolled_from"]
    # the stored fields are the same dates
    assert case.response_due.isoformat() == _api_due(api, "bargaining_response", requested)["due"]
    assert case.filing_due.isoformat() == _api_due(api, "contract_filing", signed)["due"]
    assert (
        case.effective_on.isoformat()
        == _api_due(api, "contract_effective", case.received_on)["due"]
    )
    if rolled:
        assert case.response_due == dt.date(2025, 10, 9)
        assert case.filing_due == dt.date(2025, 10, 9)


def test_worked_examples_of_the_handbook(holidays, yannan):
    case = _contract(
        yannan,
        requested=dt.date(2024, 3, 5),
        signed=dt.date(2025, 2, 21),
        filed=dt.date(2025, 2, 25),
        received=dt.date(2025, 2, 26),
    )
    assert case.response_due == dt.date(2024, 3, 25)
    assert case.filing_due == dt.date(2025, 3, 3)
    assert case.expires_on == dt.date(2028, 2, 20)  # add_years(S, 3) − 1 day
    renewal = _contract(
        yannan,
        requested=dt.date(2023, 8, 1),
        signed=dt.date(2023, 8, 16),
        filed=dt.date(2023, 8, 16),
        received=dt.date(2023, 8, 17),
    )
    assert renewal.expires_on == dt.date(2026, 8, 15)
    assert renewal.renewal_opens_on == dt.date(2026, 5, 15)


def test_vacant_seat_refill_date_equals_the_api(holidays, yannan, api_as):
    case = services.case_create(
        actor=yannan,
        title="空缺测试",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
    )
    _seat_all(case, yannan)
    rep = case.representatives.filter(side=Side.WORKERS, is_chief=False).first()
    rep = services.representative_vacate(
        actor=yannan, representative=rep, vacated_on=dt.date(2025, 9, 16)
    )
    assert (
        rep.refill_due.isoformat()
        == _api_due(api_as("yannan_admin"), "negotiator_refill", rep.vacated_on)["due"]
    )
    assert rep.refill_due == dt.date(2025, 10, 9)  # 10-01 in the National Day block


def test_campaign_of_twenty_offers_to_a_contract_in_force_and_covered(holidays, yannan, api_as):
    _enterprises(24)
    campaign = services.campaign_create(
        actor=yannan,
        union=county_union("yannan"),
        title="2025年春季集中要约行动",
        period_start=dt.date(2025, 3, 1),
        period_end=dt.date(2025, 5, 31),
    )
    offers = services.campaign_send_selected(
        actor=yannan, offercampaign=campaign, sent_on=dt.date(2025, 3, 3), limit=20
    )
    assert len(offers) == 20 and campaign.offers.count() == 20
    offer = offers[0]
    services.offer_receive(actor=yannan, bargainingoffer=offer, received_on=dt.date(2025, 3, 5))
    offer.refresh_from_db()
    api = api_as("yannan_admin")
    assert (
        offer.response_due.isoformat()
        == _api_due(api, "bargaining_response", offer.received_on)["due"]
    )
    services.offer_respond(actor=yannan, bargainingoffer=offer, responded_on=dt.date(2025, 3, 20))
    offer = services.offer_negotiate(actor=yannan, bargainingoffer=offer)
    case = offer.case
    assert case.tier == "enterprise" and case.procedure == "ordinary"
    assert case.requested_on == offer.received_on
    _seat_all(case, yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    services.case_vote(actor=yannan, bargainingcase=case, total=62, present=50, yes=40)
    services.case_sign(
        actor=yannan,
        bargainingcase=case,
        signed_on=dt.date(2025, 4, 10),
        term_start=dt.date(2025, 5, 1),
        term_years=3,
    )
    services.case_file(actor=yannan, bargainingcase=case, filed_on=dt.date(2025, 4, 15))
    case = services.case_receipt(
        actor=yannan, bargainingcase=case, received_on=dt.date(2025, 4, 16)
    )
    services.offer_close(actor=yannan, bargainingoffer=offer, status=OfferStatus.AGREED)

    assert case.phase(dt.date(2025, 5, 1)) == "under_review"
    assert case.phase(case.effective_on) == "in_force"
    on = case.effective_on.isoformat()
    body = api.get("/api/v1/bargaining/cases/", {"in_force_on": on}).json()
    assert [r["id"] for r in body["results"]] == [case.pk]
    covered = api.get("/api/v1/bargaining/covered-enterprises/", {"covered_on": on}).json()
    assert [r["id"] for r in covered["results"]] == [offer.enterprise_id]
    kpis = api.get("/api/v1/kpis/", {"region": "3209YN", "as_of": on, "year": 2025}).json()[
        "results"
    ]
    values = {k["code"]: k for k in kpis}
    assert values["bargaining.effective_contracts"]["value"] == 1
    assert values["bargaining.covered_enterprises"]["value"] == 1
    assert values["bargaining.covered_workers"]["value"] == offer.enterprise.employees
    assert values["bargaining.offers_sent"]["value"] == 20
    # records_url reproduces the figure
    for code in (
        "bargaining.effective_contracts",
        "bargaining.covered_enterprises",
        "bargaining.offers_sent",
    ):
        listed = api.get(values[code]["records_url"]).json()
        assert listed["count"] == values[code]["value"], code


def test_overdue_offers_escalate_to_the_union_above(holidays, yannan, user_named, client_as):
    campaign = services.campaign_create(
        actor=yannan,
        union=county_union("yannan"),
        title="要约",
        period_start=dt.date(2025, 3, 1),
        period_end=dt.date(2025, 5, 31),
    )
    ent = _enterprises(1)[0]
    offer = services.campaign_send(
        actor=yannan, offercampaign=campaign, enterprises=[ent], sent_on=dt.date(2025, 3, 3)
    )[0]
    services.offer_receive(actor=yannan, bargainingoffer=offer, received_on=dt.date(2025, 3, 5))
    assert services.offers_escalate(today=dt.date(2025, 3, 25)) == 0  # the last day itself
    assert services.offers_escalate(today=dt.date(2025, 3, 26)) == 1
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OVERDUE
    assert offer.escalated_to == county_union("yannan").parent
    from unionhub.core.todo.registry import todo_list

    city_items = [
        i
        for i in todo_list(user=user_named("city_admin"))
        if i.kind == "bargaining.offer_escalated"
    ]
    assert [i.url for i in city_items] == [f"/bargaining/offers/{offer.pk}/"]
    own = [i for i in todo_list(user=yannan) if i.kind == "bargaining.offer_response"]
    assert own and own[0].overdue and own[0].escalation == 1


def test_signed_contract_is_in_the_todo_until_filed(holidays, yannan):
    from unionhub.core.todo.registry import todo_list

    ent = _enterprises(1)[0]
    case = services.case_create(
        actor=yannan,
        title="待报送",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=ent,
    )
    _seat_all(case, yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    services.case_vote(actor=yannan, bargainingcase=case, total=10, present=7, yes=6)
    services.case_sign(
        actor=yannan,
        bargainingcase=case,
        signed_on=dt.date(2025, 2, 21),
        term_start=dt.date(2025, 3, 1),
        term_years=2,
    )
    items = [i for i in todo_list(user=yannan) if i.kind == "bargaining.contract_filing"]
    assert len(items) == 1 and items[0].due.date() == dt.date(2025, 3, 3)
    services.case_file(actor=yannan, bargainingcase=case, filed_on=dt.date(2025, 3, 1))
    assert not [i for i in todo_list(user=yannan) if i.kind == "bargaining.contract_filing"]


# --- bad input ------------------------------------------------------------------------------


def _offer(yannan):
    campaign = services.campaign_create(
        actor=yannan,
        union=county_union("yannan"),
        title="要约",
        period_start=dt.date(2025, 3, 1),
        period_end=dt.date(2025, 5, 31),
    )
    return services.campaign_send(
        actor=yannan,
        offercampaign=campaign,
        enterprises=_enterprises(1),
        sent_on=dt.date(2025, 3, 3),
    )[0]


def test_response_before_the_offer_is_refused(yannan):
    offer = _offer(yannan)
    with pytest.raises(Exception) as caught:
        services.offer_receive(actor=yannan, bargainingoffer=offer, received_on=dt.date(2025, 3, 2))
    assert_invalid(caught, code="received_before_sent", field="received_on")
    services.offer_receive(actor=yannan, bargainingoffer=offer, received_on=dt.date(2025, 3, 5))
    with pytest.raises(Exception) as caught:
        services.offer_respond(
            actor=yannan, bargainingoffer=offer, responded_on=dt.date(2025, 3, 4)
        )
    assert_invalid(caught, code="responded_before_received", field="responded_on")
    assert BargainingOffer.objects.get(pk=offer.pk).responded_on is None


def _adopted(yannan):
    case = services.case_create(
        actor=yannan,
        title="条款",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
    )
    _seat_all(case, yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    return services.case_vote(actor=yannan, bargainingcase=case, total=30, present=20, yes=16)


@pytest.mark.parametrize("years, code", [(0, "term_too_short"), (None, "term_too_short")])
def test_term_of_zero_years_is_refused(yannan, years, code):
    case = _adopted(yannan)
    with pytest.raises(Exception) as caught:
        services.case_sign(
            actor=yannan,
            bargainingcase=case,
            signed_on=dt.date(2025, 3, 1),
            term_start=dt.date(2025, 3, 1),
            term_years=years,
        )
    assert_invalid(caught, code=code, field="term_years")
    assert BargainingCase.objects.get(pk=case.pk).signed_on is None


def test_term_of_five_years_is_signed_with_a_warning(yannan, client_as):
    case = _adopted(yannan)
    services.case_sign(
        actor=yannan,
        bargainingcase=case,
        signed_on=dt.date(2025, 3, 1),
        term_start=dt.date(2025, 3, 1),
        term_years=5,
    )
    page = client_as("yannan_admin").get(f"/bargaining/cases/{case.pk}/")
    assert page.status_code == 200
    assert page.context["term_warning"]
    assert 'data-testid="case-warnings"' in page.content.decode()


def test_unequal_sides_cannot_open_negotiations(yannan):
    case = services.case_create(
        actor=yannan,
        title="不对等",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
    )
    _seat_all(case, yannan)
    services.representative_add(actor=yannan, case=case, side=Side.WORKERS, name="多一人")
    with pytest.raises(Exception) as caught:
        services.case_start(actor=yannan, bargainingcase=case)
    assert_invalid(caught, code="unequal_sides", field="representatives")
    assert BargainingCase.objects.get(pk=case.pk).status == CaseStatus.PREPARING


def test_outside_expert_as_chief_is_refused(yannan):
    case = services.case_create(
        actor=yannan,
        title="专家",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
    )
    with pytest.raises(Exception) as caught:
        services.representative_add(
            actor=yannan,
            case=case,
            side=Side.EMPLOYER,
            name="外聘律师",
            is_chief=True,
            is_outside_expert=True,
        )
    assert_invalid(caught, code="expert_chief", field="is_chief")
    assert case.representatives.count() == 0


@pytest.mark.parametrize(
    "total, present, yes, adopted",
    [(180, 119, 119, False), (180, 120, 90, False), (180, 120, 91, True)],
)
def test_vote_is_counted_under_the_rule_and_a_false_claim_refused(
    yannan, total, present, yes, adopted
):
    case = services.case_create(
        actor=yannan,
        title="表决",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
    )
    _seat_all(case, yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    if not adopted:
        with pytest.raises(Exception) as caught:
            services.case_vote(
                actor=yannan,
                bargainingcase=case,
                total=total,
                present=present,
                yes=yes,
                declared_adopted=True,
            )
        assert_invalid(caught, code="vote_not_adopted", field="declared_adopted")
    case = services.case_vote(
        actor=yannan, bargainingcase=case, total=total, present=present, yes=yes
    )
    assert case.vote_adopted is adopted
    assert case.status == (CaseStatus.ADOPTED if adopted else CaseStatus.NEGOTIATING)


def test_contract_under_the_simplified_procedure_is_refused(yannan):
    with pytest.raises(Exception) as caught:
        services.case_create(
            actor=yannan,
            title="简易",
            tier="enterprise",
            union=county_union("yannan"),
            enterprise=_enterprises(1)[0],
            procedure="simplified",
        )
    assert_invalid(caught, code="ordinary_required", field="procedure")
    minutes = services.case_create(
        actor=yannan,
        title="一事一议",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1, employees=10)[0],
        procedure="simplified",
        outcome_type="minutes",
    )
    assert minutes.pk


def test_industry_contract_at_city_level_is_refused(user_named):
    from unionhub.org.models import OrgUnit

    city = OrgUnit.objects.get(code="320900")
    with pytest.raises(Exception) as caught:
        services.case_create(
            actor=user_named("city_admin"),
            title="全市行业",
            tier="industry",
            union=city,
            industry_code="5432",
        )
    assert_invalid(caught, code="tier_above_county", field="tier")


def test_objection_outside_the_period_is_refused(holidays, yannan):
    case = _contract(
        yannan,
        requested=dt.date(2025, 1, 6),
        signed=dt.date(2025, 3, 3),
        filed=dt.date(2025, 3, 5),
        received=dt.date(2025, 3, 6),
    )
    with pytest.raises(Exception) as caught:
        services.case_object(
            actor=yannan, bargainingcase=case, objection_on=case.effective_on, objection_note="晚了"
        )
    assert_invalid(caught, code="outside_objection_period", field="objection_on")
    case = services.case_object(
        actor=yannan,
        bargainingcase=case,
        objection_on=case.objection_due,
        objection_note="工资条款不合法",
    )
    assert case.phase(dt.date(2026, 1, 1)) == "objected"
    assert case.publication_due is None


def test_offer_letter_is_a_word_document(yannan, client_as):
    offer = _offer(yannan)
    response = client_as("yannan_admin").get(f"/bargaining/offers/{offer.pk}/letter.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert offer.enterprise.name in text and "二十日内" in text
    assert (
        client_as("sheyang_admin").get(f"/bargaining/offers/{offer.pk}/letter.docx").status_code
        == 404
    )


def test_board_and_lists_have_constant_query_counts(
    yannan, client_as, django_assert_max_num_queries
):
    campaign = services.campaign_create(
        actor=yannan,
        union=county_union("yannan"),
        title="看板",
        period_start=dt.date(2025, 3, 1),
        period_end=dt.date(2025, 5, 31),
    )
    services.campaign_send(
        actor=yannan,
        offercampaign=campaign,
        enterprises=_enterprises(3),
        sent_on=dt.date(2025, 3, 3),
    )
    client = client_as("yannan_admin")
    urls = [f"/bargaining/campaigns/{campaign.pk}/", "/bargaining/offers/", "/bargaining/cases/"]
    counts = {}
    for url in urls:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx)
    services.campaign_send(
        actor=yannan,
        offercampaign=campaign,
        enterprises=_enterprises(12),
        sent_on=dt.date(2025, 3, 3),
    )
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
