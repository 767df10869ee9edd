"""``python manage.py generate_scale --scale tiny|county|city [--seed N] [--reset]``

Fills the database with a deterministic Yancheng-scale data set for the benchmarks
(issue 8): enterprises (valid USCCs), grassroots unions, members (real AES-GCM ciphertext
and keyed hashes of valid ID numbers and phones), stations, check-ins, points programmes,
accounts and ledger entries, spread over the real organisation tree (org + accounts demo
must be loaded first).

Bulk paths only: PostgreSQL gets ``COPY … FROM STDIN`` (psycopg 3 ``cursor.copy()``),
other databases batched ``bulk_create``. Primary keys are allocated up front so parent and
child rows can be streamed without reading ids back. Every generated row has
``created_by`` = the user ``gs_generator``, whose ``full_name`` records the scale and seed:
a second run at the same scale does nothing, ``--reset`` deletes the generated rows first."""

# Deterministic test data (seeded PRNG, not secrets); SQL built only from model metadata.
# ruff: noqa: S311, S608

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
import uuid
from collections.abc import Iterable, Iterator

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

SCALES = {
    # enterprises, members, stations, check-ins, ledger entries
    "tiny": dict(enterprises=60, members=1_200, stations=3, checkins=5_000, ledger=2_000),
    "county": dict(
        enterprises=6_000, members=120_000, stations=30, checkins=500_000, ledger=200_000
    ),
    "city": dict(
        enterprises=60_000, members=1_200_000, stations=300, checkins=5_000_000, ledger=2_000_000
    ),
}
GENERATOR_USERNAME = "gs_generator"
VACUUM_TABLES = [
    "enterprises_enterprise", "enterprises_enterpriseunion", "org_orgunit", "members_member",
    "stations_station", "stations_schedulewindow", "stations_checkin", "accounts_user",
    "points_pointsaccount", "points_ledgerentry",
]  # fmt: skip
UNION_SHARE = 0.4  # enterprises with a union of their own
ENTRIES_PER_ACCOUNT = 40
ID_SPACE_DAYS = 16_000  # birth dates 1960-01-01 … 2003-10
ID_MULTIPLIER = 7_368_787  # coprime with ID_SPACE_DAYS * 1000: a bijection on the space
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红波宁斌浩凯俊帅健云飞雪梅琳晨"
TRADE_NAMES = "恒瑞华盛鑫源海通远航金泰宏达天成永安润丰新宇嘉禾东升中诚盐海黄海丹顶鹤湿地瑞祥德隆"
SUFFIXES = ["科技有限公司", "机械制造有限公司", "纺织有限公司", "物流有限公司", "建设工程有限公司",
            "商贸有限公司", "食品有限公司", "电子有限公司", "新能源有限公司", "餐饮管理有限公司"]  # fmt: skip
INDUSTRIES = ["C", "C13", "C17", "C34", "C38", "E", "F", "G", "H", "I", "K", "L", "M", "O", "A"]
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uscc_check(first17: str) -> str:
    from unionhub.core.validators.uscc import check_char

    return check_char(first17)


def make_uscc(i: int, county_code: str) -> str:
    """A valid USCC: 9 (market regulator) 1 (enterprise) + division + organisation code."""
    division = county_code if county_code.isdigit() else "320900"
    body = ""
    n = i + 7_000_000
    for _ in range(9):
        body = USCC_CHARSET[n % 31] + body
        n //= 31
    first17 = "91" + division + body
    return first17 + _uscc_check(first17)


def make_id_number(i: int, county_code: str) -> tuple[str, dt.date, str]:
    from unionhub.core.validators.idcard import id_check_char

    k = (i * ID_MULTIPLIER) % (ID_SPACE_DAYS * 1000)
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=k // 1000)
    seq = k % 1000
    address = county_code if county_code.isdigit() else "320900"
    first17 = f"{address}{birth:%Y%m%d}{seq:03d}"
    gender = "male" if seq % 2 else "female"
    return first17 + id_check_char(first17), birth, gender


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _rows_per_second(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f} rows/s" if seconds > 0 else "—"


