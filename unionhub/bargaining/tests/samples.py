"""Scope-matrix samples: a record of each bargaining model inside a county (by demo slug),
and the payloads of the write matrix — each action's payload first moves the sample case or
offer (as the system) into the state the action needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from unionhub.bargaining import services, standards
from unionhub.bargaining.choices import CaseStatus, OfferStatus, Side
from unionhub.bargaining.models import (
    BargainingCase,
    BargainingOffer,
    BargainingSession,
    ContractDraft,
    MinimumWage,
    OfferCampaign,
    Representative,
    StandardClause,
    WageStandard,
)
from unionhub.enterprises.tests.samples import enterprise_in, union_in
from unionhub.org.demo import COUNTY_SLUGS, county_union
from unionhub.org.models import Region

SIGNED = dt.date(2025, 3, 3)
FILED = dt.date(2025, 3, 10)
RECEIVED = dt.date(2025, 3, 12)
SEATS = [
    (Side.WORKERS, "王建国", True, False),
    (Side.WORKERS, "李芳", False, False),
    (Side.WORKERS, "赵刚", False, False),
    (Side.EMPLOYER, "陈总", True, False),
    (Side.EMPLOYER, "周经理", False, False),
    (Side.EMPLOYER, "吴律师", False, True),
]


def case_in(slug: str) -> BargainingCase:
    title = f"样例集体合同{slug}"
    existing = BargainingCase.objects.filter(title=title).first()
    if existing:
        return existing
    case = services.case_create(
        actor=None,
        title=title,
        tier="enterprise",
        union=union_in(slug).org_unit,
        enterprise=enterprise_in(slug),
        requested_on=dt.date(2025, 1, 6),
    )
    for side, name, chief, expert in SEATS:
        services.representative_add(
            actor=None,
            case=case,
            side=side,
            name=f"{name}{slug}",
            is_chief=chief,
            is_outside_expert=expert,
        )
    return case


def advance(case: BargainingCase, to: str) -> BargainingCase:
    """Move a case forward (as the system) until it reaches status ``to``."""
    steps = [
        (CaseStatus.PREPARING, lambda c: services.case_start(actor=None, bargainingcase=c)),
        (
            CaseStatus.NEGOTIATING,
            lambda c: services.case_vote(
                actor=None, bargainingcase=c, total=100, present=80, yes=70
            ),
        ),
        (
            CaseStatus.ADOPTED,
            lambda c: services.case_sign(
                actor=None, bargainingcase=c, signed_on=SIGNED, term_start=SIGNED, term_years=3
            ),
        ),
        (
            CaseStatus.SIGNED,
            lambda c: services.case_file(actor=None, bargainingcase=c, filed_on=FILED),
        ),
    ]
    for status, step in steps:
        if case.status == to:
            return case
        if case.status == status:
            case = step(case)
    return case


def received(case: BargainingCase) -> BargainingCase:
    case = advance(case, CaseStatus.FILED)
    if case.received_on is None:
        case = services.case_receipt(actor=None, bargainingcase=case, received_on=RECEIVED)
    return case


def representative_in(slug: str) -> Representative:
    return (
        case_in(slug)
        .representatives.filter(side=Side.WORKERS, is_chief=False)
        .order_by("pk")
        .first()
    )


def campaign_in(slug: str) -> OfferCampaign:
    title = f"样例集中要约{slug}"
    existing = OfferCampaign.objects.filter(title=title).first()
    return existing or services.campaign_create(
        actor=None,
        union=county_union(slug),
        title=title,
        period_start=dt.date(2025, 3, 1),
        period_end=dt.date(2025, 5, 31),
    )


def offer_in(slug: str) -> BargainingOffer:
    campaign = campaign_in(slug)
    existing = campaign.offers.first()
    if existing:
        return existing
    return services.campaign_send(
        actor=None,
        offercampaign=campaign,
        enterprises=[enterprise_in(slug)],
        sent_on=dt.date(2025, 3, 3),
    )[0]


def _offer_at(offer: BargainingOffer, to: str) -> BargainingOffer:
    if offer.status == OfferStatus.SENT and to != OfferStatus.SENT:
        offer = services.offer_receive(
            actor=None, bargainingoffer=offer, received_on=dt.date(2025, 3, 5)
        )
    if offer.status == OfferStatus.RECEIVED and to not in (OfferStatus.SENT, OfferStatus.RECEIVED):
        offer = services.offer_respond(
            actor=None, bargainingoffer=offer, responded_on=dt.date(2025, 3, 20)
        )
    if offer.status == OfferStatus.RESPONDED and to == OfferStatus.NEGOTIATING:
        offer = services.offer_negotiate(actor=None, bargainingoffer=offer)
    return offer


def standard_in(slug: str) -> WageStandard:
    case = case_in(slug)
    existing = case.wage_standards.first()
    return existing or standards.wage_standard_create(
        actor=None, case=case, kind="monthly_floor", amount=Decimal("3000.00")
    )


def minimum_wage_in(slug: str) -> MinimumWage:
    source = f"样例最低工资{slug}"
    existing = MinimumWage.objects.filter(source=source).first()
    return existing or standards.minimum_wage_create(
        actor=None,
        region=Region.objects.get(code=COUNTY_SLUGS[slug]),
        wage_class="二类",
        monthly=Decimal("2070.00"),
        hourly=Decimal("20.00"),
        valid_from=dt.date(2021, 8, 1),
        source=source,
    )


DRAFT_TEXT = (
    "甲乙双方经平等协商，订立本合同。\n"
    "第一条【适用范围】本合同适用于企业全体职工。\n"
    "第二条【工资】职工月最低工资不低于2500元。\n"
    "第三条【工时】实行标准工时制度。"
)


def meeting_case_in(slug: str) -> BargainingCase:
    """A case of its own, under negotiation with both sides seated (meetings and drafts)."""
    title = f"样例协商会议{slug}"
    case = BargainingCase.objects.filter(title=title).first()
    if case is None:
        case = services.case_create(
            actor=None,
            title=title,
            tier="enterprise",
            union=union_in(slug).org_unit,
            enterprise=enterprise_in(slug),
            requested_on=dt.date(2025, 1, 6),
        )
        for side, name, chief, expert in SEATS:
            services.representative_add(
                actor=None,
                case=case,
                side=side,
                name=f"{name}会{slug}",
                is_chief=chief,
                is_outside_expert=expert,
            )
        case = services.case_start(actor=None, bargainingcase=case)
    return case


def chief_of(case: BargainingCase, side: str) -> Representative:
    return case.representatives.get(side=side, is_chief=True, vacated_on__isnull=True)


def session_in(slug: str) -> BargainingSession:
    case = meeting_case_in(slug)
    existing = case.sessions.first()
    return existing or services.session_create(
        actor=None,
        case=case,
        held_on=dt.date(2025, 1, 20),
        place="企业会议室",
        chair=chief_of(case, Side.WORKERS),
        recorder="孙记录",
        attendees=list(case.representatives.all()),
        minutes="双方就工资条款交换意见。",
    )


def draft_in(slug: str) -> ContractDraft:
    case = meeting_case_in(slug)
    existing = case.drafts.first()
    return existing or services.draft_create(
        actor=None, case=case, prepared_on=dt.date(2025, 1, 15), text=DRAFT_TEXT
    )


def clause_in(slug: str) -> StandardClause:
    title = f"样例条款{slug}"
    existing = StandardClause.objects.filter(title=title).first()
    return existing or services.clause_create(
        actor=None, union=county_union(slug), topic="training", title=title, text="每年培训16学时。"
    )


SAMPLES = {
    StandardClause: clause_in,
    BargainingSession: session_in,
    ContractDraft: draft_in,
    WageStandard: standard_in,
    MinimumWage: minimum_wage_in,
    BargainingCase: case_in,
    Representative: representative_in,
    OfferCampaign: campaign_in,
    BargainingOffer: offer_in,
}


def _case_form(slug: str) -> dict:
    return {
        "title": f"新协商{slug}",
        "tier": "enterprise",
        "union": union_in(slug).org_unit.pk,
        "enterprise": enterprise_in(slug).pk,
        "procedure": "ordinary",
        "outcome_type": "collective_contract",
        "requested_on": "2025-04-01",
    }


def _session_form(slug: str) -> dict:
    case = meeting_case_in(slug)
    session_in(slug)  # the first meeting was chaired by the workers' side
    return {
        "case": case.pk,
        "held_on": "2025-02-10",
        "place": "工会活动室",
        "chair": chief_of(case, Side.EMPLOYER).pk,
        "recorder": "孙记录",
        "attendees": [r.pk for r in case.representatives.all()],
        "minutes": "第二轮协商。",
    }


def _draft_form(slug: str) -> dict:
    draft_in(slug)
    return {
        "case": meeting_case_in(slug).pk,
        "prepared_on": "2025-02-01",
        "text": DRAFT_TEXT.replace("2500", "2700"),
    }


FORM_DATA = {
    StandardClause: lambda slug: {
        "union": county_union(slug).pk,
        "topic": "wage",
        "title": f"工资增长{slug}",
        "text": "每年协商确定工资增长幅度。",
        "is_active": "on",
    },
    BargainingSession: _session_form,
    ContractDraft: _draft_form,
    WageStandard: lambda slug: {
        "case": case_in(slug).pk,
        "kind": "hourly_floor",
        "amount": "25.00",
    },
    MinimumWage: lambda slug: {
        "region": Region.objects.get(code=COUNTY_SLUGS[slug]).pk,
        "wage_class": "三类",
        "monthly": "1840.00",
        "hourly": "18.00",
        "valid_from": "2021-08-01",
        "source": "苏人社发〔2021〕72号",
    },
    BargainingCase: _case_form,
    Representative: lambda slug: {
        "case": case_in(slug).pk,
        "side": "workers",
        "name": f"新代表{slug}",
        "position": "职工",
    },
    OfferCampaign: lambda slug: {
        "union": county_union(slug).pk,
        "title": f"新集中要约{slug}",
        "period_start": "2025-03-01",
        "period_end": "2025-04-30",
    },
}


def _slug_of(campaign: OfferCampaign) -> str:
    return next(s for s, code in COUNTY_SLUGS.items() if code == campaign.union.code)


def _vacated(rep: Representative) -> dict:
    services.representative_vacate(actor=None, representative=rep, vacated_on=dt.date(2025, 2, 1))
    return {"name": "接任代表", "position": "职工"}


ACTION_DATA = {
    "bargaining:bargainingcase_start": lambda case: {},
    "bargaining:bargainingcase_fail": lambda case: {},
    "bargaining:bargainingcase_suspend": lambda case: (advance(case, CaseStatus.NEGOTIATING), {})[
        1
    ],
    "bargaining:bargainingcase_vote": lambda case: (
        advance(case, CaseStatus.NEGOTIATING),
        {"total": 100, "present": 80, "yes": 70},
    )[1],
    "bargaining:bargainingcase_sign": lambda case: (
        advance(case, CaseStatus.ADOPTED),
        {"signed_on": "2025-03-03", "term_start": "2025-03-03", "term_years": 3},
    )[1],
    "bargaining:bargainingcase_file": lambda case: (
        advance(case, CaseStatus.SIGNED),
        {"filed_on": "2025-03-10"},
    )[1],
    "bargaining:bargainingcase_receipt": lambda case: (
        advance(case, CaseStatus.FILED),
        {"received_on": "2025-03-12"},
    )[1],
    "bargaining:bargainingcase_object": lambda case: (
        received(case),
        {"objection_on": "2025-03-20", "objection_note": "工资条款低于最低工资标准"},
    )[1],
    "bargaining:bargainingcase_publish": lambda case: (
        received(case),
        {"published_on": "2025-04-01"},
    )[1],
    "bargaining:representative_vacate": lambda rep: {"vacated_on": "2025-02-01"},
    "bargaining:representative_replace": _vacated,
    "bargaining:offercampaign_send": lambda campaign: (
        enterprise_in(_slug_of(campaign)),
        {"sent_on": "2025-03-03", "limit": 5},
    )[1],
    "bargaining:bargainingoffer_receive": lambda offer: {"received_on": "2025-03-05"},
    "bargaining:bargainingoffer_respond": lambda offer: (
        _offer_at(offer, OfferStatus.RECEIVED),
        {"responded_on": "2025-03-20", "agrees": "on"},
    )[1],
    "bargaining:bargainingoffer_negotiate": lambda offer: (
        _offer_at(offer, OfferStatus.RESPONDED),
        {},
    )[1],
    "bargaining:bargainingoffer_close": lambda offer: (
        _offer_at(offer, OfferStatus.NEGOTIATING),
        {"status": "agreed"},
    )[1],
}

# The API's record actions take the pages' inputs (core.api.service_action).
ACTION_DATA.update(
    {
        f"bargaining-{api}-{action}": ACTION_DATA[f"bargaining:{page}_{action}"]
        for api, page, actions in (
            ("case", "bargainingcase", "start suspend fail vote sign file receipt object publish"),
            ("offer", "bargainingoffer", "receive respond negotiate close"),
        )
        for action in actions.split()
    }
)

WRITE_EXEMPT = {
    "bargaining:covered": (
        "read-only list of the enterprises a coverage figure counts: it declares no bulk "
        "action, so its POST answers 405"
    ),
}
