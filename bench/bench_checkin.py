"""Station check-in API under load (issue 8, benchmark 2).

gunicorn (2 workers × 4 threads, production settings: DEBUG=0, SECRET_KEY / PII_KEY /
ALLOWED_HOSTS from the environment, PostgreSQL) serves

* candidate: UnionHub's ``POST /api/v1/stations/{id}/checkins/`` with a real device key
  (``X-Device-Key``), validation and idempotency by ``event_id``;
* baseline: ``bench/bare_wsgi.py`` — a bare Django view doing one single-row INSERT, same
  server, settings and middleware.

The load generator (bench/loadgen.py, asyncio, 50 keep-alive connections) first measures
the maximum throughput of each (closed loop), then offers both a fixed rate of half the bare
view's maximum and compares the p99 latencies. PostgreSQL only."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import uuid

from django.conf import settings
from django.db import connection

from bench.harness import ROOT, Result
from bench.loadgen import load

SECONDS = {"tiny": 4.0, "county": 10.0, "city": 10.0}
CONNECTIONS = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(app: str, port: int) -> subprocess.Popen:
    env = os.environ.copy()
    env.update(
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,
        PII_KEY=settings.PII_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="unionhub.settings",
        PYTHONPATH=str(ROOT),
    )
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--threads", "4", "--worker-class", "gthread",
        "--keep-alive", "30", "--log-level", "warning", "--chdir", str(ROOT),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()[-2000:]) from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"gunicorn {app} did not start")


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _body() -> bytes:
    """A new visit each time: a fresh event id and a different phone (a repeat visit of the
    same phone within the dedup window would be answered 200 "not counted" without a row)."""
    event = uuid.uuid4()
    phone = f"139{event.int % 100_000_000:08d}"
    return json.dumps({"event_id": str(event), "occupation": "courier", "phone": phone}).encode()


def run(scale: str) -> list[Result]:
    if connection.vendor != "postgresql":
        print("[checkin] skipped: needs PostgreSQL (DATABASE_URL)")
        return []
    from unionhub.stations import services
    from unionhub.stations.models import Device, Station

    station = Station.objects.filter(is_active=True).order_by("pk").first()
    if station is None:
        print("[checkin] skipped: no station (run generate_scale)")
        return []
    Device.objects.filter(name="bench load generator").delete()
    device, key = services.device_create(
        station=station, name="bench load generator", kind="scanner"
    )
    connection.close()  # the servers get their own connections

    seconds = SECONDS[scale]
    uh_path = f"/api/v1/stations/{station.pk}/checkins/"
    bare_path = f"/bare/{station.pk}/checkins/"
    figures = {}
    for label, app, path, headers in (
        ("bare", "bench.bare_wsgi:application", bare_path, {}),
        ("unionhub", "unionhub.wsgi:application", uh_path, {"X-Device-Key": key}),
    ):
        port = _free_port()
        proc = _start(app, port)
        try:
            warm = load("127.0.0.1", port, path, headers=headers, body_factory=_body, seconds=1.5)
            if warm.statuses.keys() - {200, 201}:
                print(f"[checkin] {label}: unexpected statuses {warm.statuses}")
            figures[label] = {
                "max": load(
                    "127.0.0.1",
                    port,
                    path,
                    headers=headers,
                    body_factory=_body,
                    connections=CONNECTIONS,
                    seconds=seconds,
                ),  # fmt: skip
                "port": port,
                "proc": proc,
                "path": path,
                "headers": headers,
            }
        except Exception:
            _stop(proc)
            raise
        _stop(proc)

    half = figures["bare"]["max"].rps / 2
    for label, app in (
        ("bare", "bench.bare_wsgi:application"),
        ("unionhub", "unionhub.wsgi:application"),
    ):
        port = _free_port()
        proc = _start(app, port)
        try:
            f = figures[label]
            load("127.0.0.1", port, f["path"], headers=f["headers"], body_factory=_body, seconds=1)
            f["fixed"] = load(
                "127.0.0.1", port, f["path"], headers=f["headers"], body_factory=_body,
                connections=CONNECTIONS, seconds=seconds, rate=half,
            )  # fmt: skip
        finally:
            _stop(proc)

    uh, bare = figures["unionhub"], figures["bare"]
    notes = [
        f"max throughput at {CONNECTIONS} connections: UnionHub {uh['max'].rps:,.0f} req/s "
        f"(errors {uh['max'].errors}, {dict(uh['max'].statuses)}), bare {bare['max'].rps:,.0f} "
        f"req/s (errors {bare['max'].errors}); ratio {uh['max'].rps / bare['max'].rps:.2f} "
        "(target ≥ 0.8)",
        f"fixed rate {half:,.0f} req/s: p50 {uh['fixed'].percentile(50) * 1000:.1f} / "
        f"{bare['fixed'].percentile(50) * 1000:.1f} ms, p99 {uh['fixed'].percentile(99) * 1000:.1f}"
        f" / {bare['fixed'].percentile(99) * 1000:.1f} ms (UnionHub / bare)",
    ]
    device.delete()
    return [
        Result(
            "check-in API throughput (s/1k req)",
            "UnionHub device-key API",
            "bare INSERT view",
            1000 / uh["max"].rps if uh["max"].rps else float("inf"),
            1000 / bare["max"].rps,
            target_ratio=1 / 0.8,
            notes=notes,
        ),
        Result(
            f"check-in p99 at {half:,.0f} req/s",
            "UnionHub device-key API",
            "bare INSERT view",
            uh["fixed"].percentile(99),
            bare["fixed"].percentile(99),
            target_ratio=1.5,
        ),
    ]
