"""Benchmark harness: side-by-side timings with a baseline measured in the same run.

These machines are noisy, so an absolute time alone means little: every benchmark times a
*candidate* (UnionHub's code path) and a *baseline* (the floor or the peer doing the same
work), interleaved, and reports the ratio of their medians against a target."""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    name: str
    candidate: str
    baseline: str
    candidate_s: float
    baseline_s: float
    target_ratio: float | None = None
    unit: str = "s"
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.candidate_s / self.baseline_s if self.baseline_s else float("inf")

    @property
    def verdict(self) -> str:
        if self.target_ratio is None:
            return "info"
        return "PASS" if self.ratio <= self.target_ratio else "FAIL"


def median_time(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def side_by_side(
    candidate: Callable[[], object], baseline: Callable[[], object], *, repeat: int = 7
) -> tuple[float, float]:
    """Interleave candidate and baseline so drift in machine load hits both alike."""
    candidate(), baseline()  # warm caches and connections
    c_times, b_times = [], []
    for _ in range(repeat):
        for fn, bucket in ((candidate, c_times), (baseline, b_times)):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - t0)
    return statistics.median(c_times), statistics.median(b_times)


def machine() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def print_table(results: list[Result]) -> None:
    header = (
        f"{'benchmark':38} {'candidate':>11} {'baseline':>11} {'ratio':>7} {'target':>7}  verdict"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        target = f"≤{r.target_ratio:g}" if r.target_ratio is not None else "—"
        unit = "s" if r.unit == "s" else ""
        print(
            f"{r.name:38} {r.candidate_s:>10.4f}{unit:1} {r.baseline_s:>10.4f}{unit:1} "
            f"{r.ratio:>7.2f} {target:>7}  {r.verdict}"
        )
        for note in r.notes:
            print(f"    {note}")


def append_markdown(results: list[Result], scale: str, database: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    if not path.exists():
        path.write_text(
            "# Benchmarks\n\nRows are appended by `make bench` (bench/run.py). Ratios are candidate ÷ baseline, "
            "both measured in the same run.\n\n"
            "| date (Asia/Shanghai) | commit | machine | database | scale | benchmark | candidate | baseline | ratio | target | verdict |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|\n"
        )
    now = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    with path.open("a", encoding="utf-8") as fh:
        for r in results:
            target = f"≤{r.target_ratio:g}" if r.target_ratio is not None else "—"
            fh.write(
                f"| {now} | {commit()} | {machine()} | {database} | {scale} | {r.name} | "
                f"{r.candidate}: {r.candidate_s:.4f} {r.unit} | {r.baseline}: {r.baseline_s:.4f} {r.unit} | "
                f"{r.ratio:.2f} | {target} | {r.verdict} |\n"
            )
