"""KPIs of a region (issue 13 part 4): ``GET /api/v1/kpis/?region=<code>`` — the whole
request: session, scope, region, the registry and every registered KPI of every module — vs
hand-written SQL computing the same figures (asserted equal for **every** registered code),
in the same run, for two counties and for the whole city. Target ≤ 1.3×.

The hand-written SQL is one aggregate per table (conditional ``SUM(CASE …)``), written from
the KPI declarations (``<app>/kpis.py``), not generated from them: if a module declares a new
KPI the bench fails, naming the code, until its SQL is written here.

``generate_scale`` fills the core tables (enterprises, members, stations, points) at the
chosen scale; the newer modules have no scale provider yet, so their tables hold their demo
records (``load_demo`` per module, loaded here when missing) — enough that most of their KPIs
are not zero, not a city's worth of rows — plus ``bench/kpi_topup.py``'s contracts in force
and enterprise grids over the generated enterprises (the enterprise aggregate's dearest
conditions), written at the start and removed at the end."""

# SQL written by hand on purpose (the baseline); parameters are bound, never formatted in.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import Result, side_by_side

USERNAME = "city_admin"
#: 建湖 (the issue's county) and 东台 (a county-level city with many demo records)
COUNTIES = ("320925", "320981")
REPEAT = 7

HAS_UNION = "('built', 'term_overdue', 'dormant')"
BIG = "e.employees >= 25 AND e.operating_status = 'operating'"
IN_FORCE = """{c}.outcome_type IN ('collective_contract', 'special_contract')
    AND {c}.status = 'filed' AND {c}.objection_on IS NULL
    AND {c}.effective_on <= %(as_of)s AND {c}.expires_on >= %(as_of)s"""
NONPUBLIC = "('private', 'foreign', 'hmt', 'other')"


