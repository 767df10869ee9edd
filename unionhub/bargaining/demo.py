"""Demo data of collective bargaining for 盐南高新区 (idempotent): the 2026 spring
centralized offer campaign (20 offers in every status), a winter wage-bargaining campaign
still running (live countdowns), industry contracts for delivery riders and couriers, a
regional contract for the small enterprises of 新都街道, and enterprise contracts in every
state. Everything goes through the services, so every date comes from the deadline service
(load_demo loads the 2024–2026 holiday arrangements first)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from unionhub.bargaining import services, standards
from unionhub.bargaining.choices import CaseStatus, OfferStatus, Side
from unionhub.bargaining.models import BargainingCase, OfferCampaign
from unionhub.core.middleware import acting_as
from unionhub.org.models import OrgUnit, Region

SPRING = "2026年春季集中要约行动"
WINTER = "2026年冬季工资集体协商集中要约"
COUNTY = "3209YN"

WORKER_SEATS = [("工会主席", True), ("职工代表", False), ("职工代表", False)]
EMPLOYER_SEATS = [("法定代表人", True), ("人力资源经理", False), ("财务负责人", False)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "建国海军志强秀英桂兰明华晓东丽娟文杰春梅国平玉兰红霞伟刚淑珍永胜德明立新雪梅"

#: 江苏省最低工资标准 by class (苏人社发〔2021〕72号, in force from 2021-08-01) and the class
#: of each Yancheng county-level unit (市区、大丰、东台: 二类; the five counties: 三类).
#: Demo data to be checked against the province's current notice (docs/bargaining.md).
MINIMUM_SOURCE = "苏人社发〔2021〕72号（2021-08-01起执行）"
MINIMUM_BY_CLASS = {"二类": ("2070.00", "20.00"), "三类": ("1840.00", "18.00")}
COUNTY_CLASS = {
    "320902": "二类",
    "320903": "二类",
    "320904": "二类",
    "320981": "二类",
    "320971": "二类",
    "3209YN": "二类",
    "320921": "三类",
    "320922": "三类",
    "320923": "三类",
    "320924": "三类",
    "320925": "三类",
}

#: platform and courier enterprises of the two industry contracts (made if missing)
PLATFORM = [
    ("盐南高新区骑士外卖配送服务有限公司", "6242", 186, "320903050"),
    ("盐城速达即时配送有限公司", "6242", 142, "320903051"),
    ("盐南科城优送同城配送有限公司", "6242", 64, "320903051"),
    ("盐南新都顺捷快递有限公司", "6020", 118, "320903050"),
    ("盐城盐南通达快递服务有限公司", "6020", 96, "320902052"),
    ("盐南伍佑中速快递营业部有限公司", "6020", 41, "320902050"),
]


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
        if name not in used:
            used.add(name)
            return name


def _seat(case: BargainingCase, rng: random.Random, *, expert: bool = False) -> None:
    used: set[str] = set()
    for side, seats in ((Side.WORKERS, WORKER_SEATS), (Side.EMPLOYER, EMPLOYER_SEATS)):
        for i, (position, chief) in enumerate(seats):
            outside = expert and side == Side.EMPLOYER and i == 2
            services.representative_add(
                actor=None,
                case=case,
                side=side,
                name=_name(rng, used),
                position="外聘劳动关系专家" if outside else position,
                is_chief=chief,
                is_outside_expert=outside,
            )


def _platform_enterprises(today: dt.date) -> list:
    from unionhub.enterprises import services as enterprise_services
    from unionhub.enterprises.demo import demo_uscc
    from unionhub.enterprises.models import Enterprise

    rng = random.Random("bargaining-platform")  # noqa: S311 — deterministic demo data
    made = []
    for name, code, employees, street in PLATFORM:
        uscc = demo_uscc(rng, "320903")
        found = Enterprise.objects.filter(name=name).first()
        made.append(
            found
            or enterprise_services.enterprise_create(
                actor=None,
                uscc=uscc,
                name=name,
                region=Region.objects.get(code=street),
                industry_code=code,
                ownership="private",
                employees=employees,
                revenue_wan=employees * 12,
                assets_wan=employees * 5,
                founded_on=dt.date(2019, 6, 1),
            )
        )
    return made


def _minimum_wages() -> None:
    from decimal import Decimal

    from unionhub.bargaining.models import MinimumWage

    for code, wage_class in COUNTY_CLASS.items():
        region = Region.objects.filter(code=code).first()
        if (
            region is None
            or MinimumWage.objects.filter(region=region, source=MINIMUM_SOURCE).exists()
        ):
            continue
        monthly, hourly = MINIMUM_BY_CLASS[wage_class]
        standards.minimum_wage_create(
            actor=None,
            region=region,
            wage_class=wage_class,
            monthly=Decimal(monthly),
            hourly=Decimal(hourly),
            valid_from=dt.date(2021, 8, 1),
            source=MINIMUM_SOURCE,
        )


def _standard(case, kind: str, amount: str = "", item: str = "", rule: str = "") -> None:
    from decimal import Decimal

    standards.wage_standard_create(
        actor=None,
        case=case,
        kind=kind,
        item=item,
        amount=Decimal(amount) if amount else None,
        rule=rule,
    )


def _advance(
    case: BargainingCase,
    *,
    to: str,
    signed: dt.date | None = None,
    term_start: dt.date | None = None,
    years: int = 3,
    filed: dt.date | None = None,
    received: dt.date | None = None,
    published: dt.date | None = None,
    votes: tuple[int, int, int] | None = None,
) -> BargainingCase:
    """Walk a case through the services up to ``to`` (a status, or ``published``)."""
    order = ["preparing", "negotiating", "adopted", "signed", "filed", "received", "published"]
    target = order.index(to)

    def reached(step: str) -> bool:
        at = order.index(case.status) if case.status in order else -1
        if case.status == "filed" and case.received_on:
            at = order.index("received")
        return at >= order.index(step)

    if target >= 1 and not reached("negotiating"):
        case = services.case_start(actor=None, bargainingcase=case)
    if target >= 2 and not reached("adopted"):
        total = votes[0] if votes else 60
        present, yes = (votes[1], votes[2]) if votes else (total * 5 // 6, total * 2 // 3)
        case = services.case_vote(
            actor=None, bargainingcase=case, total=total, present=present, yes=yes
        )
    if target >= 3 and not reached("signed"):
        case = services.case_sign(
            actor=None,
            bargainingcase=case,
            signed_on=signed,
            term_start=term_start or signed,
            term_years=years,
        )
    if target >= 4 and not reached("filed"):
        case = services.case_file(actor=None, bargainingcase=case, filed_on=filed)
    if target >= 5 and not reached("received"):
        case = services.case_receipt(actor=None, bargainingcase=case, received_on=received)
    if target >= 6:
        case = services.case_publish(actor=None, bargainingcase=case, published_on=published)
    return case


def _in_force(case, signed: dt.date, *, years=3, term_start=None, published=True):
    """Signed on ``signed``, filed 5 days later, received 2 days after, published 8 days
    after taking effect (when ``published``)."""
    filed = signed + dt.timedelta(days=5)
    received = filed + dt.timedelta(days=2)
    case = _advance(
        case,
        to="received",
        signed=signed,
        term_start=term_start,
        years=years,
        filed=filed,
        received=received,
    )
    if published:
        case = services.case_publish(
            actor=None, bargainingcase=case, published_on=case.effective_on + dt.timedelta(days=8)
        )
    return case


RIDER_DRAFTS = [
    "为维护网约送餐员合法权益，经平等协商，订立本合同。\n"
    "第一条【适用范围】本合同适用于盐南高新区内网约送餐平台企业及其合作配送企业和网约送餐员。\n"
    "第二条【计件单价】每单基础配送费不低于5.00元。\n"
    "第三条【订单分配】派单规则提前公示。\n"
    "第四条【休息休假】连续配送4小时后休息不少于15分钟。",
    "为维护网约送餐员合法权益，经平等协商，订立本合同。\n"
    "第一条【适用范围】本合同适用于盐南高新区内网约送餐平台企业及其合作配送企业和网约送餐员。\n"
    "第二条【计件单价】每单基础配送费不低于5.50元，夜间（22时至次日6时）每单另加0.50元。\n"
    "第三条【订单分配】派单规则提前公示，调整前征求工会和送餐员代表意见。\n"
    "第四条【休息休假】连续配送4小时后休息不少于20分钟。\n"
    "第五条【恶劣天气】暴雨、高温等恶劣天气不考核配送超时。",
    "为维护网约送餐员合法权益，经平等协商，订立本合同。\n"
    "第一条【适用范围】本合同适用于盐南高新区内网约送餐平台企业及其合作配送企业和网约送餐员。\n"
    "第二条【计件单价】每单基础配送费不低于5.50元，夜间（22时至次日6时）每单另加0.50元。\n"
    "第三条【订单分配】派单规则提前公示，调整前征求工会和送餐员代表意见。\n"
    "第四条【休息休假】连续配送4小时后休息不少于20分钟。\n"
    "第五条【恶劣天气】暴雨、高温等恶劣天气不考核配送超时，高温天气每日发放防暑补贴。\n"
    "第六条【驿站服务】平台企业配合工会驿站为送餐员提供休息、饮水、充电服务。",
]
DOMESTIC = "盐南高新区家政服务行业集体协商"
DOMESTIC_DRAFTS = [
    "第一条【适用范围】本合同适用于盐南高新区家政服务企业及其家政服务员。\n"
    "第二条【工资】家政服务员月工资不低于2300元。\n"
    "第三条【工时】每周至少休息一日。",
    "第一条【适用范围】本合同适用于盐南高新区家政服务企业及其家政服务员。\n"
    "第二条【工资】家政服务员月工资不低于2400元，住家服务另加每月200元。\n"
    "第三条【工时】每周至少休息一日。\n"
    "第四条【职业培训】企业每年组织技能培训不少于16学时。",
]
RECORDERS = ["顾文静", "沈书瑶", "钱晓雯"]


def _negotiation_record(case, meetings, drafts, *, first_draft_on) -> None:
    """Meetings chaired in turn by the two chiefs (workers' side first), the first draft
    before them and a new version after each later meeting."""
    chiefs = {
        r.side: r for r in case.representatives.filter(is_chief=True, vacated_on__isnull=True)
    }
    sitting = list(case.representatives.filter(vacated_on__isnull=True))
    services.draft_create(
        actor=None, case=case, prepared_on=first_draft_on, text=drafts[0], note="职工方提出"
    )
    for i, held_on in enumerate(meetings):
        side = Side.WORKERS if i % 2 == 0 else Side.EMPLOYER
        session = services.session_create(
            actor=None,
            case=case,
            held_on=held_on,
            place="盐南高新区总工会协商室",
            chair=chiefs[side],
            recorder=RECORDERS[0],
            attendees=sitting,
            minutes=f"第{i + 1}轮协商：双方就草案逐条交换意见。",
        )
        if 0 < i < len(drafts):
            services.draft_create(
                actor=None,
                case=case,
                prepared_on=held_on + dt.timedelta(days=1),
                session=session,
                text=drafts[i],
                note="根据协商会议意见修改",
            )


LIBRARY = [
    (
        "wage",
        "工资",
        "职工月工资不低于本合同约定的最低工资，且不低于当地最低工资标准。",
        "《劳动合同法》第五十五条",
    ),
    (
        "wage",
        "工资增长",
        "企业根据经济效益和物价变动，每年协商确定职工工资增长幅度。",
        "盐南高新区工资集体协商指引",
    ),
    (
        "hours",
        "工时",
        "实行标准工时制度，职工每日工作不超过8小时、每周不超过40小时。",
        "《劳动法》第三十六条",
    ),
    ("rest", "休息休假", "职工每周至少休息一日，依法享受带薪年休假。", "《劳动法》第三十八条"),
    ("training", "职业培训", "企业每年组织职工技能培训不少于16学时，培训费用由企业承担。", ""),
    (
        "women",
        "女职工保护",
        "女职工孕期、产期、哺乳期依法享受特殊保护，不得因此降低工资。",
        "《女职工劳动保护特别规定》",
    ),
    (
        "piece_rate",
        "计件单价",
        "平台企业调整计件单价前，应当与工会协商并提前七日公示。",
        "《江苏省集体协商条例》第十二条",
    ),
    (
        "order_allocation",
        "订单分配",
        "订单分配规则和算法调整应当公开，并听取劳动者代表意见。",
        "《江苏省集体协商条例》第十二条",
    ),
]
OLD_TEXT = (
    "第一条【适用范围】本合同适用于企业全体职工。\n"
    "第二条【工资】职工月工资不低于2300元。\n"
    "第三条【工时】实行标准工时制度。\n"
    "第四条【休息休假】职工每周至少休息一日。"
)
NEW_TEXT = (
    "第一条【适用范围】本合同适用于企业全体职工。\n"
    "第二条【工资】职工月工资不低于2500元。\n"
    "第三条【工时】实行标准工时制度。\n"
    "第四条【休息休假】职工每周至少休息一日，依法享受带薪年休假。"
)


def _library_and_renewal(county, today, rng) -> None:
    """The 盐南 clause library, and the expired 2022–2024 contract renewed (idempotent)."""
    from unionhub.bargaining.models import StandardClause

    if StandardClause.objects.filter(union=county).exists():
        return
    library = {}
    for topic, title, text, source in LIBRARY:
        library[title] = services.clause_create(
            actor=None, union=county, topic=topic, title=title, text=text, source=source
        )
    expired = (
        BargainingCase.objects.filter(
            region__path__startswith=county.region.path, title__endswith="集体合同（2022—2024）"
        )
        .order_by("pk")
        .first()
    )
    if expired is None:
        return
    renewal = services.case_create(
        actor=None,
        title=f"{expired.enterprise.name}集体合同（2026—2028，续订）",
        tier="enterprise",
        union=expired.union,
        enterprise=expired.enterprise,
        requested_on=today - dt.timedelta(days=28),
        predecessor=expired,
    )
    _seat(renewal, rng)
    _standard(renewal, "monthly_floor", "2500.00")
    _standard(renewal, "hourly_floor", "24.00")
    services.draft_create(
        actor=None,
        case=renewal,
        prepared_on=today - dt.timedelta(days=14),
        text=NEW_TEXT,
        library_clauses=[library["职业培训"], library["女职工保护"]],
        note="从条款库选入职业培训、女职工保护条款",
    )
    services.case_start(actor=None, bargainingcase=renewal)


def _meetings(county, today, rng) -> None:
    """A case under negotiation with its meetings and two draft versions (idempotent)."""
    if BargainingCase.objects.filter(title=DOMESTIC).exists():
        return
    case = services.case_create(
        actor=None,
        title=DOMESTIC,
        tier="industry",
        union=county,
        industry_code="8010",
        key_group="domestic_worker",
        requested_on=today - dt.timedelta(days=35),
        note="家政服务员工资、休息和培训。",
    )
    _seat(case, rng)
    case = services.case_start(actor=None, bargainingcase=case)
    _negotiation_record(
        case,
        [today - dt.timedelta(days=20), today - dt.timedelta(days=6)],
        DOMESTIC_DRAFTS,
        first_draft_on=today - dt.timedelta(days=25),
    )


def load(stdout=None) -> None:
    county = OrgUnit.objects.filter(code=COUNTY).first()
    if county is None:
        return
    if OfferCampaign.objects.filter(title=SPRING).exists():
        with acting_as(None), transaction.atomic():
            _meetings(county, timezone.localdate(), random.Random("bargaining-meetings"))  # noqa: S311
            _library_and_renewal(county, timezone.localdate(), random.Random("bargaining-yoy"))  # noqa: S311
        return
    from unionhub.enterprises.models import Enterprise

    today = timezone.localdate()
    rng = random.Random("bargaining-demo")  # noqa: S311 — deterministic demo data
    with acting_as(None), transaction.atomic():
        _minimum_wages()
        platform = _platform_enterprises(today)
        region = county.region
        pool = list(
            Enterprise.objects.filter(
                region__path__startswith=region.path, operating_status="operating"
            )
            .exclude(pk__in=[e.pk for e in platform])
            .order_by("-employees", "pk")
        )
        cases = _spring(county, pool[:20], rng)
        cases += _winter(county, pool[20:32], today, rng)
        cases += _industry_and_regional(county, platform, pool, today, rng)
        cases += _enterprise_states(county, pool[32:44], today, rng)
        _meetings(county, today, random.Random("bargaining-meetings"))  # noqa: S311
        _library_and_renewal(county, today, random.Random("bargaining-yoy"))  # noqa: S311
    if stdout:
        in_force = (
            BargainingCase.objects.in_force(today)
            .filter(region__path__startswith=county.region.path)
            .count()
        )
        stdout.write(
            f"  集体协商：{OfferCampaign.objects.filter(union=county).count()} 次集中要约、"
            f"{len(cases)} 个协商案件，生效集体合同 {in_force} 份（{county.name}）"
        )


def _spring(county, enterprises, rng) -> list[BargainingCase]:
    """The spring campaign: 20 offers sent on 2026-03-02, now in every status."""
    campaign = services.campaign_create(
        actor=None,
        union=county,
        title=SPRING,
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 5, 31),
        note="区域谈底线、行业谈标准、企业谈增长：向辖区重点企业集中发出集体协商要约。",
    )
    offers = services.campaign_send(
        actor=None, offercampaign=campaign, enterprises=enterprises, sent_on=dt.date(2026, 3, 2)
    )
    plan = (
        ["agreed"] * 8
        + ["negotiating"] * 3
        + ["suspended"] * 2
        + ["failed"] * 2
        + ["overdue"] * 3
        + ["responded"] * 2
    )
    cases = []
    for i, (offer, fate) in enumerate(zip(offers, plan, strict=True)):
        received = dt.date(2026, 3, 4) + dt.timedelta(days=i % 3)
        offer = services.offer_receive(actor=None, bargainingoffer=offer, received_on=received)
        if fate == "overdue":
            continue  # the escalation job below marks them
        offer = services.offer_respond(
            actor=None,
            bargainingoffer=offer,
            responded_on=received + dt.timedelta(days=8 + i % 7),
            agrees=fate != "failed",
        )
        if fate in ("failed", "responded"):
            continue
        offer = services.offer_negotiate(actor=None, bargainingoffer=offer)
        case = offer.case
        _seat(case, rng, expert=i % 4 == 0)
        if fate == "agreed":
            _standard(case, "monthly_floor", f"{2300 + 50 * (i % 5)}.00")
            signed = dt.date(2026, 4, 20) + dt.timedelta(days=i * 3)
            case = _in_force(case, signed, years=2 + i % 2, published=i % 4 != 3)
            services.offer_close(actor=None, bargainingoffer=offer, status=OfferStatus.AGREED)
        elif fate == "suspended":
            case = services.case_start(actor=None, bargainingcase=case)
            services.case_suspend(actor=None, bargainingcase=case)
            services.offer_close(actor=None, bargainingoffer=offer, status=OfferStatus.SUSPENDED)
        else:
            services.case_start(actor=None, bargainingcase=case)
        cases.append(case)
    services.offers_escalate(today=dt.date(2026, 3, 30))
    return cases


def _winter(county, enterprises, today, rng) -> list[BargainingCase]:
    """A campaign under way: offers received in the last weeks, their countdowns running."""
    start = today - dt.timedelta(days=24)
    campaign = services.campaign_create(
        actor=None,
        union=county,
        title=WINTER,
        period_start=start,
        period_end=today + dt.timedelta(days=60),
        note="工资集体协商：重点关注一线产业工人工资增长和工资支付保障。",
    )
    offers = services.campaign_send(
        actor=None, offercampaign=campaign, enterprises=enterprises, sent_on=start
    )
    for i, offer in enumerate(offers):
        if i >= 10:
            continue  # just sent, receipt not yet confirmed
        received = start + dt.timedelta(days=1 + i * 2)
        offer = services.offer_receive(actor=None, bargainingoffer=offer, received_on=received)
        if i < 2:
            services.offer_respond(
                actor=None, bargainingoffer=offer, responded_on=received + dt.timedelta(days=6)
            )
    services.offers_escalate(today=today)
    return []


def _industry_and_regional(county, platform, pool, today, rng) -> list[BargainingCase]:
    riders = services.case_create(
        actor=None,
        title="盐南高新区网约送餐行业集体合同",
        tier="industry",
        union=county,
        industry_code="6242",
        key_group="delivery_rider",
        requested_on=dt.date(2026, 3, 9),
        covered_enterprises=[e for e in platform if e.industry_code == "6242"],
        note="计件单价、订单分配规则、恶劣天气补贴、休息时间和驿站服务。",
    )
    _seat(riders, rng, expert=True)
    _standard(riders, "piece_rate", "5.50", item="每单基础配送费")
    _standard(riders, "monthly_floor", "2600.00")
    _standard(riders, "hourly_floor", "24.00")
    _standard(
        riders,
        "order_allocation",
        rule="派单算法规则提前公示；连续工作4小时强制休息20分钟；恶劣天气不考核超时。",
    )
    riders = services.case_start(actor=None, bargainingcase=riders)
    _negotiation_record(
        riders,
        [dt.date(2026, 3, 26), dt.date(2026, 4, 15), dt.date(2026, 4, 29)],
        RIDER_DRAFTS,
        first_draft_on=dt.date(2026, 3, 20),
    )
    riders = _in_force(riders, dt.date(2026, 5, 18), years=3)
    couriers = services.case_create(
        actor=None,
        title="盐南高新区快递行业集体合同",
        tier="industry",
        union=county,
        industry_code="6020",
        key_group="courier",
        requested_on=dt.date(2026, 3, 9),
        covered_enterprises=[e for e in platform if e.industry_code == "6020"],
        note="派件单价、最低劳动报酬、高温补贴和职业伤害保障。",
    )
    _seat(couriers, rng)
    _standard(couriers, "piece_rate", "1.20", item="每件派送费")
    _standard(couriers, "monthly_floor", "2500.00")
    couriers = _in_force(couriers, dt.date(2026, 6, 8), years=2)
    # An enterprise contract that undercuts the industry piece rate: flagged on its page.
    suda = next(e for e in platform if e.name == "盐城速达即时配送有限公司")
    low = services.case_create(
        actor=None,
        title=f"{suda.name}集体合同",
        tier="enterprise",
        union=county,
        enterprise=suda,
        requested_on=dt.date(2026, 7, 1),
    )
    _seat(low, rng)
    _standard(low, "piece_rate", "5.20", item="每单基础配送费")
    _standard(low, "monthly_floor", "2650.00")
    low = _in_force(low, dt.date(2026, 8, 3), years=2, published=False)
    xindu = Region.objects.get(code="320903050")
    small = [
        e
        for e in pool
        if e.region.path.startswith(xindu.path) and e.size_class in ("small", "micro")
    ][:30]
    regional = services.case_create(
        actor=None,
        title="新都街道区域性工资专项集体合同",
        tier="regional",
        union=OrgUnit.objects.get(code="320903050"),
        outcome_type="special_contract",
        special_topic="wage",
        requested_on=dt.date(2025, 11, 3),
        covered_enterprises=small,
        note="区域最低工资底线：不低于江苏省一类地区最低工资标准，年度工资增长指导线。",
    )
    _seat(regional, rng)
    _standard(regional, "monthly_floor", "2200.00")
    regional = _in_force(regional, dt.date(2025, 12, 15), years=3)
    return [riders, couriers, low, regional]


def _enterprise_states(county, enterprises, today, rng) -> list[BargainingCase]:
    """Enterprise cases outside the campaigns, one in each state a cadre meets."""
    from unionhub.bargaining.services import _enterprise_union

    def case(ent, title, **extra):
        made = services.case_create(
            actor=None,
            title=f"{ent.name}{title}",
            tier="enterprise",
            union=_enterprise_union(ent) or county,
            enterprise=ent,
            **extra,
        )
        _seat(made, rng)
        return made

    e = iter(enterprises)
    made = [
        case(next(e), "集体合同（筹备）", requested_on=today - dt.timedelta(days=6)),
        _advance(
            case(
                next(e),
                "工资专项集体合同",
                outcome_type="special_contract",
                special_topic="wage",
                requested_on=today - dt.timedelta(days=40),
            ),
            to="negotiating",
        ),
        _advance(
            case(
                next(e),
                "女职工权益保护专项集体合同",
                outcome_type="special_contract",
                special_topic="women",
                requested_on=today - dt.timedelta(days=50),
            ),
            to="adopted",
            votes=(120, 96, 88),
        ),
        _advance(
            case(next(e), "集体合同", requested_on=today - dt.timedelta(days=60)),
            to="signed",
            signed=today - dt.timedelta(days=4),
        ),
        _advance(
            case(next(e), "集体合同", requested_on=today - dt.timedelta(days=70)),
            to="received",
            signed=today - dt.timedelta(days=12),
            filed=today - dt.timedelta(days=9),
            received=today - dt.timedelta(days=7),
        ),
    ]
    expiring = case(next(e), "集体合同（2024—2026）", requested_on=dt.date(2023, 12, 4))
    made.append(_in_force(expiring, dt.date(2024, 1, 26), years=3, term_start=dt.date(2024, 2, 1)))
    expired = case(next(e), "集体合同（2022—2024）", requested_on=dt.date(2022, 3, 1))
    _standard(expired, "monthly_floor", "2300.00")
    _standard(expired, "hourly_floor", "22.00")
    services.draft_create(actor=None, case=expired, prepared_on=dt.date(2022, 3, 20), text=OLD_TEXT)
    made.append(_in_force(expired, dt.date(2022, 4, 11), years=2))
    objected = _advance(
        case(
            next(e),
            "工资调整机制专项集体合同",
            outcome_type="special_contract",
            special_topic="wage_adjustment",
            requested_on=dt.date(2026, 6, 1),
        ),
        to="received",
        signed=dt.date(2026, 7, 6),
        filed=dt.date(2026, 7, 10),
        received=dt.date(2026, 7, 13),
    )
    made.append(
        services.case_object(
            actor=None,
            bargainingcase=objected,
            objection_on=dt.date(2026, 7, 24),
            objection_note="第八条计件单价折算后低于江苏省最低工资标准，请修改后重新报送。",
        )
    )
    five = _advance(
        case(next(e), "集体合同（五年期）", requested_on=dt.date(2026, 5, 6)), to="adopted"
    )
    made.append(_in_force(five, dt.date(2026, 6, 15), years=5))
    minutes = case(next(e), "高温津贴协商会议纪要", procedure="simplified", outcome_type="minutes")
    minutes = services.case_start(actor=None, bargainingcase=minutes)
    made.append(
        services.case_sign(actor=None, bargainingcase=minutes, signed_on=dt.date(2026, 6, 28))
    )
    failed = case(next(e), "集体合同", requested_on=dt.date(2026, 4, 7))
    made.append(services.case_fail(actor=None, bargainingcase=failed))
    vacancy = _advance(
        case(
            next(e),
            "安全生产专项集体合同",
            outcome_type="special_contract",
            special_topic="safety_health",
            requested_on=today - dt.timedelta(days=30),
        ),
        to="negotiating",
    )
    seat = vacancy.representatives.filter(side=Side.WORKERS, is_chief=False).first()
    services.representative_vacate(
        actor=None, representative=seat, vacated_on=today - dt.timedelta(days=5)
    )
    made.append(vacancy)
    assert all(c.status != CaseStatus.PREPARING or c.requested_on for c in made)
    return made
