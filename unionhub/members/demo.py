"""Demo members: tens of thousands of synthetic members across the counties (valid but
made-up ID numbers with Yancheng address codes), new-employment-form workers in 射阳 and
盐南, pending join applications (some overdue) and a few transfers. Idempotent.

Members are written with ``bulk_create`` (encryption and hashes pre-computed) and one
summary audit entry, so the load stays well under 30 seconds."""

from __future__ import annotations

import datetime as dt
import os
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.core.validators.idcard import id_check_char
from unionhub.members import services
from unionhub.members.choices import (
    KeyGroup,
    MemberStatus,
    Occupation,
    PoliticalStatus,
    SkillLevel,
)
from unionhub.members.models import ID_CONTEXT, PHONE_CONTEXT, JoinApplication, Member
from unionhub.org import services as org_services
from unionhub.org.choices import OrgKind
from unionhub.org.demo import COUNTY_SLUGS, county_union
from unionhub.org.models import OrgUnit

DEMO_CARD_PREFIX = "YCDM"
DEFAULT_TOTAL = 20000

# Relative size of each county-level unit (roughly by population).
WEIGHTS = {
    "tinghu": 10,
    "yandu": 9,
    "dafeng": 8,
    "xiangshui": 6,
    "binhai": 9,
    "funing": 9,
    "sheyang": 10,
    "jianhu": 8,
    "dongtai": 11,
    "jingkai": 5,
    "yannan": 7,
}
NEW_EMPLOYMENT_COUNTIES = {"sheyang", "yannan"}
# Address codes used for synthetic ID numbers (household registration at issue time;
# 320982 is the former 大丰市 code, still valid in old IDs).
ADDRESS_CODES = {
    "tinghu": ["320902"],
    "yandu": ["320903", "320921"],
    "dafeng": ["320904", "320982"],
    "xiangshui": ["320921"],
    "binhai": ["320922"],
    "funing": ["320923"],
    "sheyang": ["320924"],
    "jianhu": ["320925"],
    "dongtai": ["320981"],
    "jingkai": ["320902", "320903"],
    "yannan": ["320902", "320903"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅晓东海燕春辉鹏飞文斌宇浩俊凯丹玲婷雪琳欣悦子涵梓轩雨晨思远宏伟立新永红"
COMPANIES = [
    "{town}机械制造有限公司",
    "{town}纺织有限公司",
    "{town}新能源科技有限公司",
    "{town}食品有限公司",
]
KEY_GROUP_MIX = [
    (KeyGroup.DELIVERY_RIDER, 30),
    (KeyGroup.COURIER, 25),
    (KeyGroup.TRUCK_DRIVER, 15),
    (KeyGroup.RIDE_HAILING, 10),
    (KeyGroup.DOMESTIC_WORKER, 5),
    (KeyGroup.SECURITY_GUARD, 5),
    (KeyGroup.CARE_WORKER, 4),
    (KeyGroup.MALL_INFO_STAFF, 3),
    (KeyGroup.REALTY_AGENT, 3),
]
GROUP_OCCUPATION = {
    KeyGroup.DELIVERY_RIDER: Occupation.DELIVERY_RIDER,
    KeyGroup.COURIER: Occupation.COURIER,
    KeyGroup.TRUCK_DRIVER: Occupation.TRUCK_DRIVER,
    KeyGroup.RIDE_HAILING: Occupation.RIDE_HAILING,
}
PLATFORMS = {
    KeyGroup.DELIVERY_RIDER: ["美团", "饿了么"],
    KeyGroup.COURIER: ["顺丰速运", "中通快递", "京东物流", "邮政EMS"],
    KeyGroup.TRUCK_DRIVER: ["满帮", "货拉拉"],
    KeyGroup.RIDE_HAILING: ["滴滴出行", "T3出行"],
}


def synthetic_id_number(address: str, birth: dt.date, seq: int) -> str:
    """A made-up ID number with a valid check character (never a real person's on purpose:
    sequence numbers are chosen by the generator)."""
    first17 = f"{address}{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + id_check_char(first17)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _ensure_unions(rng: random.Random) -> dict[str, dict[str, list[OrgUnit]]]:
    """Grassroots unions under the town federations (created once)."""
    existing = {u.code: u for u in OrgUnit.objects.filter(code__contains="-M")}
    result: dict[str, dict[str, list[OrgUnit]]] = {}
    for slug in COUNTY_SLUGS:
        county = county_union(slug)
        towns = list(
            OrgUnit.objects.filter(parent=county, kind=OrgKind.TOWN_FEDERATION)
            .select_related("region")
            .order_by("code")
        )
        plain: list[OrgUnit] = []
        new_forms: list[OrgUnit] = []

        def ensure(code: str, name: str, kind: str, town: OrgUnit) -> OrgUnit:
            unit = existing.get(code)
            if unit is None:
                unit = org_services.orgunit_create(
                    actor=None,
                    name=name,
                    short_name=name[:50],
                    code=code,
                    kind=kind,
                    region=town.region,
                    parent=town,
                )
            return unit

        for t_index, town in enumerate(towns):
            short = town.short_name or town.region.name
            plain.append(town)  # small members sit directly with the town federation
            if t_index < 4:
                plain.append(
                    ensure(f"{town.code}-M1", f"{short}联合工会委员会", OrgKind.JOINT, town)
                )
            if t_index < 2:
                for c_index, pattern in enumerate(COMPANIES[:2]):
                    company = "盐城" + pattern.format(town=short.rstrip("镇街道乡"))
                    plain.append(
                        ensure(
                            f"{town.code}-M{c_index + 2}",
                            f"{company}工会委员会",
                            OrgKind.ENTERPRISE,
                            town,
                        )
                    )
            if slug in NEW_EMPLOYMENT_COUNTIES and t_index < 3:
                new_forms.append(
                    ensure(
                        f"{town.code}-MX", f"{short}新就业形态劳动者联合工会", OrgKind.JOINT, town
                    )
                )
        result[slug] = {
            "plain": plain or [county],
            "new": new_forms,
            "slots": _enterprise_slots(county),
        }
    return result


def _enterprise_slots(county: OrgUnit) -> list[list]:
    """[org_unit, enterprise, free places] for the enterprise unions the enterprises demo
    built in this county, so members get an employer and membership rates look real."""
    try:
        from unionhub.enterprises.models import EnterpriseUnion
    except ImportError:  # pragma: no cover — enterprises module absent
        return []
    slots = []
    unions = (
        EnterpriseUnion.objects.filter(org_unit__path__startswith=county.path)
        .select_related("org_unit")
        .prefetch_related("enterprises")
    )
    for union in unions:
        for enterprise in union.enterprises.all():
            capacity = int(enterprise.employees * 0.85)
            if capacity > 0:
                slots.append([union.org_unit, enterprise, capacity])
    return slots


def _demo_members_made() -> int:
    """Demo members made so far: those with a demo card number, and the anonymised ones
    (anonymisation — the scheduler runs it daily — clears the card number; without them
    the next ``load_demo`` would make the same card numbers again)."""
    return Member.objects.filter(
        Q(card_number__startswith=DEMO_CARD_PREFIX) | Q(anonymised_at__isnull=False)
    ).count()


def _member_rows(rng, total, unions, now) -> list[Member]:
    rows: list[Member] = []
    seen_ids: set[str] = set(Member.objects.values_list("id_number_hash", flat=True))
    seen_phones: set[str] = set()
    today = timezone.localdate()
    slugs = list(WEIGHTS)
    weight_sum = sum(WEIGHTS.values())
    card = _demo_members_made()
    for slug in slugs:
        share = round(total * WEIGHTS[slug] / weight_sum)
        for _ in range(share):
            is_new = (
                slug in NEW_EMPLOYMENT_COUNTIES and rng.random() < 0.45
            ) or rng.random() < 0.04
            pool = unions[slug]["new"] if is_new and unions[slug]["new"] else unions[slug]["plain"]
            union = rng.choice(pool)
            employer = None
            slots = unions[slug]["slots"]
            if not is_new and slots and rng.random() < 0.4:
                slot = rng.choice(slots)
                union, employer = slot[0], slot[1]
                slot[2] -= 1
                if slot[2] <= 0:
                    slots.remove(slot)
            birth = dt.date(rng.randint(1966, 2005), rng.randint(1, 12), rng.randint(1, 28))
            while True:
                number = synthetic_id_number(
                    rng.choice(ADDRESS_CODES[slug]), birth, rng.randint(0, 999)
                )
                h = crypto.pii_hash(number, context=ID_CONTEXT)
                if h not in seen_ids:
                    seen_ids.add(h)
                    break
                birth += dt.timedelta(days=1)
            while True:
                phone = f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 10**8 - 1):08d}"
                if phone not in seen_phones:
                    seen_phones.add(phone)
                    break
            key_group = _weighted(rng, KEY_GROUP_MIX) if is_new else ""
            occupation = GROUP_OCCUPATION.get(key_group) or rng.choice(
                [
                    Occupation.OTHER,
                    Occupation.OTHER,
                    Occupation.CONSTRUCTION,
                    Occupation.SANITATION,
                    Occupation.LANDSCAPING,
                ]
            )
            # Joins spread over ten years, more in recent years (the membership drives).
            days_ago = int(abs(rng.gauss(0, 1)) * 900) % 3650
            joined = today - dt.timedelta(days=days_ago)
            adult = dt.date(birth.year + 18, birth.month, min(birth.day, 28))
            if joined < adult:
                joined = min(today, adult + dt.timedelta(days=days_ago % 365))
            status = _weighted(
                rng,
                [
                    (MemberStatus.ACTIVE, 94),
                    (MemberStatus.LEFT, 4),
                    (MemberStatus.TRANSFERRED, 1.5),
                    (MemberStatus.DECEASED, 0.5),
                ],
            )
            card += 1
            # Former members left somewhere between joining and today (no draw from rng,
            # so the rest of the demo stays as it was); some left long enough ago for
            # ``anonymise_members`` to have work.
            left_on = (
                joined + dt.timedelta(days=(today - joined).days * (card % 10) // 10)
                if status == MemberStatus.LEFT
                else None
            )
            m = Member(
                name=rng.choice(SURNAMES)
                + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))),
                id_number_enc=crypto.encrypt(number, context=ID_CONTEXT),
                id_number_hash=h,
                phone_enc=crypto.encrypt(phone, context=PHONE_CONTEXT),
                phone_hash=crypto.pii_hash(phone, context=PHONE_CONTEXT),
                gender="male" if int(number[16]) % 2 else "female",
                birth_date=birth,
                union=union,
                occupation=occupation,
                is_new_employment=is_new,
                key_group=key_group,
                platform_name=rng.choice(PLATFORMS.get(key_group, [""])),
                joined_on=joined,
                status=status,
                left_on=left_on,
                card_number=f"{DEMO_CARD_PREFIX}{card:07d}",
                political_status=_weighted(
                    rng,
                    [
                        (PoliticalStatus.MASSES, 78),
                        (PoliticalStatus.PARTY_MEMBER, 12),
                        (PoliticalStatus.LEAGUE_MEMBER, 8),
                        (PoliticalStatus.PROBATIONARY, 1),
                        (PoliticalStatus.DEMOCRATIC_PARTY, 1),
                    ],
                ),
                skill_level=_weighted(
                    rng,
                    [
                        (SkillLevel.NONE, 50),
                        (SkillLevel.LEVEL5, 18),
                        (SkillLevel.LEVEL4, 16),
                        (SkillLevel.LEVEL3, 11),
                        (SkillLevel.LEVEL2, 4),
                        (SkillLevel.LEVEL1, 1),
                    ],
                ),
                consent_version=services.CONSENT_VERSION,
                consented_at=now,
            )
            m.employer = employer
            rows.append(m)
    return rows