def _n(cond: str) -> str:
    return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _rate(n, d):
    if not d:
        return None
    return float((Decimal(100) * n / d).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _number(value):
    value = Decimal(value or 0)
    return int(value) if value == value.to_integral_value() else float(value)


def sql_figures(path: str | None, year: int, as_of: dt.date) -> dict:
    """Every registered KPI of the region with this materialized path (``None``: the whole
    city, no region condition at all), one hand-written aggregate per table."""
    end = min(dt.date(year, 12, 31), as_of)
    p = {
        "path": (path or "") + "%",
        "start": dt.date(year, 1, 1),
        "end": end,
        "as_of": as_of,
        "year": year,
        "t_start": timezone.make_aware(dt.datetime(year, 1, 1)),
        "t_end": timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)),
        # bargaining.expiring_90_days: the next 90 days as a display window (no roll-forward)
        "until": as_of + dt.timedelta(days=90),
    }

    def region(join: str, alias: str = "r") -> tuple[str, str]:
        """(joins reaching the region, condition) — nothing at all for the whole city."""
        if path is None:
            return "", "TRUE"
        return f"{join} JOIN org_region {alias} ON {alias}.id = {{region_id}}", (
            f"{alias}.path LIKE %(path)s"
        )

    def one(sql: str) -> list:
        with connection.cursor() as cur:
            cur.execute(sql, p)
            return [v if v is not None else 0 for v in cur.fetchone()]

    def direct(table: str, alias: str, selects: list[str], where: str = "TRUE") -> list:
        """A table with its own ``region_id``."""
        joins, cond = region("")
        joins = joins.format(region_id=f"{alias}.region_id")
        return one(
            f"SELECT {', '.join(selects)} FROM {table} {alias} {joins} WHERE {cond} AND {where}"
        )

    def via(table: str, alias: str, chain: str, region_id: str, selects, where="TRUE") -> list:
        """A table that reaches its region through ``chain`` (joins needed only for the
        region) ending at ``region_id``."""
        if path is None:
            chain = ""
        joins, cond = region(chain)
        joins = joins.format(region_id=region_id)
        return one(
            f"SELECT {', '.join(selects)} FROM {table} {alias} {joins} WHERE {cond} AND {where}"
        )

    # --- enterprises: establishment, coverage, grids, bargaining coverage, refunds ---------
    covered = f"""SELECT c.enterprise_id FROM bargaining_bargainingcase c
            WHERE {IN_FORCE.format(c="c")}
        UNION
        SELECT ce.enterprise_id FROM bargaining_bargainingcase_covered_enterprises ce
            JOIN bargaining_bargainingcase c ON c.id = ce.bargainingcase_id
            WHERE {IN_FORCE.format(c="c")}"""
    refunded = """SELECT DISTINCT enterprise_id FROM funds_refund
        WHERE status = 'paid' AND paid_on <= %(as_of)s"""
    joins, cond = region("")
    open_ = "e.operating_status <> 'closed'"
    lm, sm = "e.size_class IN ('large', 'medium')", "e.size_class IN ('small', 'micro')"
    ent = one(
        f"""SELECT COUNT(*),
               {_n("e.union_status = 'built'")}, {_n("e.union_status = 'not_built'")},
               {_n("e.union_status = 'term_overdue'")}, {_n("e.union_status = 'dormant'")},
               {_n("e.target_reasons <> ''")},
               {_n(f"{BIG} AND e.union_status IN {HAS_UNION}")}, {_n(BIG)},
               {_n(f"{lm} AND {open_} AND gm.id IS NOT NULL")}, {_n(f"{lm} AND {open_}")},
               {_n(f"{sm} AND {open_} AND gm.id IS NOT NULL")}, {_n(f"{sm} AND {open_}")},
               {_n("cv.enterprise_id IS NOT NULL")},
               SUM(CASE WHEN cv.enterprise_id IS NOT NULL THEN e.employees ELSE 0 END),
               {_n("rf.enterprise_id IS NOT NULL")}
            FROM enterprises_enterprise e {joins.format(region_id="e.region_id")}
            LEFT JOIN governance_gridmembership gm ON gm.enterprise_id = e.id
            LEFT JOIN ({covered}) cv ON cv.enterprise_id = e.id
            LEFT JOIN ({refunded}) rf ON rf.enterprise_id = e.id
            WHERE {cond}"""
    )
    sta = direct(
        "stations_station",
        "s",
        [
            _n("s.is_active"),
            _n("s.is_active AND s.is_smart"),
            _n("s.is_active AND s.created_at >= %(t_start)s AND s.created_at < %(t_end)s"),
        ],
    )
    # --- points, members ----------------------------------------------------------------
    programme = """JOIN points_pointsaccount a ON a.id = {x}.account_id
        JOIN points_programme pg ON pg.id = a.programme_id
        JOIN org_orgunit u ON u.id = pg.union_id"""
    (participants,) = via(
        "points_ledgerentry",
        "l",
        programme.format(x="l"),
        "u.region_id",
        ["COUNT(*)"],
        """l.kind = 'award' AND l.occurred_at >= %(t_start)s AND l.occurred_at < %(t_end)s
           AND NOT EXISTS (SELECT 1 FROM points_ledgerentry x WHERE x.reverses_id = l.id)""",
    )
    (benefit,) = via(
        "points_suggestion",
        "g",
        programme.format(x="g"),
        "u.region_id",
        ["SUM(g.realized_benefit)"],
        "g.status = 'implemented' AND g.implemented_on BETWEEN %(start)s AND %(end)s",
    )
    mem = via(
        "members_member",
        "m",
        "JOIN org_orgunit u ON u.id = m.union_id",
        "u.region_id",
        [_n("m.status = 'active'"), _n("m.status = 'active' AND m.is_new_employment")],
        "m.status = 'active'",
    )
    (pending,) = direct(
        "members_joinapplication",
        "j",
        ["COUNT(*)"],
        "j.status = 'pending' AND j.is_new_employment",
    )
    # --- bargaining ---------------------------------------------------------------------
    case = direct(
        "bargaining_bargainingcase",
        "c",
        [_n(IN_FORCE.format(c="c")), _n(f"{IN_FORCE.format(c='c')} AND c.expires_on <= %(until)s")],
    )
    ent_region = "JOIN enterprises_enterprise e ON e.id = {x}.enterprise_id"
    offer = via(
        "bargaining_bargainingoffer",
        "o",
        ent_region.format(x="o"),
        "e.region_id",
        [_n("o.sent_on BETWEEN %(start)s AND %(end)s"), _n("o.status = 'overdue'")],
    )
    # --- governance ---------------------------------------------------------------------
    (grids,) = direct("governance_grid", "g", ["COUNT(*)"], "g.kind = 'enterprise'")
    (points_,) = via(
        "governance_monitoringpoint",
        "mp",
        ent_region.format(x="mp"),
        "e.region_id",
        ["COUNT(*)"],
        "mp.is_active",
    )
    (warnings,) = via(
        "governance_riskwarning",
        "w",
        ent_region.format(x="w"),
        "e.region_id",
        ["COUNT(*)"],
        "w.status = 'open'",
    )
    (harmonious,) = direct(
        "governance_harmoniousunit",
        "h",
        ["COUNT(*)"],
        """h.status = 'designated' AND h.designated_on <= %(as_of)s
           AND h.valid_until >= %(as_of)s""",
    )
    # --- congress, funds ----------------------------------------------------------------
    stars = via(
        "congress_starevaluation",
        "se",
        """JOIN congress_congress cg ON cg.id = se.congress_id
           JOIN enterprises_enterprise e ON e.id = cg.enterprise_id""",
        "e.region_id",
        [_n("se.stars >= 4"), _n("se.stars = 5")],
        "se.is_current AND se.stars >= 4",
    )
    (refund_amount,) = via(
        "funds_refund",
        "f",
        ent_region.format(x="f"),
        "e.region_id",
        ["SUM(f.amount)"],
        "f.status = 'paid' AND f.paid_on <= %(as_of)s",
    )
    # --- people, studios ----------------------------------------------------------------
    (model_workers,) = direct("people_modelworker", "mw", ["COUNT(*)"], "mw.is_active")
    (apprentices,) = via(
        "people_mentorship",
        "ms",
        "JOIN people_modelworker mw ON mw.id = ms.mentor_id",
        "mw.region_id",
        ["COUNT(*)"],
        "ms.started_on <= %(as_of)s",
    )
    studio = direct(
        "studios_studio",
        "st",
        [_n("TRUE"), _n("st.level = 'provincial'")],
        "st.is_active",
    )
    (alliances,) = direct("studios_alliance", "al", ["COUNT(*)"], "al.parent_id IS NOT NULL")
    (products,) = via(
        "studios_achievement",
        "ac",
        "JOIN studios_studio st ON st.id = ac.studio_id",
        "st.region_id",
        ["COUNT(*)"],
        """ac.kind = 'new_product' AND ac.appraisal_level IN ('provincial', 'national')
           AND ac.achieved_on BETWEEN %(start)s AND %(end)s""",
    )
    # --- activities and culture (region: the organiser's) -------------------------------
    organiser = "JOIN org_orgunit u ON u.id = {x}.organiser_id"
    year_of = "{x}.held_on BETWEEN %(start)s AND %(end)s"
    act = via(
        "activities_activity",
        "a",
        organiser.format(x="a"),
        "u.region_id",
        [
            _n("a.kind = 'training'"),
            "SUM(CASE WHEN a.kind = 'training' THEN a.person_times ELSE 0 END)",
            _n("a.kind = 'lecture'"),
            _n("a.kind = 'visit'"),
        ],
        f"{year_of.format(x='a')} AND a.kind IN ('training', 'lecture', 'visit')",
    )
    (visited,) = one(
        f"""SELECT COUNT(*) FROM activities_visittarget vt
            JOIN activities_activity a ON a.id = vt.activity_id
            {_region_tail(path, organiser.format(x="a"), "u.region_id")}
            AND a.kind = 'visit' AND {year_of.format(x="a")}"""
    )
    (shows,) = via(
        "activities_show",
        "sh",
        organiser.format(x="sh"),
        "u.region_id",
        ["COUNT(*)"],
        year_of.format(x="sh"),
    )
    (programmes,) = one(
        f"""SELECT COUNT(*) FROM activities_programme pr
            JOIN activities_show sh ON sh.id = pr.show_id
            {_region_tail(path, organiser.format(x="sh"), "u.region_id")}
            AND {year_of.format(x="sh")}"""
    )
    (performers,) = one(
        f"""SELECT COUNT(*) FROM activities_performer pf
            JOIN activities_programme pr ON pr.id = pf.programme_id
            JOIN activities_show sh ON sh.id = pr.show_id
            {_region_tail(path, organiser.format(x="sh"), "u.region_id")}
            AND {year_of.format(x="sh")}"""
    )
    (planned,) = via(
        "activities_seasonplan",
        "sp",
        organiser.format(x="sp"),
        "u.region_id",
        ["SUM(sp.shows_planned)"],
        "sp.year = %(year)s",
    )
    # --- party-union co-building --------------------------------------------------------
    (facts_n, facts_d) = one(
        f"""SELECT {_n("pf.has_party_org")}, COUNT(*) FROM partybuild_partyfacts pf
            JOIN enterprises_enterprise e ON e.id = pf.enterprise_id
            {_region_tail(path, "", "e.region_id")}
            AND e.ownership IN {NONPUBLIC} AND e.operating_status = 'operating'
            AND pf.party_members >= 3"""
    )
    demo = direct(
        "partybuild_demonstration",
        "d",
        [_n("d.kind = 'unit'"), _n("d.kind = 'area'")],
        "d.year = %(year)s",
    )
    deputies = direct("partybuild_deputy", "dp", [_n("dp.is_industrial_worker"), "COUNT(*)"])
    (backbones,) = via(
        "partybuild_cultivation",
        "cu",
        ent_region.format(x="cu"),
        "e.region_id",
        ["COUNT(*)"],
        "cu.party_member_on BETWEEN %(start)s AND %(end)s",
    )
    # --- social workers (region: the union keeping the archive, holding the session) ---
    union = "JOIN org_orgunit u ON u.id = {x}.union_id"
    (archives,) = via(
        "socialwork_socialworker", "sw", union.format(x="sw"), "u.region_id", ["COUNT(*)"]
    )
    (monthly,) = via(
        "socialwork_monthlyrecord",
        "mr",
        "JOIN socialwork_socialworker sw ON sw.id = mr.worker_id " + union.format(x="sw"),
        "u.region_id",
        ["COUNT(*)"],
        "mr.month <= %(as_of)s",
    )
    (exchanges,) = via(
        "socialwork_studysession",
        "ss",
        union.format(x="ss"),
        "u.region_id",
        ["COUNT(*)"],
        "ss.kind = 'quarterly_exchange' AND ss.held_on <= %(as_of)s",
    )
    (assessments,) = via(
        "socialwork_assessmentround",
        "ar",
        union.format(x="ar"),
        "u.region_id",
        ["COUNT(*)"],
        "ar.held_on <= %(as_of)s",
    )

    active, new_employment = mem
    return {
        "establishment.enterprises": ent[0],
        "establishment.built": ent[1],
        "establishment.not_built": ent[2],
        "establishment.term_overdue": ent[3],
        "establishment.dormant": ent[4],
        "establishment.targets": ent[5],
        "establishment.coverage_25plus": _rate(ent[6], ent[7]),
        "partybuild.union_coverage_25plus": _rate(ent[6], ent[7]),
        "governance.grid_coverage_large_medium": _rate(ent[8], ent[9]),
        "governance.grid_coverage_small_micro": _rate(ent[10], ent[11]),
        "bargaining.covered_enterprises": ent[12],
        "bargaining.covered_workers": _number(ent[13]),
        "funds.refund_enterprises": ent[14],
        "stations.total": sta[0],
        "stations.smart": sta[1],
        "stations.new_this_year": sta[2],
        "points.participants_year": participants,
        "points.suggestion_benefit_year": _money(benefit),
        "members.active": active,
        "members.new_employment": new_employment,
        "members.new_employment_join_rate": _rate(new_employment, new_employment + pending),
        "bargaining.effective_contracts": case[0],
        "bargaining.expiring_90_days": case[1],
        "bargaining.offers_sent": offer[0],
        "bargaining.offers_overdue": offer[1],
        "governance.enterprise_grids": grids,
        "governance.monitoring_points": points_,
        "governance.open_warnings": warnings,
        "governance.harmonious_units": harmonious,
        "congress.four_star_plus": stars[0],
        "congress.five_star": stars[1],
        "funds.refund_amount": _money(refund_amount),
        "people.model_workers": model_workers,
        "mentoring.apprentices": apprentices,
        "studios.total": studio[0],
        "studios.provincial": studio[1],
        "studios.alliances": alliances,
        "studios.new_products_appraised": products,
        "activities.trainings": act[0],
        "activities.training_person_times": _number(act[1]),
        "activities.lectures": act[2],
        "activities.visits": act[3],
        "activities.visit_person_times": visited,
        "culture.shows": shows,
        "culture.programmes": programmes,
        "culture.performers": performers,
        "culture.shows_planned": _number(planned),
        "partybuild.party_org_coverage": _rate(facts_n, facts_d),
        "partybuild.demonstration_units": demo[0],
        "partybuild.demonstration_areas": demo[1],
        "partybuild.industrial_worker_deputy_share": _rate(deputies[0], deputies[1]),
        "partybuild.backbones_joined_party": backbones,
        "socialwork.archives": archives,
        "socialwork.monthly_records": monthly,
        "socialwork.quarterly_exchanges": exchanges,
        "socialwork.annual_assessments": assessments,
    }


