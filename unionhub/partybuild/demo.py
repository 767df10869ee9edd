"""Demo records of party-union co-building, through the services (the figures come from
records, never typed):

- 经开区: party facts of every operating non-public enterprise (each with ≥ 3 party members
  has a party organisation → coverage 100%), unions for enough ≥ 25-person enterprises to
  pass 90% union coverage (through the enterprises service), this year's 三创争两提升 with
  12 enterprises at different steps (one overdue), 8 demonstration units and 1
  demonstration area, lectures and videos, and 20 deputies of whom 7 industrial workers;
- 东台: 江苏东强 (created through the enterprises service when missing) and its
  dual-cultivation pipeline over six years.

Idempotent: a county already seeded is skipped."""

from __future__ import annotations

import datetime as dt
import math
import random

from django.db import transaction
from django.utils import timezone

from unionhub.core.middleware import acting_as
from unionhub.enterprises import services as enterprise_services
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.samples import make_uscc
from unionhub.org.models import Region
from unionhub.partybuild import services
from unionhub.partybuild.choices import Stage
from unionhub.partybuild.filtersets import NONPUBLIC
from unionhub.partybuild.models import Cultivation, Deputy, Participation, PartyFacts

JINGKAI = "320971"
DONGTAI = "320981"
DONGQIANG = "江苏东强股份有限公司"
HAS_UNION = ["built", "term_overdue", "dormant"]
UNION_TARGET = 0.92
SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "建国",
    "海燕",
    "志刚",
    "丽华",
    "晓东",
    "春梅",
    "永强",
    "静",
    "磊",
    "红霞",
    "伟",
    "敏",
    "军",
    "芳",
    "斌",
    "娟",
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _clamp(day: dt.date, today: dt.date) -> dt.date:
    return min(day, today)


def load(stdout=None) -> None:
    with acting_as(None), transaction.atomic():
        made = _jingkai() + _dongtai()
    if stdout:
        stdout.write(f"  党工共建：新增 {made} 条记录")


# --- 经开区 -----------------------------------------------------------------------------


def _jingkai() -> int:
    county = Region.objects.filter(code=JINGKAI).first()
    if county is None or Deputy.objects.filter(region__path__startswith=county.path).exists():
        return 0
    rng = random.Random("partybuild-jingkai")  # noqa: S311 — deterministic demo data
    today = timezone.localdate()
    enterprises = list(
        Enterprise.objects.filter(
            region__path__startswith=county.path, operating_status="operating"
        )
        .select_related("region")
        .order_by("name", "pk")
    )
    if not enterprises:
        return 0
    made = _union_coverage(county, enterprises, today)
    made += _party_facts(rng, enterprises, today)
    made += _cycle(rng, county, enterprises, today)
    made += _lectures(county, today)
    made += _deputies(rng, county, enterprises)
    return made


def _union_coverage(county: Region, enterprises: list[Enterprise], today: dt.date) -> int:
    """经开区's campaign result: unions for the biggest uncovered ≥ 25-person enterprises until
    coverage passes 90% (the establishment module's definition, through its service)."""
    big = [e for e in enterprises if e.employees >= 25]
    covered = sum(1 for e in big if e.union_status in HAS_UNION)
    needed = max(0, math.ceil(UNION_TARGET * len(big)) - covered)
    uncovered = sorted(
        (e for e in big if e.union_status not in HAS_UNION), key=lambda e: (-e.employees, e.pk)
    )
    for i, ent in enumerate(uncovered[:needed]):
        founded = max(ent.founded_on, today - dt.timedelta(days=300 - i * 7))
        enterprise_services.union_create(
            actor=None,
            enterprises=[ent],
            form="standalone",
            mode="scale_single",
            founded_on=founded,
            approved_on=founded,
            chair_name=f"{SURNAMES[i % len(SURNAMES)]}主席",
            term_start=founded,
            term_years=5,
            member_count=max(25, int(ent.employees * 0.85)),
            name=f"{ent.name}工会",
        )
    return min(needed, len(uncovered))


def _org_type(members: int) -> str:
    if members >= 100:
        return "committee"
    if members >= 50:
        return "general_branch"
    return "branch"