def _applications(rng: random.Random, unions) -> int:
    if (
        JoinApplication.objects.filter(employer_name__startswith="（演示）").exists()
        or JoinApplication.objects.filter(platform_name="演示平台").exists()
    ):
        return 0
    created = 0
    now = timezone.now()
    for slug in ("sheyang", "yannan", "tinghu", "dongtai"):
        towns = [u for u in unions[slug]["plain"] if u.kind == OrgKind.TOWN_FEDERATION][:2]
        for town in towns:
            for i in range(4):
                key_group = _weighted(rng, KEY_GROUP_MIX)
                birth = dt.date(rng.randint(1975, 2003), rng.randint(1, 12), rng.randint(1, 28))
                for _attempt in range(20):
                    number = synthetic_id_number(ADDRESS_CODES[slug][0], birth, rng.randint(0, 999))
                    try:
                        app = services.joinapplication_submit(
                            actor=None,
                            name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                            id_number=number,
                            phone=f"15{rng.randint(0, 9)}{rng.randint(0, 10**8 - 1):08d}",
                            region_code=town.region.code,
                            no_fixed_employer=True,
                            occupation=GROUP_OCCUPATION.get(key_group, Occupation.OTHER),
                            is_new_employment=True,
                            key_group=key_group,
                            platform_name="演示平台",
                            consent=True,
                        )
                    except Exception:  # noqa: BLE001 — a synthetic duplicate: try another number
                        birth += dt.timedelta(days=1)
                        continue
                    # Spread submission dates: some fresh, some overdue (> 15 days).
                    back = [1, 6, 14, 22][i]
                    JoinApplication.objects.filter(pk=app.pk).update(
                        created_at=now - dt.timedelta(days=back)
                    )
                    created += 1
                    break
    return created


def load(stdout=None, total: int | None = None) -> None:
    total = (
        total if total is not None else int(os.environ.get("UNIONHUB_DEMO_MEMBERS", DEFAULT_TOTAL))
    )
    rng = random.Random(20260101)  # noqa: S311 — reproducible demo data, not security
    now = timezone.now()
    with transaction.atomic():
        unions = _ensure_unions(rng)
        existing = _demo_members_made()
        made = 0
        if existing < total:
            rows = _member_rows(rng, total - existing, unions, now)
            Member.objects.bulk_create(rows, batch_size=2000)
            made = len(rows)
            record_change(
                action="import",
                model=Member,
                note=f"演示数据：批量生成 {made} 名会员（身份证号、手机号加密存储）",
                changes={"count": made},
            )
        apps = _applications(rng, unions)
    if stdout:
        stdout.write(
            f"  会员：新增 {made} 名（共 {Member.objects.count()} 名），入会申请 {apps} 份"
        )