def _region_tail(path: str | None, chain: str, region_id: str) -> str:
    """``<chain> JOIN org_region r … WHERE r.path LIKE …`` (for a region) or ``WHERE TRUE``."""
    if path is None:
        return "WHERE TRUE"
    return f"{chain} JOIN org_region r ON r.id = {region_id} WHERE r.path LIKE %(path)s"


def _money(value) -> str:
    return f"{Decimal(value or 0).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"


def compare(got: dict, want: dict, label: str) -> None:
    """Every code the API answers must have its hand-written figure, and agree with it."""
    problems = [
        f"{code}: the API answers it but the hand-written SQL has no figure for it"
        for code in sorted(set(got) - set(want))
    ]
    problems += [
        f"{code}: the hand-written SQL has it but the API does not answer it (a KPI the user "
        f"may not see, or a code renamed)"
        for code in sorted(set(want) - set(got))
    ]
    problems += [
        f"{code}: API {got[code]!r} ≠ SQL {want[code]!r}"
        for code in sorted(set(got) & set(want))
        if got[code] != want[code]
    ]
    assert not problems, f"KPI figures of {label} differ:\n  " + "\n  ".join(problems)


#: modules whose tables generate_scale fills (their demos would only add to them, slowly),
#: and demos without KPIs
AT_SCALE = {"org", "accounts", "members", "stations", "points", "me", "brands"}


