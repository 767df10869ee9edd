"""City dashboard (issue 18 part 2): the county-level units side by side on the shared KPIs —
``dashboards.selectors.city_comparison`` for ``city_admin`` (scope, KPI registry, one grouped
query per model for all eleven units, targets, city average) — vs hand-written SQL computing
the same figures grouped by county (asserted equal), in the same run. Target ≤ 1.3×.

(``bench_dashboard.py`` is the home page's cards of issue 8; this is the city dashboard.)"""

# SQL written by hand on purpose (the baseline); parameters are bound, never formatted in.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils import timezone

from bench.harness import Result, side_by_side

USERNAME = "city_admin"

# A county's subtree: the first two segments of the materialized path ("320900/320902/",
# 14 characters: every county-level code, 3209YN included, has six).
COUNTY = "SUBSTR(r.path, 1, 14)"


def _rate(n, d):
    if not d:
        return None
    return str((Decimal(100) * n / d).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _sql_figures(today: dt.date, prefixes: dict[str, str]) -> dict[str, dict[str, object]]:
    start, end = dt.date(today.year, 1, 1), today
    has_union = "('built', 'term_overdue', 'dormant')"
    big = "e.employees >= 25 AND e.operating_status = 'operating'"
    out: dict[str, dict[str, object]] = {code: {} for code in prefixes.values()}

    def put(rows, names):
        for prefix, *values in rows:
            code = prefixes.get(prefix)
            if code is not None:
                out[code].update(zip(names, (v or 0 for v in values), strict=True))

    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT {COUNTY}, COUNT(*),
                   SUM(CASE WHEN e.union_status = 'built' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {big} AND e.union_status IN {has_union} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {big} THEN 1 ELSE 0 END)
                FROM enterprises_enterprise e JOIN org_region r ON r.id = e.region_id
                GROUP BY {COUNTY}"""
        )
        put(cur.fetchall(), ["enterprises", "built", "cov_n", "cov_d"])
        cur.execute(
            f"""SELECT {COUNTY},
                   SUM(CASE WHEN m.status = 'active' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN m.status = 'active' AND m.is_new_employment THEN 1 ELSE 0 END)
                FROM members_member m JOIN org_orgunit u ON u.id = m.union_id
                JOIN org_region r ON r.id = u.region_id GROUP BY {COUNTY}"""
        )
        put(cur.fetchall(), ["members", "new_employment"])
        cur.execute(
            f"""SELECT {COUNTY}, SUM(CASE WHEN s.is_active THEN 1 ELSE 0 END)
                FROM stations_station s JOIN org_region r ON r.id = s.region_id
                GROUP BY {COUNTY}"""
        )
        put(cur.fetchall(), ["stations"])
        cur.execute(
            f"""SELECT {COUNTY}, COUNT(*)
                FROM bargaining_bargainingcase c JOIN org_region r ON r.id = c.region_id
                WHERE c.outcome_type IN ('collective_contract', 'special_contract')
                  AND c.status = 'filed' AND c.objection_on IS NULL
                  AND c.effective_on <= %s AND c.expires_on >= %s
                GROUP BY {COUNTY}""",
            [today, today],
        )
        put(cur.fetchall(), ["contracts"])
        cur.execute(
            f"""SELECT {COUNTY},
                   SUM(CASE WHEN a.kind = 'training' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.kind = 'visit' THEN 1 ELSE 0 END)
                FROM activities_activity a JOIN org_orgunit u ON u.id = a.organiser_id
                JOIN org_region r ON r.id = u.region_id
                WHERE a.held_on >= %s AND a.held_on <= %s GROUP BY {COUNTY}""",
            [start, end],
        )
        put(cur.fetchall(), ["trainings", "visits"])
        cur.execute(
            f"""SELECT {COUNTY}, COUNT(*)
                FROM governance_riskwarning w JOIN enterprises_enterprise e ON e.id = w.enterprise_id
                JOIN org_region r ON r.id = e.region_id WHERE w.status = 'open'
                GROUP BY {COUNTY}"""
        )
        put(cur.fetchall(), ["warnings"])
    result = {}
    for code, v in out.items():
        result[code] = {
            "establishment.coverage_25plus": _rate(v.get("cov_n", 0), v.get("cov_d", 0)),
            "establishment.built": v.get("built", 0),
            "establishment.enterprises": v.get("enterprises", 0),
            "members.active": v.get("members", 0),
            "members.new_employment": v.get("new_employment", 0),
            "stations.total": v.get("stations", 0),
            "bargaining.effective_contracts": v.get("contracts", 0),
            "activities.trainings": v.get("trainings", 0),
            "activities.visits": v.get("visits", 0),
            "governance.open_warnings": v.get("warnings", 0),
        }
    return result


def run(scale: str) -> list[Result]:
    from unionhub.accounts.models import User
    from unionhub.dashboards import selectors
    from unionhub.org.models import Region

    user = User.objects.get(username=USERNAME)
    today = timezone.localdate()
    counties = Region.objects.filter(level="county")
    prefixes = {r.path[:14]: r.code for r in counties}

    def candidate(fresh_scope: bool = False) -> dict:
        if fresh_scope:
            user.__dict__.pop("_unionhub_scope", None)
        comparison = selectors.city_comparison(user=user, year=today.year, as_of=today)
        return {
            row.region.code: {
                v.code: (
                    str(v.value) if v.kpi.aggregation == "rate" and v.value is not None else v.value
                )
                for v in row.values
            }
            for row in comparison.rows
        }

    got, want = candidate(), _sql_figures(today, prefixes)
    assert got == want, f"city dashboard figures differ: selectors {got} vs SQL {want}"
    c, b = side_by_side(candidate, lambda: _sql_figures(today, prefixes), repeat=7)
    cs, bs = side_by_side(lambda: candidate(True), lambda: _sql_figures(today, prefixes), repeat=7)
    members = sum(v["members.active"] for v in got.values())
    return [
        Result(
            "city dashboard (11 counties × 10 KPIs)",
            "city_comparison (visible_to + registry)",
            "hand-written SQL",
            c,
            b,
            target_ratio=1.3,
            notes=[
                f"{len(got)} county-level units, {members:,} active members; figures equal",
                f"including the scope resolution of the request: {cs * 1000:.1f} ms vs "
                f"{bs * 1000:.1f} ms, ratio {cs / bs:.2f}",
            ],
        )
    ]
