"""Demo data for grid governance: 射阳 (320924) reproduces its published figures FROM
RECORDS — 216 enterprise-exclusive grids, coverage ≥ 95 % of large/medium and ≥ 80 % of
small/micro enterprises, 33 monitoring points, 22 harmonious enterprises and parks in force —
and other counties get a smaller grid network. Grids, memberships, workers and monitoring
points are bulk-created (with ``record_change``); reports, warnings, disposals, layoffs and
designations go through the services. Idempotent: a county that has grids is skipped."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.enterprises import services as ent_services
from unionhub.enterprises import sme
from unionhub.enterprises.demo import INDUSTRIES, OWNERSHIP, PREFIXES, demo_uscc
from unionhub.enterprises.models import Enterprise
from unionhub.governance import services
from unionhub.governance.choices import GridKind, GridWorkerRole
from unionhub.governance.models import (
    PHONE_CONTEXT,
    Grid,
    GridMembership,
    GridWorker,
    HarmoniousUnit,
    MonitoringPoint,
    RiskIndicator,
    RiskWarning,
)
from unionhub.org import services as org_services
from unionhub.org.choices import RegionKind, RegionLevel, TownCategory
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region

SHEYANG = "320924"
EXCLUSIVE_GRIDS = 216
MONITORING_POINTS = 33
HARMONIOUS_IN_FORCE = 22
#: extra enterprises of 射阳 (its "网格+企业" covers more firms than the enterprises demo's 160)
SHEYANG_EXTRA = 300
VILLAGE_NAMES = ["新港村", "兴桥社区", "黄海村", "海通社区", "安东村", "鹤乡社区"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱胡郭何高林罗梁"
GIVEN = ["建国", "海燕", "志刚", "丽华", "卫东", "春梅", "国平", "晓红", "军", "静", "明", "芳"]


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _towns(county: Region) -> list[Region]:
    return list(
        Region.objects.filter(parent=county, level=RegionLevel.TOWN)
        .exclude(category=TownCategory.SPECIAL)
        .order_by("code")
    )


def _villages(county: Region, towns: list[Region]) -> None:
    """Villages and communities of 射阳's towns (made-up 12-digit codes) for the grid tree."""
    rows = []
    for town in towns:
        for i, name in enumerate(VILLAGE_NAMES[:3]):
            category = TownCategory.COMMUNITY if name.endswith("社区") else TownCategory.VILLAGE
            code = f"{town.code}{210 + i:03d}"
            rows.append(
                org_services.RegionRow(
                    code,
                    f"{town.name.removesuffix('镇').removesuffix('街道')}{name}",
                    RegionLevel.VILLAGE,
                    town.code,
                    RegionKind.STATISTICAL,
                    category,
                )
            )
    org_services.regions_load(actor=None, rows=rows)


def _extra_enterprises(rng: random.Random, county: Region, towns: list[Region]) -> None:
    """More 射阳 enterprises, bulk-created the enterprises demo's way (derived fields by
    ``services.derive`` with the SME table in force)."""
    today = timezone.localdate()
    table = sme.table_for(today)
    used = set(Enterprise.objects.values_list("name", flat=True))
    ents = []
    with sme.cached_tables():
        for _ in range(SHEYANG_EXTRA):
            region = rng.choice(towns)
            code, words, _share = rng.choices(INDUSTRIES, weights=[i[2] for i in INDUSTRIES])[0]
            place = region.name.removesuffix("街道").removesuffix("镇")[:2]
            name = f"射阳{place}{rng.choice(PREFIXES)}{rng.choice(PREFIXES)}{rng.choice(words)}有限公司"
            while name in used:
                name = name.replace("有限公司", f"{rng.choice('一二三四五六七八九')}分公司", 1)
            used.add(name)
            band = rng.random()
            employees = (
                rng.randint(3, 19)
                if band < 0.5
                else rng.randint(20, 299)
                if band < 0.85
                else rng.randint(300, 1500)
            )
            revenue = Decimal(employees * rng.randint(20, 120)).quantize(Decimal("0.01"))
            ent = Enterprise(
                uscc=demo_uscc(rng, county.code),
                name=name,
                region=region,
                industry_code=code,
                ownership=rng.choices([o[0] for o in OWNERSHIP], [o[1] for o in OWNERSHIP])[0],
                employees=employees,
                revenue_wan=revenue,
                assets_wan=(revenue * Decimal("1.3")).quantize(Decimal("0.01")),
                founded_on=today - dt.timedelta(days=rng.randint(400, 20 * 365)),
            )
            ent_services.derive(ent, table=table, term_ends=[], today=today)
            ents.append(ent)
    Enterprise.objects.bulk_create(ents, batch_size=500)
    record_change(
        model=Enterprise,
        action="import",
        changes={"created": len(ents)},
        note=f"演示数据：射阳县网格企业 {len(ents)} 家",
        region_path=county.path,
    )


