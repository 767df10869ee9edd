"""Demo stations: 响水's 4 self-built smart stations and 2 town service centres, 射阳's 16
stations (incl. 滨湖大道服务站, 全国最美户外服务站点), a few per other county; 90 days of
check-ins with realistic daily and hourly shapes, tickets, inspections, devices and demand
points. Idempotent (keyed by station code)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from unionhub.core.audit import record_change
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import OrgUnit, Region
from unionhub.stations import choices, schedule, services
from unionhub.stations.models import (
    CheckIn,
    DemandPoint,
    Device,
    HygieneCheck,
    PatrolLog,
    Station,
    Ticket,
)

F = choices.Facility
FULL_SMART = [
    F.WATER,
    F.REST,
    F.CHARGING,
    F.MICROWAVE,
    F.FRIDGE,
    F.TOILET,
    F.MEDICINE_KIT,
    F.AIR_CONDITIONING,
    F.BOOKS,
    F.WIFI,
    F.CCTV,
    F.ACCESS_CONTROL,
    F.ALARM_BUTTON,
    F.EBIKE_CHARGING,
]
STANDARD = [F.WATER, F.REST, F.CHARGING, F.MICROWAVE, F.MEDICINE_KIT, F.AIR_CONDITIONING, F.TOILET]
PARTNER = [F.WATER, F.REST, F.CHARGING, F.MICROWAVE, F.MEDICINE_KIT]

# County centre (WGS-84, approximate) per demo slug.
CENTRES = {
    "tinghu": (33.3830, 120.1640),
    "yandu": (33.3380, 120.1000),
    "dafeng": (33.2000, 120.4660),
    "xiangshui": (34.1990, 119.5780),
    "binhai": (33.9900, 119.8200),
    "funing": (33.7590, 119.8020),
    "sheyang": (33.7740, 120.2580),
    "jianhu": (33.4640, 119.7990),
    "dongtai": (32.8530, 120.3200),
    "jingkai": (33.3500, 120.2300),
    "yannan": (33.3200, 120.1700),
}

XIANGSHUI = [
    (
        "XS-001",
        "响水县城南爱心驿站",
        choices.StationKind.SELF_BUILT,
        0,
        "响水县响水镇黄海路与双园路交叉口",
        (0.000, 0.000),
        "江苏省最美工会户外劳动者服务站点",
    ),
    (
        "XS-002",
        "响水县人民广场爱心驿站",
        choices.StationKind.SELF_BUILT,
        0,
        "响水县响水镇人民广场东侧",
        (0.006, 0.004),
        "",
    ),
    (
        "XS-003",
        "响水县物流园爱心驿站",
        choices.StationKind.SELF_BUILT,
        0,
        "响水县响水镇灌江路物流园区内",
        (-0.010, 0.012),
        "",
    ),
    (
        "XS-004",
        "响水县环卫所爱心驿站",
        choices.StationKind.SELF_BUILT,
        0,
        "响水县响水镇康庄路环卫所院内",
        (0.012, -0.008),
        "",
    ),
    (
        "XS-005",
        "陈家港镇爱心驿站（镇区服务中心）",
        choices.StationKind.TOWN_CENTRE,
        1,
        "响水县陈家港镇政府服务中心一楼",
        (0.160, 0.260),
        "",
    ),
    (
        "XS-006",
        "小尖镇爱心驿站（镇区服务中心）",
        choices.StationKind.TOWN_CENTRE,
        2,
        "响水县小尖镇便民服务中心",
        (0.080, 0.140),
        "",
    ),
]

SHEYANG_NAMES = [
    "滨湖大道服务站",
    "合德镇人民路服务站",
    "射阳汽车站服务站",
    "幸福大道服务站",
    "解放路邮政服务站",
    "射阳港服务站",
    "临海镇服务站",
    "千秋镇服务站",
    "四明镇服务站",
    "海河镇服务站",
    "海通镇服务站",
    "兴桥镇服务站",
    "新坍镇服务站",
    "长荡镇服务站",
    "盘湾镇服务站",
    "黄沙港镇服务站",
]

OTHER_NAMES = {
    "tinghu": ["亭湖区五星街道户外劳动者服务站", "亭湖区文峰街道工会驿站"],
    "yandu": ["盐都区潘黄街道工会驿站", "盐都区大冈镇工会驿站"],
    "dafeng": ["大丰区大中街道户外劳动者服务站", "大丰港工会驿站"],
    "binhai": ["滨海县东坎街道工会驿站", "滨海港工会驿站"],
    "funing": ["阜宁县阜城街道工会驿站"],
    "jianhu": ["建湖县近湖街道工会驿站", "建湖县高新区工会驿站"],
    "dongtai": ["东台市东台镇户外劳动者服务站", "东台市城东新区工会驿站"],
    "jingkai": ["经开区步凤镇工会驿站"],
    "yannan": ["盐南高新区新都街道工会驿站"],
}

OCC = choices.Occupation
# Occupation mix by station character.
MIX_CITY = {
    OCC.SANITATION: 30,
    OCC.COURIER: 18,
    OCC.DELIVERY_RIDER: 22,
    OCC.RIDE_HAILING: 8,
    OCC.TRUCK_DRIVER: 6,
    OCC.CONSTRUCTION: 6,
    OCC.LANDSCAPING: 6,
    OCC.OTHER: 4,
}
MIX_LOGISTICS = {
    OCC.TRUCK_DRIVER: 45,
    OCC.COURIER: 25,
    OCC.DELIVERY_RIDER: 8,
    OCC.SANITATION: 8,
    OCC.CONSTRUCTION: 6,
    OCC.RIDE_HAILING: 4,
    OCC.LANDSCAPING: 2,
    OCC.OTHER: 2,
}
MIX_TOWN = {
    OCC.SANITATION: 30,
    OCC.LANDSCAPING: 15,
    OCC.CONSTRUCTION: 20,
    OCC.TRUCK_DRIVER: 12,
    OCC.COURIER: 10,
    OCC.DELIVERY_RIDER: 6,
    OCC.OTHER: 7,
}
# Relative visits per hour (06:30–21:30): sanitation shift start, lunch (heating meals), dusk.
HOUR_WEIGHTS = {
    6: 6,
    7: 9,
    8: 7,
    9: 5,
    10: 6,
    11: 11,
    12: 14,
    13: 10,
    14: 6,
    15: 6,
    16: 7,
    17: 10,
    18: 9,
    19: 6,
    20: 4,
    21: 2,
}


def _towns(slug: str) -> list[Region]:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    towns = list(
        Region.objects.filter(parent=county, level=RegionLevel.TOWN)
        .exclude(category="special")
        .order_by("code")
    )
    return towns or [county]


def _union_for(region: Region) -> OrgUnit | None:
    """The town (or county) federation governing ``region``: the station's managing union."""
    kinds = [OrgKind.TOWN_FEDERATION, OrgKind.COUNTY_FEDERATION]
    return OrgUnit.objects.filter(region=region, kind__in=kinds).first()


