"""Demo brands of the 11 county-level unions (the "一县一品" table): a published brand for
2025 and, carried over, a brand for 2026 in a mix of states; targets set through the KPI
registry from the demo figures; and the monthly KPI snapshots for 2025–2026 (through the
registry's own snapshot service) so the brand pages draw trend lines. Idempotent: a county
that has its brand is skipped, a month that has its snapshot is not taken again."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from django.utils import timezone

from unionhub.brands import services
from unionhub.brands.choices import BrandStatus
from unionhub.brands.models import Brand, BrandKpi
from unionhub.core.kpis import services as kpi_services
from unionhub.core.kpis.models import KpiSnapshot
from unionhub.core.kpis.selectors import kpi_values
from unionhub.org.models import Region

FIRST_YEAR = 2025

#: code → (title, slogan, lead department, narrative, KPI codes)
BRANDS: dict[str, tuple[str, str, str, str, tuple[str, ...]]] = {
    "320902": (
        "工会社会工作者成长档案",
        "一人一档，记录成长",
        "亭湖区总工会组织部",
        "亭湖区总工会为每一名工会社会工作者建立成长档案，按月记录工作纪实，按季开展交流，"
        "按年进行考核，把社会工作者的成长轨迹变成看得见的记录。\n"
        "档案覆盖全区镇（街道）总工会，培训、政治理论学习和专业课程同步记入，"
        "为选拔使用工会干部提供了依据。",
        (
            "socialwork.archives",
            "socialwork.monthly_records",
            "socialwork.quarterly_exchanges",
            "socialwork.annual_assessments",
        ),
    ),
    "320903": (
        "劳模工匠创新工作室联盟",
        "聚是一团火，散是满天星",
        "盐都区总工会经济技术部",
        "盐都区以劳模和工匠人才创新工作室为节点，组建区级创新工作室联盟，"
        "按教育、乡村振兴、卫生健康、海洋产业组建行业分联盟，实行轮值牵头。\n"
        "联盟通过“揭榜挂帅”承接企业技术难题，推动成果转化和技能传承。",
        ("studios.total", "studios.provincial", "studios.alliances", "people.model_workers"),
    ),
    "320904": (
        "职工文化惠民",
        "文化进企业，欢乐送职工",
        "大丰区总工会宣教部",
        "大丰区总工会把职工文化演出送进园区、企业和工地，"
        "组织职工自编自演节目，培养基层文艺骨干。\n"
        "演出计划年初公布，场次、节目和参演职工按场登记，全年可查。",
        ("culture.shows", "culture.programmes", "culture.performers", "culture.shows_planned"),
    ),
    "320921": (
        "建立智能化户外劳动者爱心驿站",
        "冷可取暖，热可纳凉，渴可喝水，累可歇脚",
        "响水县总工会权益保障部",
        "响水县总工会自建智能化户外劳动者爱心驿站，驿站运行智慧管理系统，"
        "到站登记、服务人次、物资消耗实时可查。\n"
        "驿站服务外卖骑手、快递小哥、环卫工人等户外劳动者，并与镇区服务中心联动。",
        ("stations.total", "stations.smart", "stations.new_this_year"),
    ),
    "320922": (
        "工会社会工作者进企业",
        "送学上门，送暖到家",
        "滨海县总工会组织部",
        "滨海县总工会组织工会社会工作者开展职工培训、政策宣讲和走访慰问，"
        "把服务送到企业和职工家中。\n"
        "每一场活动登记参与人次，活动记录与社会工作者成长档案相互印证。",
        (
            "activities.trainings",
            "activities.training_person_times",
            "activities.lectures",
            "activities.visits",
        ),
    ),
    "320923": (
        "企业积分制管理",
        "小积分，大激励",
        "阜宁县总工会经济技术部",
        "阜宁县总工会在企业推行职工积分制管理，职工参与技能提升、合理化建议和志愿服务获得积分，"
        "积分与评先评优挂钩。\n"
        "合理化建议实施后核算实现效益，让职工的点子变成企业的效益。",
        ("points.participants_year", "points.suggestion_benefit_year"),
    ),
    "320924": (
        "网格+企业 劳动关系治理",
        "网格全覆盖，风险早发现",
        "射阳县总工会法律工作部",
        "射阳县总工会把劳动关系治理嵌入社会治理网格，设立企业专属网格，"
        "大中型企业和小微企业分别纳入网格管理。\n"
        "劳动关系风险监测点按月报送，预警分级处置，和谐企业和园区动态评定。",
        (
            "governance.enterprise_grids",
            "governance.grid_coverage_large_medium",
            "governance.grid_coverage_small_micro",
            "governance.monitoring_points",
            "governance.harmonious_units",
        ),
    ),
    "320925": (
        "工会组建攻坚",
        "应建尽建，应入尽入",
        "建湖县总工会组织部",
        "建湖县总工会以二十五人以上企业为重点开展组建攻坚，"
        "逐户建立目标企业清单，已建会企业按期换届。\n"
        "建会状态由企业和工会记录自动判定，目标企业随记录变化实时更新。",
        ("establishment.built", "establishment.coverage_25plus", "establishment.targets"),
    ),
    "320981": (
        "名师带徒 匠心传承",
        "一名师傅，带出一支队伍",
        "东台市总工会经济技术部",
        "东台市总工会依托劳模创新工作室开展名师带徒，"
        "新产品逐项通过省级鉴定，带徒成果计入工作室档案。\n"
        "师徒结对、出师考核和成果鉴定全程记录，传承技艺，培养后备人才。",
        ("studios.new_products_appraised", "mentoring.apprentices", "studios.total"),
    ),
    "320971": (
        "党建带工建 三创争两提升",
        "党工共建，双强双优",
        "经开区工会工作委员会",
        "盐城经济技术开发区以党建带工建，开展“三创争两提升”，"
        "推动非公企业党组织和工会组织同步覆盖。\n"
        "示范单位按周期评定，覆盖率按企业记录实时计算。",
        (
            "partybuild.demonstration_units",
            "partybuild.party_org_coverage",
            "partybuild.union_coverage_25plus",
        ),
    ),
    "3209YN": (
        "集体协商 共建共享",
        "协商谋共识，共享促和谐",
        "盐南高新区工会工作委员会",
        "盐南高新区推行区域性、行业性集体协商和集中要约，"
        "工资集体合同覆盖园区企业和职工。\n"
        "要约、回应、签订和备案按法定期限跟踪，到期合同提前提醒续签。",
        (
            "bargaining.effective_contracts",
            "bargaining.covered_enterprises",
            "bargaining.covered_workers",
            "bargaining.offers_sent",
        ),
    ),
}

#: the 2026 brands' states (the others stay drafts)
STATES_2026 = {
    "320921": BrandStatus.PUBLISHED,
    "320924": BrandStatus.PUBLISHED,
    "320903": BrandStatus.PUBLISHED,
    "320902": BrandStatus.PUBLISHED,
    "320925": BrandStatus.SUBMITTED,
    "320923": BrandStatus.SUBMITTED,
    "3209YN": BrandStatus.RETURNED,
}
RETURN_REASON = "请补充集中要约的开展情况，并核对覆盖职工人数的统计口径。"


def _city_admin():
    from unionhub.accounts.models import User

    return User.objects.filter(username="city_admin").first()


def _target(kpi, value, growth: Decimal) -> Decimal:
    """A round target a little above the demo figure (rates at most 100 %)."""
    number = Decimal(value or 0)
    if kpi.aggregation == "rate":
        return min(Decimal(100), (number + Decimal(5) * growth).quantize(Decimal("1")))
    wanted = number * (Decimal(1) + Decimal("0.1") * growth)
    if kpi.is_money:
        return Decimal(math.ceil(wanted / 1000) * 1000)
    return Decimal(max(1, math.ceil(wanted)))


def _create(region: Region, year: int, reviewer) -> Brand:
    title, slogan, department, narrative, codes = BRANDS[region.code]
    brand = services.brand_create(
        actor=None,
        region=region,
        year=year,
        title=title,
        slogan=slogan,
        lead_department=department,
        narrative=narrative,
    )
    as_of = dt.date(year, 12, 31) if year < timezone.localdate().year else timezone.localdate()
    values = {
        v.code: v
        for v in kpi_values(
            user=kpi_services.SYSTEM,
            region=region,
            year=year,
            as_of=as_of,
            codes=codes,
            use_snapshots=False,
        )
    }
    growth = Decimal(1 if year == FIRST_YEAR else 2)
    for n, code in enumerate(codes, start=1):
        value = values.get(code)
        target = _target(value.kpi, value.value, growth) if value is not None else None
        services.brandkpi_create(actor=None, brand=brand, code=code, order=n * 10, target=target)
    return brand


def _advance(brand: Brand, state: str, reviewer) -> None:
    if state == BrandStatus.DRAFT:
        return
    services.brand_submit(actor=None, brand=brand)
    if state == BrandStatus.SUBMITTED:
        return
    services.brand_publish(actor=reviewer, brand=brand)  # the city federation reviews
    if state == BrandStatus.RETURNED:
        services.brand_return(actor=reviewer, brand=brand, reason=RETURN_REASON)


def load_brands(stdout=None) -> int:
    reviewer = _city_admin()
    created = 0
    for region in Region.objects.filter(code__in=BRANDS).order_by("path"):
        if Brand.objects.filter(region=region).exists():
            continue
        first = _create(region, FIRST_YEAR, reviewer)
        _advance(first, BrandStatus.PUBLISHED, reviewer)
        second = services.brand_carry_over(actor=None, brand=first)
        _retarget(second)  # next year's targets grow from next year's figures
        _advance(second, STATES_2026.get(region.code, BrandStatus.DRAFT), reviewer)
        created += 2
    return created


def _retarget(brand: Brand) -> None:
    codes = [i.code for i in brand.kpis.all()]
    values = kpi_values(
        user=kpi_services.SYSTEM,
        region=brand.region,
        year=brand.year,
        as_of=timezone.localdate(),
        codes=codes,
        use_snapshots=False,
    )
    for value in values:
        kpi_services.kpitarget_set(
            actor=kpi_services.SYSTEM,
            code=value.code,
            region=brand.region,
            year=brand.year,
            value=_target(value.kpi, value.value, Decimal(2)),
        )


def month_ends(first_year: int = FIRST_YEAR) -> list[dt.date]:
    """The last day of every month from January of ``first_year`` to the month before this."""
    today = timezone.localdate()
    ends = []
    month = dt.date(first_year, 1, 1)
    while True:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        end = following - dt.timedelta(days=1)
        if end >= today:
            break
        ends.append(end)
        month = following
    return ends


def load_snapshots(stdout=None) -> int:
    """The registry's monthly snapshots (``kpis_snapshot``) of each county's brand
    indicators, for the months not yet taken (the monthly job keeps all KPIs from now on;
    the demo takes only what the brand pages draw, so it stays fast)."""
    codes_by_region: dict[int, set[str]] = {}
    for region_id, code in BrandKpi.objects.values_list("brand__region_id", "code"):
        codes_by_region.setdefault(region_id, set()).add(code)
    regions = {r.pk: r for r in Region.objects.filter(pk__in=codes_by_region)}
    taken = set(
        KpiSnapshot.objects.filter(region_id__in=regions).values_list("region_id", "code", "month")
    )
    written = 0
    for end in month_ends():
        month = end.replace(day=1)
        for region_id, codes in sorted(codes_by_region.items()):
            missing = sorted(c for c in codes if (region_id, c, month) not in taken)
            if missing:
                written += kpi_services.kpis_snapshot(
                    as_of=end, regions=[regions[region_id]], codes=missing
                )
    return written


def load(stdout=None) -> None:
    brands = load_brands(stdout)
    snapshots = load_snapshots(stdout)
    if stdout is not None:
        stdout.write(f"  一县一品品牌 {brands} 个，指标月度快照 {snapshots} 条")