def _grids(rng: random.Random, county: Region, *, exclusive: int, small_share: float) -> dict:
    """Territorial grids for every town and village, ``exclusive`` enterprise-exclusive
    grids for the largest enterprises, memberships (all large/medium but one in 40, and
    ``small_share`` of the small/micro), a grid worker per grid."""
    towns = _towns(county)
    today = timezone.localdate()
    villages = {t.pk: list(Region.objects.filter(parent=t).order_by("code")) for t in towns}
    grids: list[Grid] = []
    territorial: dict[int, list[Grid]] = {}
    for town in towns:
        spots = villages[town.pk] or [town]
        territorial[town.pk] = []
        for n, spot in enumerate(spots, start=1):
            g = Grid(
                code=f"{spot.code}-G{n:02d}",
                name=f"{spot.name}网格",
                kind=GridKind.TERRITORIAL,
                region=spot,
            )
            grids.append(g)
            territorial[town.pk].append(g)
    ents = list(
        Enterprise.objects.filter(region__path__startswith=county.path)
        .exclude(operating_status="closed")
        .select_related("region")
        .order_by("-employees", "pk")
    )
    exclusive_for = [e for e in ents if e.region.level == RegionLevel.TOWN][:exclusive]
    exclusive_grids = {}
    for i, e in enumerate(exclusive_for, start=1):
        g = Grid(
            code=f"{county.code}-QY{i:03d}",
            name=f"{e.name}专属网格",
            kind=GridKind.ENTERPRISE,
            region=e.region,
        )
        grids.append(g)
        exclusive_grids[e.pk] = g
    Grid.objects.bulk_create(grids, batch_size=500)
    town_of = {t.path: t for t in towns}
    memberships = []
    skip_lm = 0
    for e in ents:
        if e.pk in exclusive_grids:
            grid = exclusive_grids[e.pk]
        else:
            large = e.size_class in ("large", "medium")
            if large:
                skip_lm += 1
                if skip_lm % 40 == 0:  # a few large/medium firms still outside any grid
                    continue
            elif rng.random() > small_share:
                continue
            town = next((t for p, t in town_of.items() if e.region.path.startswith(p)), None)
            town = town or towns[0]
            grid = rng.choice(territorial[town.pk])
        memberships.append(
            GridMembership(
                grid=grid, enterprise=e, assigned_on=today - dt.timedelta(days=rng.randint(30, 700))
            )
        )
    GridMembership.objects.bulk_create(memberships, batch_size=500)
    workers = []
    for g in grids:
        workers.append(
            GridWorker(
                grid=g,
                name=_person(rng),
                role=GridWorkerRole.WORKER,
                phone_enc=crypto.encrypt(_phone(rng), context=PHONE_CONTEXT),
            )
        )
    for town in towns:  # one grid chief per town, in its first grid
        workers.append(
            GridWorker(
                grid=territorial[town.pk][0],
                name=_person(rng),
                role=GridWorkerRole.CHIEF,
                phone_enc=crypto.encrypt(_phone(rng), context=PHONE_CONTEXT),
            )
        )
    GridWorker.objects.bulk_create(workers, batch_size=500)
    for model, n in (
        (Grid, len(grids)),
        (GridMembership, len(memberships)),
        (GridWorker, len(workers)),
    ):
        record_change(
            model=model,
            action="import",
            changes={"created": n},
            note=f"演示数据：{county.name} {model._meta.verbose_name} {n}",
            region_path=county.path,
        )
    return {"grids": len(grids), "memberships": len(memberships)}