def _ensure_station(
    code, name, kind, region, address, lat, lng, *, smart, facilities, honours="", windows=None
) -> tuple[Station, bool]:
    existing = Station.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    station = services.station_create(
        actor=None,
        name=name,
        code=code,
        kind=kind,
        region=region,
        org_unit=_union_for(region),
        address=address,
        lat=Decimal(f"{lat:.6f}"),
        lng=Decimal(f"{lng:.6f}"),
        is_smart=smart,
        facilities=[str(f) for f in facilities],
        honours=honours,
        contact_phone="0515-12345678",
        windows=windows or services.daily_windows(),
    )
    return station, True


def _stations() -> list[tuple[Station, dict]]:
    rows: list[tuple[Station, dict]] = []
    towns = _towns("xiangshui")
    lat0, lng0 = CENTRES["xiangshui"]
    template = None
    for code, name, kind, town_i, address, (dlat, dlng), honours in XIANGSHUI:
        smart = kind == choices.StationKind.SELF_BUILT
        if template is None:
            station, _ = _ensure_station(
                code,
                name,
                kind,
                towns[town_i],
                address,
                lat0 + dlat,
                lng0 + dlng,
                smart=True,
                facilities=FULL_SMART,
                honours=honours,
            )
            template = station
        elif Station.objects.filter(code=code).exists():
            station = Station.objects.get(code=code)
        else:
            # The 响水 model: new stations are cloned from the first self-built station.
            station = services.station_clone(
                actor=None,
                template=template,
                name=name,
                code=code,
                region=towns[town_i],
                address=address,
                lat=Decimal(f"{lat0 + dlat:.6f}"),
                lng=Decimal(f"{lng0 + dlng:.6f}"),
                kind=kind,
                is_smart=smart,
                honours=honours,
                org_unit=_union_for(towns[town_i]),
            )
        mix = (
            MIX_LOGISTICS
            if "物流" in name
            else (MIX_TOWN if kind == choices.StationKind.TOWN_CENTRE else MIX_CITY)
        )
        rows.append((station, {"base": 34 if smart else 16, "mix": mix, "slug": "xiangshui"}))
    towns = _towns("sheyang")
    lat0, lng0 = CENTRES["sheyang"]
    for i, name in enumerate(SHEYANG_NAMES):
        town = towns[0] if i < 6 else towns[min(i - 5, len(towns) - 1)]
        dlat, dlng = (
            (0.004 * ((i % 3) - 1), 0.005 * ((i % 4) - 1.5))
            if i < 6
            else (0.05 * ((i % 5) - 2), 0.06 * ((i % 4) - 1.5))
        )
        smart = i < 6
        station, _ = _ensure_station(
            f"SY-{i + 1:03d}",
            name,
            choices.StationKind.SELF_BUILT if i < 4 else choices.StationKind.PARTNER,
            town,
            f"射阳县{town.name}{name.replace('服务站', '')}",
            lat0 + dlat,
            lng0 + dlng,
            smart=smart,
            facilities=FULL_SMART if smart else STANDARD,
            honours="全国最美户外服务站点" if i == 0 else "",
            windows=services.daily_windows(manned=("00:00", "00:00"), unmanned=None)
            if i == 0
            else None,
        )
        rows.append(
            (
                station,
                {
                    "base": 40 if i == 0 else (24 if smart else 10),
                    "mix": MIX_LOGISTICS if "港" in name or "汽车" in name else MIX_CITY,
                    "slug": "sheyang",
                },
            )
        )
    for slug, names in OTHER_NAMES.items():
        towns = _towns(slug)
        lat0, lng0 = CENTRES[slug]
        for i, name in enumerate(names):
            code = f"{COUNTY_SLUGS[slug]}-{i + 1:02d}"
            station, _ = _ensure_station(
                code,
                name,
                choices.StationKind.PARTNER if i else choices.StationKind.SELF_BUILT,
                towns[min(i, len(towns) - 1)],
                f"{towns[min(i, len(towns) - 1)].name}{name[-6:]}",
                lat0 + 0.01 * i,
                lng0 - 0.008 * i,
                smart=i == 0,
                facilities=FULL_SMART if i == 0 else PARTNER,
                windows=services.daily_windows(manned=("08:00", "20:00"), unmanned=None),
            )
            rows.append((station, {"base": 14, "mix": MIX_CITY, "slug": slug}))
    return rows


