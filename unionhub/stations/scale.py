"""Scale data (``manage.py generate_scale``, ``unionhub.core.scale``): outdoor-worker
stations spread over the towns, open 06:00–22:00 manned and overnight unmanned every day
(check-ins are only accepted while a station is open), and a year of check-ins."""

# Deterministic test data (seeded PRNG, not secrets); SQL built only from model metadata.
# ruff: noqa: S311, S608

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from collections.abc import Iterator

from django.db import connection

from unionhub.core.audit import record_change
from unionhub.core.scale import ScaleContext, ScaleProvider
from unionhub.stations.models import (
    CheckIn,
    Device,
    DeviceEvent,
    ScheduleWindow,
    Station,
    Ticket,
    TicketEvent,
)


def generate(ctx: ScaleContext) -> None:
    rnd, now, gid, towns, town_unions = (
        ctx.rnd, ctx.now, ctx.generator_id, ctx.towns, ctx.town_unions
    )  # fmt: skip
    n_st = ctx.size["stations"]
    s0 = ctx.next_id(Station)
    station_rows = []
    for i in range(n_st):
        town = towns[(i * 7) % len(towns)]
        station_rows.append((
            s0 + i, now, now, gid, f"{town.name}户外劳动者服务站{i + 1}", f"GS-ST-{s0 + i}",
            "self_built", town.pk, town_unions[town.pk].pk, f"{town.name}人民路{i + 1}号",
            round(33.0 + rnd.random() * 1.5, 6), round(119.8 + rnd.random() * 1.2, 6),
            i % 3 == 0, ["water", "charging", "microwave"], [], "", "", "", True,
        ))  # fmt: skip
    ctx.write(
        Station,
        ["id", "created_at", "updated_at", "created_by", "name", "code", "kind", "region",
         "org_unit", "address", "lat", "lng", "is_smart", "facilities",
         "hygiene_checklist", "honours", "photo", "contact_phone", "is_active"],
        station_rows,
    )  # fmt: skip

    w0 = ctx.next_id(ScheduleWindow)
    six, ten = dt.time(6, 0), dt.time(22, 0)
    ctx.write(
        ScheduleWindow,
        ["id", "created_at", "updated_at", "created_by", "station", "weekday", "start",
         "end", "mode"],
        (
            (w0 + 14 * i + 2 * d + half, now, now, gid, s0 + i, d,
             six if half == 0 else ten, ten if half == 0 else six,
             "manned" if half == 0 else "unmanned")
            for i in range(n_st) for d in range(7) for half in (0, 1)
        ),
    )  # fmt: skip

    n_ci = ctx.size["checkins"]
    c0 = ctx.next_id(CheckIn)
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
                uuid.UUID(int=r.getrandbits(128), version=4), at,
                st_occ[r.randrange(5)], visitor, r.random() < 0.3,
                sources[r.randrange(len(sources))], None,
                hashlib.sha256(f"f{j}".encode()).hexdigest(),
            )  # fmt: skip

    ctx.write(
        CheckIn,
        ["id", "created_at", "updated_at", "created_by", "station", "event_id", "at",
         "occupation", "visitor", "is_member", "source", "device", "fingerprint"],
        checkin_rows(),
    )  # fmt: skip
    record_change(
        model=Station,
        action="import",
        actor=ctx.generator,
        note=f"generate_scale: {n_st} stations, {n_ci} check-ins",
    )


def reset(ctx: ScaleContext) -> None:
    q = connection.ops.quote_name
    gen_stations = f"(SELECT id FROM {q(Station._meta.db_table)} WHERE created_by_id = %s)"
    with connection.cursor() as cur:
        # Rows made by others (API check-ins, bench devices) on generated stations.
        cur.execute(
            f"DELETE FROM {q(TicketEvent._meta.db_table)} WHERE ticket_id IN (SELECT id FROM "
            f"{q(Ticket._meta.db_table)} WHERE station_id IN {gen_stations})",
            [ctx.generator_id],
        )
        cur.execute(
            f"DELETE FROM {q(DeviceEvent._meta.db_table)} WHERE device_id IN "
            f"(SELECT id FROM {q(Device._meta.db_table)} WHERE station_id IN {gen_stations})",
            [ctx.generator_id],
        )
        for model in (CheckIn, Ticket, Device):
            cur.execute(
                f"DELETE FROM {q(model._meta.db_table)} WHERE station_id IN {gen_stations}",
                [ctx.generator_id],
            )
    ctx.delete_generated(CheckIn, ScheduleWindow, Station)


PROVIDER = ScaleProvider(
    generate=generate,
    reset=reset,
    vacuum_tables=[
        Station._meta.db_table,
        ScheduleWindow._meta.db_table,
        CheckIn._meta.db_table,
    ],
    order=30,
)
