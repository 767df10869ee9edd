"""Demo: 阜宁协鑫光伏's "小积分激发大能量" programme (about 1,000 employees, a year of activity
with more than a thousand person-times and adopted suggestions worth over ten million yuan),
plus a smaller programme in 东台. Idempotent: the activity is generated once."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from unionhub.accounts.demo import ensure_user
from unionhub.accounts.models import Role, User
from unionhub.core.audit import record_change
from unionhub.org import services as org_services
from unionhub.org.choices import OrgKind
from unionhub.org.demo import county_union
from unionhub.org.models import OrgUnit
from unionhub.points import services
from unionhub.points.models import PointsAccount, Programme

# Every default item requires evidence, so demo claims carry a tiny placeholder file.
DEMO_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
    b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def demo_evidence(kind: str = "png") -> ContentFile:
    return ContentFile(DEMO_PDF if kind == "pdf" else DEMO_PNG, name=f"demo.{kind}")


FUNING_UNION = "阜宁协鑫光伏科技有限公司工会"
FUNING_CODE = "320923-E-GCLPV"
DONGTAI_UNION = "东台恒达精密机械有限公司工会"
DONGTAI_CODE = "320981-E-HDJM"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来嵺苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠僧桑荆谌银扬明沙薄伏岑习胥保和蔺水云昌凤酆常皮康元平萧湛禹无贝茅麻危骆支咎经裘缪干宣贲杭诸钮嵇滑荣荀羊於惠家芮羿储汲邴松富乌巴弓牧隗山宓蓬郗班仰秋伊仇暴钭厉戎祖束幸韶蓟印宿怀蒲鄂索咸籍赖乔阴能苍双闻莘贡逢扶堵宰郦雍却璩濮寿通扈郏浦尚农别阎充慕茹宦鱼容易慎戈庾终暨居衡步满弘国文寇广禄阙东殳沃利蔚越夔隆师厍晃勾融訾阚那空毋乜养须丰巢蒯相后红权逯盖益桓公"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰飞鹏辉俊峰亮斌宇浩凯健晨欣怡婷雪琳晶丹萍梅波涛林森彬鑫"
DEPARTMENTS = [
    "拉棒车间",
    "切片车间",
    "电池车间",
    "组件车间",
    "设备部",
    "质量部",
    "安环部",
    "生产计划部",
    "仓储物流部",
    "综合管理部",
]
REWARDS = [
    ("定制保温杯", "工会定制不锈钢保温杯", 30, 300, 2),
    ("洗护礼盒", "洗发水沐浴露礼盒", 50, 200, 2),
    ("电影票（两张）", "阜宁影城通兑券", 80, 150, 4),
    ("体检升级套餐", "年度体检加项", 200, 60, 1),
    ("带薪休假半天", "经部门同意后使用", 300, 100, 2),
    ("蓝牙耳机", "无线蓝牙耳机", 400, 40, 1),
]
SUGGESTION_TOPICS = [
    "拉棒炉热场保温改进降低单耗",
    "切片金刚线线耗优化",
    "电池片碎片率降低方案",
    "组件层压工序节拍提升",
    "空压机余热回收利用",
    "纯水系统浓水回用",
    "叉车充电时段错峰降本",
    "车间照明LED改造",
    "硅料投料防错工装",
    "设备点检表电子化",
    "包装材料循环利用",
    "冷却塔变频改造",
]


def _name(rng: random.Random) -> str:
    return (
        rng.choice(SURNAMES[:100])
        + rng.choice(GIVEN)
        + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    )


def _enterprise_union(*, name: str, code: str, county_slug: str, prefer: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit.objects.filter(name=name).first()
    if unit is not None:
        return unit
    county = county_union(county_slug)
    towns = OrgUnit.objects.filter(parent=county, kind=OrgKind.TOWN_FEDERATION).order_by("code")
    town = towns.filter(name__contains=prefer).first() or towns.first()
    return org_services.orgunit_create(
        actor=None,
        name=name,
        short_name=name.removesuffix("有限公司工会").removesuffix("科技") + "工会",
        code=code,
        kind=OrgKind.ENTERPRISE,
        region=town.region,
        parent=town,
    )


def _employees(
    *, programme: Programme, prefix: str, count: int, rng: random.Random
) -> list[PointsAccount]:
    """Bulk-create employee users (no usable password) and their accounts."""
    existing = set(
        User.objects.filter(username__startswith=prefix).values_list("username", flat=True)
    )
    unusable = make_password(None)
    new_users = [
        User(
            username=f"{prefix}{n:04d}",
            full_name=_name(rng),
            org_unit=programme.union,
            password=unusable,
        )
        for n in range(1, count + 1)
        if f"{prefix}{n:04d}" not in existing
    ]
    if new_users:
        User.objects.bulk_create(new_users, batch_size=500)
        worker = Role.objects.filter(code="worker").first()
        users = list(User.objects.filter(username__startswith=prefix))
        if worker is not None:
            through = User.roles.through
            through.objects.bulk_create(
                [through(user_id=u.pk, role_id=worker.pk) for u in users], ignore_conflicts=True
            )
        record_change(
            obj=programme.union,
            action="import",
            note=f"演示：批量创建 {len(new_users)} 名职工账号（{prefix}*，不可登录）",
        )
    departments = list(programme.departments.order_by("pk"))
    have = set(PointsAccount.objects.filter(programme=programme).values_list("user_id", flat=True))
    users = User.objects.filter(username__startswith=prefix).order_by("username")
    accounts = [
        PointsAccount(
            programme=programme,
            user=u,
            employee_no=f"{prefix.upper()[:2]}{u.username[-4:]}",
            department=departments[i % len(departments)] if departments else None,
        )
        for i, u in enumerate(users)
        if u.pk not in have
    ]
    if accounts:
        PointsAccount.objects.bulk_create(accounts, batch_size=500)
        record_change(
            obj=programme, action="import", note=f"演示：批量开立 {len(accounts)} 个积分账户"
        )
    return list(
        PointsAccount.objects.filter(programme=programme, user__username__startswith=prefix)
        .select_related("programme__union__region", "user", "department")
        .order_by("pk")
    )


def _at(rng: random.Random, start: dt.date, end: dt.date) -> dt.datetime:
    day = start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
    )


def _programme(*, union: OrgUnit, name: str, slogan: str, chair: User | None) -> Programme:
    programme = Programme.objects.filter(union=union).first()
    if programme is None:
        programme = services.programme_create(union=union, name=name, slogan=slogan, actor=chair)
        services.rules_version_add(
            programme=programme,
            title="积分管理制度（试行）",
            effective_from=dt.date(2025, 1, 1),
            summary="首次发布：积分项目、审核、兑换和有效期规则。",
            actor=chair,
        )
        services.rules_version_add(
            programme=programme,
            title="积分管理制度",
            effective_from=dt.date(2026, 1, 1),
            summary="增加改善周、质量月项目；积分有效期改为次年年底。",
            actor=chair,
        )
    have = set(programme.departments.values_list("name", flat=True))
    for dep in DEPARTMENTS:
        if dep not in have:
            services.department_create(actor=None, programme=programme, name=dep)
    have = set(programme.rewards.values_list("name", flat=True))
    for rname, desc, cost, stock, limit in REWARDS:
        if rname not in have:
            services.reward_create(
                actor=None,
                programme=programme,
                name=rname,
                description=desc,
                cost=cost,
                stock=stock,
                per_person_limit=limit,
            )
    return programme


@transaction.atomic
def _activity(
    *,
    programme: Programme,
    accounts: list[PointsAccount],
    chair: User,
    scale: float,
    rng: random.Random,
) -> None:
    """A year of activity: snapshots reviewed, activities with attendance lists, suggestions
    with benefit, redemptions."""
    today = timezone.localdate()
    start = dt.date(today.year, 1, 1)
    items = {i.code: i for i in programme.items.all()}
    # Submissions (安全随手拍, 6S随手拍, 6S改善, OIT/OCC): most approved, some rejected.
    n_subs = int(360 * scale)
    codes = (
        ["safety_snapshot"] * 5
        + ["6s_snapshot"] * 3
        + ["6s_improvement", "oit", "occ", "tech_project"]
    )
    texts = {
        "safety_snapshot": [
            "组件车间通道堆放物料，已提醒清理",
            "配电柜门未关闭",
            "叉车超速行驶",
            "消防栓前堆放纸箱",
        ],
        "6s_snapshot": ["工具柜定置定位不到位", "地面油污未清理", "标识牌脱落"],
        "6s_improvement": ["工具形迹管理改造", "物料架目视化改善"],
        "oit": ["层压机换型时间缩短", "串焊机故障快速处理"],
        "occ": ["EL检测误判率降低", "返工流程优化"],
        "tech_project": ["串焊机视觉定位技改", "清洗机节水技改"],
    }
    for _ in range(n_subs):
        item = items[rng.choice(codes)]
        account = rng.choice(accounts)
        sub = services.submission_create(
            account=account,
            item=item,
            description=rng.choice(texts[item.code]),
            occurred_at=_at(rng, start, today),
            actor=account.user,
            photo=demo_evidence(),
        )
        roll = rng.random()
        try:
            if roll < 0.85:
                services.submission_approve(
                    submission=sub,
                    points=rng.randint(item.points_min, item.points_max),
                    actor=chair,
                )
            elif roll < 0.95:
                services.submission_reject(
                    submission=sub, actor=chair, reason="描述不清或与已有隐患重复"
                )
        except Exception:  # noqa: BLE001,S110 — a cap reached in the random demo just stays pending
            pass
    # Activities with attendance lists (batch awards).
    activities = [
        ("safety_activity", "“安全生产月”知识竞赛", dt.date(today.year, 6, 18), 0.12),
        ("safety_activity", "消防应急疏散演练", dt.date(today.year, 3, 20), 0.15),
        ("kaizen_week", "第一届改善周", dt.date(today.year, 4, 22), 0.10),
        ("quality_month", "质量月“质量之星”评选", dt.date(today.year, 9, 15), 0.12),
        ("culture_sports", "职工篮球赛", dt.date(today.year, 5, 1), 0.08),
        ("culture_sports", "中秋游园会", dt.date(today.year, 9, 28), 0.15),
        ("culture_sports", "职工趣味运动会", dt.date(today.year, 10, 20), 0.10),
    ]
    for code, title, day, share in activities:
        if day > today:
            continue
        item = items[code]
        people = rng.sample(accounts, max(1, int(len(accounts) * share)))
        services.award_batch(
            programme=programme,
            item=item,
            participants=[a.user.username for a in people],
            points=item.points_min
            if item.is_fixed
            else rng.randint(item.points_min, item.points_max),
            actor=chair,
            activity=title,
            occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(15))),
        )
    # Rationalization suggestions with benefit.
    departments = list(programme.departments.all())
    n_sugg = int(80 * scale)
    for i in range(n_sugg):
        account = rng.choice(accounts)
        submitted = start + dt.timedelta(days=rng.randrange(max((today - start).days - 40, 1)))
        topic = SUGGESTION_TOPICS[i % len(SUGGESTION_TOPICS)]
        s = services.suggestion_submit(
            account=account,
            title=f"{topic}（{account.department.name if account.department else ''}）",
            content=f"建议：{topic}。现状分析、改进措施和预期效果见附件。",
            submitted_on=submitted,
            actor=account.user,
        )
        if rng.random() < 0.1:
            continue
        estimate = Decimal(rng.choice([20000, 50000, 100000, 200000, 400000, 800000])) * Decimal(
            scale
        )
        s = services.suggestion_evaluate(
            suggestion=s,
            estimated_benefit=estimate.quantize(Decimal("0.01")),
            evaluation="技术可行，效益测算已复核",
            actor=chair,
        )
        adopt = rng.random() < 0.85
        s = services.suggestion_decide(
            suggestion=s, adopt=adopt, actor=chair, on=min(submitted + dt.timedelta(days=10), today)
        )
        if adopt and rng.random() < 0.85:
            realized = (estimate * Decimal(rng.uniform(0.8, 1.3))).quantize(Decimal("0.01"))
            services.suggestion_implement(
                suggestion=s,
                realized_benefit=realized,
                department=account.department or rng.choice(departments),
                actor=chair,
                on=min(submitted + dt.timedelta(days=30), today),
            )
    # Redemptions by some of the employees who have points.
    rewards = list(programme.rewards.order_by("cost"))
    for account in rng.sample(accounts, min(len(accounts), int(120 * scale))):
        account.refresh_from_db()
        affordable = [r for r in rewards if r.cost <= account.balance]
        if not affordable:
            continue
        try:
            order = services.redemption_create(
                account=account, reward=rng.choice(affordable), quantity=1, actor=account.user
            )
        except Exception:  # noqa: BLE001,S112 — limits in the random demo
            continue
        if rng.random() < 0.7:
            services.redemption_fulfil(order=order, actor=chair)
        elif rng.random() < 0.3:
            services.redemption_cancel(order=order, actor=account.user, note="不需要了")


def load_core() -> tuple[Programme, User, User]:
    """The 阜宁协鑫光伏 union, its programme (catalogue, rules, rewards) and the two demo
    accounts, with funing_worker's account holding a positive balance. Fast (no employees)."""
    union = _enterprise_union(
        name=FUNING_UNION, code=FUNING_CODE, county_slug="funing", prefer="阜城"
    )
    chair = ensure_user("funing_chair", "协鑫光伏工会主席", union, ["union_chair"])
    worker = ensure_user("funing_worker", "王晓峰", union, ["worker"])
    programme = _programme(
        union=union, name="小积分激发大能量", slogan="小积分激发大能量", chair=chair
    )
    worker_account = services.account_open(
        actor=None,
        programme=programme,
        user=worker,
        employee_no="GC0001-W",
        department=programme.departments.filter(name="组件车间").first(),
    )
    if not worker_account.entries.exists():
        items = {i.code: i for i in programme.items.all()}
        today = timezone.localdate()
        for day, text in [
            (3, "组件车间A线通道有积水，已放置警示牌"),
            (10, "配电房门锁损坏，已报修"),
        ]:
            sub = services.submission_create(
                account=worker_account,
                item=items["safety_snapshot"],
                description=text,
                actor=worker,
                occurred_at=timezone.now() - dt.timedelta(days=day),
                photo=demo_evidence(),
            )
            services.submission_approve(submission=sub, points=5, actor=chair)
        oit = services.submission_create(
            account=worker_account,
            item=items["oit"],
            description="层压机换型时间由45分钟缩短到30分钟",
            actor=worker,
            occurred_at=timezone.now() - dt.timedelta(days=15),
            photo=demo_evidence("pdf"),
        )
        services.submission_approve(submission=oit, points=30, actor=chair)
        services.award_batch(
            programme=programme,
            item=items["culture_sports"],
            participants=[worker.username],
            points=10,
            actor=chair,
            activity=f"{today.year}年职工趣味运动会",
            occurred_at=timezone.now() - dt.timedelta(days=20),
        )
        services.submission_create(
            account=worker_account,
            item=items["6s_snapshot"],
            description="工具柜标识脱落",
            actor=worker,
            photo=demo_evidence(),
        )
    return programme, chair, worker


