"""Demo records of the studios, from the issue's seed: 盐都 22 studios (3 provincial
demonstration studios), the city's first studio alliance with four industry alliances
(education, rural revitalisation, health, marine industry) whose studios come from several
regions, joint projects; 东台's 江苏东强 with its studio's new products (more than six a
year through provincial appraisal) and the pioneer who mentors 8 lead operators.
Mentorships (a registry model) are loaded here because they hang on the studios. Idempotent;
all figures come from these records."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from unionhub.core.middleware import acting_as
from unionhub.enterprises.models import Enterprise
from unionhub.org.models import Region
from unionhub.people import services as people_services
from unionhub.people.demo import PIONEER, RISEN_CRAFTSMAN, YANDU, dongqiang
from unionhub.people.models import Mentorship, ModelWorker
from unionhub.studios import services
from unionhub.studios.models import Alliance, Studio

ALLIANCE = "盐都区劳模工匠创新工作室联盟"
DONGQIANG_STUDIO = "东强劳模创新工作室"
#: (industry, sub-alliance name, GB/T 4754 sections its host enterprises come from)
INDUSTRIES = [
    ("education", "教育产业创新工作室联盟", "P"),
    ("rural_revitalisation", "乡村振兴创新工作室联盟", "A"),
    ("health", "卫生健康创新工作室联盟", "Q"),
    ("marine", "海洋产业创新工作室联盟", "C"),
]
STUDIO_FOCUS = {
    "education": ["职业教育课程开发", "实训教学改革", "技能竞赛辅导"],
    "rural_revitalisation": ["稻麦良种繁育", "农机智能化改造", "设施农业"],
    "health": ["护理技术创新", "中医适宜技术", "急救培训"],
    "marine": ["海上风电运维", "海洋装备焊接", "海水养殖工艺"],
}
PRODUCT_NAMES = [
    "高精度液压转向器",
    "新能源汽车电机壳体",
    "耐腐蚀海工法兰",
    "智能农机导航终端",
    "轻量化铝合金支架",
    "高效节能换热器",
    "数控折弯模具",
    "海上风电塔筒连接件",
    "精密轴承保持架",
]


def _yandu_hosts() -> dict[str, list[Enterprise]]:
    county = Region.objects.get(code=YANDU)
    ents = Enterprise.objects.filter(region__path__startswith=county.path).order_by("pk")
    hosts: dict[str, list[Enterprise]] = {}
    for industry, _name, section in INDUSTRIES:
        chosen = list(ents.filter(industry_section=section)[:6])
        if len(chosen) < 6:
            chosen += list(ents.exclude(pk__in=[e.pk for e in chosen])[: 6 - len(chosen)])
        hosts[industry] = chosen
    return hosts


def _leaders(code: str, count: int) -> list[ModelWorker]:
    county = Region.objects.get(code=code)
    return list(
        ModelWorker.objects.filter(
            region__path__startswith=county.path,
            category__in=("model_worker", "craftsman"),
            level__in=("national", "provincial", "city"),
        ).order_by("-level", "pk")[:count]
    )


def _dates_this_year(n: int) -> list[dt.date]:
    """``n`` dates spread over this year up to today (never in the future)."""
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    span = (today - start).days
    return [start + dt.timedelta(days=(span * (i + 1)) // (n + 1)) for i in range(n)]


def _achievements(studio: Studio, rng: random.Random, *, products_this_year: int = 0) -> None:
    for i, when in enumerate(_dates_this_year(products_this_year)):
        services.achievement_create(
            actor=None,
            studio=studio,
            kind="new_product",
            title=PRODUCT_NAMES[i % len(PRODUCT_NAMES)] + ("" if i < len(PRODUCT_NAMES) else "Ⅱ"),
            achieved_on=when,
            appraisal_level="provincial",
            economic_benefit=Decimal(rng.randint(80, 600) * 1000),
        )
    last_year = timezone.localdate().year - 1
    for kind, title in [
        ("patent", f"{studio.focus}实用新型专利"),
        ("technique", f"{studio.focus}操作法"),
        ("award", "盐城市职工技术创新成果奖"),
    ]:
        if rng.random() < 0.85:
            services.achievement_create(
                actor=None,
                studio=studio,
                kind=kind,
                title=title,
                achieved_on=dt.date(last_year, rng.randint(1, 12), rng.randint(1, 28)),
                economic_benefit=Decimal(rng.randint(0, 200) * 1000),
            )
    if rng.random() < 0.5:
        services.achievement_create(
            actor=None,
            studio=studio,
            kind="new_product",
            title=f"{studio.focus}新产品",
            achieved_on=dt.date(last_year, rng.randint(1, 12), rng.randint(1, 28)),
            appraisal_level=rng.choice(["city", "provincial"]),
            economic_benefit=Decimal(rng.randint(50, 300) * 1000),
        )


def _yandu(rng: random.Random) -> None:
    if Alliance.objects.filter(name=ALLIANCE).exists():
        return
    today = timezone.localdate()
    hosts = _yandu_hosts()
    leaders = _leaders(YANDU, 22)
    # 22 studios: 6 + 6 + 5 + 5 over the four industries; 3 provincial demonstration studios.
    plan = [("education", 6), ("rural_revitalisation", 6), ("health", 5), ("marine", 5)]
    levels = ["provincial"] * 3 + ["city"] * 11 + ["county"] * 8
    studios: dict[str, list[Studio]] = {}
    n = 0
    for industry, count in plan:
        studios[industry] = []
        for i in range(count):
            host = hosts[industry][i % len(hosts[industry])]
            leader = leaders[n % len(leaders)]
            focus = STUDIO_FOCUS[industry][i % 3]
            # A few named three years ago this quarter: their re-evaluation is coming (to-do).
            named = (
                today - dt.timedelta(days=3 * 365 - 30)
                if n % 7 == 0
                else dt.date(rng.randint(2016, today.year - 1), rng.randint(1, 12), 15)
            )
            studio = services.studio_create(
                actor=None,
                name=f"{leader.name}{'劳模' if leader.category == 'model_worker' else '工匠'}创新工作室",
                host_enterprise=host,
                leader=leader,
                level=levels[n],
                named_on=named,
                focus=focus,
            )
            _achievements(studio, rng, products_this_year=2 if levels[n] == "provincial" else 0)
            if levels[n] == "provincial":
                services.funding_create(
                    actor=None,
                    studio=studio,
                    received_on=dt.date(today.year - 1, 6, 30),
                    amount=Decimal("100000.00"),
                    source="江苏省总工会",
                    purpose="省级示范性创新工作室补助",
                )
            elif levels[n] == "city":
                services.funding_create(
                    actor=None,
                    studio=studio,
                    received_on=dt.date(today.year - 1, 9, 30),
                    amount=Decimal("30000.00"),
                    source="盐城市总工会",
                    purpose="市级创新工作室补助",
                )
            studios[industry].append(studio)
            n += 1
    county = Region.objects.get(code=YANDU)
    first = studios["marine"][0]
    top = services.alliance_create(
        actor=None,
        name=ALLIANCE,
        region=county,
        founded_on=dt.date(2022, 4, 26),
        lead_studio=first,
        note="全市首个劳模工匠创新工作室联盟，跨区域、跨行业、跨岗位协作",
    )
    for industry, name, _section in INDUSTRIES:
        group = studios[industry]
        sub = services.alliance_create(
            actor=None,
            name=name,
            region=county,
            parent=top,
            industry=industry,
            founded_on=dt.date(2022, 6, 18),
            lead_studio=group[0],
        )
        for studio in group[1:]:
            services.alliancemembership_create(
                actor=None, alliance=sub, studio=studio, joined_on=dt.date(2022, 6, 18)
            )
        if industry == "education":
            services.alliance_rotate_lead(
                actor=None, alliance=sub, lead_studio=group[1], since=dt.date(2024, 6, 18)
            )
    for industry, _count in plan:
        for studio in studios[industry]:
            if studio != first:
                services.alliancemembership_create(
                    actor=None, alliance=top, studio=studio, joined_on=dt.date(2022, 6, 18)
                )
    _projects(top, studios, rng)
    _mentoring(studios, rng)


def _projects(top: Alliance, studios: dict[str, list[Studio]], rng: random.Random) -> None:
    today = timezone.localdate()
    problems = [
        ("marine", "海上风电塔筒法兰焊接变形控制", Decimal("200000.00"), "solved"),
        ("rural_revitalisation", "稻麦联合收割机籽粒破损率过高", Decimal("80000.00"), "taken"),
        ("health", "老年护理床位智能翻身装置", Decimal("50000.00"), "posted"),
    ]
    for i, (industry, title, reward, stage) in enumerate(problems):
        taker = studios[industry][1]
        poster = studios[industry][-1].host_enterprise
        posted = today - dt.timedelta(days=200 - 40 * i)
        project = services.jointproject_create(
            actor=None,
            alliance=top,
            poster=poster,
            title=title,
            posted_on=posted,
            reward=reward,
            description="企业出题、工作室揭榜、联盟协同攻关",
        )
        if stage in ("taken", "solved"):
            services.jointproject_take(
                actor=None,
                jointproject=project,
                studio=taker,
                taken_on=posted + dt.timedelta(days=14),
            )
        if stage == "solved":
            services.jointproject_complete(
                actor=None,
                jointproject=project,
                completed_on=posted + dt.timedelta(days=120),
                solved=True,
                outcome="焊接变形量由3毫米降至0.8毫米，形成标准作业法1项",
                economic_benefit=Decimal("1260000.00"),
            )
    _ = rng


def _mentoring(studios: dict[str, list[Studio]], rng: random.Random) -> None:
    today = timezone.localdate()
    for industry, group in studios.items():
        for studio in group[:2]:
            for k in range(2):
                people_services.mentorship_create(
                    actor=None,
                    mentor=studio.leader,
                    apprentice_name=f"{studio.leader.name[0]}徒{industry[:2]}{k + 1}",
                    studio=studio,
                    started_on=today - dt.timedelta(days=rng.randint(60, 700)),
                )


def _dongtai(rng: random.Random) -> None:
    if Studio.objects.filter(name=DONGQIANG_STUDIO).exists():
        return
    ent = dongqiang()
    leader = ModelWorker.objects.get(name=RISEN_CRAFTSMAN, employer=ent)
    pioneer = ModelWorker.objects.get(name=PIONEER, employer=ent)
    studio = services.studio_create(
        actor=None,
        name=DONGQIANG_STUDIO,
        host_enterprise=ent,
        leader=leader,
        level="provincial",
        named_on=dt.date(2020, 5, 1),
        focus="精密制造工艺",
    )
    # The studio's output: seven new products through provincial appraisal this year (the
    # seed: "six or more a year"), six last year.
    _achievements(studio, rng, products_this_year=7)
    last_year = timezone.localdate().year - 1
    for i in range(6):
        services.achievement_create(
            actor=None,
            studio=studio,
            kind="new_product",
            title=f"{PRODUCT_NAMES[(i + 3) % len(PRODUCT_NAMES)]}（{last_year}版）",
            achieved_on=dt.date(last_year, 2 + i, 18),
            appraisal_level="provincial",
            economic_benefit=Decimal(rng.randint(100, 500) * 1000),
        )
    services.studiomember_create(
        actor=None,
        studio=studio,
        name=PIONEER,
        role="技术骨干、党员先锋",
        joined_on=dt.date(2020, 5, 1),
    )
    # The pioneer trained 8 lead operators in a year.
    today = timezone.localdate()
    start = dt.date(today.year - 1, 11, 1)
    for i in range(8):
        begun = start + dt.timedelta(days=3 * i)
        ended = max(begun, min(today, dt.date(today.year, 9, 30)))
        people_services.mentorship_create(
            actor=None,
            mentor=pioneer,
            apprentice_name=f"东强学员{i + 1:02d}",
            studio=studio,
            started_on=begun,
            ended_on=ended,
            outcome="lead_operator",
            note="结对一年，考核合格，担任产线领班",
        )
    services.funding_create(
        actor=None,
        studio=studio,
        received_on=dt.date(last_year, 6, 30),
        amount=Decimal("100000.00"),
        source="江苏省总工会",
        purpose="省级示范性创新工作室补助",
    )
    # A 东台 studio in 盐都's marine alliance: the alliances work across regions.
    marine = Alliance.objects.filter(industry="marine", parent__name=ALLIANCE).first()
    if marine is not None:
        services.alliancemembership_create(
            actor=None, alliance=marine, studio=studio, joined_on=dt.date(last_year, 3, 1)
        )


def load(stdout=None) -> None:
    rng = random.Random(20261202)  # noqa: S311 — reproducible demo data
    with acting_as(None):
        _yandu(rng)
        _dongtai(rng)
    if stdout:
        stdout.write(
            f"  创新工作室：{Studio.objects.count()} 个，联盟 {Alliance.objects.count()} 个，"
            f"带徒 {Mentorship.objects.count()} 人"
        )
