"""Fault test (issue #19, "load and faults"): PostgreSQL is restarted while the platform takes
check-ins; no acknowledged record may be lost and the platform must recover by itself.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionhub_fault \\
        .venv/bin/python bench/fault_pg_restart.py [--seconds 40] [--restart-at 12] [--rate 20]

What it does, on a database of its own (migrated, demo organisation and stations loaded):

1. starts gunicorn with production settings (as ``bench/bench_checkin.py``: 2 workers ×
   4 threads, ``DEBUG=0``, persistent connections with health checks);
2. sends check-ins at a fixed rate from four keep-alive connections, each with a fresh
   ``event_id``, and notes every answer; polls ``/healthz`` every half second;
3. at ``--restart-at`` seconds runs ``PG_RESTART_COMMAND`` (default
   ``pg_ctlcluster 15 main restart``, or ``systemctl restart postgresql``);
4. resends every check-in that got no 201, with the same ``event_id`` (as a device's queue
   does), and checks, in the database, that every check-in acknowledged is stored exactly
   once (nothing acknowledged and then lost), that ``/healthz`` went red and then green
   again without anyone touching the server, and that the last seconds were served without
   errors.

Exit status 0 when all three hold; the figures are printed either way. It restarts the
machine's PostgreSQL, so it is a command to run on demand, never part of the test suite
(other tests use the same server)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shlex
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")

DEFAULT_RESTART = "pg_ctlcluster 15 main restart"


@dataclass
class Answer:
    at: float  # when it was sent, seconds from the start
    event_id: str
    status: int  # 0 = no answer (connection refused, reset, timed out)
    body: bytes = b""


@dataclass
class Observations:
    answers: list[Answer] = field(default_factory=list)
    health: list[tuple[float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _post(conn_box: list, port: int, path: str, headers: dict, body: bytes) -> int:
    """One request on a keep-alive connection, reopened after any failure."""
    try:
        if conn_box[0] is None:
            conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn_box[0].request("POST", path, body=body, headers=headers)
        response = conn_box[0].getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        if conn_box[0] is not None:
            conn_box[0].close()
        conn_box[0] = None
        return 0


def _sender(obs, port, path, key, start, stop_at, interval, offset) -> None:
    conn_box: list = [None]
    headers = {"Content-Type": "application/json", "X-Device-Key": key}
    n = 0
    while True:
        due = start + offset + n * interval
        if due >= stop_at:
            break
        time.sleep(max(0.0, due - time.perf_counter()))
        event = uuid.uuid4()
        body = json.dumps(
            {
                "event_id": str(event),
                "occupation": "courier",
                "phone": f"139{event.int % 100_000_000:08d}",
            }
        ).encode()
        sent = time.perf_counter() - start
        status = _post(conn_box, port, path, headers, body)
        with obs.lock:
            obs.answers.append(Answer(sent, str(event), status, body))
        n += 1


def _health(obs, port, start, stop_at) -> None:
    while time.perf_counter() < stop_at:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
            conn.request("GET", "/healthz")
            status = conn.getresponse().status
            conn.close()
        except (OSError, http.client.HTTPException):
            status = 0
        obs.health.append((time.perf_counter() - start, status))
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--restart-at", type=float, default=12.0)
    parser.add_argument("--rate", type=float, default=20.0, help="check-ins per second")
    args = parser.parse_args()

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor != "postgresql":
        print("needs PostgreSQL: set DATABASE_URL=postgres://…")
        return 2
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--only", "org", "accounts", "stations", force=True, verbosity=0)

    from bench.bench_checkin import _free_port, _start, _stop, _warm, open_station
    from unionhub.stations import services
    from unionhub.stations.models import CheckIn, Device

    station = open_station()
    if station is None:
        raise SystemExit("no station is open at this hour: load the demo data")
    Device.objects.filter(name="fault test").delete()
    _device, key = services.device_create(
        actor=None, station=station, name="fault test", kind="scanner"
    )
    connection.close()
    restart = shlex.split(os.environ.get("PG_RESTART_COMMAND", DEFAULT_RESTART))
    path = f"/api/v1/stations/{station.pk}/checkins/"
    port = _free_port()
    server = _start("unionhub.wsgi:application", port)
    obs = Observations()
    try:
        _warm(port, path, {"X-Device-Key": key})
        start = time.perf_counter()
        stop_at = start + args.seconds
        senders = 4
        interval = senders / args.rate
        threads = [
            threading.Thread(
                target=_sender,
                args=(obs, port, path, key, start, stop_at, interval, i * interval / senders),
            )
            for i in range(senders)
        ] + [threading.Thread(target=_health, args=(obs, port, start, stop_at))]
        for t in threads:
            t.start()
        time.sleep(max(0.0, start + args.restart_at - time.perf_counter()))
        restarted_at = time.perf_counter() - start
        done = subprocess.run(restart, capture_output=True, text=True, check=False)
        back_at = time.perf_counter() - start
        if done.returncode != 0:
            print(f"restart command failed ({done.returncode}): {done.stderr.strip()}")
        for t in threads:
            t.join()
        # What a device does with a visit that got no answer: send it again, same event id.
        # Accepted once only — 201 if the first attempt never reached the database, 200
        # ("already counted") if it did.
        retry_box: list = [None]
        headers = {"Content-Type": "application/json", "X-Device-Key": key}
        retried = {
            a.event_id: _post(retry_box, port, path, headers, a.body)
            for a in obs.answers
            if a.status != 201
        }
    finally:
        _stop(server)

    acknowledged = [a.event_id for a in obs.answers if a.status == 201]
    acknowledged += [e for e, status in retried.items() if status in (200, 201)]
    # The restart may have cut our own connection too: ask afresh.
    connection.close()
    stored = set(
        str(e)
        for e in CheckIn.objects.filter(event_id__in=acknowledged).values_list(
            "event_id", flat=True
        )
    )
    lost = [e for e in acknowledged if e not in stored]
    failed = [a for a in obs.answers if a.status != 201]
    tail = [a for a in obs.answers if a.at >= args.seconds - 5]
    tail_errors = [a for a in tail if a.status != 201]
    red = [t for t, s in obs.health if s != 200 and t >= restarted_at]
    green_after = [t for t, s in obs.health if s == 200 and red and t > red[-1]]
    print(f"PostgreSQL restarted at {restarted_at:.1f} s, command returned at {back_at:.1f} s")
    print(
        f"check-ins sent {len(obs.answers)}, acknowledged (201) {len(acknowledged)}, "
        f"stored {len(stored)}, lost {len(lost)}"
    )
    statuses: dict[int, int] = {}
    for a in obs.answers:
        statuses[a.status] = statuses.get(a.status, 0) + 1
    print(f"answers by status (0 = no answer): {dict(sorted(statuses.items()))}")
    if failed:
        print(
            f"failed requests between {failed[0].at:.1f} s and {failed[-1].at:.1f} s "
            f"({len(failed)}); last 5 s: {len(tail_errors)} errors of {len(tail)}"
        )
    if retried:
        print(
            f"resent after the run with the same event id: {len(retried)}, answers "
            f"{sorted(retried.values())} (stored once each)"
        )
    if red:
        print(
            f"/healthz red from {red[0]:.1f} s to {red[-1]:.1f} s, green again at "
            f"{green_after[0]:.1f} s"
            if green_after
            else f"/healthz red from {red[0]:.1f} s and never green again"
        )
    else:
        print("/healthz never went red (the restart was quicker than the poll)")
    unanswered = [e for e, status in retried.items() if status not in (200, 201)]
    ok = (
        not lost
        and not unanswered
        and not tail_errors
        and (not red or green_after)
        and done.returncode == 0
    )
    print("RESULT:", "recovered, nothing lost" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