class Writer:
    """Streams rows (tuples of attribute values, primary key first) into one model's table:
    COPY on PostgreSQL, batched bulk_create elsewhere."""

    def __init__(self, model: type[models.Model], fields: list[str], stdout):
        self.model = model
        self.fields = [model._meta.get_field(f) for f in fields]
        self.stdout = stdout

    def write(self, rows: Iterable[tuple]) -> int:
        started = time.perf_counter()
        n = self._copy(rows) if connection.vendor == "postgresql" else self._bulk(rows)
        took = time.perf_counter() - started
        self.stdout.write(
            f"  {self.model._meta.db_table:28} {n:>10,} rows {took:7.1f}s  {_rows_per_second(n, took)}"
        )
        return n

    def _copy(self, rows: Iterable[tuple]) -> int:
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        json_idx = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        n = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg 3 cursor
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    if json_idx:
                        row = list(row)
                        for i in json_idx:
                            row[i] = json.dumps(row[i])
                    copy.write_row(row)
                    n += 1
        return n

    def _bulk(self, rows: Iterable[tuple], batch: int = 2_000) -> int:
        names = [f.attname for f in self.fields]
        model = self.model
        buf, n = [], 0
        for row in rows:
            buf.append(model(**dict(zip(names, row, strict=True))))
            if len(buf) >= batch:
                model.objects.bulk_create(buf)
                n += len(buf)
                buf.clear()
        if buf:
            model.objects.bulk_create(buf)
            n += len(buf)
        return n


def _next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _reset_sequences(models_: list[type[models.Model]]) -> None:
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)


