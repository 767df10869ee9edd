"""Demo records of the registry, from the issue's seed: 盐都 about 1,200 model workers,
craftsmen and advanced workers (bulk-created); 东台's 江苏东强 with its pioneer (who mentors
8 lead operators, see ``studios/demo.py``) and a craftsman who became a provincial model
worker through the nomination → public notice → award flow. Idempotent."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.enterprises.models import Enterprise
from unionhub.org.models import Region
from unionhub.people import services
from unionhub.people.models import Honour, ModelWorker

YANDU = "320903"
DONGTAI = "320981"
YANDU_PEOPLE = 1200
DONGTAI_PEOPLE = 60

DONGQIANG = "江苏东强股份有限公司"
PIONEER = "周建华"  # 东强's pioneer (先锋) who mentors the lead operators
RISEN_CRAFTSMAN = "陈海峰"  # city craftsman → provincial model worker

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国志强海峰晓东立新卫东春华秀英玉兰桂芳国庆红梅永军明亮文杰宏伟丽娟凤英爱华金华小平德胜振华勇刚俊杰雪梅云飞伟民学军"
SKILLS = [
    "数控加工",
    "焊接",
    "电气维修",
    "汽车装配",
    "纺织挡车",
    "模具制造",
    "化工操作",
    "农机维修",
    "中式烹调",
    "护理",
    "教学研究",
    "海水养殖",
    "光伏组件",
    "机电一体化",
]
#: (category, level, weight, title)
PROFILE = [
    ("model_worker", "national", 3, "全国劳动模范"),
    ("model_worker", "provincial", 25, "江苏省劳动模范"),
    ("model_worker", "city", 120, "盐城市劳动模范"),
    ("model_worker", "county", 160, "区级劳动模范"),
    ("craftsman", "provincial", 12, "江苏工匠"),
    ("craftsman", "city", 130, "盐城工匠"),
    ("craftsman", "county", 250, "区级工匠"),
    ("advanced_worker", "provincial", 20, "江苏省先进工作者"),
    ("advanced_worker", "city", 180, "盐城市先进工作者"),
    ("advanced_worker", "county", 300, "区级先进工作者"),
]


def _name(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(0, len(GIVEN) - 1, 2) :][:2]
    return rng.choice(SURNAMES) + given


def _enterprises(code: str) -> list[Enterprise]:
    county = Region.objects.get(code=code)
    return list(
        Enterprise.objects.filter(region__path__startswith=county.path)
        .select_related("region")
        .order_by("pk")[:400]
    )


def _bulk_people(code: str, count: int, seed: str) -> int:
    county = Region.objects.get(code=code)
    if ModelWorker.objects.filter(region__path__startswith=county.path).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 — reproducible demo data
    employers = _enterprises(code)
    this_year = timezone.localdate().year
    weights = [w for _c, _l, w, _t in PROFILE]
    people = []
    for _i in range(count):
        category, level, _w, title = rng.choices(PROFILE, weights=weights)[0]
        employer = rng.choice(employers) if employers else None
        people.append(
            ModelWorker(
                name=_name(rng),
                region=employer.region if employer else county,
                employer=employer,
                category=category,
                level=level,
                title=title.replace("区级", f"{county.name}"),
                year_awarded=rng.randint(this_year - 20, this_year - 1),
                industry_code=(employer.industry_code[:4] if employer else ""),
                skills=rng.choice(SKILLS),
            )
        )
    ModelWorker.objects.bulk_create(people, batch_size=500)
    record_change(
        model=ModelWorker,
        action="import",
        changes={"created": len(people)},
        note=f"演示数据：{county.name} {len(people)} 名劳模、工匠和先进工作者",
        region_path=county.path,
    )
    # Each person's headline title is also their first honour (the history starts there).
    made = list(ModelWorker.objects.filter(region__path__startswith=county.path))
    Honour.objects.bulk_create(
        [
            Honour(
                model_worker=p,
                category=p.category,
                level=p.level,
                title=p.title,
                awarded_on=dt.date(p.year_awarded, 4, 28),
                awarded_by="盐城市人民政府" if p.level != "county" else f"{county.name}人民政府",
            )
            for p in made
        ],
        batch_size=500,
    )
    record_change(
        model=Honour,
        action="import",
        changes={"created": len(made)},
        note=f"演示数据：{county.name} 荣誉记录 {len(made)} 条",
        region_path=county.path,
    )
    _care_visits(county, made, rng)
    return len(people)


#: (title, month, day, given, yuan for national/provincial, yuan for city) — this year's
#: care visits of the county federation to its model workers
CARE_VISITS = [
    ("春节走访慰问劳模", 1, 20, "节日慰问金、慰问品", "1000.00", "600.00"),
    ("五一走访慰问劳模", 4, 28, "节日慰问金", "800.00", "500.00"),
]


def _care_visits(county: Region, made: list[ModelWorker], rng: random.Random) -> None:
    """Care visits (走访慰问) in the one activity ledger: a visit activity of the county
    federation with its model workers as visit targets (the people page and the
    activities KPIs count the same rows)."""
    from unionhub.activities import services as activities
    from unionhub.activities.models import VisitTarget
    from unionhub.org.models import OrgUnit

    organiser = OrgUnit.objects.filter(region=county, kind="county_federation").first()
    if organiser is None:
        return
    year = timezone.localdate().year
    visited = [
        p
        for p in made
        if p.category == "model_worker" and p.level in ("national", "provincial", "city")
    ]
    rng.shuffle(visited)
    for (title, month, day, given, high, low), people in zip(
        CARE_VISITS, (visited[:80], visited[80:150]), strict=True
    ):
        if not people:
            continue
        visit = activities.activity_create(
            actor=None,
            kind="visit",
            title=title,
            organiser=organiser,
            held_on=dt.date(year, month, day),
            audience="劳动模范",
        )
        VisitTarget.objects.bulk_create(
            [
                VisitTarget(
                    activity=visit,
                    name=p.name,
                    category="model_worker",
                    model_worker=p,
                    given=given,
                    amount=high if p.level in ("national", "provincial") else low,
                )
                for p in people
            ]
        )
        activities.activity_recount(activity=visit)
        record_change(
            model=VisitTarget,
            action="import",
            changes={"created": len(people)},
            note=f"演示数据：{county.name} {title} {len(people)} 人",
            region_path=county.path,
        )


def dongqiang() -> Enterprise:
    """江苏东强 in 东台 (created through the enterprises service when the demo lacks it)."""
    existing = Enterprise.objects.filter(name=DONGQIANG).first()
    if existing is not None:
        return existing
    from unionhub.core.validators.uscc import check_char
    from unionhub.enterprises.services import enterprise_create

    county = Region.objects.get(code=DONGTAI)
    town = Region.objects.filter(parent=county, name__contains="东台镇").first() or (
        Region.objects.filter(parent=county, level="town").order_by("code").first() or county
    )
    first17 = "91320981" + "MA1DQ0001"
    return enterprise_create(
        actor=None,
        uscc=first17 + check_char(first17),
        name=DONGQIANG,
        region=town,
        industry_code="C34",
        ownership="private",
        employees=1280,
        revenue_wan="86000",
        assets_wan="120000",
        founded_on=dt.date(2003, 6, 18),
        has_party_org=True,
        is_head_enterprise=True,
    )


def _dongtai_showcase() -> None:
    """东强's pioneer and the craftsman who became a provincial model worker."""
    ent = dongqiang()
    if not ModelWorker.objects.filter(name=PIONEER, employer=ent).exists():
        pioneer = services.modelworker_create(
            actor=None,
            name=PIONEER,
            region=ent.region,
            employer=ent,
            category="craftsman",
            level="city",
            title="盐城工匠",
            year_awarded=2021,
            industry_code="C34",
            skills="精密装配、数控加工",
            note="党员先锋岗，带徒传技",
        )
        services.honour_create(
            actor=None,
            model_worker=pioneer,
            category="craftsman",
            level="city",
            title="盐城工匠",
            awarded_on=dt.date(2021, 4, 28),
            awarded_by="盐城市人民政府",
        )
    if ModelWorker.objects.filter(name=RISEN_CRAFTSMAN, employer=ent).exists():
        return
    craftsman = services.modelworker_create(
        actor=None,
        name=RISEN_CRAFTSMAN,
        region=ent.region,
        employer=ent,
        category="craftsman",
        level="city",
        title="盐城工匠",
        year_awarded=2019,
        industry_code="C34",
        skills="焊接工艺",
    )
    services.honour_create(
        actor=None,
        model_worker=craftsman,
        category="craftsman",
        level="city",
        title="盐城工匠",
        awarded_on=dt.date(2019, 4, 28),
        awarded_by="盐城市人民政府",
    )
    nomination = services.nomination_create(
        actor=None,
        model_worker=craftsman,
        name=RISEN_CRAFTSMAN,
        region=ent.region,
        employer=ent,
        category="model_worker",
        level="provincial",
        title="江苏省劳动模范",
        nominated_on=dt.date(2025, 2, 20),
        reasons="主持焊接工艺攻关，带领班组获省级新产品鉴定3项",
    )
    services.nomination_start_notice(
        actor=None,
        nomination=nomination,
        notice_from=dt.date(2025, 3, 3),
        notice_to=dt.date(2025, 3, 9),
    )
    services.nomination_award(
        actor=None,
        nomination=nomination,
        awarded_on=dt.date(2025, 4, 28),
        awarded_by="江苏省人民政府",
    )
    # One nomination still in its public notice (so the flow shows every stage).
    today = timezone.localdate()
    pending = services.nomination_create(
        actor=None,
        name="孙立新",
        region=ent.region,
        employer=ent,
        category="craftsman",
        level="city",
        title="盐城工匠",
        nominated_on=today - dt.timedelta(days=30),
        reasons="攻克精密轴承装配难题",
    )
    services.nomination_start_notice(
        actor=None,
        nomination=pending,
        notice_from=today - dt.timedelta(days=20),
        notice_to=today - dt.timedelta(days=10),
    )


def load(stdout=None) -> None:
    with acting_as(None):
        made = _bulk_people(YANDU, YANDU_PEOPLE, "people-yandu")
        made += _bulk_people(DONGTAI, DONGTAI_PEOPLE, "people-dongtai")
        _dongtai_showcase()
    if stdout:
        stdout.write(f"  劳模工匠：新增 {made} 人（盐都、东台），东强先锋与省劳模")
