"""The read replica run of issue 20, on the clusters of bench/replica.sh.

    bench/replica.sh start
    .venv/bin/python bench/replica_check.py [--json out.json]

gunicorn (production settings) runs with ``DATABASE_URL`` = the primary and
``DATABASE_REPLICA_URL`` = the streaming standby. The run

1. measures the replication lag: a row committed on the primary, polled on the standby
   every millisecond (50 samples);
2. shows the city dashboard API is served by the standby: with WAL replay *paused* on the
   standby, a KPI target set on the primary does not appear on the dashboard while a
   request carrying the read-your-writes cookie sees it at once; after replay resumes the
   dashboard shows it, and the time from commit to the dashboard showing it is measured;
3. checks that a check-in (a write) answers with the read-your-writes cookie;
4. drills a primary outage: a device keeps posting check-ins while the primary is stopped
   (fast shutdown) and started again; the dashboard is read throughout. Every check-in
   acknowledged (201) must be in the database after the restart, on the primary and the
   standby, every refused one (503, Chinese message) must not, and the dashboard must answer
   200 while the primary is down;
5. stops the standby: the dashboard is answered by the primary.

Exit code 0 when every check holds. Uses only 127.0.0.1."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5433/unionhub")
os.environ.setdefault("DATABASE_REPLICA_URL", "postgres://postgres@127.0.0.1:5434/unionhub")
REPLICA_SH = ROOT / "bench" / "replica.sh"


def sh(*args: str) -> None:
    subprocess.run([str(REPLICA_SH), *args], check=True, stdout=subprocess.DEVNULL)


class Client:
    def __init__(self, port: int, headers: dict[str, str]):
        self.port, self.headers = port, headers
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None, headers=None):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                data = json.dumps(body).encode() if body is not None else None
                hdrs = {**self.headers, **(headers or {}), "Content-Type": "application/json"}
                self.conn.request(method, path, body=data, headers=hdrs)
                resp = self.conn.getresponse()
                raw = resp.read()
                return resp.status, resp, raw
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def measure_lag(samples: int = 50) -> dict:
    from django.db import connections

    primary, replica = connections["default"], connections["replica"]
    with primary.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS bench_replica_probe (id bigserial PRIMARY KEY)")
    lags = []
    for _ in range(samples):
        with primary.cursor() as c:  # autocommit: committed when execute returns
            c.execute("INSERT INTO bench_replica_probe DEFAULT VALUES RETURNING id")
            (row_id,) = c.fetchone()
        t0 = time.perf_counter()
        while True:
            try:
                with replica.cursor() as c:
                    c.execute("SELECT 1 FROM bench_replica_probe WHERE id = %s", [row_id])
                    seen = c.fetchone() is not None
            except Exception:  # noqa: BLE001 — the table itself not replayed yet
                replica.close()
                seen = False
            if seen:
                lags.append(time.perf_counter() - t0)
                break
            if time.perf_counter() - t0 > 30:
                raise AssertionError("a committed row did not reach the standby in 30 s")
            time.sleep(0.001)
        time.sleep(0.02)
    with primary.cursor() as c:
        c.execute("DROP TABLE bench_replica_probe")
    lags.sort()
    return {
        "samples": samples,
        "median_ms": statistics.median(lags) * 1000,
        "p95_ms": lags[int(0.95 * len(lags)) - 1] * 1000,
        "max_ms": lags[-1] * 1000,
    }


def replay(paused: bool) -> None:
    from django.db import connections

    with connections["replica"].cursor() as c:
        c.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from bench.bench_checkin import _body, _start, _stop, open_station
    from bench.harness import ROOT as _root  # noqa: F401 — same repository
    from unionhub.accounts import security
    from unionhub.accounts.models import User
    from unionhub.core.kpis import services as kpi_services
    from unionhub.core.kpis.selectors import kpi_period
    from unionhub.org.models import Region
    from unionhub.stations.models import CheckIn, Device
    from unionhub.stations.services.devices import device_create

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="city_admin").exists():
        call_command("load_demo", "--only", "org", "accounts", force=True, verbosity=0)
    if open_station() is None:
        call_command("generate_scale", scale="tiny")
    station = open_station()
    if station is None:
        print("no station open at this hour: nothing to check in to")
        return 2

    figures: dict = {"lag": measure_lag()}
    print(
        "replication lag (commit on primary → row visible on standby, {samples} samples): "
        "median {median_ms:.1f} ms, p95 {p95_ms:.1f} ms, max {max_ms:.1f} ms".format(
            **figures["lag"]
        )
    )

    admin = User.objects.get(username="city_admin")
    # 0. the marked pages render from the replica (in-process client, the same router).
    from django.test import Client as DjangoClient

    browser = DjangoClient()
    browser.force_login(admin)
    time.sleep(0.3)  # the new session reaches the standby
    pages = {}
    for page in ("/dashboards/city/", "/dashboards/screen/", "/dashboards/statistics/",
                 "/kpis/", "/brands/report/", "/enterprises/export.xlsx", "/enterprises/"):  # fmt: skip
        r = browser.get(page)
        pages[page] = (r.status_code, r.wsgi_request.db_route.replica)
    print(f"pages (status, read the replica): {pages}")
    figures["pages"] = {k: list(v) for k, v in pages.items()}
    page_checks = [
        ("marked pages answer 200 from the replica, the list from the primary",
         all(v == (200, p != "/enterprises/") for p, v in pages.items())),
    ]  # fmt: skip
    token = security.token_issue(actor=admin)
    Device.objects.filter(name="replica check").delete()
    _device, device_key = device_create(
        actor=None, station=station, name="replica check", kind="scanner"
    )
    county = Region.objects.filter(level="county").order_by("code").first()
    code = "establishment.enterprises"
    year, _as_of = kpi_period()
    for conn in connections.all():
        conn.close()
    time.sleep(0.5)  # the token and device reach the standby (lag above: milliseconds)

    port = 18765
    server = _start("unionhub.wsgi:application", port)
    checks: list[tuple[str, bool]] = list(page_checks)
    try:
        api = Client(port, {"Authorization": f"Token {token}"})
        dash = "/api/v1/dashboards/city/"

        def target_on_dashboard(headers=None):
            status, _r, raw = api.request("GET", dash, headers=headers)
            assert status == 200, (status, raw[:300])
            data = json.loads(raw)
            row = next(r for r in data["counties"] if r["code"] == county.code)
            return row["values"][code]["target"]

        target_on_dashboard()  # warm: the token's first use stamps it (on the primary)

        # 2. the dashboard reads the standby; read-your-writes reads the primary.
        e2e, stale_ok, fresh_ok = [], [], []
        for i in range(5):
            value = 1000 + i + int(time.time()) % 1000 * 10
            replay(paused=True)
            kpi_services.kpitarget_set(
                actor=admin, code=code, region=county, year=year, value=value
            )
            t_commit = time.perf_counter()
            stale = target_on_dashboard()
            fresh = target_on_dashboard(headers={"Cookie": f"uh_primary={int(time.time())}"})
            stale_ok.append(stale != value)
            fresh_ok.append(fresh == value)
            pause_s = time.perf_counter() - t_commit
            replay(paused=False)
            t_resume = time.perf_counter()
            while target_on_dashboard() != value:
                if time.perf_counter() - t_resume > 30:
                    raise AssertionError("the target never reached the dashboard")
                time.sleep(0.002)
            e2e.append((time.perf_counter() - t_resume) * 1000)
            connections["replica"].close()
        checks.append(
            ("replay paused: the dashboard (standby) shows the old target", all(stale_ok))
        )
        checks.append(("read-your-writes cookie: the dashboard reads the primary", all(fresh_ok)))
        figures["dashboard_after_resume_ms"] = {
            "median": statistics.median(e2e),
            "max": max(e2e),
            "pause_s": pause_s,
        }
        print(
            f"dashboard shows a target set on the primary {statistics.median(e2e):.1f} ms (median,"
            f" max {max(e2e):.1f}) after replay resumes, request time included"
        )

        # 3. a write answers with the read-your-writes cookie.
        dev = Client(port, {"X-Device-Key": device_key})
        path = f"/api/v1/stations/{station.pk}/checkins/"
        status, resp, raw = dev.request("POST", path, json.loads(_body()))
        cookie = resp.getheader("Set-Cookie") or ""
        checks.append(
            (f"check-in {status} sets uh_primary", status == 201 and "uh_primary=" in cookie)
        )

        # 4. primary outage drill.
        results: list[tuple[str, int, bytes]] = []
        stop = threading.Event()

        def writer():
            client = Client(port, {"X-Device-Key": device_key})
            while not stop.is_set():
                body = json.loads(_body())
                try:
                    status, _r, raw = client.request("POST", path, body)
                except (OSError, http.client.HTTPException) as exc:
                    status, raw = 0, str(exc).encode()
                results.append((body["event_id"], status, raw))
                time.sleep(0.02)

        thread = threading.Thread(target=writer)
        thread.start()
        time.sleep(1.5)
        t_stop = time.perf_counter()
        sh("stop-primary")
        down_s = time.perf_counter() - t_stop
        reads: list[int] = []
        refusal = b""
        t_end = time.perf_counter() + 5
        while time.perf_counter() < t_end:
            status, _r, raw = api.request("GET", dash)
            reads.append(status)
            time.sleep(0.2)
        for _eid, status, raw in results[::-1]:
            if status == 503:
                refusal = raw
                break
        sh("start-primary")
        time.sleep(2.0)
        stop.set()
        thread.join()
        acked = [e for e, s, _ in results if s in (200, 201)]
        refused = [e for e, s, _ in results if s == 503]
        other = sorted({s for _e, s, _ in results if s not in (200, 201, 503)})
        for conn in connections.all():
            conn.close()
        on_primary = set(
            str(e) for e in CheckIn.objects.using("default").filter(event_id__in=acked + refused)
            .values_list("event_id", flat=True)
        )  # fmt: skip
        # The standby's WAL receiver reconnects to the restarted primary on its own
        # (wal_retrieve_retry_interval): wait for it to catch up, at most 60 s.
        t_catch = time.perf_counter()
        while True:
            on_standby = set(
                str(e) for e in CheckIn.objects.using("replica").filter(event_id__in=acked)
                .values_list("event_id", flat=True)
            )  # fmt: skip
            if len(on_standby) == len(acked) or time.perf_counter() - t_catch > 60:
                break
            time.sleep(0.2)
        catch_up_s = time.perf_counter() - t_catch
        lost = [e for e in acked if e not in on_primary]
        ghost = [e for e in refused if e in on_primary]
        figures["outage"] = {
            "writes": len(results),
            "acknowledged": len(acked),
            "refused_503": len(refused),
            "other_statuses": other,
            "lost": len(lost),
            "written_though_refused": len(ghost),
            "missing_on_standby": len([e for e in acked if e not in on_standby]),
            "dashboard_reads_while_down": len(reads),
            "dashboard_200_while_down": reads.count(200),
            "stop_primary_s": down_s,
            "standby_caught_up_s": catch_up_s,
            "refusal": json.loads(refusal) if refusal else None,
        }
        o = figures["outage"]
        print(
            f"outage drill: {o['writes']} check-ins, {o['acknowledged']} acknowledged, "
            f"{o['refused_503']} refused 503, other statuses {other}; lost {o['lost']}, "
            f"written though refused {o['written_though_refused']}, missing on standby "
            f"{o['missing_on_standby']} (caught up {catch_up_s:.1f} s after the check); dashboard while the primary was down: "
            f"{o['dashboard_200_while_down']}/{o['dashboard_reads_while_down']} answered 200"
        )
        if o["refusal"]:
            print(f"refusal: {json.dumps(o['refusal'], ensure_ascii=False)}")
        checks += [
            ("dashboard answered 200 throughout the outage", reads and set(reads) == {200}),
            ("some check-ins were refused during the outage", o["refused_503"] > 0),
            ("refusals are 503 with a Chinese sentence", bool(o["refusal"]) and "数据库" in o["refusal"]["detail"]),
            ("only 201/503 answers", not other),
            ("nothing acknowledged lost", not lost),
            ("nothing refused was written", not ghost),
            ("acknowledged check-ins on the standby", o["missing_on_standby"] == 0),
        ]  # fmt: skip

        # 5. replica outage: the dashboard is answered by the primary.
        sh("stop-standby")
        reads = []
        for _ in range(10):
            status, _r, raw = api.request("GET", dash)
            reads.append(status)
            time.sleep(0.1)
        sh("start-standby")
        figures["standby_outage_dashboard"] = {"reads": len(reads), "ok": reads.count(200)}
        print(f"standby stopped: dashboard {reads.count(200)}/{len(reads)} answered 200 (primary)")
        checks.append(
            ("standby down: the dashboard falls back to the primary", set(reads) == {200})
        )
    finally:
        _stop(server)
        try:
            replay(paused=False)
        except Exception:  # noqa: BLE001
            pass
        sh("start-primary")
        sh("start-standby")
        Device.objects.filter(name="replica check").delete()

    for label, ok in checks:
        print(f"  {'ok ' if ok else 'FAIL'} {label}")
    figures["checks"] = {label: bool(ok) for label, ok in checks}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    failed = [label for label, ok in checks if not ok]
    print(f"{len(checks) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