class Command(BaseCommand):
    help = "生成盐城规模的基准测试数据（企业、会员、驿站、打卡、积分流水）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="tiny")
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--reset", action="store_true", help="先删除已生成的数据")

    def handle(self, *args, **opts):
        from unionhub.accounts.models import User
        from unionhub.org.models import OrgUnit, Region

        if not Region.objects.filter(level="county").exists():
            raise CommandError("请先加载组织机构演示数据：manage.py load_demo --only org accounts")
        scale, seed = opts["scale"], opts["seed"]
        marker = f"generate_scale scale={scale} seed={seed}"
        gen = User.objects.filter(username=GENERATOR_USERNAME).first()
        if gen is not None and opts["reset"]:
            self._reset(gen)
            gen.full_name = ""
            gen.save(update_fields=["full_name"])
        elif gen is not None and gen.full_name:
            if gen.full_name == marker:
                self.stdout.write(f"已存在 {marker} 的数据，跳过（--reset 可重新生成）")
                return
            raise CommandError(f"数据库已有 {gen.full_name} 的数据；请使用 --reset")
        if gen is None:
            gen = User.objects.create(
                username=GENERATOR_USERNAME, password="!", is_active=False, full_name=""
            )
        started = time.perf_counter()
        self.stdout.write(f"generate_scale {scale} (seed {seed}) on {connection.vendor}")
        with transaction.atomic():
            self._generate(gen, SCALES[scale], random.Random(seed))
            gen.full_name = marker
            gen.save(update_fields=["full_name"])
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Outside the transaction: set the visibility map and hint bits and refresh the
            # planner statistics, as autovacuum would do some minutes later. Without it the
            # first queries on freshly copied tables pay for heap fetches.
            t0 = time.perf_counter()
            with connection.cursor() as cur:
                for table in VACUUM_TABLES:
                    cur.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            self.stdout.write(f"  VACUUM ANALYZE {time.perf_counter() - t0:.1f}s")
        self.stdout.write(f"完成，用时 {time.perf_counter() - started:.1f} 秒")
        del OrgUnit

    # ------------------------------------------------------------------------------------
    def _reset(self, gen) -> None:
        from unionhub.accounts.models import User
        from unionhub.enterprises.models import Enterprise, EnterpriseUnion
        from unionhub.members.models import Member
        from unionhub.org.models import OrgUnit
        from unionhub.points.models import LedgerEntry, PointsAccount, Programme
        from unionhub.stations.models import (
            CheckIn,
            Device,
            DeviceEvent,
            ScheduleWindow,
            Station,
            Ticket,
            TicketEvent,
        )

        q = connection.ops.quote_name
        m2m = EnterpriseUnion.enterprises.through._meta.db_table
        eu = EnterpriseUnion._meta.db_table
        order = [LedgerEntry, PointsAccount, Programme, CheckIn, ScheduleWindow, Station, Member]
        st = q(Station._meta.db_table)
        dev = q(Device._meta.db_table)
        gen_stations = f"(SELECT id FROM {st} WHERE created_by_id = %s)"
        with transaction.atomic(), connection.cursor() as cur:
            # Rows made by others (API check-ins, bench devices) on generated stations.
            cur.execute(
                f"DELETE FROM {q(TicketEvent._meta.db_table)} WHERE ticket_id IN (SELECT id FROM "
                f"{q(Ticket._meta.db_table)} WHERE station_id IN {gen_stations})",
                [gen.pk],
            )
            cur.execute(
                f"DELETE FROM {q(DeviceEvent._meta.db_table)} WHERE device_id IN "
                f"(SELECT id FROM {dev} WHERE station_id IN {gen_stations})",
                [gen.pk],
            )
            for model in (CheckIn, Ticket, Device):
                cur.execute(
                    f"DELETE FROM {q(model._meta.db_table)} WHERE station_id IN {gen_stations}",
                    [gen.pk],
                )
            for model in order:
                cur.execute(
                    f"DELETE FROM {q(model._meta.db_table)} WHERE created_by_id = %s", [gen.pk]
                )
            cur.execute(
                f"DELETE FROM {q(m2m)} WHERE enterpriseunion_id IN "
                f"(SELECT id FROM {q(eu)} WHERE created_by_id = %s)",
                [gen.pk],
            )
            # Employee accounts point at generated unions: delete them before the unions.
            cur.execute(
                f"DELETE FROM {q(User._meta.db_table)} WHERE username LIKE %s ESCAPE '!'",
                ["gs!_u%"],
            )
            for model in (EnterpriseUnion, Enterprise, OrgUnit):
                cur.execute(
                    f"DELETE FROM {q(model._meta.db_table)} WHERE created_by_id = %s", [gen.pk]
                )
        self.stdout.write("已删除先前生成的数据")

    # ------------------------------------------------------------------------------------
    def _generate(self, gen, size: dict, rnd: random.Random) -> None:
        from unionhub.accounts.models import User
        from unionhub.core import crypto
        from unionhub.core.audit import record_change
        from unionhub.enterprises.models import Enterprise, EnterpriseUnion
        from unionhub.members.models import ID_CONTEXT, PHONE_CONTEXT, Member
        from unionhub.org.models import OrgUnit, Region
        from unionhub.points.models import LedgerEntry, PointsAccount, Programme
        from unionhub.stations.models import CheckIn, ScheduleWindow, Station

        now = timezone.now()
        today = timezone.localdate()
        out = self.stdout
        gid = gen.pk

        towns = list(Region.objects.filter(level="town").select_related("parent").order_by("path"))
        town_unions = {
            u.region_id: u for u in OrgUnit.objects.filter(kind="town_federation").order_by("path")
        }
        towns = [t for t in towns if t.pk in town_unions]
        if not towns:
            raise CommandError("组织机构树中没有镇（街道）总工会")

        def county_code(town) -> str:
            return town.path.split("/")[1]

        # --- enterprises -----------------------------------------------------------------
        n_ent = size["enterprises"]
        e0 = _next_id(Enterprise)
        ent_town = [towns[rnd.randrange(len(towns))] for _ in range(n_ent)]
        ent_employees = [max(1, int(rnd.paretovariate(1.3) * 8)) for _ in range(n_ent)]
        ent_has_union = [rnd.random() < UNION_SHARE for _ in range(n_ent)]
        ownerships = ["private"] * 14 + ["state", "collective", "foreign", "hmt", "other"]
        statuses = ["operating"] * 18 + ["suspended", "closed"]
        sizes = ["micro", "small", "medium", "large"]

        def enterprise_rows() -> Iterator[tuple]:
            r = random.Random(rnd.random())
            for i in range(n_ent):
                town = ent_town[i]
                emp = ent_employees[i]
                industry = INDUSTRIES[i % len(INDUSTRIES)]
                ownership = ownerships[r.randrange(len(ownerships))]
                status = statuses[r.randrange(len(statuses))]
                has_party = r.random() < 0.15
                built = ent_has_union[i]
                reasons = []
                if not built and status == "operating":
                    reasons.append("operating_1y_no_union")
                    if has_party:
                        reasons.append("party_org_no_union")
                    if ownership not in ("state", "collective") and emp >= 25:
                        reasons.append("nonpublic_25_no_union")
                size_class = sizes[min(3, (emp >= 20) + (emp >= 300) + (emp >= 1000))]
                name = (
                    f"{town.name.rstrip('镇街道乡')}{TRADE_NAMES[i % 23]}{TRADE_NAMES[(i // 23) % 29]}"
                    f"{SUFFIXES[i % len(SUFFIXES)]}{i:05d}"
                )
                yield (
                    e0 + i, now, now, gid,
                    make_uscc(e0 + i, county_code(town)), name[:200], town.pk, industry,
                    industry[0], ownership, emp,
                    round(emp * r.uniform(20, 80), 2), round(emp * r.uniform(15, 60), 2),
                    today - dt.timedelta(days=400 + r.randrange(9000)), status,
                    has_party, r.random() < 0.01, r.random() < 0.005, size_class,
                    "built" if built else "not_built", ",".join(reasons),
                )  # fmt: skip

        Writer(
            Enterprise,
            ["id", "created_at", "updated_at", "created_by", "uscc", "name", "region",
             "industry_code", "industry_section", "ownership", "employees", "revenue_wan",
             "assets_wan", "founded_on", "operating_status", "has_party_org",
             "is_head_enterprise", "is_high_profile", "size_class", "union_status",
             "target_reasons"],
            out,
        ).write(enterprise_rows())  # fmt: skip

        # --- grassroots unions: an OrgUnit + EnterpriseUnion per enterprise with a union --
        o0 = _next_id(OrgUnit)
        u0 = _next_id(EnterpriseUnion)
        union_of_ent: dict[int, int] = {}  # enterprise index -> org unit id
        org_rows, eu_rows, link_rows = [], [], []
        k = 0
        for i in range(n_ent):
            if not ent_has_union[i]:
                continue
            town = ent_town[i]
            parent = town_unions[town.pk]
            oid = o0 + k
            union_of_ent[i] = oid
            org_rows.append((
                oid, now, now, gid, f"企业工会{e0 + i}", "", f"GS{e0 + i}", "enterprise",
                parent.pk, town.pk, f"{parent.path}{oid}/", parent.depth + 1, True,
            ))  # fmt: skip
            founded = today - dt.timedelta(days=30 + (i * 37) % 4000)
            term_start = max(founded, today - dt.timedelta(days=(i * 13) % 1500))
            term_end = _add_years(term_start, 5) - dt.timedelta(days=1)
            eu_rows.append((
                u0 + k, now, now, gid, oid, "standalone", "scale_single", founded, None,
                SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)],
                term_start, 5, term_end, ent_employees[i],
            ))  # fmt: skip
            link_rows.append((u0 + k, e0 + i))
            k += 1
        Writer(
            OrgUnit,
            ["id", "created_at", "updated_at", "created_by", "name", "short_name", "code",
             "kind", "parent", "region", "path", "depth", "is_active"],
            out,
        ).write(org_rows)  # fmt: skip
        Writer(
            EnterpriseUnion,
            ["id", "created_at", "updated_at", "created_by", "org_unit", "form", "mode",
             "founded_on", "approved_on", "chair_name", "term_start", "term_years",
             "term_end", "member_count"],
            out,
        ).write(eu_rows)  # fmt: skip
        through = EnterpriseUnion.enterprises.through
        if connection.vendor == "postgresql":
            Writer(through, ["enterpriseunion", "enterprise"], out).write(link_rows)
        else:
            through.objects.bulk_create(
                [through(enterpriseunion_id=a, enterprise_id=b) for a, b in link_rows],
                batch_size=2_000,
            )
        del org_rows, eu_rows

        # --- members ---------------------------------------------------------------------
        n_mem = size["members"]
        m0 = _next_id(Member)
        union_ents = list(union_of_ent)
        town_list = towns
        occupations = ["", "", "", "courier", "delivery_rider", "sanitation", "truck_driver",
                       "construction", "ride_hailing", "other"]  # fmt: skip
        key_groups = {"courier": "courier", "delivery_rider": "delivery_rider",
                      "truck_driver": "truck_driver", "ride_hailing": "ride_hailing"}  # fmt: skip
        mstatus = ["active"] * 30 + ["transferred", "left"]

        def member_rows() -> Iterator[tuple]:
            r = random.Random(rnd.random())
            enc, h = crypto.encrypt, crypto.pii_hash
            for j in range(n_mem):
                occupation = occupations[r.randrange(len(occupations))]
                new_employment = occupation in key_groups and r.random() < 0.7
                if union_ents and not new_employment:
                    ei = union_ents[r.randrange(len(union_ents))]
                    union_id, employer_id, town = union_of_ent[ei], e0 + ei, ent_town[ei]
                else:
                    town = town_list[r.randrange(len(town_list))]
                    union_id, employer_id = town_unions[town.pk].pk, None
                number, birth, gender = make_id_number(m0 + j, county_code(town))
                phone = f"1{3 + j % 7}{(m0 + j) * 7919 % 1_000_000_000:09d}"
                name = SURNAMES[r.randrange(len(SURNAMES))] + GIVEN[r.randrange(len(GIVEN))]
                if r.random() < 0.6:
                    name += GIVEN[r.randrange(len(GIVEN))]
                yield (
                    m0 + j, now, now, gid, name,
                    enc(number, context=ID_CONTEXT), h(number, context=ID_CONTEXT),
                    enc(phone, context=PHONE_CONTEXT), h(phone, context=PHONE_CONTEXT),
                    gender, birth, union_id, employer_id, occupation, new_employment,
                    key_groups.get(occupation, "") if new_employment else "",
                    "", today - dt.timedelta(days=r.randrange(3650)),
                    mstatus[r.randrange(len(mstatus))], "", "", "", "", None,
                )  # fmt: skip

        Writer(
            Member,
            ["id", "created_at", "updated_at", "created_by", "name", "id_number_enc",
             "id_number_hash", "phone_enc", "phone_hash", "gender", "birth_date", "union",
             "employer", "occupation", "is_new_employment", "key_group", "platform_name",
             "joined_on", "status", "card_number", "political_status", "skill_level",
             "consent_version", "consented_at"],
            out,
        ).write(member_rows())  # fmt: skip

        # --- stations and check-ins --------------------------------------------------------
        n_st = size["stations"]
        s0 = _next_id(Station)
        station_rows = []
        for i in range(n_st):
            town = towns[(i * 7) % len(towns)]
            station_rows.append((
                s0 + i, now, now, gid, f"{town.name}户外劳动者服务站{i + 1}", f"GS-ST-{s0 + i}",
                "self_built", town.pk, town_unions[town.pk].pk, f"{town.name}人民路{i + 1}号",
                round(33.0 + rnd.random() * 1.5, 6), round(119.8 + rnd.random() * 1.2, 6),
                i % 3 == 0, ["water", "charging", "microwave"], [], "", "", "", True,
            ))  # fmt: skip
        Writer(
            Station,
            ["id", "created_at", "updated_at", "created_by", "name", "code", "kind", "region",
             "org_unit", "address", "lat", "lng", "is_smart", "facilities",
             "hygiene_checklist", "honours", "photo", "contact_phone", "is_active"],
            out,
        ).write(station_rows)  # fmt: skip

        # Opening hours: manned 06:00–22:00, unmanned overnight, every day (check-ins are
        # only accepted while a station is open).
        w0 = _next_id(ScheduleWindow)
        six, ten = dt.time(6, 0), dt.time(22, 0)
        Writer(
            ScheduleWindow,
            ["id", "created_at", "updated_at", "created_by", "station", "weekday", "start",
             "end", "mode"],
            out,
        ).write(
            (w0 + 14 * i + 2 * d + half, now, now, gid, s0 + i, d,
             six if half == 0 else ten, ten if half == 0 else six,
             "manned" if half == 0 else "unmanned")
            for i in range(n_st) for d in range(7) for half in (0, 1)
        )  # fmt: skip

        n_ci = size["checkins"]
        c0 = _next_id(CheckIn)
        st_occ = ["sanitation", "courier", "delivery_rider", "truck_driver", "other"]
        sources = ["phone"] * 6 + ["device"] * 3 + ["desk"]

        def checkin_rows() -> Iterator[tuple]:
            r = random.Random(rnd.random())
            start = now - dt.timedelta(days=365)
            span = 365 * 86400
            for j in range(n_ci):
                at = start + dt.timedelta(seconds=span * j // n_ci + r.randrange(60))
                visitor = hashlib.sha256(f"v{r.randrange(max(1, n_ci // 20))}".encode()).hexdigest()
                yield (
                    c0 + j, at, at, gid, s0 + r.randrange(n_st),
                    str(uuid.UUID(int=r.getrandbits(128), version=4)), at,
                    st_occ[r.randrange(5)], visitor, r.random() < 0.3,
                    sources[r.randrange(len(sources))], None,
                    hashlib.sha256(f"f{j}".encode()).hexdigest(),
                )  # fmt: skip

        Writer(
            CheckIn,
            ["id", "created_at", "updated_at", "created_by", "station", "event_id", "at",
             "occupation", "visitor", "is_member", "source", "device", "fingerprint"],
            out,
        ).write(checkin_rows())  # fmt: skip

        # --- points: programmes, employee users, accounts, ledger -------------------------
        n_led = size["ledger"]
        n_acc = max(1, n_led // ENTRIES_PER_ACCOUNT)
        union_ids = [union_of_ent[i] for i in union_ents] or [town_unions[towns[0].pk].pk]
        n_prog = max(1, min(len(union_ids), n_acc // 250))
        p0 = _next_id(Programme)
        Writer(
            Programme,
            ["id", "created_at", "updated_at", "created_by", "union", "name", "slogan",
             "is_active", "expiry_policy", "expiry_years"],
            out,
        ).write(
            (p0 + i, now, now, gid, union_ids[i], "职工积分制管理", "", True, "year_end", 1)
            for i in range(n_prog)
        )  # fmt: skip
        usr0 = _next_id(User)
        user_fields = ["id", "password", "last_login", "is_superuser", "username", "first_name",
                       "last_name", "email", "is_staff", "is_active", "date_joined",
                       "full_name", "org_unit"]  # fmt: skip
        Writer(User, user_fields, out).write(
            (usr0 + i, "!", None, False, f"gs_u{usr0 + i}", "", "", "", False, True, now,
             SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)],
             union_ids[(i % n_prog)])
            for i in range(n_acc)
        )  # fmt: skip
        a0 = _next_id(PointsAccount)
        per = [0] * n_acc
        led_acc = [0] * n_led
        led_pts = [0] * n_led
        r = random.Random(rnd.random())
        for j in range(n_led):
            a = j % n_acc
            led_acc[j] = a
            led_pts[j] = r.choice((2, 5, 5, 10, 20))
            per[a] += led_pts[j]
        Writer(
            PointsAccount,
            ["id", "created_at", "updated_at", "created_by", "programme", "user",
             "department", "employee_no", "balance"],
            out,
        ).write(
            (a0 + i, now, now, gid, p0 + (i % n_prog), usr0 + i, None, f"E{i:06d}", per[i])
            for i in range(n_acc)
        )  # fmt: skip
        l0 = _next_id(LedgerEntry)

        def ledger_rows() -> Iterator[tuple]:
            running = [0] * n_acc
            start = now - dt.timedelta(days=700)
            for j in range(n_led):
                a = led_acc[j]
                running[a] += led_pts[j]
                at = start + dt.timedelta(seconds=700 * 86400 * j // n_led)
                yield (
                    l0 + j, at, at, gid, a0 + a, "award", led_pts[j], running[a], "积分奖励",
                    None, None, None, None, "", None, f"gs:{l0 + j}", at,
                )  # fmt: skip

        Writer(
            LedgerEntry,
            ["id", "created_at", "updated_at", "created_by", "account", "kind", "points",
             "balance_after", "reason", "actor", "item", "ref_type", "ref_id", "reference",
             "reverses", "idempotency_key", "occurred_at"],
            out,
        ).write(ledger_rows())  # fmt: skip

        _reset_sequences(
            [Enterprise, OrgUnit, EnterpriseUnion, Member, Station, ScheduleWindow, CheckIn,
             Programme, User, PointsAccount, LedgerEntry]
        )  # fmt: skip
        record_change(
            model=Member,
            action="import",
            actor=gen,
            note=(
                f"generate_scale: {n_ent} enterprises, {n_mem} members, {n_st} stations, "
                f"{n_ci} check-ins, {n_led} ledger entries"
            ),
        )
