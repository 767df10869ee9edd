"""Demo enterprises and unions: ~150 enterprises per county-level unit with realistic mixes
(ownership, size, industry), unions with terms in the past and the future, joint unions of
small firms, and campaign targets of all four kinds. Idempotent (skips counties already
seeded); enterprises are bulk-created, unions go through the services."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.core.validators.uscc import check_char
from unionhub.enterprises import dates, selectors, services, sme
from unionhub.enterprises.models import Enterprise, EnterpriseUnion
from unionhub.org.choices import TownCategory
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region

PER_COUNTY = 160
FUNING_XIEXIN = "阜宁协鑫光伏科技有限公司"
#: The points module's demo looks this union up by name (or by its code below).
FUNING_XIEXIN_UNION = "阜宁协鑫光伏科技有限公司工会"
FUNING_XIEXIN_UNION_CODE = "320923-E-GCLPV"

# (industry code, name words, share)
INDUSTRIES = [
    ("3825", ["光伏", "新能源", "光电"], 6),
    ("3670", ["汽车零部件", "汽配"], 6),
    ("3311", ["钢结构", "金属制品"], 5),
    ("1713", ["纺织", "棉纺"], 6),
    ("1810", ["服饰", "制衣"], 5),
    ("2929", ["塑料制品", "塑业"], 4),
    ("3411", ["机械", "锅炉"], 5),
    ("1311", ["粮油", "米业"], 3),
    ("2614", ["化工"], 2),
    ("3989", ["电子", "电子科技"], 5),
    ("4710", ["建设工程", "建筑"], 6),
    ("5179", ["商贸", "贸易"], 6),
    ("5211", ["超市", "百货"], 5),
    ("5430", ["物流", "运输"], 5),
    ("5920", ["仓储"], 2),
    ("6110", ["酒店", "宾馆"], 3),
    ("6210", ["餐饮", "酒楼"], 5),
    ("6510", ["软件", "信息技术"], 4),
    ("7010", ["房地产开发", "置业"], 3),
    ("7020", ["物业管理", "物业服务"], 3),
    ("7212", ["企业管理咨询", "人力资源"], 3),
    ("0412", ["水产养殖", "渔业"], 2),
    ("0111", ["农业科技", "现代农业"], 2),
    ("8010", ["家政服务", "保洁"], 2),
]
PREFIXES = "鑫华盛达宏泰恒瑞金源福润新远兴隆锦程嘉禾海天众诚永信丰泽德邦卓越"
OWNERSHIP = [
    ("private", 70),
    ("foreign", 6),
    ("hmt", 4),
    ("state", 7),
    ("collective", 5),
    ("other", 8),
]
CHAIRS = [
    "王建华",
    "李红梅",
    "张国强",
    "刘晓燕",
    "陈志强",
    "杨丽",
    "赵明",
    "黄海涛",
    "周静",
    "吴斌",
    "徐芳",
    "孙立新",
    "朱红",
    "胡军",
    "郭敏",
    "何平",
    "高翔",
    "林娟",
    "罗伟",
    "梁玉兰",
]
ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def _org_code(rng: random.Random) -> str:
    """An organisation code (GB 11714) with its own check character."""
    body = "MA" + "".join(rng.choice(ORG_CHARS) for _ in range(6))
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    rest = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(rest, str(rest))


def demo_uscc(rng: random.Random, county_code: str) -> str:
    digits = county_code if county_code.isdigit() else "320900"
    first17 = "91" + digits + _org_code(rng)
    return first17 + check_char(first17)


def _weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[-1] for p in pairs])[0]


def _employees(rng) -> int:
    band = rng.random()
    if band < 0.45:
        return rng.randint(3, 24)
    if band < 0.78:
        return rng.randint(25, 150)
    if band < 0.95:
        return rng.randint(151, 800)
    return rng.randint(801, 3000)


def _towns(county: Region) -> list[Region]:
    return list(
        Region.objects.filter(parent=county, level="town")
        .exclude(category=TownCategory.SPECIAL)
        .order_by("code")
    )


def _build(rng, county, towns, today, table, used) -> list[Enterprise]:
    ents = []
    for i in range(PER_COUNTY):
        region = rng.choice(towns) if towns and rng.random() < 0.92 else county
        code, words, _share = rng.choices(INDUSTRIES, weights=[i[2] for i in INDUSTRIES])[0]
        place = region.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")[:2]
        name = f"{county.name[:2]}{place}{rng.choice(PREFIXES)}{rng.choice(PREFIXES)}{rng.choice(words)}有限公司"
        while name in used:
            name = name.replace("有限公司", f"{rng.choice('一二三四五六七八九')}分公司", 1)
        used.add(name)
        employees = _employees(rng)
        revenue = Decimal(employees * rng.randint(15, 90)).quantize(Decimal("0.01"))
        assets = (revenue * Decimal(rng.uniform(0.5, 2.5))).quantize(Decimal("0.01"))
        ent = Enterprise(
            uscc=demo_uscc(rng, county.code),
            name=name,
            region=region,
            industry_code=code,
            ownership=_weighted(rng, OWNERSHIP),
            employees=employees,
            revenue_wan=revenue,
            assets_wan=assets,
            founded_on=today - dt.timedelta(days=rng.randint(60, 30 * 365)),
            operating_status=_weighted(rng, [("operating", 90), ("suspended", 6), ("closed", 4)]),
            has_party_org=rng.random() < (0.5 if employees >= 100 else 0.15),
            is_head_enterprise=employees >= 800 and rng.random() < 0.6,
            is_high_profile=rng.random() < (0.2 if employees >= 300 else 0.03),
        )
        services.derive(ent, table=table, term_ends=[], today=today)
        ents.append(ent)
    return ents


def _term(rng, today) -> tuple[dt.date, int]:
    years = rng.choice([3, 5])
    kind = rng.random()
    if kind < 0.15:  # overdue: term ended up to 2 years ago
        end = today - dt.timedelta(days=rng.randint(1, 700))
    elif kind < 0.25:  # due within 90 days
        end = today + dt.timedelta(days=rng.randint(0, 89))
    else:
        end = today + dt.timedelta(days=rng.randint(90, years * 365 - 30))
    start = end + dt.timedelta(days=1)
    start = (
        start.replace(year=start.year - years)
        if not (start.month == 2 and start.day == 29)
        else start.replace(year=start.year - years, day=28)
    )
    return min(start, today), years


def _union_specs(rng, ents: list[Enterprise], today) -> list[dict]:
    specs = []
    small_by_town: dict[int, list[Enterprise]] = {}
    for ent in ents:
        if ent.name == FUNING_XIEXIN:
            continue
        p = 0.85 if ent.employees >= 100 else 0.55 if ent.employees >= 25 else 0.0
        if ent.employees < 25 and ent.operating_status == "operating":
            p = 0.08  # a few organisers
        if rng.random() >= p:
            if ent.employees < 25 and ent.operating_status == "operating":
                small_by_town.setdefault(ent.region_id, []).append(ent)
            continue
        start, years = _term(rng, today)
        form = "organiser" if ent.employees < 25 else "standalone"
        members = min(ent.employees, max(1, int(ent.employees * rng.uniform(0.7, 1.0))))
        specs.append(
            dict(
                enterprises=[ent],
                form=form,
                mode="head_led"
                if ent.is_head_enterprise
                else "scale_single"
                if form == "standalone"
                else "town_fallback",
                founded_on=start - dt.timedelta(days=rng.choice([0, 0, 365 * 3])),
                chair_name=rng.choice(CHAIRS),
                term_start=start,
                term_years=years,
                member_count=members if form == "standalone" else min(members, 24),
                name=f"{ent.name}工会委员会",
            )
        )
    # joint unions of small firms, one per town where enough small firms remain
    for group in small_by_town.values():
        if len(group) >= 4 and rng.random() < 0.7:
            members = group[: rng.randint(2, 4)]
            start, years = _term(rng, today)
            specs.append(
                dict(
                    enterprises=members,
                    form="joint",
                    mode=rng.choice(["small_joint", "area_coverage"]),
                    founded_on=start,
                    chair_name=rng.choice(CHAIRS),
                    term_start=start,
                    term_years=years,
                    member_count=sum(e.employees for e in members),
                    name=f"{members[0].region.name}{members[0].name[2:6]}等小微企业联合工会委员会",
                )
            )
    return specs


def _bulk_unions(specs: list[dict]) -> int:
    """The bulk path of ``services.union_create`` for demo volumes: same rules, batched
    writes, one audit summary; statuses are refreshed by the caller."""
    from unionhub.org.choices import OrgKind
    from unionhub.org.models import OrgUnit

    federations: dict[int, OrgUnit] = {}
    units = []
    for spec in specs:
        services.validate_union(
            form=spec["form"],
            enterprises=spec["enterprises"],
            member_count=spec["member_count"],
            term_years=spec["term_years"],
        )
        first = spec["enterprises"][0]
        if first.region_id not in federations:
            federations[first.region_id] = selectors.parent_federation(first.region)
        parent = federations[first.region_id]
        joint = spec["form"] == "joint"
        units.append(
            OrgUnit(
                name=spec["name"],
                code=("J" if joint else "U") + first.uscc,
                kind=OrgKind.JOINT if joint else OrgKind.ENTERPRISE,
                region=first.region,
                parent=parent,
                path="pending/",
            )
        )
    units = OrgUnit.objects.bulk_create(units, batch_size=500)
    for unit in units:
        unit.path = f"{unit.parent.path}{unit.pk}/"
        unit.depth = unit.path.count("/") - 1
    OrgUnit.objects.bulk_update(units, ["path", "depth"], batch_size=500)
    unions = []
    for spec, unit in zip(specs, units, strict=True):
        union = EnterpriseUnion(
            org_unit=unit,
            **{k: v for k, v in spec.items() if k not in ("enterprises", "name")},
        )
        union.term_end = union.compute_term_end()
        unions.append(union)
    unions = EnterpriseUnion.objects.bulk_create(unions, batch_size=500)
    through = EnterpriseUnion.enterprises.through
    through.objects.bulk_create(
        [
            through(enterpriseunion_id=union.pk, enterprise_id=ent.pk)
            for spec, union in zip(specs, unions, strict=True)
            for ent in spec["enterprises"]
        ],
        batch_size=500,
    )
    return len(unions)


def _showcase(county: Region, towns, today, table) -> list[Enterprise]:
    """Named enterprises so every kind of target and union shows in the demo."""
    rng = random.Random(f"showcase-{county.code}")  # noqa: S311 — deterministic demo data
    town = towns[0] if towns else county
    rows = []
    if county.code == "320923":
        rows.append(
            dict(
                name=FUNING_XIEXIN,
                industry_code="3825",
                ownership="private",
                employees=1260,
                revenue_wan=Decimal("186000"),
                assets_wan=Decimal("215000"),
                founded_on=dt.date(2014, 9, 18),
                has_party_org=True,
                is_head_enterprise=True,
                is_high_profile=True,
            )
        )
    if county.code == "320925":
        rows += [
            dict(
                name="建湖县恒通精密机械有限公司",
                industry_code="3411",
                ownership="private",
                employees=86,
                revenue_wan=Decimal("5200"),
                assets_wan=Decimal("4100"),
                founded_on=dt.date(2016, 4, 12),
            ),
            dict(
                name="建湖县新禾农业发展有限公司",
                industry_code="0111",
                ownership="collective",
                employees=12,
                revenue_wan=Decimal("380"),
                assets_wan=Decimal("900"),
                founded_on=dt.date(2019, 3, 3),
                has_party_org=True,
            ),
            dict(
                name="建湖县九龙口文旅发展有限公司",
                industry_code="R",
                ownership="state",
                employees=18,
                revenue_wan=Decimal("1200"),
                assets_wan=Decimal("8000"),
                founded_on=today - dt.timedelta(days=200),
                is_high_profile=True,
            ),
            dict(
                name="建湖县鑫达电子科技有限公司",
                industry_code="3989",
                ownership="hmt",
                employees=25,
                revenue_wan=Decimal("2600"),
                assets_wan=Decimal("1800"),
                founded_on=today - dt.timedelta(days=120),
            ),
        ]
    ents = []
    for row in rows:
        if Enterprise.objects.filter(name=row["name"]).exists():
            continue
        ent = Enterprise(uscc=demo_uscc(rng, county.code), region=town, **row)
        services.derive(ent, table=table, term_ends=[], today=today)
        ents.append(ent)
    return ents


@transaction.atomic
def load(stdout=None) -> None:
    today = timezone.localdate()
    table = sme.table_for(today)
    total_e = total_u = 0
    with acting_as(None), sme.cached_tables():
        for code in COUNTY_SLUGS.values():
            county = Region.objects.get(code=code)
            if Enterprise.objects.filter(region__path__startswith=county.path).exists():
                continue
            rng = random.Random(f"enterprises-{code}")  # noqa: S311 — deterministic demo data
            towns = _towns(county)
            used = set(Enterprise.objects.values_list("name", flat=True))
            ents = _showcase(county, towns, today, table) + _build(
                rng, county, towns, today, table, used
            )
            Enterprise.objects.bulk_create(ents, batch_size=500)
            ents = list(
                Enterprise.objects.filter(region__path__startswith=county.path).select_related(
                    "region"
                )
            )
            record_change(
                model=Enterprise,
                action="import",
                changes={"created": len(ents)},
                note=f"演示数据：{county.name} {len(ents)} 家企业",
                region_path=county.path,
            )
            made = _bulk_unions(_union_specs(rng, ents, today))
            record_change(
                model=EnterpriseUnion,
                action="import",
                changes={"created": made},
                note=f"演示数据：{county.name} {made} 个基层工会",
                region_path=county.path,
            )
            services.enterprises_refresh(
                actor=None,
                queryset=Enterprise.objects.filter(region__path__startswith=county.path),
                today=today,
            )
            total_u += made
            _delays(county, today)
            xiexin = next((e for e in ents if e.name == FUNING_XIEXIN), None)
            if xiexin is not None:
                from unionhub.org.models import OrgUnit

                existing = (
                    OrgUnit.objects.filter(code=FUNING_XIEXIN_UNION_CODE).first()
                    or OrgUnit.objects.filter(name=FUNING_XIEXIN_UNION).first()
                )
                services.union_create(
                    actor=None,
                    enterprises=[xiexin],
                    form="standalone",
                    mode="head_led",
                    founded_on=dt.date(2015, 5, 1),
                    approved_on=dt.date(2015, 5, 20),
                    chair_name="陈志强",
                    term_start=today.replace(year=today.year - 2, day=1),
                    term_years=5,
                    member_count=1080,
                    name=FUNING_XIEXIN_UNION,
                    org_unit=existing,
                )
            total_e += len(ents)
        _campaign(today)
    if stdout:
        stdout.write(f"  企业：新增 {total_e} 家，基层工会 {total_u} 个")


def _delays(county: Region, today: dt.date) -> None:
    """Two unions of the county whose term ended recently got an approved delay (延期换届)."""
    recent = (
        EnterpriseUnion.objects.filter(
            org_unit__region__path__startswith=county.path,
            term_end__lt=today,
            term_end__gte=dates.add_months(today, -5),
        )
        .select_related("org_unit")
        .order_by("-term_end", "pk")[:2]
    )
    for union in recent:
        services.union_delay_approve(
            actor=None,
            union=union,
            delay_until=dates.add_months(union.term_end, 6),
            approved_by=selectors.delay_approvers(union).first(),
            approved_on=union.term_end - dt.timedelta(days=20),
            reason="企业生产旺季，会员代表难以集中，申请延期换届",
            document_no=f"{county.name[:2]}工〔{union.term_end.year}〕{union.pk % 90 + 10}号",
        )


def _campaign(today: dt.date) -> None:
    """建湖县's 工会组建服务年: targets per town and contact records with obstacles and the
    fallback recruitment."""
    from unionhub.enterprises.models import Campaign

    county = Region.objects.get(code="320925")
    if Campaign.objects.filter(region=county, year=today.year).exists():
        return
    campaign = services.campaign_create(
        actor=None,
        name=f"建湖县{today.year}年工会组建服务年",
        year=today.year,
        region=county,
        starts_on=dt.date(today.year, 1, 1),
        ends_on=dt.date(today.year, 12, 31),
    )
    towns = _towns(county)
    rng = random.Random(f"campaign-{today.year}")  # noqa: S311 — deterministic demo data
    services.campaign_set_targets(
        actor=None, campaign=campaign, targets={t: rng.randint(2, 6) for t in towns}
    )
    targets = list(
        Enterprise.objects.filter(region__path__startswith=county.path)
        .exclude(target_reasons="")
        .order_by("name")[:40]
    )
    steps = [
        "再次上门宣讲《工会法》",
        "邀请负责人参加建会政策座谈会",
        "联合市场监管局约谈",
        "先吸收职工加入镇工会",
        "协助推选工会筹备组",
        "发放建会指导手册",
    ]
    for ent in targets:
        obstacle = rng.choice(
            ["none", "misunderstanding", "misunderstanding", "unsupportive", "resistant"]
        )
        fallback = (
            rng.choice(["none", "none", "town", "village", "industry"])
            if obstacle != "none"
            else "none"
        )
        contacted = today - dt.timedelta(days=rng.randint(3, 200))
        if contacted < campaign.starts_on:
            contacted = campaign.starts_on
        services.contactlog_create(
            actor=None,
            enterprise=ent,
            campaign=campaign,
            contacted_on=contacted,
            department=rng.choice(["union", "market", "hr", "party", "town"]),
            obstacle=obstacle,
            next_step=rng.choice(steps),
            next_contact_on=today + dt.timedelta(days=rng.randint(7, 60)),
            fallback=fallback,
            recruited_members=rng.randint(3, min(20, max(3, ent.employees)))
            if fallback != "none"
            else 0,
        )
