"""The SQL the KPI engine sends lets PostgreSQL use its indexes (city scale, bench_kpis):

- a count names no column (``COUNT(*)``, ``COUNT(1) FILTER (WHERE …)``): ``COUNT(pk)`` is
  the same number but a column in the SELECT must be read, so an index holding only the
  filtered columns cannot answer (no index-only scan: the whole member table is read);
- the not-reversed test of the points ledger (``NOT EXISTS`` a reversal) says
  ``reverses IS NOT NULL`` in the subquery, so the anti-join's hash side reads only the
  reversals, not every entry of the ledger.

On PostgreSQL the planner itself is asked (``EXPLAIN`` with sequential scans priced out, as
at city scale where the table is too big to read): the members' and the ledger's
aggregates are answered by an index-only scan."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

#: a COUNT over a column ("table"."column"), as Django writes Count("pk")
_COUNT_COLUMN = re.compile(r'COUNT\((DISTINCT )?"')
#: the engine's aggregates are named g<group>_a<n> (the holiday calendar's check is not one)
_KPI_ALIAS = re.compile(r'AS "g\d+_a\d+"')


def _kpi_sql(user, *, region=None, codes=None) -> list[str]:
    from unionhub.core.kpis import selectors

    today = timezone.localdate()
    with CaptureQueriesContext(connection) as captured:
        selectors.kpi_values(user=user, region=region, year=today.year, as_of=today, codes=codes)
    return [q["sql"] for q in captured.captured_queries if _KPI_ALIAS.search(q["sql"])]


def _city_admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="city_admin")


@pytest.mark.parametrize("region_code", [None, "320925"], ids=["city", "county"])
def test_counts_name_no_column(demo, region_code):
    from unionhub.core.kpis.selectors import kpi_region

    user = _city_admin()
    region = kpi_region(user=user, code=region_code)
    queries = _kpi_sql(user, region=region)
    assert queries
    named = [sql for sql in queries if _COUNT_COLUMN.search(sql)]
    assert not named, named[0]
    members = next(sql for sql in queries if 'FROM "members_member"' in sql)
    assert "COUNT(*)" in members  # the active members: the WHERE, counted
    assert re.search(r"COUNT\(1\) FILTER", members) or "CASE WHEN" in members


def test_count_rows_counts_the_rows_of_its_condition(world):
    """``COUNT(*)`` and ``COUNT(1) FILTER`` give the same figures as ``COUNT(pk)``."""
    from django.db.models import Count, Q

    from unionhub.core.kpis.selectors import count_rows
    from unionhub.members.models import Member

    new = Q(status="active", is_new_employment=True)
    got = Member.objects.aggregate(all=count_rows(), new=count_rows(new))
    want = Member.objects.aggregate(all=Count("pk"), new=Count("pk", filter=new))
    assert got == want
    assert got["all"] > got["new"] > 0


def test_the_reversal_subquery_reads_only_reversals(demo):
    queries = _kpi_sql(_city_admin(), codes=["points.participants_year"])
    (ledger,) = queries
    subquery = ledger[ledger.index("NOT EXISTS") :]
    assert '"reverses_id" IS NOT NULL' in subquery


def _plan(sql: str) -> str:
    """The plan of ``sql`` (as run: literals in place) with reading the whole table and
    bitmap scans priced out, as they are at city scale."""
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cur.fetchall())


def _aggregation_sql(qs, aggregates) -> str:
    with CaptureQueriesContext(connection) as captured:
        qs.aggregate(**aggregates)
    (query,) = captured.captured_queries
    return query["sql"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize(
    ("code", "table"),
    [
        ("members.new_employment", "members_member"),
        ("points.participants_year", "points_ledgerentry"),
    ],
)
def test_postgresql_answers_from_an_index_alone(world, code, table):
    plan = _plan(_aggregation_sql(*_group(code)))
    scans = [line for line in plan.splitlines() if f" on {table}" in line]
    assert scans, plan
    assert all("Index Only Scan" in line for line in scans), plan


def _group(code: str):
    from unionhub.core.kpis import selectors

    user = _city_admin()
    today = timezone.localdate()
    ctx = selectors.kpi_context(region=None, year=today.year, as_of=today)
    ((qs, aggregates, _alias),) = selectors._group_aggregates(
        user=user, kpis=selectors.kpis_for(user, [code]), ctx=ctx
    )
    return qs, aggregates