def ensure_module_records() -> None:
    """The newer modules have no scale provider: load every module's demo records once, each
    module on its own (a demo that does not fit the scale data — bargaining's spring campaign
    expects the demo's own enterprises — is reported and skipped; its KPIs stay low)."""
    from django.apps import apps
    from django.core.management import call_command

    from unionhub.core.modules import declarations

    if apps.get_model("people", "ModelWorker").objects.exists():
        return
    print("[kpis] the newer modules are empty: their demo records on top of the scale data")
    for declared in declarations("demo"):
        label = declared.config.label
        if label in AT_SCALE:
            continue
        try:
            call_command("load_demo", "--only", label, force=True, verbosity=0)
        except Exception as exc:  # noqa: BLE001 - a demo that does not fit: report, go on
            print(f"[kpis]   demo of {label} skipped: {type(exc).__name__}: {exc}")


def run(scale: str) -> list[Result]:

    from bench import kpi_topup
    from unionhub.accounts.models import User
    from unionhub.core.kpis import selectors
    from unionhub.org.models import Region

    ensure_module_records()
    written = kpi_topup.top_up()
    if written:
        print(f"[kpis] bench records written (removed at the end): {written}")
    try:
        return _measure(User, Region, selectors)
    finally:
        kpi_topup.remove()