def _party_facts(rng: random.Random, enterprises: list[Enterprise], today: dt.date) -> int:
    """Every operating non-public enterprise's party facts: bigger firms have more party
    members; every one with 3 or more has its own organisation (经开区: 100%); a few
    small firms with one or two members are in a joint branch of their park."""
    made = 0
    for ent in enterprises:
        if ent.ownership not in NONPUBLIC or PartyFacts.objects.filter(enterprise=ent).exists():
            continue
        if ent.employees >= 25:
            members = max(3, int(ent.employees * rng.uniform(0.04, 0.12)))
        else:
            members = rng.choice([0, 0, 1, 2, 3])
        if members >= 3:
            org_type = _org_type(members)
        elif members > 0 and rng.random() < 0.5:
            org_type = "joint_branch"
        else:
            org_type = "none"
        founded = None
        if org_type != "none":
            span = max(0, (today - ent.founded_on).days - 30)
            founded = ent.founded_on + dt.timedelta(days=30 + rng.randint(0, span))
        services.partyfacts_create(
            actor=None,
            enterprise=ent,
            party_members=members,
            org_type=org_type,
            org_founded_on=founded,
        )
        made += 1
    return made


def _cycle(
    rng: random.Random, county: Region, enterprises: list[Enterprise], today: dt.date
) -> int:
    """This year's 三创争两提升: 12 enterprises at different steps; 8 of them named
    demonstration units, and the park named the demonstration area."""
    year = today.year
    candidates = sorted(
        (e for e in enterprises if e.employees >= 100), key=lambda e: (-e.employees, e.pk)
    )[:12]
    launched = dt.date(year, 3, 1)
    made = 0
    for i, ent in enumerate(candidates):
        if Participation.objects.filter(enterprise=ent, year=year).exists():
            continue
        p = services.participation_create(
            actor=None, enterprise=ent, year=year, launched_on=min(launched, today)
        )
        made += 1
        reports = {r.stage: r for r in p.reports.all()}
        if i == 11:
            continue  # plan still owed: overdue once its due date has passed
        steps = [(Stage.PLAN, dt.date(year, 3, 20 + i % 8), dt.date(year, 3, 30))]
        if i < 10:
            steps.append((Stage.MIDYEAR, dt.date(year, 7, 3 + i), dt.date(year, 7, 20)))
        for n, (stage, submitted_on, reviewed_on) in enumerate(steps):
            if submitted_on > today:
                break
            report = reports[stage]
            services.cyclereport_submit(
                actor=None,
                cyclereport=report,
                submitted_on=submitted_on,
                content=_content(stage, ent),
            )
            # Two mid-year reports wait for the union's review (a to-do item).
            if (stage == Stage.MIDYEAR and i in (8, 9)) or reviewed_on > today:
                break
            services.cyclereport_review(
                actor=None,
                cyclereport=report,
                decision="approve",
                comment="符合要求" if n == 0 else "督查合格",
                reviewed_on=max(reviewed_on, submitted_on),
            )
    named_on = max(dt.date(year, 1, 1), min(today, dt.date(year, 11, 20)))
    units = [e for e in candidates[:8]]
    for ent in units:
        services.demonstration_create(
            actor=None,
            kind="unit",
            year=year,
            enterprise=ent,
            named_on=named_on,
            named_by="盐城经济技术开发区总工会",
            name="",
            region=None,
        )
        made += 1
    park = Region.objects.filter(parent=county, level="town").order_by("code").first() or county
    services.demonstration_create(
        actor=None,
        kind="area",
        year=year,
        name=f"{park.name}“三创争两提升”示范区",
        enterprise=None,
        region=park,
        named_on=named_on,
        named_by="盐城市总工会",
    )
    return made + 1


def _content(stage: str, ent: Enterprise) -> str:
    if stage == Stage.PLAN:
        return f"{ent.name}年度计划：创建模范职工之家，开展劳动竞赛和技能比武，职工培训覆盖率 90% 以上。"
    return f"{ent.name}年中督查：劳动竞赛已开展 2 轮，合理化建议 36 条，职工书屋建成。"


LECTURES = [
    ("lecture", "“三创争两提升”政策宣讲", "开发区总工会 刘宣讲", 2, ""),
    ("lecture", "产业工人队伍建设改革解读", "市总工会 陈处长", 4, ""),
    (
        "video",
        "微党课：党建带工建",
        "开发区党工委 王书记",
        5,
        "https://video.example.cn/jk/dangjian-daigongjian",
    ),
    (
        "video",
        "劳模工匠讲堂：汽车焊装精度提升",
        "悦达起亚 张工匠",
        6,
        "https://video.example.cn/jk/gongjiang-hanzhuang",
    ),
    ("lecture", "和谐劳动关系创建实务", "开发区人社局 周科长", 9, ""),
    (
        "video",
        "示范单位经验分享（上）",
        "示范企业工会主席",
        10,
        "https://video.example.cn/jk/shifan-1",
    ),
]


