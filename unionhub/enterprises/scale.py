"""Scale data (``manage.py generate_scale``, ``unionhub.core.scale``): enterprises with
valid USCCs spread over the towns, and for about 40 % of them a grassroots union of their
own (an ``org.OrgUnit`` under the town federation + ``EnterpriseUnion`` + the link).

Leaves ``ctx.shared["enterprise_unions"]``: ``[(org_unit_id, enterprise_id, town), ...]``
for the enterprises with a union, in enterprise order (members join them; points
programmes belong to them)."""

# Deterministic test data (seeded PRNG, not secrets); SQL built only from model metadata.
# ruff: noqa: S311, S608

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from django.db import connection

from unionhub.core.audit import record_change
from unionhub.core.scale import GIVEN, SURNAMES, ScaleContext, ScaleProvider, add_years
from unionhub.core.validators.uscc import check_char
from unionhub.enterprises.models import Enterprise, EnterpriseUnion
from unionhub.org.models import OrgUnit
from unionhub.org.scale import county_code

UNION_SHARE = 0.4  # enterprises with a union of their own
TRADE_NAMES = "恒瑞华盛鑫源海通远航金泰宏达天成永安润丰新宇嘉禾东升中诚盐海黄海丹顶鹤湿地瑞祥德隆"
SUFFIXES = ["科技有限公司", "机械制造有限公司", "纺织有限公司", "物流有限公司", "建设工程有限公司",
            "商贸有限公司", "食品有限公司", "电子有限公司", "新能源有限公司", "餐饮管理有限公司"]  # fmt: skip
INDUSTRIES = ["C", "C13", "C17", "C34", "C38", "E", "F", "G", "H", "I", "K", "L", "M", "O", "A"]
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(i: int, county_code: str) -> str:
    """A valid USCC: 9 (market regulator) 1 (enterprise) + division + organisation code."""
    division = county_code if county_code.isdigit() else "320900"
    body = ""
    n = i + 7_000_000
    for _ in range(9):
        body = USCC_CHARSET[n % 31] + body
        n //= 31
    first17 = "91" + division + body
    return first17 + check_char(first17)


def generate(ctx: ScaleContext) -> None:
    rnd, now, today, gid, towns = ctx.rnd, ctx.now, ctx.today, ctx.generator_id, ctx.towns
    n_ent = ctx.size["enterprises"]
    e0 = ctx.next_id(Enterprise)
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

    ctx.write(
        Enterprise,
        ["id", "created_at", "updated_at", "created_by", "uscc", "name", "region",
         "industry_code", "industry_section", "ownership", "employees", "revenue_wan",
         "assets_wan", "founded_on", "operating_status", "has_party_org",
         "is_head_enterprise", "is_high_profile", "size_class", "union_status",
         "target_reasons"],
        enterprise_rows(),
    )  # fmt: skip

    # Grassroots unions: an OrgUnit + EnterpriseUnion per enterprise with a union.
    o0 = ctx.next_id(OrgUnit)
    u0 = ctx.next_id(EnterpriseUnion)
    unions: list[tuple[int, int, object]] = []
    org_rows, eu_rows, link_rows = [], [], []
    k = 0
    for i in range(n_ent):
        if not ent_has_union[i]:
            continue
        town = ent_town[i]
        parent = ctx.town_unions[town.pk]
        oid = o0 + k
        unions.append((oid, e0 + i, town))
        org_rows.append((
            oid, now, now, gid, f"企业工会{e0 + i}", "", f"GS{e0 + i}", "enterprise",
            parent.pk, town.pk, f"{parent.path}{oid}/", parent.depth + 1, True,
        ))  # fmt: skip
        founded = today - dt.timedelta(days=30 + (i * 37) % 4000)
        term_start = max(founded, today - dt.timedelta(days=(i * 13) % 1500))
        term_end = add_years(term_start, 5) - dt.timedelta(days=1)
        eu_rows.append((
            u0 + k, now, now, gid, oid, "standalone", "scale_single", founded, None,
            SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)],
            term_start, 5, term_end, ent_employees[i],
        ))  # fmt: skip
        link_rows.append((u0 + k, e0 + i))
        k += 1
    ctx.write(
        OrgUnit,
        ["id", "created_at", "updated_at", "created_by", "name", "short_name", "code",
         "kind", "parent", "region", "path", "depth", "is_active"],
        org_rows,
    )  # fmt: skip
    ctx.write(
        EnterpriseUnion,
        ["id", "created_at", "updated_at", "created_by", "org_unit", "form", "mode",
         "founded_on", "approved_on", "chair_name", "term_start", "term_years",
         "term_end", "member_count"],
        eu_rows,
    )  # fmt: skip
    ctx.write(EnterpriseUnion.enterprises.through, ["enterpriseunion", "enterprise"], link_rows)
    ctx.shared["enterprise_unions"] = unions
    record_change(
        model=Enterprise,
        action="import",
        actor=ctx.generator,
        note=f"generate_scale: {n_ent} enterprises, {len(unions)} enterprise unions",
    )


def reset(ctx: ScaleContext) -> None:
    q = connection.ops.quote_name
    m2m = EnterpriseUnion.enterprises.through._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"DELETE FROM {q(m2m)} WHERE enterpriseunion_id IN "
            f"(SELECT id FROM {q(EnterpriseUnion._meta.db_table)} WHERE created_by_id = %s)",
            [ctx.generator_id],
        )
    ctx.delete_generated(EnterpriseUnion, Enterprise, OrgUnit)


PROVIDER = ScaleProvider(
    generate=generate,
    reset=reset,
    vacuum_tables=[
        Enterprise._meta.db_table,
        EnterpriseUnion._meta.db_table,
        OrgUnit._meta.db_table,
    ],
    order=10,
)