def _open_minutes(station: Station) -> tuple[int, int]:
    """[open, close) minute-of-day of a demo station (demo schedules are the same every day)."""
    spans = [
        (w.start.hour * 60 + w.start.minute, w.minutes)
        for w in (x.as_window() for x in station.windows.all())
        if w.weekday == 0
    ]
    if not spans:
        return 0, 0
    start = min(s for s, _m in spans)
    return start, min(24 * 60, start + sum(m for _s, m in spans))


def _checkins(rows, rng: random.Random, now: dt.datetime) -> int:
    """90 days of check-ins in bulk (raw executemany: ~50,000 rows in a few seconds):
    weekday/season shape, hourly shape within the opening hours, a pool of regular
    visitors per station (pseudonymous tokens)."""
    from django.db import connection

    today = schedule.local(now).date()
    hours, weights = list(HOUR_WEIGHTS), list(HOUR_WEIGHTS.values())
    uuid_field = CheckIn._meta.get_field("event_id")
    sources = [
        choices.CheckInSource.PHONE.value,
        choices.CheckInSource.DEVICE.value,
        choices.CheckInSource.DESK.value,
    ]
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = []
    for station, info in rows:
        if CheckIn.objects.filter(station=station).exists():
            continue
        open_min, close_min = _open_minutes(station)
        pool = [
            services.visitor_token("phone", f"demo-{station.code}-{k}")
            for k in range(info["base"] * 6)
        ]
        occ_codes, occ_weights = [str(c) for c in info["mix"]], list(info["mix"].values())
        visitor_occ = {v: rng.choices(occ_codes, occ_weights)[0] for v in pool}
        for back in range(90, -1, -1):
            day = today - dt.timedelta(days=back)
            factor = 1.0 + 0.25 * (day.month in (6, 7, 8, 12, 1)) - 0.15 * (day.weekday() >= 5)
            n = max(0, int(rng.gauss(info["base"] * factor, info["base"] * 0.2)))
            for _ in range(n):
                hour = rng.choices(hours, weights)[0]
                minute_of_day = hour * 60 + rng.randrange(60)
                if not open_min <= minute_of_day < close_min:
                    continue
                at = dt.datetime.combine(
                    day, dt.time(hour, minute_of_day % 60, rng.randrange(60))
                ).replace(tzinfo=schedule.SHANGHAI)
                if at > now:
                    continue
                visitor = rng.choice(pool)
                values.append(
                    (
                        stamp,
                        stamp,
                        station.pk,
                        uuid_field.get_db_prep_value(uuid.uuid4(), connection),
                        connection.ops.adapt_datetimefield_value(at),
                        visitor_occ[visitor],
                        visitor,
                        rng.random() < 0.3,
                        rng.choices(sources, [60, 35, 5])[0],
                        "",
                    )
                )
    table = connection.ops.quote_name(CheckIn._meta.db_table)
    # The table name comes from the model's meta; every value is a query parameter.
    columns = "created_at, updated_at, station_id, event_id, at, occupation, visitor, is_member, source, fingerprint"
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 10)})"  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: tens of thousands of rows in ~1 s
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            for i in range(0, len(values), 5000):
                cursor.executemany(sql, values[i : i + 5000])
    if values:
        record_change(
            action="import",
            model=CheckIn,
            note=f"演示数据：批量生成到站记录 {len(values)} 条",
            region_path="320900/",
        )
    return len(values)


