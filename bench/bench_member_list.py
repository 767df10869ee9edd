"""Member list page (issue 8, benchmark 4): a county admin's member list filtered on active
members, sorted by join date, paginated, as ``MemberListView`` builds it (selector +
filterset + Django paginator: the COUNT and the page fetch) vs the hand-written SQL doing the
same COUNT and page fetch. Also the query count of the full rendered page (Django test
Client) at page sizes 25 and 100, which must be equal."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.harness import Result, side_by_side

USERNAME = "xiangshui_admin"
COUNTY_CODE = "320921"
PAGE = 3


def run(scale: str) -> list[Result]:
    from django.test import Client

    from unionhub.accounts.models import User
    from unionhub.members import selectors
    from unionhub.members.filtersets import MemberFilterSet
    from unionhub.org.models import OrgUnit, Region

    user = User.objects.get(username=USERNAME)
    county_union = OrgUnit.objects.get(code=COUNTY_CODE)
    county_region = Region.objects.get(code=COUNTY_CODE)
    params = {"status": "active"}

    def candidate(fresh_scope: bool = False):
        if fresh_scope:  # resolve the data scope again, as the first use in a request does
            user.__dict__.pop("_unionhub_scope", None)
        qs = selectors.member_list(user=user).select_related("union", "employer")
        qs = (
            MemberFilterSet(params, queryset=qs, user=user).qs
            if _takes_user()
            else (MemberFilterSet(params, queryset=qs).qs)
        )
        qs = qs.order_by("-joined_on", "-pk")
        page = Paginator(qs, 25).page(PAGE)
        return page.paginator.count, [(m.pk, m.union.name, m.employer_id) for m in page]

    where = (
        "FROM members_member m JOIN org_orgunit u ON u.id = m.union_id "
        "JOIN org_region r ON r.id = u.region_id "
        "LEFT JOIN enterprises_enterprise e ON e.id = m.employer_id "
        "WHERE (u.path LIKE %s OR r.path LIKE %s) AND m.status = 'active'"
    )
    args = [county_union.path + "%", county_region.path + "%"]

    def baseline():
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*) " + where, args)
            count = cur.fetchone()[0]
            cur.execute(
                "SELECT m.*, u.*, e.* " + where + " ORDER BY m.joined_on DESC, m.id DESC "
                "LIMIT 25 OFFSET %s",
                [*args, 25 * (PAGE - 1)],
            )
            rows = cur.fetchall()
        return count, rows

    got, want = candidate(), baseline()
    assert got[0] == want[0], f"count differs: {got[0]} vs {want[0]}"
    assert [r[0] for r in got[1]] == [r[0] for r in want[1]], "page rows differ"
    # Scope resolved once per request (shared with the filter form, menu…): compared with it
    # already resolved; the ratio including it is reported next to it.
    c, b = side_by_side(candidate, baseline, repeat=9)
    cs, bs = side_by_side(lambda: candidate(True), baseline, repeat=9)
    results = [
        Result(
            "member list page (county admin)",
            "selector+filterset+paginator",
            "raw SQL count+page",
            c,
            b,
            target_ratio=1.5,
            notes=[
                f"{got[0]:,} active members in scope, page {PAGE} of 25",
                f"including the scope resolution of the request: {cs * 1000:.1f} ms vs "
                f"{bs * 1000:.1f} ms, ratio {cs / bs:.2f}",
            ],
        )
    ]

    # The whole page through the view: query count must not depend on the page size.
    client = Client()
    client.force_login(user)
    counts, times = {}, {}
    for size in (25, 100):
        url = f"/members/?status=active&page={PAGE}&page_size={size}"
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            import time

            t0 = time.perf_counter()
            response = client.get(url)
            times[size] = time.perf_counter() - t0
        counts[size] = len(ctx.captured_queries) if response.status_code == 200 else -1
    results.append(
        Result(
            "member list queries/page (25 vs 100)",
            "page_size=100",
            "page_size=25",
            float(counts[100]),
            float(counts[25]),
            target_ratio=1.0,
            unit="queries",
            notes=[
                f"queries per page: 25 → {counts[25]}, 100 → {counts[100]} "
                f"({'constant' if counts[25] == counts[100] else 'NOT constant'}); "
                f"full rendered page {times[25] * 1000:.0f} ms / {times[100] * 1000:.0f} ms"
            ],
        )
    )
    results.append(
        Result(
            "member list queries/page vs cap",
            "page_size=25",
            "cap of 8 queries",
            float(counts[25]),
            8.0,
            target_ratio=1.0,
            unit="queries",
            notes=["issue #20 target 3: at most 8 SQL queries per list page"],
        )
    )
    return results


def _takes_user() -> bool:
    import inspect

    from unionhub.members.filtersets import MemberFilterSet

    return "user" in inspect.signature(MemberFilterSet.__init__).parameters
