"""Scale data (``manage.py generate_scale``, ``unionhub.core.scale``): points programmes
of the enterprise unions (``ctx.shared["enterprise_unions"]``), one employee user and
points account per 40 ledger entries, and the award ledger (each account's balance is
the sum of its entries)."""

# Deterministic test data (seeded PRNG, not secrets); SQL built only from model metadata.
# ruff: noqa: S311, S608

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db import connection

from unionhub.core.audit import record_change
from unionhub.core.scale import GIVEN, SURNAMES, ScaleContext, ScaleProvider
from unionhub.points.models import LedgerEntry, PointsAccount, Programme

ENTRIES_PER_ACCOUNT = 40
#: generated employee accounts are named ``gs_u<id>``
USERNAME_PREFIX = "gs_u"


def generate(ctx: ScaleContext) -> None:
    User = get_user_model()
    rnd, now, gid = ctx.rnd, ctx.now, ctx.generator_id
    n_led = ctx.size["ledger"]
    n_acc = max(1, n_led // ENTRIES_PER_ACCOUNT)
    union_ids = [oid for oid, _employer, _town in ctx.shared.get("enterprise_unions", [])]
    union_ids = union_ids or [ctx.town_unions[ctx.towns[0].pk].pk]
    n_prog = max(1, min(len(union_ids), n_acc // 250))
    p0 = ctx.next_id(Programme)
    ctx.write(
        Programme,
        ["id", "created_at", "updated_at", "created_by", "union", "name", "slogan",
         "is_active", "expiry_policy", "expiry_years"],
        (
            (p0 + i, now, now, gid, union_ids[i], "职工积分制管理", "", True, "year_end", 1)
            for i in range(n_prog)
        ),
    )  # fmt: skip
    usr0 = ctx.next_id(User)
    ctx.write(
        User,
        ["id", "password", "last_login", "is_superuser", "username", "first_name",
         "last_name", "email", "is_staff", "is_active", "date_joined", "full_name",
         "org_unit"],
        (
            (usr0 + i, "!", None, False, f"{USERNAME_PREFIX}{usr0 + i}", "", "", "", False,
             True, now, SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)],
             union_ids[(i % n_prog)])
            for i in range(n_acc)
        ),
    )  # fmt: skip
    a0 = ctx.next_id(PointsAccount)
    per = [0] * n_acc
    led_acc = [0] * n_led
    led_pts = [0] * n_led
    r = random.Random(rnd.random())
    for j in range(n_led):
        a = j % n_acc
        led_acc[j] = a
        led_pts[j] = r.choice((2, 5, 5, 10, 20))
        per[a] += led_pts[j]
    ctx.write(
        PointsAccount,
        ["id", "created_at", "updated_at", "created_by", "programme", "user",
         "department", "employee_no", "balance"],
        (
            (a0 + i, now, now, gid, p0 + (i % n_prog), usr0 + i, None, f"E{i:06d}", per[i])
            for i in range(n_acc)
        ),
    )  # fmt: skip
    l0 = ctx.next_id(LedgerEntry)

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

    ctx.write(
        LedgerEntry,
        ["id", "created_at", "updated_at", "created_by", "account", "kind", "points",
         "balance_after", "reason", "actor", "item", "ref_type", "ref_id", "reference",
         "reverses", "idempotency_key", "occurred_at"],
        ledger_rows(),
    )  # fmt: skip
    record_change(
        model=LedgerEntry,
        action="import",
        actor=ctx.generator,
        note=(f"generate_scale: {n_prog} programmes, {n_acc} accounts, {n_led} ledger entries"),
    )


def reset(ctx: ScaleContext) -> None:
    ctx.delete_generated(LedgerEntry, PointsAccount, Programme)
    # The employee accounts point at generated unions: gone before the unions are.
    User = get_user_model()
    with connection.cursor() as cur:
        cur.execute(
            f"DELETE FROM {connection.ops.quote_name(User._meta.db_table)} "
            "WHERE username LIKE %s ESCAPE '!'",
            [f"{USERNAME_PREFIX.replace('_', '!_')}%"],
        )


PROVIDER = ScaleProvider(
    generate=generate,
    reset=reset,
    vacuum_tables=[
        get_user_model()._meta.db_table,
        PointsAccount._meta.db_table,
        LedgerEntry._meta.db_table,
    ],
    order=40,
)
