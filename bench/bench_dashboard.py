"""City dashboard figures (issue 8, benchmark 3): the numbers behind the home dashboard cards
of the city admin — ``enterprises.selectors.enterprise_kpis`` + the re-election-due count and
``members.selectors.member_kpi_totals`` — vs hand-written SQL aggregates computing the same
numbers (asserted equal)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from bench.harness import Result, side_by_side

USERNAME = "city_admin"


def _sql_figures(today: dt.date) -> dict:
    month_start = today.replace(day=1)
    overdue_start = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=15), dt.time.min)
    )
    has_union = "('built', 'term_overdue', 'dormant')"
    big = "e.employees >= 25 AND e.operating_status = 'operating'"
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT COUNT(*),
                   SUM(CASE WHEN e.union_status IN {has_union} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {big} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {big} AND e.union_status IN {has_union} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.target_reasons <> '' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.union_status = 'term_overdue' THEN 1 ELSE 0 END)
                FROM enterprises_enterprise e"""
        )
        total, with_union, big_n, big_with, targets, overdue = (v or 0 for v in cur.fetchone())
        cur.execute("SELECT COALESCE(SUM(member_count), 0) FROM enterprises_enterpriseunion")
        members_sum = cur.fetchone()[0]
        cur.execute(
            "SELECT COUNT(*) FROM enterprises_enterpriseunion WHERE term_end <= %s AND term_end >= %s",
            [today + dt.timedelta(days=89), today],
        )
        due = cur.fetchone()[0]
        cur.execute(
            """SELECT COUNT(*),
                      SUM(CASE WHEN is_new_employment THEN 1 ELSE 0 END),
                      SUM(CASE WHEN joined_on >= %s THEN 1 ELSE 0 END)
               FROM members_member WHERE status = 'active'""",
            [month_start],
        )
        m_total, m_new, m_month = (v or 0 for v in cur.fetchone())
        cur.execute(
            """SELECT COUNT(*), SUM(CASE WHEN created_at < %s THEN 1 ELSE 0 END)
               FROM members_joinapplication WHERE status = 'pending'""",
            [overdue_start],
        )
        pending, pending_overdue = (v or 0 for v in cur.fetchone())
    return {
        "total": total,
        "with_union": with_union,
        "big": big_n,
        "big_with_union": big_with,
        "targets": targets,
        "overdue": overdue,
        "members": members_sum,
        "due": due,
        "m_total": m_total,
        "m_new": m_new,
        "m_month": m_month,
        "pending": pending,
        "pending_overdue": pending_overdue,
    }


def run(scale: str) -> list[Result]:
    from unionhub.accounts.models import User
    from unionhub.enterprises import selectors as ent
    from unionhub.members import selectors as mem

    user = User.objects.get(username=USERNAME)
    today = timezone.localdate()

    def candidate(fresh_scope: bool = False) -> dict:
        if fresh_scope:  # resolve the data scope again, as the first use in a request does
            user.__dict__.pop("_unionhub_scope", None)
        k = ent.enterprise_kpis(user=user)
        due = ent.unions_due(user=user, days=89).filter(term_end__gte=today).count()
        m = mem.member_kpi_totals(user=user)
        return {
            **{key: k[key] for key in ("total", "with_union", "big", "big_with_union")},
            "targets": k["targets"],
            "overdue": k["overdue"],
            "members": k["members"],
            "due": due,
            "m_total": m["total"],
            "m_new": m["new_employment"],
            "m_month": m["joined_this_month"],
            "pending": m["pending_applications"],
            "pending_overdue": m["overdue_applications"],
        }

    got, want = candidate(), _sql_figures(today)
    assert got == want, f"dashboard figures differ: selectors {got} vs SQL {want}"
    # The data scope is resolved once per request and shared by every card of the page, so
    # the figures are compared with the scope already resolved; the cost of resolving it is
    # reported next to them.
    c, b = side_by_side(candidate, lambda: _sql_figures(today), repeat=7)
    cs, bs = side_by_side(lambda: candidate(True), lambda: _sql_figures(today), repeat=7)
    return [
        Result(
            "city dashboard figures",
            "selectors (visible_to)",
            "hand-written SQL",
            c,
            b,
            target_ratio=1.2,
            notes=[
                f"{got['total']:,} enterprises, {got['m_total']:,} active members; figures equal",
                f"including the scope resolution of the request: {cs * 1000:.1f} ms vs "
                f"{bs * 1000:.1f} ms, ratio {cs / bs:.2f}",
            ],
        )
    ]
