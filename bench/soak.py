"""Bounded soak on loopback (issue #19, "load and faults"): check-ins, a list page and
redemptions at fixed rates for ten minutes against gunicorn with production settings;
reports errors, p50/p99 per kind and window, and the servers' memory over time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionhub_soak \\
        .venv/bin/python bench/soak.py [--minutes 10] [--checkins 20] [--pages 4] [--redemptions 4]

A fresh database first gets the demo data (``load_demo``, once); a bench reward with ample stock and a
worker account with ample points are prepared through the points services, so every
redemption is a real order with its ledger entry. Load is open-loop (bench/loadgen.py:
latency from the scheduled time, so queueing counts). Memory is the resident set of the
gunicorn master and workers, sampled at the end of each window; the growth figure compares
the first window with the last. A 15-second warm-up at the same rates comes first and is not
counted (each worker's first requests import every module).

Exit status 0 when no request failed. Run on demand (it takes the minutes it says)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")

WINDOW_SECONDS = 30.0
WARM_SECONDS = 15.0
CONNECTIONS = 8  # per kind of request


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (gunicorn master + workers)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def _prepare():
    """The three targets: (path, headers, body factory, method) each, on demo data."""
    import uuid

    from django.test import Client

    from bench.bench_checkin import open_station
    from unionhub.accounts import security
    from unionhub.accounts.models import User
    from unionhub.points.models import PointsAccount, Reward
    from unionhub.points.services import ledger
    from unionhub.stations import services as station_services
    from unionhub.stations.models import Device

    station = open_station()
    if station is None:
        raise SystemExit("no station is open at this hour: load the demo data")
    Device.objects.filter(name="soak load generator").delete()
    _device, device_key = station_services.device_create(
        actor=None, station=station, name="soak load generator", kind="scanner"
    )

    def checkin() -> bytes:
        event = uuid.uuid4()
        return json.dumps(
            {
                "event_id": str(event),
                "occupation": "courier",
                "phone": f"139{event.int % 100_000_000:08d}",
            }
        ).encode()

    cadre = User.objects.get(username="funing_admin")
    client = Client()
    client.force_login(cadre)
    session = client.cookies["sessionid"].value

    worker = User.objects.get(username="funing_worker")
    account = PointsAccount.objects.filter(user=worker).order_by("pk").first()
    reward, _ = Reward.objects.update_or_create(
        programme=account.programme,
        name="压力测试纪念品",
        defaults={"cost": 1, "stock": 1_000_000, "per_person_limit": None, "is_active": True},
    )
    if account.balance < 50_000:
        ledger.entry_adjust(actor=None, account=account, points=100_000, reason="压力测试备用积分")
    token = security.token_issue(actor=worker, reuse=True)
    redemption = json.dumps({"reward": reward.pk, "quantity": 1}).encode()
    return {
        "check-in": (
            f"/api/v1/stations/{station.pk}/checkins/",
            {"X-Device-Key": device_key},
            checkin,
            "POST",
        ),
        "list page": ("/enterprises/", {"Cookie": f"sessionid={session}"}, lambda: b"", "GET"),
        "redemption": (
            "/api/v1/points/redemptions/",
            {"Authorization": f"Token {token}"},
            lambda: redemption,
            "POST",
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--checkins", type=float, default=20.0, help="per second")
    parser.add_argument("--pages", type=float, default=4.0, help="list pages per second")
    parser.add_argument("--redemptions", type=float, default=4.0, help="per second")
    args = parser.parse_args()

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor != "postgresql":
        print("needs PostgreSQL: set DATABASE_URL=postgres://…")
        return 2
    call_command("migrate", verbosity=0)
    from unionhub.accounts.models import User

    if not User.objects.filter(username="funing_worker").exists():  # a fresh database
        call_command("load_demo", force=True, verbosity=0)
    targets = _prepare()
    connection.close()

    from bench.bench_checkin import _free_port, _start, _stop, collect_static

    collect_static()
    from bench.loadgen import LoadResult, load

    rates = {"check-in": args.checkins, "list page": args.pages, "redemption": args.redemptions}
    windows = max(1, round(args.minutes * 60 / WINDOW_SECONDS))
    port = _free_port()
    server = _start("unionhub.wsgi:application", port)
    rows: list[dict] = []

    def window(seconds: float) -> dict[str, LoadResult]:
        """All three kinds of request at once, each at its rate, for ``seconds``."""
        results: dict[str, LoadResult] = {}

        def run(kind: str) -> None:
            path, headers, body, method = targets[kind]
            results[kind] = load(
                "127.0.0.1",
                port,
                path,
                headers=headers,
                body_factory=body,
                connections=CONNECTIONS,
                seconds=seconds,
                rate=rates[kind],
                method=method,
            )

        threads = [threading.Thread(target=run, args=(k,)) for k in targets]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    try:
        # Not counted: each worker's first requests import every module's views and fill
        # the template caches (seconds on a busy machine), which is start-up, not soak.
        warm = window(WARM_SECONDS)
        print(
            "warm-up: " + ", ".join(f"{k} {dict(v.statuses)}" for k, v in warm.items()),
            flush=True,
        )
        start_rss = _rss_kib(server.pid)
        for _w in range(windows):
            results = window(WINDOW_SECONDS)
            rows.append({"results": results, "rss": _rss_kib(server.pid)})
            print(
                f"window {len(rows):>2}: "
                + ", ".join(
                    f"{k} {v.requests} ok {v.errors} err p99 {v.percentile(99) * 1000:.0f} ms"
                    for k, v in results.items()
                )
                + f"; memory {rows[-1]['rss'] / 1024:.0f} MB",
                flush=True,
            )
    finally:
        _stop(server)
        print(f"server log: {server.log_path}")

    print(f"\nsoak: {windows} windows of {WINDOW_SECONDS:.0f} s, rates {rates} per second")
    failed = 0
    for kind in targets:
        parts = [row["results"][kind] for row in rows]
        latencies = sorted(x for p in parts for x in p.latencies)
        errors = sum(p.errors for p in parts)
        statuses: dict[int, int] = {}
        for p in parts:
            for code, n in p.statuses.items():
                statuses[code] = statuses.get(code, 0) + n
        if kind == "list page":  # a redirect (to the login page) is a failure here
            errors += sum(n for code, n in statuses.items() if code != 200 and code < 400)
        failed += errors
        pct = LoadResult(len(latencies), errors, 0, latencies, statuses).percentile
        print(
            f"{kind:>10}: {len(latencies):,} answered, errors {errors}, statuses {statuses}, "
            f"p50 {pct(50) * 1000:.1f} ms, p99 {pct(99) * 1000:.1f} ms; p99 first/last window "
            f"{parts[0].percentile(99) * 1000:.1f} / {parts[-1].percentile(99) * 1000:.1f} ms"
        )
    first, last = rows[0]["rss"], rows[-1]["rss"]
    growth = Decimal(100 * (last - first) / first).quantize(Decimal("0.1")) if first else 0
    print(
        f"    memory: {start_rss / 1024:.0f} MB after the warm-up, {first / 1024:.0f} MB after "
        f"the first window, {last / 1024:.0f} MB at the end ({growth:+} % over the soak)"
    )
    print("RESULT:", "no failed request" if not failed else f"{failed} failed requests")
    return 0 if not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
