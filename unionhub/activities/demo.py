"""Demo: 滨海 (320922) 长法村 village union in 坎北街道 — 11 trainings with 2,340 person-times
(each one a sign-in or a head count at the door), the 新思想 职工讲 lectures (4 history talks),
visits to 34 old or struggling party members and 73 model workers and workers in difficulty;
大丰 (320904) 周周演 — 15 shows this year (themed specials among them), more than 100
programmes and 1,500 performer appearances, 15 shows planned for next year; a little of
everything in the other counties. Every figure is computed from these records. Idempotent."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from unionhub.activities import services
from unionhub.activities.choices import ActivityKind, SignInSource, VisitCategory
from unionhub.activities.models import (
    PHONE_CONTEXT,
    Activity,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    SignIn,
)
from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.org import services as org_services
from unionhub.org.choices import OrgKind, RegionKind, RegionLevel, TownCategory
from unionhub.org.demo import COUNTY_SLUGS, county_union, first_town_union
from unionhub.org.models import OrgUnit, Region

KANBEI_CODE = "320922003"  # 坎北街道
CHANGFA_REGION = "320922003210"  # 长法村 (village code made up for the demo)
CHANGFA_UNION = "320922003210-V"
DAFENG = "dafeng"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰飞鹏辉俊峰亮斌宇浩凯健晨欣怡婷雪琳"
)
EMPLOYERS = [
    "滨海港工业园区企业",
    "长法村合作社",
    "坎北纺织厂",
    "滨海农机站",
    "个体经营",
    "江苏某化工公司",
]

#: (title, sign-ins, head count at the door): 11 sessions, 2,340 person-times in all
TRAININGS = [
    ("新型职业农民种植技术培训", 230, 0),
    ("电工安全操作技能培训", 180, 0),
    ("家政服务技能培训", 200, 20),
    ("电子商务直播带货培训", 240, 0),
    ("安全生产知识培训", 150, 60),
    ("职工法律知识讲座暨培训", 210, 0),
    ("农机驾驶与维修培训", 160, 30),
    ("养老护理员技能培训", 190, 0),
    ("焊工技能提升培训", 170, 20),
    ("应急救护（急救）培训", 0, 260),
    ("创业就业指导培训", 200, 20),
]
HISTORY_TALKS = [
    ("党史：从红船到复兴", 120),
    ("新中国史：站起来的岁月", 110),
    ("改革开放史：春天的故事", 130),
    ("社会主义发展史：五百年的追求", 100),
]
#: (title, month, [(category, count, given, yuan)])
VISITS = [
    (
        "七一走访慰问老党员",
        7,
        [(VisitCategory.OLD_PARTY_MEMBER, 20, "慰问金、党建读本", "300.00")],
    ),
    (
        "春节走访慰问困难党员和老党员",
        1,
        [
            (VisitCategory.PARTY_MEMBER_IN_DIFFICULTY, 10, "慰问金、米、油", "500.00"),
            (VisitCategory.OLD_PARTY_MEMBER, 4, "慰问金", "300.00"),
        ],
    ),
    (
        "春节走访慰问劳模和困难职工",
        1,
        [
            (VisitCategory.MODEL_WORKER, 15, "慰问金、慰问信", "800.00"),
            (VisitCategory.WORKER_IN_DIFFICULTY, 30, "慰问金、米、油", "600.00"),
        ],
    ),
    (
        "夏送清凉、秋送助学走访慰问",
        8,
        [
            (VisitCategory.WORKER_IN_DIFFICULTY, 22, "防暑用品、助学金", "400.00"),
            (VisitCategory.MODEL_WORKER, 6, "慰问金", "500.00"),
        ],
    ),
]
#: 周周演 this year: (title, theme, is a themed special)
SHOWS = [
    ("周周演·新春职工文艺汇演", "新春", True),
    ("周周演·元宵喜乐会", "元宵", False),
    ("周周演·巾帼风采专场", "三八妇女节", True),
    ("周周演·春之声", "", False),
    ("周周演·劳动最光荣专场", "五一劳动节", True),
    ("周周演·青春心向党", "五四青年节", False),
    ("周周演·企业职工才艺秀", "", False),
    ("周周演·颂党恩专场", "七一建党节", True),
    ("周周演·夏夜纳凉晚会", "", False),
    ("周周演·八一拥军专场", "八一建军节", True),
    ("周周演·麋鹿故乡欢乐多", "", False),
    ("周周演·中秋月圆", "中秋", False),
    ("周周演·礼赞新中国专场", "国庆", True),
    ("周周演·劳模工匠风采专场", "劳模工匠", True),
    ("周周演·冬日暖心", "", False),
]
PROGRAMMES = [
    ("大合唱《咱们工人有力量》", "song", 30),
    ("舞蹈《麋鹿之乡》", "dance", 20),
    ("淮剧选段《太阳花》", "opera", 8),
    ("小品《车间里的故事》", "sketch", 6),
    ("器乐合奏《茉莉花》", "instrumental", 15),
    ("诗朗诵《劳动者之歌》", "recitation", 10),
    ("女声小合唱《美丽的大丰》", "song", 14),
    ("广场舞《幸福中国一起走》", "dance", 24),
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _png(rng: random.Random) -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (rng.randint(150, 230), rng.randint(150, 230), 210))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randint(0, 280), rng.randint(0, 160)
        draw.rectangle([x, y, x + 40, y + 40], fill=(196, 30, 58))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return ContentFile(buffer.getvalue(), name="activity.jpg")


def _day_in_year(year: int, month: int, day: int) -> dt.date:
    """A demo date of this year that is not after today (the KPIs count the year so far)."""
    today = timezone.localdate()
    return min(dt.date(year, month, min(day, 28)), today)


def changfa_union() -> OrgUnit:
    unit = OrgUnit.objects.filter(code=CHANGFA_UNION).first()
    if unit is not None:
        return unit
    org_services.regions_load(
        actor=None,
        rows=[
            org_services.RegionRow(
                CHANGFA_REGION,
                "长法村",
                RegionLevel.VILLAGE,
                KANBEI_CODE,
                RegionKind.STATISTICAL,
                TownCategory.VILLAGE,
            )
        ],
    )
    return org_services.orgunit_create(
        actor=None,
        name="滨海县坎北街道长法村工会",
        short_name="长法村工会",
        code=CHANGFA_UNION,
        kind=OrgKind.VILLAGE,
        region=Region.objects.get(code=CHANGFA_REGION),
        parent=OrgUnit.objects.get(code=KANBEI_CODE),
    )


def _bulk_signins(activity: Activity, people: list[tuple[str, str, str]], start: dt.datetime):
    """Sign-ins of a past session (the volume is large: bulk, one audit summary)."""
    rows = [
        SignIn(
            activity=activity,
            name=name,
            phone_enc=crypto.encrypt(phone, context=PHONE_CONTEXT),
            phone_hash=crypto.pii_hash(phone, context=PHONE_CONTEXT),
            employer_name=employer,
            source=SignInSource.QR,
            signed_at=start + dt.timedelta(seconds=12 * i),
        )
        for i, (name, phone, employer) in enumerate(people)
    ]
    SignIn.objects.bulk_create(rows, batch_size=500)
    services.activity_recount(activity=activity)


def _load_changfa(rng: random.Random, year: int) -> None:
    union = changfa_union()
    place = "长法村党群服务中心（与村党支部共用阵地）"
    # ~900 villagers and workers nearby; each session draws its participants from them.
    villagers = [
        (_name(rng), f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}", rng.choice(EMPLOYERS))
        for _ in range(900)
    ]
    for n, (title, signed, counted) in enumerate(TRAININGS):
        held_on = _day_in_year(year, 1 + n, 8 + n)
        activity = services.activity_create(
            actor=None,
            kind=ActivityKind.TRAINING,
            title=title,
            organiser=union,
            held_on=held_on,
            place=place,
            audience="村民、在外务工人员、周边企业职工",
            head_count=counted,
            cost=Decimal(rng.randint(8, 30) * 100),
        )
        start = timezone.make_aware(dt.datetime.combine(held_on, dt.time(8, 30)))
        _bulk_signins(activity, rng.sample(villagers, signed), start)
        if n % 4 == 0:
            services.photo_add(actor=None, activity=activity, image=_png(rng), caption="培训现场")
    for n, (title, counted) in enumerate(HISTORY_TALKS):
        services.activity_create(
            actor=None,
            kind=ActivityKind.LECTURE,
            series="新思想 职工讲",
            title=title,
            organiser=union,
            held_on=_day_in_year(year, 3 + 2 * n, 15),
            place=place,
            audience="党员、职工、村民",
            head_count=counted,
            cost=Decimal("500.00"),
        )
    for title, month, groups in VISITS:
        visit = services.activity_create(
            actor=None,
            kind=ActivityKind.VISIT,
            title=title,
            organiser=union,
            held_on=_day_in_year(year, month, 20),
            place="长法村各组",
            audience="老党员、困难党员、劳模、困难职工",
        )
        for category, count, given, amount in groups:
            for _ in range(count):
                services.visittarget_create(
                    actor=None,
                    activity=visit,
                    name=_name(rng),
                    category=category,
                    given=given,
                    amount=Decimal(amount),
                )
    services.activity_create(
        actor=None,
        kind=ActivityKind.EXCHANGE,
        title="村级工会与村党支部共建阵地交流会",
        organiser=union,
        held_on=_day_in_year(year, 6, 10),
        place=place,
        audience="村两委、工会小组长",
        head_count=35,
    )


def _load_dafeng(rng: random.Random, year: int) -> None:
    from unionhub.members.models import Member

    union = county_union(DAFENG)
    this_year = services.seasonplan_create(
        actor=None,
        organiser=union,
        year=year,
        title="大丰区职工“周周演”",
        shows_planned=15,
        themes="新春、三八、五一、七一、八一、国庆、劳模工匠",
    )
    services.seasonplan_create(
        actor=None,
        organiser=union,
        year=year + 1,
        title="大丰区职工“周周演”",
        shows_planned=15,
        themes="新春、五一、七一、国庆、劳模工匠、新就业形态劳动者",
    )
    members = list(
        Member.objects.filter(union__path__startswith=union.path, employer__isnull=False)
        .select_related("employer")
        .order_by("pk")[:400]
    )
    performers: list[Performer] = []
    for n, (title, theme, special) in enumerate(SHOWS):
        show = services.show_create(
            actor=None,
            organiser=union,
            plan=this_year,
            title=title,
            held_on=_day_in_year(year, 1 + (n * 11) // 15, 6 + (n % 3) * 7),
            place=rng.choice(
                ["大丰区职工文化广场", "大丰区工人文化宫", "梅花湾广场", "企业职工之家"]
            ),
            theme=theme,
            is_special=special,
            audience=rng.randint(300, 900),
        )
        chosen = rng.sample(PROGRAMMES, 7)
        for order, (p_title, kind, size) in enumerate(chosen, start=1):
            programme = Programme.objects.create(show=show, order=order, title=p_title, kind=kind)
            for _ in range(size + rng.randint(-1, 1)):
                if members and rng.random() < 0.6:
                    member = rng.choice(members)
                    performers.append(
                        Performer(
                            programme=programme,
                            name=member.name,
                            member=member,
                            employer=member.employer,
                        )
                    )
                else:
                    performers.append(Performer(programme=programme, name=_name(rng)))
    Performer.objects.bulk_create(performers, batch_size=500)
    record_change(model=Programme, action="import", note=f"演示数据：{len(SHOWS) * 7} 个节目")
    record_change(model=Performer, action="import", note=f"演示数据：{len(performers)} 人次演员")


def _load_elsewhere(rng: random.Random, year: int) -> None:
    """A training, a visit and a show in each county beside 滨海's and 大丰's figures: small
    and plausible."""
    for slug in COUNTY_SLUGS:
        town = first_town_union(slug)
        if town is None:
            continue
        if slug != "binhai":  # 滨海's figures are 长法村's
            _small_activities(rng, year, town)
        if slug != DAFENG:  # 大丰's figures are 周周演's
            _small_show(rng, year, town)


def _small_activities(rng: random.Random, year: int, town: OrgUnit) -> None:
    services.activity_create(
        actor=None,
        kind=ActivityKind.TRAINING,
        title=f"{town.short_name or town.name}职工技能培训",
        organiser=town,
        held_on=_day_in_year(year, 4, 12),
        place=f"{town.short_name or town.name}职工之家",
        audience="辖区企业职工",
        head_count=rng.randint(40, 120),
        cost=Decimal("1200.00"),
    )
    visit = services.activity_create(
        actor=None,
        kind=ActivityKind.VISIT,
        title="春节送温暖走访慰问",
        organiser=town,
        held_on=_day_in_year(year, 1, 18),
    )
    for category in (VisitCategory.MODEL_WORKER, VisitCategory.WORKER_IN_DIFFICULTY):
        services.visittarget_create(
            actor=None,
            activity=visit,
            name=_name(rng),
            category=category,
            given="慰问金",
            amount=Decimal("500.00"),
        )


def _small_show(rng: random.Random, year: int, town: OrgUnit) -> None:
    show = services.show_create(
        actor=None,
        organiser=town,
        title=f"{town.short_name or town.name}职工文艺演出",
        held_on=_day_in_year(year, 5, 1),
        theme="五一劳动节",
        is_special=True,
        audience=rng.randint(150, 400),
    )
    programme = services.programme_create(
        actor=None, show=show, order=1, title="合唱《劳动最光荣》", kind="song"
    )
    for _ in range(8):
        services.performer_create(actor=None, programme=programme, name=_name(rng))


def load(stdout=None) -> None:
    if Activity.objects.filter(organiser__code=CHANGFA_UNION).exists():
        if stdout:
            stdout.write("  活动与职工文化：已存在，跳过")
        return
    rng = random.Random(20260917)  # noqa: S311 — reproducible demo data, not security
    year = timezone.localdate().year
    with transaction.atomic():
        _load_changfa(rng, year)
        _load_dafeng(rng, year)
        _load_elsewhere(rng, year)
    if stdout:
        stdout.write(
            f"  活动与职工文化：{Activity.objects.count()} 项活动，{SignIn.objects.count()} 人次签到，"
            f"{Show.objects.count()} 场演出，{Performer.objects.count()} 人次演员，"
            f"{SeasonPlan.objects.count()} 个年度计划"
        )