def _lectures(county: Region, today: dt.date) -> int:
    made = 0
    for kind, title, speaker, month, link in LECTURES:
        given_on = dt.date(today.year, month, 18)
        if given_on > today:
            continue
        services.lecture_create(
            actor=None,
            kind=kind,
            title=title,
            speaker=speaker,
            given_on=given_on,
            region=county,
            link=link,
        )
        made += 1
    return made


# (kind, level, industrial worker?, occupation)
DEPUTIES = [
    ("party_congress", "city", True, "汽车焊装班组长"),
    ("party_congress", "city", False, "企业党委书记"),
    ("party_congress", "county", True, "数控车工"),
    ("party_congress", "county", True, "电气维修技师"),
    ("party_congress", "county", False, "社区书记"),
    ("party_congress", "county", False, "开发区机关干部"),
    ("npc", "provincial", False, "企业董事长"),
    ("npc", "city", True, "光伏组件装配工"),
    ("npc", "city", False, "中学教师"),
    ("npc", "county", True, "叉车司机"),
    ("npc", "county", False, "医生"),
    ("npc", "county", True, "纺织挡车工"),
    ("npc", "township", True, "质检员"),
    ("npc", "township", False, "村委会主任"),
    ("cppcc", "city", False, "律师"),
    ("cppcc", "city", False, "企业总经理"),
    ("cppcc", "county", False, "会计师"),
    ("cppcc", "county", False, "民营企业家"),
    ("cppcc", "county", False, "高校教师"),
    ("cppcc", "county", False, "工程师"),
]


def _deputies(rng: random.Random, county: Region, enterprises: list[Enterprise]) -> int:
    factories = [
        e for e in enterprises if e.industry_code.startswith(("3", "2", "1", "C"))
    ] or enterprises
    for kind, level, industrial, occupation in DEPUTIES:
        services.deputy_create(
            actor=None,
            name=_name(rng),
            kind=kind,
            level=level,
            region=county,
            enterprise=rng.choice(factories) if industrial else None,
            occupation=occupation,
            is_industrial_worker=industrial,
        )
    return len(DEPUTIES)


# --- 东台: 江苏东强's dual cultivation ------------------------------------------------------


def _dongqiang(county: Region) -> Enterprise:
    existing = Enterprise.objects.filter(name=DONGQIANG).first()
    if existing is not None:
        return existing
    town = Region.objects.filter(parent=county, level="town").order_by("code").first() or county
    return enterprise_services.enterprise_create(
        actor=None,
        uscc=make_uscc("DQ0981001", DONGTAI),
        name=DONGQIANG,
        region=town,
        industry_code="2913",
        ownership="private",
        employees=1350,
        revenue_wan=168000,
        assets_wan=152000,
        founded_on=dt.date(2003, 8, 18),
        is_head_enterprise=True,
        is_high_profile=True,
    )


def _dongtai() -> int:
    county = Region.objects.filter(code=DONGTAI).first()
    if county is None:
        return 0
    ent = _dongqiang(county)
    if Cultivation.objects.filter(enterprise=ent).exists():
        return 0
    rng = random.Random("partybuild-dongqiang")  # noqa: S311 — deterministic demo data
    today = timezone.localdate()
    made = 0
    if not PartyFacts.objects.filter(enterprise=ent).exists():
        services.partyfacts_create(
            actor=None,
            enterprise=ent,
            party_members=126,
            org_type="committee",
            org_founded_on=dt.date(2006, 7, 1),
        )
        made += 1
    # 48 backbones over six years; about 45% then joined the party, about a third of those
    # became managers ("技术骨干培养成党员，党员培养成技术骨干，优秀的培养成管理人员").
    for i in range(48):
        year = today.year - 5 + i % 6
        backbone_on = _clamp(dt.date(year, 1 + i % 12, 1 + i % 27), today)
        party_on = manager_on = None
        if i % 9 in (0, 2, 4, 6):
            party_on = _clamp(backbone_on + dt.timedelta(days=rng.randint(300, 720)), today)
            if i % 3 == 0:
                manager_on = _clamp(party_on + dt.timedelta(days=rng.randint(180, 540)), today)
        services.cultivation_create(
            actor=None,
            enterprise=ent,
            name=_name(rng),
            backbone_on=backbone_on,
            party_member_on=party_on,
            manager_on=manager_on,
        )
        made += 1
    return made
