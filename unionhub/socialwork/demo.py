"""Demo archives: 亭湖's social workers as its union reports them — 18 archives of social
workers hired since 2020, 228 monthly records from those 18, 4 quarterly exchanges, 2 annual
assessments, 12 political-theory and 4 professional classes, one full-time social worker in
every town and street union — and a few archives in the other counties (with gaps). Every
figure comes from records written through the services; dates are relative to today, so the
figures hold whenever the demo is loaded. Idempotent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from unionhub.members.demo import synthetic_id_number
from unionhub.org.choices import OrgKind
from unionhub.org.demo import COUNTY_SLUGS, county_union
from unionhub.org.models import OrgUnit
from unionhub.socialwork import services
from unionhub.socialwork.choices import (
    PostingKind,
    QualificationKind,
    Rating,
    SessionKind,
)
from unionhub.socialwork.models import SocialWorker
from unionhub.socialwork.selectors import add_months, previous_month

TINGHU_NAMES = [
    "陈静",
    "王海燕",
    "李晓东",
    "张敏",
    "刘洋",
    "杨丽",
    "吴志刚",
    "周婷",
    "徐磊",
    "孙悦",
    "朱红梅",
    "胡军",
    "高翔",
    "林倩",
    "何建华",
    "郭亚楠",
    "马骏",
    "罗佳",
]
OTHER_NAMES = ["赵文", "钱程", "冯雪", "沈涛", "韩露", "秦朗", "许诺", "邓颖", "曹阳", "彭博"]
WORK = [
    "走访辖区企业{n}家，宣传工会入会政策，收集职工诉求",
    "参与劳动争议调解{n}起，协助困难职工申请帮扶",
    "组织新就业形态劳动者座谈，联系驿站开展暖心服务",
    "开展职工心理疏导和法律咨询，建立服务台账",
    "协助镇街工会做好换届选举和会员实名制录入",
]
PERFORMANCE = [
    "按月完成走访任务，服务台账规范，职工满意度高",
    "积极参与矛盾调处，能独立开展个案服务",
    "业务学习主动，协助完成工会重点工作",
]


def _tinghu_made() -> bool:
    county = county_union("tinghu")
    return SocialWorker.objects.filter(union__path__startswith=county.path).count() >= 18


def _town_unions(county: OrgUnit) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(
            parent=county, kind=OrgKind.TOWN_FEDERATION, is_active=True
        ).order_by("code")
    )


def _phone(seq: int) -> str:
    return f"139{seq:08d}"[:11]


def _worker(*, name, union, hired_on, records_from, seq, address="320902"):
    birth = dt.date(1988 + seq % 10, 1 + seq % 12, 1 + seq % 27)
    return services.socialworker_create(
        actor=None,
        name=name,
        union=union,
        hired_on=hired_on,
        monthly_records_from=records_from,
        education=["本科", "大专", "硕士研究生"][seq % 3],
        id_number=synthetic_id_number(address, birth, 600 + seq),
        phone=_phone(51000000 + seq),
    )


def _records(worker, months, rng) -> None:
    for month in months:
        n = rng.randint(3, 9)
        services.monthlyrecord_create(
            actor=None,
            worker=worker,
            month=month,
            summary=rng.choice(WORK).format(n=n),
            cases=rng.randint(1, 6),
            visits=n,
            hours=Decimal(rng.randint(60, 110)),
        )


def _quarters_before(today: dt.date, count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters before the current one, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        result.append((year, quarter))
    return list(reversed(result))


def _tinghu(rng: random.Random, stdout) -> None:
    today = timezone.localdate()
    county = county_union("tinghu")
    towns = _town_unions(county)
    last = previous_month(today)
    workers = []
    for index, name in enumerate(TINGHU_NAMES):
        hired = dt.date(2020 + index // 4, 1 + (index * 5) % 12, 1 + index % 20)
        # 12 archives with 13 records, 6 with 12: 12 × 13 + 6 × 12 = 228.
        count = 13 if index < 12 else 12
        if index == 16:
            # A month two months ago is missing (overdue); the last month is written.
            months = [add_months(last, -k) for k in range(count + 1) if k != 2]
        elif index == 17:
            # Last month's record is not written yet (the to-do).
            months = [add_months(last, -k - 1) for k in range(count)]
        else:
            months = [add_months(last, -k) for k in range(count)]
        home = towns[index] if index < len(towns) else county
        worker = _worker(name=name, union=home, hired_on=hired, records_from=min(months), seq=index)
        workers.append(worker)
        if index < len(towns):
            services.posting_create(
                actor=None,
                worker=worker,
                union=towns[index],
                kind=PostingKind.FULL_TIME,
                started_on=hired,
                duty="镇街工会专职社会工作者",
            )
        else:
            services.posting_create(
                actor=None,
                worker=worker,
                union=towns[index % len(towns)],
                kind=PostingKind.PART_TIME,
                started_on=hired,
                duty="协助开展职工服务",
            )
        _records(worker, sorted(months), rng)
        if index % 3 != 2:
            services.qualification_create(
                actor=None,
                worker=worker,
                kind=QualificationKind.SOCIAL_WORKER
                if index % 3 == 0
                else QualificationKind.ASSISTANT,
                name="社会工作者职业资格证书",
                certificate_no=f"SW{2021 + index % 4}3209{index:04d}",
                issued_on=dt.date(2021 + index % 4, 11, 20),
                issuer="人力资源和社会保障部、民政部",
            )
        if hired.year < 2024:
            services.training_create(
                actor=None,
                worker=worker,
                title="江苏省工会社会工作者能力提升培训班",
                provider="江苏省总工会",
                started_on=dt.date(2024, 9, 10),
                hours=Decimal("16"),
            )
        for year, quarter in _quarters_before(today, 4):
            workdays = [60, 61, 62, 63][quarter - 1]
            services.quarterlyreport_create(
                actor=None,
                worker=worker,
                year=year,
                quarter=quarter,
                performance=rng.choice(PERFORMANCE),
                rating=rng.choice([Rating.EXCELLENT, Rating.GOOD, Rating.GOOD, Rating.FAIR]),
                workdays=workdays,
                attendance_days=workdays - rng.randint(0, 3),
            )

    def session(kind, title, day, hours):
        return services.studysession_create(
            actor=None,
            union=county,
            kind=kind,
            title=title,
            held_on=day,
            place="亭湖区职工服务中心",
            hours=Decimal(hours),
            participants=[w for w in workers if w.hired_on <= day],
            summary="",
        )

    for year, quarter in _quarters_before(today, 4):
        session(
            SessionKind.EXCHANGE,
            f"{year}年第{quarter}季度社会工作者工作交流会",
            dt.date(year, quarter * 3, 25),
            "3",
        )
        session(
            SessionKind.PROFESSIONAL_CLASS,
            f"{year}年第{quarter}季度专业能力培训",
            dt.date(year, quarter * 3 - 1, 18),
            "4",
        )
    for k in range(12, 0, -1):
        month = add_months(last, -(k - 1))
        session(
            SessionKind.POLITICAL_CLASS,
            f"{month.year}年{month.month}月政治理论学习",
            month.replace(day=10),
            "2",
        )

    for year in (today.year - 2, today.year - 1):
        round_ = services.assessmentround_create(
            actor=None,
            union=county,
            year=year,
            held_on=min(dt.date(year + 1, 1, 20), today),
            excellent_quota=3,
            criteria=services.DEFAULT_CRITERIA,
        )
        for worker in workers:
            if worker.hired_on.year > year:
                continue
            services.assessment_record(
                actor=None,
                assessmentround=round_,
                worker=worker,
                scores={c["name"]: rng.randint(72, 98) for c in round_.criteria},
            )
    if stdout:
        stdout.write(f"  社会工作者成长档案（亭湖）：{len(workers)} 份，{len(towns)} 个镇街工会")


def _elsewhere(rng: random.Random) -> None:
    """Two archives in each other county: the first two towns covered, the rest a gap."""
    today = timezone.localdate()
    last = previous_month(today)
    seq = 100
    for slug, code in COUNTY_SLUGS.items():
        if slug == "tinghu":
            continue
        county = county_union(slug)
        towns = _town_unions(county)
        if not towns or SocialWorker.objects.filter(union__path__startswith=county.path).exists():
            continue
        for index in range(2):
            seq += 1
            town = towns[index % len(towns)]
            months = [add_months(last, -k) for k in range(3)]
            worker = _worker(
                name=OTHER_NAMES[seq % len(OTHER_NAMES)],
                union=town,
                hired_on=dt.date(2022 + index, 3, 1),
                records_from=min(months),
                seq=seq,
                address=code if code.isdigit() else "320902",
            )
            services.posting_create(
                actor=None,
                worker=worker,
                union=town,
                kind=PostingKind.FULL_TIME,
                started_on=worker.hired_on,
                duty="镇街工会专职社会工作者",
            )
            _records(worker, sorted(months), rng)


def load(stdout=None) -> None:
    rng = random.Random(20260902)  # noqa: S311 — reproducible demo data, not security
    with transaction.atomic():
        if not _tinghu_made():
            _tinghu(rng, stdout)
        _elsewhere(rng)
