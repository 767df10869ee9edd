"""`make bench`: prepare data at the chosen scale, run every bench/bench_*.py, print the
ratios and append them to BENCHMARKS.md.

    .venv/bin/python bench/run.py [--scale tiny|county|city] [--only NAME ...] [--no-record]

Use PostgreSQL (DATABASE_URL) for figures that mean something; SQLite works for a smoke run."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="county", choices=["tiny", "county", "city"])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--no-record", action="store_true", help="do not append to BENCHMARKS.md")
    args = parser.parse_args()

    import django
    from django.conf import settings
    from django.core.management import call_command, get_commands

    django.setup()
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--only", "org", "accounts", force=True, verbosity=0)
    if "generate_scale" in get_commands():
        from django.core.management.base import CommandError

        try:
            call_command("generate_scale", scale=args.scale)
        except CommandError as exc:  # another scale is loaded: replace it
            print(f"{exc} → --reset")
            call_command("generate_scale", scale=args.scale, reset=True)
    else:
        print("generate_scale is not available yet: benchmarks run on the demo tree only")

    from bench.harness import append_markdown, print_table

    results = []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if args.only and name not in args.only:
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        try:
            results.extend(module.run(args.scale))
        except ModuleNotFoundError as exc:
            print(f"[{name}] skipped: {exc}")
    print(f"\nUnionHub benchmarks — database {database}, scale {args.scale}\n")
    print_table(results)
    if results and not args.no_record:
        append_markdown(results, args.scale, database)
        print("\nappended to BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