def _monitoring_points(rng: random.Random, county: Region, count: int) -> list[MonitoringPoint]:
    unions = list(
        Enterprise.objects.filter(
            region__path__startswith=county.path, union_status__in=("built", "term_overdue")
        )
        .exclude(operating_status="closed")
        .order_by("-employees", "pk")[:count]
    )
    today = timezone.localdate()
    points = [
        MonitoringPoint(
            enterprise=e,
            informant_name=_person(rng),
            phone_enc=crypto.encrypt(_phone(rng), context=PHONE_CONTEXT),
            designated_on=today - dt.timedelta(days=rng.randint(60, 900)),
        )
        for e in unions
    ]
    MonitoringPoint.objects.bulk_create(points)
    record_change(
        model=MonitoringPoint,
        action="import",
        changes={"created": len(points)},
        note=f"演示数据：{county.name} 风险监测点 {len(points)} 个",
        region_path=county.path,
    )
    return points


def _report(owner, enterprise, code, *, days_ago, facts, received_days_ago=None, **values):
    now = timezone.now()
    occurred = timezone.localdate() - dt.timedelta(days=days_ago)
    received = received_days_ago if received_days_ago is not None else days_ago
    return services.report_file(
        actor=None,
        owner=owner,
        received_at=now - dt.timedelta(days=received, hours=2),
        enterprise=enterprise,
        indicator=RiskIndicator.objects.get(code=code),
        source=values.pop("source", "monitoring_point"),
        occurred_on=occurred,
        facts=facts,
        **values,
    )


