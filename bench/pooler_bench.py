"""The station check-in benchmark through PgBouncer (issue 20), direct and pooled side by side.

    bench/replica.sh start && bench/pooler.sh start
    .venv/bin/python bench/pooler_bench.py [--seconds 20] [--connections 200] [--json out]

Two gunicorn servers run the same UnionHub check-in API (production settings, a real device
key, validation and idempotency), one with ``DATABASE_URL`` = the primary of
bench/replica.sh, one with ``DATABASE_URL`` = PgBouncer (transaction mode) and
``DATABASE_POOLED=1``. The load generator of bench/loadgen.py holds 200 keep-alive
connections (closed loop) and the two servers are measured in alternating rounds, pooled,
as bench/bench_checkin.py does. Two server shapes:

* ``2×4`` — bench_checkin's server (2 workers × 4 threads: 8 database connections);
* ``4×50`` — 4 workers × 50 threads: up to 200 database connections direct, the shape
  where a pooler matters (PgBouncer folds them into ``POOLER_POOL_SIZE`` server connections).

Not part of ``make bench`` (it needs the scratch clusters and the pooler)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
DIRECT = os.environ.get("BENCH_DIRECT_URL", "postgres://postgres@127.0.0.1:5433/unionhub")
POOLED = os.environ.get("BENCH_POOLED_URL", "postgres://postgres@127.0.0.1:6432/unionhub")
os.environ["DATABASE_URL"] = DIRECT
os.environ.pop("DATABASE_REPLICA_URL", None)  # pooling alone: no replica routing
ROUND_SECONDS = 4.0


def _start_shape(port: int, workers: int, threads: int, env_extra: dict) -> subprocess.Popen:
    """bench_checkin's server (``_start``) in the given shape, with ``env_extra`` set while it
    starts (the environment it hands to gunicorn is read then)."""
    from bench import bench_checkin

    saved = {k: os.environ.get(k) for k in env_extra}
    os.environ.update(env_extra)
    try:
        return bench_checkin._start(
            "unionhub.wsgi:application", port, workers=workers, threads=threads
        )
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def server_connections() -> dict[str, int]:
    """Database connections held on the primary: all client backends (this process's own
    excluded) and, of them, PgBouncer's server connections (its ``SHOW SERVERS``); the rest
    are the direct server's."""
    import psycopg
    from django.db import connection

    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        total = c.fetchone()[0]
    admin = POOLED.rsplit("/", 1)[0] + "/pgbouncer"
    with psycopg.connect(admin, autocommit=True) as conn:
        pooled = len(conn.execute("SHOW SERVERS").fetchall())
    return {"direct": total - pooled, "pgbouncer": pooled}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured, per arm")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--shapes", default="2x4,4x50")
    parser.add_argument("--json")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from bench.bench_checkin import _body, _free_port, _pooled, _stop, _warm, open_station
    from bench.loadgen import load
    from unionhub.stations.models import Device
    from unionhub.stations.services.devices import device_create

    station = open_station()
    if station is None:
        print("no station open now: run generate_scale on the primary")
        return 2
    Device.objects.filter(name="pooler bench").delete()
    device, key = device_create(actor=None, station=station, name="pooler bench", kind="scanner")
    path = f"/api/v1/stations/{station.pk}/checkins/"
    headers = {"X-Device-Key": key}
    arms = {
        "direct": {"DATABASE_URL": DIRECT},
        "pgbouncer": {"DATABASE_URL": POOLED, "DATABASE_POOLED": "1"},
    }
    out: dict = {"connections": args.connections, "seconds_per_arm": args.seconds, "shapes": {}}
    connection.close()
    try:
        for shape in args.shapes.split(","):
            workers, threads = (int(x) for x in shape.split("x"))
            servers = {}
            try:
                for arm, extra in arms.items():
                    port = _free_port()
                    servers[arm] = (_start_shape(port, workers, threads, extra), port)
                    warm = _warm(port, path, headers)
                    if warm.keys() - {200, 201}:
                        print(f"[{shape} {arm}] warm-up statuses {warm}")
                rounds = max(2, round(args.seconds / ROUND_SECONDS))
                parts = {arm: [] for arm in arms}
                peak = {arm: 0 for arm in arms}
                for i in range(rounds):
                    for arm in list(arms)[:: 1 if i % 2 == 0 else -1]:
                        parts[arm].append(
                            load(
                                "127.0.0.1", servers[arm][1], path, headers=headers,
                                body_factory=_body, connections=args.connections,
                                seconds=args.seconds / rounds,
                            )
                        )  # fmt: skip
                        held = server_connections()[arm]
                        peak[arm] = max(peak[arm], held)
                        connection.close()
            finally:
                for proc, _port in servers.values():
                    _stop(proc)
            figures = {}
            for arm in arms:
                r = _pooled(parts[arm])
                figures[arm] = {
                    "requests": r.requests,
                    "errors": r.errors,
                    "statuses": {str(k): v for k, v in sorted(r.statuses.items())},
                    "rps": r.rps,
                    "p50_ms": r.percentile(50) * 1000,
                    "p99_ms": r.percentile(99) * 1000,
                    "server_connections_peak": peak[arm],
                }
                f = figures[arm]
                print(
                    f"[{workers}×{threads}, {args.connections} connections] {arm:9}: "
                    f"{f['requests']:,} requests, {f['errors']} errors {f['statuses']}, "
                    f"{f['rps']:,.0f} req/s, p50 {f['p50_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms, "
                    f"database connections on the primary ≤ {f['server_connections_peak']}"
                )
            out["shapes"][shape] = figures
    finally:
        device.delete()
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2))
    errors = sum(f["errors"] for s in out["shapes"].values() for f in s.values())
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
