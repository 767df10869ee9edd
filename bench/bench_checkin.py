"""Station check-in API under load (issue 8, benchmark 2).

gunicorn (2 workers × 4 threads, production settings: DEBUG=0, SECRET_KEY / PII_KEY /
ALLOWED_HOSTS from the environment, PostgreSQL) serves

* candidate: UnionHub's ``POST /api/v1/stations/{id}/checkins/`` with a real device key
  (``X-Device-Key``), validation and idempotency by ``event_id``;
* baseline: ``bench/bare_wsgi.py`` — a bare Django view doing one single-row INSERT, same
  server, settings and middleware.

The load generator (bench/loadgen.py, asyncio, 50 keep-alive connections) first measures
the maximum throughput of each (closed loop), then offers both a fixed rate of half the bare
view's maximum and compares the p99 latencies. PostgreSQL only.

Both servers run side by side and are measured in alternating two-second rounds, pooled,
so that the other users of a shared machine weigh on both alike (one after the other, the
ratio swung between 0.3 and 1.2 on a busy two-core machine). Both are warmed until their
throughput is steady (``_warm``) before anything is measured: a gunicorn worker's first
request imports the URL configuration — for UnionHub all modules' views, several seconds on a
busy machine, for the bare view one module — and a fixed 1.5-second warm-up left that
start-up inside UnionHub's measurement only."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.harness import ROOT, Result
from bench.loadgen import LoadResult, load

SECONDS = {"tiny": 4.0, "county": 10.0, "city": 10.0}  # per server and phase
ROUND_SECONDS = 2.0
CONNECTIONS = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env() -> dict[str, str]:
    """The environment of a production process (DEBUG off, keys from the environment)."""
    env = os.environ.copy()
    env.update(
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,
        PII_KEY=settings.PII_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="unionhub.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def collect_static() -> None:
    """Pages in production mode need the hashed static files (``collectstatic``), as a
    deployment has them (docs/deploy.md); API-only benchmarks do not."""
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=production_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _start(app: str, port: int, *, workers: int = 2, threads: int = 4) -> subprocess.Popen:
    env = production_env()
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--keep-alive", "30", "--log-level", "warning", "--chdir", str(ROOT),
    ]  # fmt: skip
    # The server's log goes to a file: a pipe nobody reads fills up (64 KB of tracebacks) and
    # then blocks every worker that writes to it.
    log = tempfile.NamedTemporaryFile(prefix="unionhub-gunicorn-", suffix=".log", delete=False)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    proc.log_path = log.name
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(Path(log.name).read_text()[-2000:]) from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"gunicorn {app} did not start")


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


WARM_ROUNDS = (3, 20)  # at least, at most (rounds of one second)


def _warm(port: int, path: str, headers: dict[str, str]) -> dict[int, int]:
    """Load the server in one-second rounds until two rounds in a row agree within 15 % (every
    worker and thread has served requests), at most ``WARM_ROUNDS[1]`` rounds."""
    statuses: dict[int, int] = {}
    previous = 0.0
    for i in range(WARM_ROUNDS[1]):
        r = load("127.0.0.1", port, path, headers=headers, body_factory=_body, seconds=1.0)
        for code, n in r.statuses.items():
            statuses[code] = statuses.get(code, 0) + n
        if i + 1 >= WARM_ROUNDS[0] and r.rps and abs(r.rps - previous) <= 0.15 * r.rps:
            break
        previous = r.rps
    return statuses


def _pooled(results: list[LoadResult]) -> LoadResult:
    statuses: dict[int, int] = {}
    for r in results:
        for code, n in r.statuses.items():
            statuses[code] = statuses.get(code, 0) + n
    return LoadResult(
        requests=sum(r.requests for r in results),
        errors=sum(r.errors for r in results),
        seconds=sum(r.seconds for r in results),
        latencies=[x for r in results for x in r.latencies],
        statuses=statuses,
    )


def _body() -> bytes:
    """A new visit each time: a fresh event id and a different phone (a repeat visit of the
    same phone within the dedup window would be answered 200 "not counted" without a row)."""
    event = uuid.uuid4()
    phone = f"139{event.int % 100_000_000:08d}"
    return json.dumps({"event_id": str(event), "occupation": "courier", "phone": phone}).encode()


def open_station():
    """An active station open at this moment (a closed one answers every check-in 400 "驿站当前
    未开放"), so the benchmarks measure accepted visits at any hour they are run."""
    from django.utils import timezone

    from unionhub.stations.models import Station
    from unionhub.stations.selectors import station_open_at

    now = timezone.now()
    stations = Station.objects.filter(is_active=True).order_by("pk")
    return next((s for s in stations if station_open_at(s, now)), None)


def run(scale: str) -> list[Result]:
    if connection.vendor != "postgresql":
        print("[checkin] skipped: needs PostgreSQL (DATABASE_URL)")
        return []
    from unionhub.stations import services
    from unionhub.stations.models import Device

    station = open_station()
    if station is None:
        print("[checkin] skipped: no station open now (run generate_scale)")
        return []
    Device.objects.filter(name="bench load generator").delete()
    device, key = services.device_create(
        actor=None, station=station, name="bench load generator", kind="scanner"
    )
    connection.close()  # the servers get their own connections

    seconds = SECONDS[scale]
    rounds = max(2, round(seconds / ROUND_SECONDS))
    targets = {
        "bare": ("bench.bare_wsgi:application", f"/bare/{station.pk}/checkins/", {}),
        "unionhub": (
            "unionhub.wsgi:application",
            f"/api/v1/stations/{station.pk}/checkins/",
            {"X-Device-Key": key},
        ),
    }
    if os.environ.get("BENCH_CHECKIN_BEFORE"):  # the same API without the device lane
        targets["before"] = ("bench.nolane_wsgi:application", *targets["unionhub"][1:])
    servers: dict[str, tuple[subprocess.Popen, int]] = {}
    try:
        for label, (app, path, headers) in targets.items():
            port = _free_port()
            servers[label] = (_start(app, port), port)
            warm = _warm(port, path, headers)
            if warm.keys() - {200, 201}:
                print(f"[checkin] {label}: unexpected statuses {warm}")

        def measure(rate: float | None) -> dict[str, LoadResult]:
            """Short rounds, alternating the two servers (and which goes first), pooled: the
            other users of a shared machine then weigh on both alike."""
            parts: dict[str, list[LoadResult]] = {label: [] for label in targets}
            for i in range(rounds):
                for label in list(targets)[:: 1 if i % 2 == 0 else -1]:
                    _app, path, headers = targets[label]
                    parts[label].append(
                        load(
                            "127.0.0.1",
                            servers[label][1],
                            path,
                            headers=headers,
                            body_factory=_body,
                            connections=CONNECTIONS,
                            seconds=seconds / rounds,
                            rate=rate,
                        )  # fmt: skip
                    )
            return {label: _pooled(results) for label, results in parts.items()}

        figures = {label: {"max": r} for label, r in measure(None).items()}
        half = figures["bare"]["max"].rps / 2
        for label, r in measure(half).items():
            figures[label]["fixed"] = r
    finally:
        for proc, _port in servers.values():
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
    before = []
    if "before" in figures:
        b = figures["before"]
        notes.append(
            f"without the device lane (same run): {b['max'].rps:,.0f} req/s, ratio "
            f"{b['max'].rps / bare['max'].rps:.2f}; p99 at {half:,.0f} req/s "
            f"{b['fixed'].percentile(99) * 1000:.1f} ms"
        )
        before = [
            Result(
                "check-in lane: with ÷ without (s/1k req)",
                "with the lane",
                "without the lane",
                1000 / uh["max"].rps if uh["max"].rps else float("inf"),
                1000 / b["max"].rps if b["max"].rps else float("inf"),
            )
        ]
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
        *before,
    ]