def _measure(User, Region, selectors) -> list[Result]:
    from django.test import Client

    user = User.objects.get(username=USERNAME)
    today = timezone.localdate()
    client = Client()
    client.force_login(user)
    results = []
    for code in (*COUNTIES, None):
        region = Region.objects.get(code=code) if code else None
        path = region.path if region is not None else None
        label = f"{code} {region.name}" if region is not None else "the city (no region)"
        params = {"region": code} if code else {}

        def candidate(params=params) -> dict:
            response = client.get("/api/v1/kpis/", params)
            assert response.status_code == 200, response.content[:300]
            return {r["code"]: r["value"] for r in response.json()["results"]}

        def baseline(path=path) -> dict:
            return sql_figures(path, today.year, today)

        def selectors_only(code=code) -> dict:
            user.__dict__.pop("_unionhub_scope", None)
            reg = selectors.kpi_region(user=user, code=code)
            values = selectors.kpi_values(user=user, region=reg, year=today.year, as_of=today)
            return {v.code: v.value for v in values}

        got = candidate()
        compare(got, baseline(), f"{label} on {today}")
        # the definitions hold for a closed year too (yearly windows, as_of, cumulative)
        last = dt.date(today.year - 1, 12, 31)
        past = client.get("/api/v1/kpis/", {**params, "year": last.year}).json()["results"]
        compare(
            {r["code"]: r["value"] for r in past},
            sql_figures(path, last.year, last),
            f"{label}, year {last.year}",
        )
        with CaptureQueriesContext(connection) as api_queries:
            candidate()
        with CaptureQueriesContext(connection) as sql_queries:
            baseline()
        c, b = side_by_side(candidate, baseline, repeat=REPEAT)
        s, b2 = side_by_side(selectors_only, baseline, repeat=REPEAT)
        non_zero = sum(1 for v in got.values() if v not in (0, None, "0.00"))
        results.append(
            Result(
                f"KPIs /api/v1/kpis/ {code or 'city'}",
                "API request (scope + registry)",
                "hand-written SQL",
                c,
                b,
                target_ratio=1.3,
                notes=[
                    f"{len(got)} KPIs of {label} ({non_zero} non-zero), figures equal (today "
                    f"and {last.year}): {got['establishment.enterprises']:,} enterprises, "
                    f"{got['members.active']:,} active members, "
                    f"{got['points.participants_year']:,} award person-times",
                    f"queries: API request {len(api_queries)}, hand-written {len(sql_queries)}",
                    f"selectors without the HTTP layer: {s * 1000:.1f} ms vs {b2 * 1000:.1f} ms, "
                    f"ratio {s / b2:.2f}",
                ],
            )
        )
    return results