def _tickets(rows, rng: random.Random, now: dt.datetime) -> int:
    if Ticket.objects.filter(station__code__in=[s.code for s, _ in rows]).exists():
        return 0
    count = 0
    titles = {
        choices.TicketCategory.EQUIPMENT: [
            "微波炉不加热",
            "饮水机漏水",
            "充电插座损坏",
            "门禁刷码无反应",
        ],
        choices.TicketCategory.HYGIENE: ["卫生间需要清洁", "垃圾桶已满"],
        choices.TicketCategory.SAFETY: ["门口地面湿滑", "灭火器过期"],
        choices.TicketCategory.EMERGENCY: ["环卫工人中暑求助", "骑手摔伤需要药品"],
    }
    for station, info in rows:
        if info["slug"] not in ("xiangshui", "sheyang") and rng.random() < 0.5:
            continue
        for _ in range(rng.randint(1, 4)):
            cat = rng.choice(list(titles))
            raised = now - dt.timedelta(days=rng.randint(1, 88), hours=rng.randint(0, 10))
            t = services.ticket_raise(
                actor=None,
                station=station,
                category=cat,
                source=rng.choice([choices.TicketSource.WORKER, choices.TicketSource.STAFF]),
                title=rng.choice(titles[cat]),
                now=raised,
            )
            ack = raised + dt.timedelta(
                minutes=rng.randint(1, 4)
                if cat == choices.TicketCategory.EMERGENCY
                else rng.randint(3, 40)
            )
            services.ticket_acknowledge(ticket=t, actor=None, now=ack, note="值守人员已到场")
            services.ticket_resolve(
                ticket=t,
                actor=None,
                now=ack + dt.timedelta(minutes=rng.randint(10, 300)),
                note="已处理",
            )
            count += 1
    # A few live ones: one fresh emergency, one overdue (escalated) equipment ticket.
    xs1 = rows[0][0]
    services.ticket_raise(
        actor=None,
        station=xs1,
        category=choices.TicketCategory.EMERGENCY,
        source=choices.TicketSource.WORKER,
        title="现场求助：紧急求助",
        description="快递员手部划伤",
        now=now - dt.timedelta(minutes=2),
    )
    services.ticket_raise(
        actor=None,
        station=rows[1][0],
        category=choices.TicketCategory.EQUIPMENT,
        source=choices.TicketSource.STAFF,
        title="空调不制冷",
        now=now - dt.timedelta(minutes=50),
    )
    services.tickets_escalate(actor=None, now=now)
    return count + 2