def load(stdout=None) -> None:
    rng = random.Random(20261128)  # noqa: S311 — reproducible demo data, not security
    programme, chair, _worker = load_core()
    accounts = _employees(programme=programme, prefix="gclpv", count=1000, rng=rng)
    if not programme.accounts.filter(
        user__username__startswith="gclpv", entries__isnull=False
    ).exists():
        _activity(programme=programme, accounts=accounts, chair=chair, scale=1.0, rng=rng)

    # A smaller programme in 东台.
    dt_union = _enterprise_union(
        name=DONGTAI_UNION, code=DONGTAI_CODE, county_slug="dongtai", prefer="东台镇"
    )
    dt_programme = _programme(
        union=dt_union, name="积分激励计划", slogan="人人讲安全，个个会改善", chair=None
    )
    dt_accounts = _employees(programme=dt_programme, prefix="hdjm", count=60, rng=rng)
    dt_admin = User.objects.filter(username="dongtai_admin").first()
    if dt_admin and not dt_programme.accounts.filter(entries__isnull=False).exists():
        _activity(programme=dt_programme, accounts=dt_accounts, chair=dt_admin, scale=0.06, rng=rng)

    if stdout:
        from unionhub.points.selectors import programme_stats

        stats = programme_stats(programme=programme)
        stdout.write(
            f"  积分：{programme}，{stats['accounts']} 个账户，{stats['year']} 年参与 {stats['person_times']} 人次"
            f"（{stats['participants']} 人），合理化建议实现效益 {stats['suggestions']['realized']:,} 元"
        )
