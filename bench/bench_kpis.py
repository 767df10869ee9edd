"""KPIs of a county (issue 13 part 4): ``GET /api/v1/kpis/?region=320925`` — the whole request,
scope, region and every registered KPI — vs hand-written SQL computing the same figures
(asserted equal), in the same run. Target ≤ 1.3×."""

# SQL written by hand on purpose (the baseline); parameters are bound, never formatted in.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from bench.harness import Result, side_by_side

USERNAME = "city_admin"
COUNTY = "320925"


def _sql_figures(path: str, today: dt.date) -> dict:
    """Every registered KPI of the county, one hand-written aggregate per table."""
    like = path + "%"
    start = timezone.make_aware(dt.datetime(today.year, 1, 1))
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    has_union = "('built', 'term_overdue', 'dormant')"
    big = "e.employees >= 25 AND e.operating_status = 'operating'"
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT COUNT(*),
                   SUM(CASE WHEN e.union_status = 'built' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.union_status = 'not_built' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.union_status = 'term_overdue' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.union_status = 'dormant' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.target_reasons <> '' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {big} AND e.union_status IN {has_union} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {big} THEN 1 ELSE 0 END)
                FROM enterprises_enterprise e JOIN org_region r ON r.id = e.region_id
                WHERE r.path LIKE %s""",
            [like],
        )
        ent = [v or 0 for v in cur.fetchone()]
        cur.execute(
            """SELECT SUM(CASE WHEN s.is_active THEN 1 ELSE 0 END),
                      SUM(CASE WHEN s.is_active AND s.is_smart THEN 1 ELSE 0 END),
                      SUM(CASE WHEN s.is_active AND s.created_at >= %s AND s.created_at < %s
                               THEN 1 ELSE 0 END)
               FROM stations_station s JOIN org_region r ON r.id = s.region_id
               WHERE r.path LIKE %s""",
            [start, end, like],
        )
        sta = [v or 0 for v in cur.fetchone()]
        programme_region = """JOIN points_programme p ON p.id = {alias}.programme_id
               JOIN org_orgunit u ON u.id = p.union_id
               JOIN org_region r ON r.id = u.region_id"""
        cur.execute(
            f"""SELECT COUNT(*) FROM points_ledgerentry l
               JOIN points_pointsaccount a ON a.id = l.account_id
               {programme_region.format(alias="a")}
               WHERE r.path LIKE %s AND l.kind = 'award' AND l.occurred_at >= %s
                 AND l.occurred_at < %s
                 AND NOT EXISTS (SELECT 1 FROM points_ledgerentry x WHERE x.reverses_id = l.id)""",
            [like, start, end],
        )
        participants = cur.fetchone()[0]
        cur.execute(
            f"""SELECT COALESCE(SUM(g.realized_benefit), 0) FROM points_suggestion g
               {programme_region.format(alias="g")}
               WHERE r.path LIKE %s AND g.status = 'implemented'
                 AND g.implemented_on >= %s AND g.implemented_on <= %s""",
            [like, dt.date(today.year, 1, 1), today],
        )
        benefit = Decimal(cur.fetchone()[0] or 0).quantize(Decimal("0.01"))
        cur.execute(
            """SELECT SUM(CASE WHEN m.status = 'active' THEN 1 ELSE 0 END),
                      SUM(CASE WHEN m.status = 'active' AND m.is_new_employment THEN 1 ELSE 0 END)
               FROM members_member m JOIN org_orgunit u ON u.id = m.union_id
               JOIN org_region r ON r.id = u.region_id WHERE r.path LIKE %s""",
            [like],
        )
        active, new_employment = (v or 0 for v in cur.fetchone())
        cur.execute(
            """SELECT COUNT(*) FROM members_joinapplication j JOIN org_region r ON r.id = j.region_id
               WHERE r.path LIKE %s AND j.status = 'pending' AND j.is_new_employment""",
            [like],
        )
        pending = cur.fetchone()[0]

    def rate(n, d):
        return float((Decimal(100) * n / d).quantize(Decimal("0.1"))) if d else None

    known = new_employment + pending
    return {
        "establishment.enterprises": ent[0],
        "establishment.built": ent[1],
        "establishment.not_built": ent[2],
        "establishment.term_overdue": ent[3],
        "establishment.dormant": ent[4],
        "establishment.targets": ent[5],
        "establishment.coverage_25plus": rate(ent[6], ent[7]),
        "stations.total": sta[0],
        "stations.smart": sta[1],
        "stations.new_this_year": sta[2],
        "points.participants_year": participants,
        "points.suggestion_benefit_year": f"{benefit:.2f}",
        "members.active": active,
        "members.new_employment": new_employment,
        "members.new_employment_join_rate": rate(new_employment, known),
    }


def run(scale: str) -> list[Result]:
    from django.test import Client

    from unionhub.accounts.models import User
    from unionhub.core.kpis import selectors
    from unionhub.org.models import Region

    user = User.objects.get(username=USERNAME)
    path = Region.objects.get(code=COUNTY).path
    today = timezone.localdate()
    client = Client()
    client.force_login(user)

    def candidate() -> dict:
        response = client.get("/api/v1/kpis/", {"region": COUNTY})
        assert response.status_code == 200, response.content[:300]
        return {r["code"]: r["value"] for r in response.json()["results"]}

    def selectors_only() -> dict:
        user.__dict__.pop("_unionhub_scope", None)
        region = selectors.kpi_region(user=user, code=COUNTY)
        values = selectors.kpi_values(user=user, region=region, year=today.year, as_of=today)
        return {v.code: v.value for v in values}

    got, want = candidate(), _sql_figures(path, today)
    assert got == want, f"KPI figures differ: API {got} vs SQL {want}"
    c, b = side_by_side(candidate, lambda: _sql_figures(path, today), repeat=7)
    s, b2 = side_by_side(selectors_only, lambda: _sql_figures(path, today), repeat=7)
    return [
        Result(
            "county KPIs (/api/v1/kpis/)",
            "API request (scope + registry)",
            "hand-written SQL",
            c,
            b,
            target_ratio=1.3,
            notes=[
                f"{len(got)} KPIs of {COUNTY}: {got['establishment.enterprises']:,} enterprises, "
                f"{got['members.active']:,} active members; figures equal",
                f"selectors without the HTTP layer: {s * 1000:.1f} ms vs {b2 * 1000:.1f} ms, "
                f"ratio {s / b2:.2f}",
            ],
        )
    ]