def _warnings_sheyang(owner, points: list[MonitoringPoint], county: Region) -> None:
    """射阳's open and closed warnings: every level, due and overdue, a disposal with a
    downgrade, a closed case, an escalation by the job."""
    ents = [p.enterprise for p in points]
    others = list(
        Enterprise.objects.filter(
            region__path__startswith=county.path, monitoring_point__isnull=True
        )
        .exclude(operating_status="closed")
        .order_by("pk")[:20]
    )
    today = timezone.localdate()
    # red: 110 workers unpaid for two months, filed today
    _report(
        owner,
        ents[3],
        "W1",
        days_ago=0,
        facts="车间110名职工反映9月、10月工资未发放，已聚集在厂区门口。",
        people_affected=110,
        months=Decimal("2"),
        amount=Decimal("1980000.00"),
    )
    _report(
        owner,
        ents[3],
        "G1",
        days_ago=0,
        facts="约30名职工在厂区门口聚集讨薪。",
        people_affected=30,
        source="grid_worker",
    )
    # orange: 35 workers unpaid, received 1 day ago
    _report(
        owner,
        ents[5],
        "W1",
        days_ago=1,
        facts="外包班组35人欠薪约1个半月。",
        people_affected=35,
        months=Decimal("1.5"),
        amount=Decimal("420000.00"),
    )
    # yellow: layoff share / social insurance arrears
    _report(
        owner, ents[8], "S1", days_ago=2, facts="企业社保费已连续欠缴3个月。", months=Decimal("3")
    )
    _report(
        owner,
        others[0],
        "R1",
        days_ago=3,
        facts="企业公告拟整体搬迁至盐城经济开发区。",
        source="grid_worker",
    )
    _report(
        owner,
        others[1],
        "P1",
        days_ago=4,
        facts="两条生产线停产，其余正常。",
        flag="partial_halt",
        source="grid_worker",
    )
    # blue: small signals
    _report(owner, others[2], "U1", days_ago=5, facts="用电量环比下降58%。", source="staff")
    _report(
        owner, others[3], "D1", days_ago=6, facts="近90日劳动争议案件4件。", cases=4, source="staff"
    )
    _report(owner, ents[10], "W2", days_ago=8, facts="10月工资推迟18天发放。", days_late=18)
    # below every trigger: recorded, no warning
    _report(
        owner,
        others[4],
        "G1",
        days_ago=2,
        facts="2名职工到镇政府反映加班费问题。",
        people_affected=2,
        source="grid_worker",
    )
    # overdue yellow → escalated to orange by the job (received 9 days ago)
    _report(
        owner,
        ents[12],
        "W1",
        days_ago=9,
        facts="12名职工工资拖欠近1个月。",
        people_affected=12,
        months=Decimal("1"),
        amount=Decimal("96000.00"),
    )
    services.warnings_escalate_overdue(actor=None, today=today)
    # orange → disposal → downgraded to blue
    _report(
        owner,
        ents[14],
        "W1",
        days_ago=12,
        received_days_ago=1,
        facts="40名职工欠薪2个月。",
        people_affected=40,
        months=Decimal("2"),
    )
    r_small = _report(
        owner,
        ents[14],
        "W2",
        days_ago=12,
        received_days_ago=1,
        facts="工资推迟20天发放。",
        days_late=20,
    )
    warning = RiskWarning.objects.get(enterprise=ents[14], status="open")
    wage = warning.reports.get(indicator__code="W1")
    services.disposal_record(
        actor=None,
        riskwarning=warning,
        acted_on=today,
        action="县总工会会同人社局约谈企业负责人，企业当日补发拖欠工资。",
        result="已补发工资84万元，职工签字确认。",
        resolved_reports=[wage],
    )
    services.warning_reevaluate(
        actor=None, riskwarning=warning, note="欠薪已解决，仍有工资延期问题"
    )
    assert r_small.level is not None
    # closed: settled last month
    _report(owner, ents[16], "W1", days_ago=40, facts="15名职工欠薪。", people_affected=15)
    closed = RiskWarning.objects.get(enterprise=ents[16], status="open")
    services.disposal_record(
        actor=None,
        riskwarning=closed,
        acted_on=today - dt.timedelta(days=35),
        action="调解员到企业调解，达成分期支付协议。",
        result="工资已全部结清。",
        resolved_reports=list(closed.reports.all()),
    )
    services.warning_close(
        actor=None, riskwarning=closed, closure_reason="欠薪已结清，职工无异议。"
    )
    # a mass layoff plan: ≥ 10 % of the workforce
    big = ents[20]
    services.layoff_register(
        actor=None,
        owner=owner,
        enterprise=big,
        planned_count=max(20, big.employees // 8),
        workforce=big.employees,
        notified_on=today - dt.timedelta(days=3),
        effective_on=today + dt.timedelta(days=40),
        reason="订单下降，压缩两条生产线。",
    )
    _meetings_sheyang(owner, ents)


def _meetings_sheyang(owner, ents) -> None:
    """Two "1+1+N" joint meetings this month (the monthly report shows them): on the red and
    orange warnings, with follow-up tasks (one done) in the administrator's to-do."""
    today = timezone.localdate()
    union = owner.org_unit
    if union is None:
        return
    open_warnings = list(
        RiskWarning.objects.filter(
            enterprise__region__path__startswith=union.region.path, status="open"
        )
        .select_related("level", "enterprise")
        .order_by("-level__rank", "pk")[:3]
    )
    first_day = today.replace(day=1)
    first = services.meeting_create(
        actor=None,
        held_on=first_day,
        convener=union,
        hrss_side="射阳县人力资源和社会保障局（劳动保障监察大队、劳动人事争议仲裁院）",
        participants="县法院\n县司法局\n县住房和城乡建设局\n合德镇人民政府",
        topics="本月红色、橙色预警企业欠薪处置；春节前农民工工资支付专项检查安排",
        decisions="对欠薪企业限期补发；人社局立案监察；工会法律援助律师介入；每周通报进展。",
        warnings=open_warnings,
    )
    done = services.meetingtask_add(
        actor=None,
        jointmeeting=first,
        title="约谈欠薪企业负责人，督促补发工资",
        owner=owner,
        period="meeting_task_5wd",
    )
    if done.due_on <= today:
        services.meetingtask_done(
            actor=None,
            meetingtask=done,
            done_on=max(first_day, min(today, done.due_on)),
            result="已约谈，企业承诺分两期补发。",
        )
    services.meetingtask_add(
        actor=None,
        jointmeeting=first,
        title="向市总工会报送欠薪处置进展",
        owner=owner,
        period="meeting_task_10wd",
    )
    second = services.meeting_create(
        actor=None,
        held_on=today,
        convener=union,
        hrss_side="射阳县人力资源和社会保障局",
        participants="县工业和信息化局\n" + ents[20].name,
        topics=f"{ents[20].name}规模裁员方案协商",
        decisions="企业依法提前三十日向工会说明情况；工会组织职工代表协商经济补偿方案。",
        enterprises=[ents[20]],
    )
    services.meetingtask_add(
        actor=None,
        jointmeeting=second,
        title="组织裁员协商，审查经济补偿方案",
        owner=owner,
        period="meeting_task_30d",
    )


def _harmonious(county: Region, points: list[MonitoringPoint]) -> None:
    """22 designations in force (18 enterprises, 4 parks; county, city, provincial levels)
    plus an expired one and an application being evaluated."""
    today = timezone.localdate()
    blocked = set(
        RiskWarning.objects.filter(status="open", level__rank__gte=3).values_list(
            "enterprise_id", flat=True
        )
    )
    ents = [
        e
        for e in Enterprise.objects.filter(region__path__startswith=county.path)
        .exclude(operating_status="closed")
        .select_related("region")
        .order_by("-employees", "pk")[:60]
        if e.pk not in blocked
    ]
    towns = _towns(county)
    levels = ["county"] * 10 + ["city"] * 8 + ["province"] * 4
    parks = ["射阳经济开发区", "射阳港经济区", "合德镇工业集中区", "海河镇工业园区"]
    for i, level in enumerate(levels):
        year = today.year - (i % 3)
        if i < 18:
            data = dict(kind="enterprise", enterprise=ents[i], region=ents[i].region)
        else:
            data = dict(kind="park", park_name=parks[i - 18], region=towns[i % len(towns)])
        unit = services.harmonious_apply(
            actor=None, level=level, year=year, applied_on=dt.date(year, 3, 10), **data
        )
        services.harmonious_evaluate(
            actor=None,
            harmoniousunit=unit,
            score=Decimal(85 + i % 12),
            evaluation="劳动合同签订率100%，工资集体协商建制，无重大劳动争议。",
        )
        services.harmonious_designate(
            actor=None, harmoniousunit=unit, designated_on=dt.date(year, 6, 18)
        )
    old_year = today.year - 4
    old = services.harmonious_apply(
        actor=None,
        kind="enterprise",
        enterprise=ents[30],
        region=ents[30].region,
        level="county",
        year=old_year,
        applied_on=dt.date(old_year, 3, 1),
    )
    services.harmonious_evaluate(actor=None, harmoniousunit=old, score=Decimal("82"))
    services.harmonious_designate(
        actor=None, harmoniousunit=old, designated_on=dt.date(old_year, 6, 1)
    )
    services.harmonious_apply(
        actor=None,
        kind="enterprise",
        enterprise=ents[31],
        region=ents[31].region,
        level="city",
        year=today.year,
        applied_on=today - dt.timedelta(days=20),
    )


def _other_county(rng: random.Random, county: Region, owner) -> None:
    _grids(rng, county, exclusive=6, small_share=0.55)
    points = _monitoring_points(rng, county, 4)
    if owner is not None and len(points) >= 2:
        _report(
            owner,
            points[0].enterprise,
            "W1",
            days_ago=3,
            facts="部分职工反映工资拖欠。",
            people_affected=8,
        )
        _report(
            owner,
            points[1].enterprise,
            "S1",
            days_ago=5,
            facts="社保欠缴1个月。",
            months=Decimal("1"),
        )


@transaction.atomic
def load(stdout=None) -> None:
    from django.apps import apps

    from unionhub.accounts.models import User
    from unionhub.governance.defaults import load_default_rules

    load_default_rules(apps.get_model)  # gone after a flush (browser tests), else a no-op
    made = []
    for slug, code in COUNTY_SLUGS.items():
        county = Region.objects.get(code=code)
        if Grid.objects.filter(region__path__startswith=county.path).exists():
            continue
        rng = random.Random(f"governance-{code}")  # noqa: S311 — deterministic demo data
        owner = User.objects.filter(username=f"{slug}_admin").first()
        if code == SHEYANG:
            towns = _towns(county)
            _villages(county, towns)
            _extra_enterprises(rng, county, towns)
            _grids(rng, county, exclusive=EXCLUSIVE_GRIDS, small_share=0.86)
            points = _monitoring_points(rng, county, MONITORING_POINTS)
            if owner is not None:
                _warnings_sheyang(owner, points, county)
            _harmonious(county, points)
        else:
            _other_county(rng, county, owner)
        made.append(county.name)
    if stdout:
        total = HarmoniousUnit.objects.count()
        stdout.write(
            f"  网格治理：{len(made)} 个县级单位，{Grid.objects.count()} 个网格，和谐单位 {total} 个"
        )