def _inspections(rows, rng: random.Random, now: dt.datetime) -> None:
    today = schedule.local(now).date()
    for station, info in rows:
        if (
            info["slug"] not in ("xiangshui", "sheyang")
            or HygieneCheck.objects.filter(station=station).exists()
        ):
            continue
        hyg = []
        for back in range(30, 0, -1):
            if rng.random() < 0.07:
                continue  # a missed day
            results = {item: rng.random() > 0.03 for item in station.hygiene_checklist}
            hyg.append(
                HygieneCheck(
                    station=station,
                    date=today - dt.timedelta(days=back),
                    results=results,
                    passed=all(results.values()),
                )
            )
        HygieneCheck.objects.bulk_create(hyg)
        if station.is_smart:
            logs = []
            for back in range(30, 0, -1):
                at = dt.datetime.combine(
                    today - dt.timedelta(days=back), dt.time(19, rng.randrange(60))
                ).replace(tzinfo=schedule.SHANGHAI)
                normal = rng.random() > 0.05
                reviewed = rng.random() < 0.85
                logs.append(
                    PatrolLog(
                        station=station,
                        at=at,
                        normal=normal,
                        observations="" if normal else "站内有人员长时间滞留，已电话联系",
                        reviewed_at=at + dt.timedelta(hours=14) if reviewed else None,
                        review_note="已查看" if reviewed else "",
                    )
                )
            PatrolLog.objects.bulk_create(logs)
        for k in range(2):
            date = today - dt.timedelta(days=rng.randint(3, 80))
            passed = rng.random() < 0.6
            check = services.spot_check_record(
                actor=None,
                station=station,
                date=date,
                inspector=f"{'响水县' if info['slug'] == 'xiangshui' else '射阳县'}总工会劳动经济部",
                passed=passed,
                findings="设施齐全，台账规范"
                if passed
                else "应急药箱部分药品过期；值守台账未及时填写",
                rectify_by=None if passed else date + dt.timedelta(days=7),
            )
            if not passed and k == 0 and date + dt.timedelta(days=7) < today:
                services.spot_check_close(
                    actor=None,
                    check=check,
                    closed_on=date + dt.timedelta(days=rng.randint(2, 9)),
                    note="药品已更换，台账已补齐",
                )
    record_change(
        action="import",
        model=HygieneCheck,
        note="演示数据：卫生检查与视频巡查记录",
        region_path="320900/",
    )


