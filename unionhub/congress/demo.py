"""Demo records of the workers' congress module: for 射阳 (320924) 25 congresses rated four
stars or more, 5 of them five stars — from evaluation records scored item by item under the
default rubric — plus a few lower-rated ones; smaller, plausible numbers in the other
counties. Idempotent: a county that already has congresses is left alone."""

from __future__ import annotations

import datetime as dt
import random

from unionhub.congress import services
from unionhub.congress.choices import RepCategory
from unionhub.congress.models import Congress, Representative, RubricItem
from unionhub.congress.rubric_default import ensure_default_rubric
from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.enterprises.models import Enterprise
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海波鹏燕雪梅春"
UNITS = ["一车间", "二车间", "三车间", "质检部", "技术部", "仓储物流部", "行政部", "销售部"]
#: target stars of 射阳's rated congresses: 5 five-star, 20 four-star, 8 lower, 2 vetoed
SHEYANG_TARGETS = [5] * 5 + [4] * 20 + [3] * 5 + [2] * 3 + [0] * 2
OTHER_TARGETS = [5, 4, 4, 3, 2]
YEAR = 2025


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _points_for(rng: random.Random, items: list[RubricItem], stars: int) -> dict[int, int]:
    """Item points whose total lands in the band of ``stars`` (the evaluators' sheet)."""
    scored = [i for i in items if not i.is_veto]
    band = {5: (95, 100), 4: (88, 94), 3: (80, 87), 2: (70, 79), 1: (60, 69), 0: (70, 90)}
    target = rng.randint(*band[stars])
    points = {i.pk: i.max_points for i in scored}
    deficit = sum(points.values()) - target
    while deficit > 0:
        item = rng.choice(scored)
        if points[item.pk] > 0:
            points[item.pk] -= 1
            deficit -= 1
    return points


def _congress_for(rng, enterprise: Enterprise, today: dt.date) -> Congress:
    workforce = max(enterprise.employees, 60)
    women_workforce = workforce * rng.randint(25, 45) // 100
    congress = services.congress_create(
        actor=None,
        enterprise=enterprise,
        term_number=rng.choice((1, 2, 3)),
        term_start=dt.date(rng.choice((2022, 2023, 2024)), rng.randint(1, 12), 1),
        term_years=rng.choice((3, 5)),
        workforce=workforce,
        women_workforce=women_workforce,
    )
    total = max(30, min(workforce // 8, 120))
    frontline = total * rng.randint(55, 70) // 100
    managers = total * rng.randint(10, 18) // 100
    technicians = total * rng.randint(10, 18) // 100
    women = total * (women_workforce * 100 // workforce + rng.randint(0, 6)) // 100
    categories = (
        [RepCategory.FRONTLINE] * frontline
        + [RepCategory.TECHNICIAN] * technicians
        + [RepCategory.MANAGER] * (managers - 1)
        + [RepCategory.LEADER]
    )
    categories += [RepCategory.OTHER] * (total - len(categories))
    Representative.objects.bulk_create(
        Representative(
            congress=congress,
            name=_name(rng),
            category=category,
            is_woman=i < women,
            unit=rng.choice(UNITS),
        )
        for i, category in enumerate(categories)
    )
    services.congress_confirm_list(actor=None, congress=congress, on=congress.term_start)
    session = services.session_create(
        actor=None,
        congress=congress,
        number=1,
        held_on=dt.date(YEAR, rng.randint(1, 4), rng.randint(1, 28)),
        present=total - rng.randint(0, total // 8),
        agenda="审议企业工作报告、集体合同草案、职工福利基金使用方案",
    )
    for title in ("关于《集体合同（草案）》的决议", "关于职工福利基金使用方案的决议"):
        yes = session.present - rng.randint(0, 3)
        services.resolution_create(
            actor=None,
            session=session,
            title=title,
            yes_votes=yes,
            no_votes=session.present - yes,
            result="passed",
        )
    handled = services.proposal_create(
        actor=None,
        congress=congress,
        session=session,
        title="关于增设夜班职工休息室的提案",
        proposer=_name(rng),
        category="生活福利",
        content="夜班职工休息条件较差，建议增设休息室并配备饮水设施。",
    )
    services.proposal_accept(
        actor=None, proposal=handled, handling_unit="行政部", accepted_on=session.held_on
    )
    services.proposal_handle(
        actor=None,
        proposal=handled,
        reply="已在二车间东侧增设休息室一间，配备饮水机和储物柜。",
        satisfaction="satisfied",
        handled_on=session.held_on + dt.timedelta(days=20),
    )
    pending = services.proposal_create(
        actor=None,
        congress=congress,
        session=session,
        title="关于完善技能等级与薪酬挂钩办法的提案",
        proposer=_name(rng),
        category="工资分配",
        content="建议技能等级晋升后次月起调整岗位工资。",
    )
    services.proposal_accept(
        actor=None, proposal=pending, handling_unit="人力资源部", accepted_on=today
    )
    return congress


def _evaluate(rng, congress: Congress, stars: int, items: list[RubricItem]) -> None:
    evaluation = services.evaluation_create(actor=None, congress=congress, year=YEAR)
    vetoes = {next(i.pk for i in items if i.is_veto)} if stars == 0 else set()
    services.evaluation_score(
        actor=None, evaluation=evaluation, points=_points_for(rng, items, stars), vetoes=vetoes
    )
    services.evaluation_finalize(actor=None, evaluation=evaluation, on=dt.date(YEAR, 12, 20))


def load(stdout=None) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    made = 0
    with acting_as(None):
        rubric = ensure_default_rubric()
        items = list(rubric.items.all())
        for slug, code in COUNTY_SLUGS.items():
            county = Region.objects.get(code=code)
            if Congress.objects.filter(enterprise__region__path__startswith=county.path).exists():
                continue
            rng = random.Random(f"congress-{code}")  # noqa: S311 — deterministic demo data
            targets = SHEYANG_TARGETS if slug == "sheyang" else OTHER_TARGETS
            enterprises = list(
                Enterprise.objects.filter(
                    region__path__startswith=county.path, employees__gte=60
                ).order_by("-employees", "pk")[: len(targets)]
            )
            for enterprise, stars in zip(enterprises, targets, strict=False):
                congress = _congress_for(rng, enterprise, today)
                _evaluate(rng, congress, stars, items)
                made += 1
            record_change(
                model=Congress,
                action="import",
                changes={"created": len(enterprises)},
                note=f"演示数据：{county.name} {len(enterprises)} 个职代会及其代表、会议、星级评估",
                region_path=county.path,
            )
    if stdout:
        stdout.write(f"  职代会：新增 {made} 个（含代表名单、会议、决议、提案、年度星级评估）")