def _devices(rows, now: dt.datetime, stdout=None) -> None:
    for station, _info in rows[:4]:
        if Device.objects.filter(station=station).exists():
            continue
        for kind, name in [
            (choices.DeviceKind.DOOR, "电子门禁"),
            (choices.DeviceKind.COUNTER, "人流计数器"),
            (choices.DeviceKind.ALARM, "一键报警按钮"),
        ]:
            device, key = services.device_create(actor=None, station=station, name=name, kind=kind)
            services.device_heartbeat(actor=None, device=device, now=now)
            if stdout and station.code == "XS-001" and kind == choices.DeviceKind.DOOR:
                stdout.write(f"  演示设备密钥（{station.name} {name}，X-Device-Key）：{key}")


def _demand_points() -> None:
    if DemandPoint.objects.exists():
        return
    points = [
        (
            "xiangshui",
            "响水县中通快递分拨点",
            choices.DemandPointKind.COURIER_HUB,
            0.004,
            0.006,
            False,
        ),
        (
            "xiangshui",
            "响水县城区环卫作业基地",
            choices.DemandPointKind.SANITATION_DEPOT,
            0.010,
            -0.006,
            False,
        ),
        (
            "xiangshui",
            "陈家港化工园区物流停车场",
            choices.DemandPointKind.LOGISTICS_PARK,
            0.140,
            0.290,
            False,
        ),
        ("xiangshui", "响水县美团配送站", choices.DemandPointKind.COURIER_HUB, -0.020, 0.030, True),
        ("sheyang", "射阳县顺丰营业部", choices.DemandPointKind.COURIER_HUB, 0.002, 0.001, True),
        (
            "sheyang",
            "射阳县环卫处合德作业点",
            choices.DemandPointKind.SANITATION_DEPOT,
            -0.003,
            0.004,
            False,
        ),
        ("sheyang", "射阳港物流园", choices.DemandPointKind.LOGISTICS_PARK, 0.020, 0.190, False),
        ("tinghu", "亭湖区快递产业园", choices.DemandPointKind.COURIER_HUB, 0.030, 0.040, False),
    ]
    for slug, name, kind, dlat, dlng, dense in points:
        lat0, lng0 = CENTRES[slug]
        DemandPoint.objects.create(
            name=name,
            kind=kind,
            region=Region.objects.get(code=COUNTY_SLUGS[slug]),
            lat=Decimal(f"{lat0 + dlat:.6f}"),
            lng=Decimal(f"{lng0 + dlng:.6f}"),
            dense=dense,
        )


def _accounts(rows) -> None:
    from unionhub.accounts.demo import ensure_user

    xs1 = rows[0][0]
    unit = xs1.org_unit or OrgUnit.objects.get(code=COUNTY_SLUGS["xiangshui"])
    staff = ensure_user("xiangshui_station", "响水驿站值守员", unit, ["station_staff"])
    officer = ensure_user("xiangshui_safety", "响水驿站安全员", unit, ["station_staff"])
    for station, _info in rows[:4]:
        services.staff_assign(actor=None, station=station, user=staff, role=choices.StaffRole.STAFF)
        services.staff_assign(
            actor=None, station=station, user=officer, role=choices.StaffRole.SAFETY_OFFICER
        )


def load(stdout=None) -> None:
    rng = random.Random(20260601)  # noqa: S311 — reproducible demo data
    now = timezone.now()
    with transaction.atomic():
        rows = _stations()
        _accounts(rows)
        _devices(rows, now, stdout)
        _demand_points()
        n = _checkins(rows, rng, now)
        t = _tickets(rows, rng, now)
        _inspections(rows, rng, now)
    if stdout:
        stdout.write(f"  驿站 {Station.objects.count()} 个；新增到站记录 {n} 条、工单 {t} 张")
