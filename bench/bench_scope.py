"""Scoped list page: the organisation list of a county admin through ``visible_to`` and the
generic list view's query shape, vs the raw SQL that fetches the same page."""

from __future__ import annotations

from django.db import connection

from bench.harness import Result, side_by_side

NAME = "scoped org list page (county admin)"


def run(scale: str) -> list[Result]:
    from unionhub.accounts.models import User
    from unionhub.org.models import OrgUnit

    user = User.objects.get(username="xiangshui_admin")

    def candidate():
        user.__dict__.pop("_unionhub_scope", None)  # resolve the scope as a request would
        qs = (
            OrgUnit.objects.visible_to(user)
            .select_related("region", "parent")
            .order_by("path")[:50]
        )
        return list(qs)

    county_path = OrgUnit.objects.get(code="320921").path
    region_path = OrgUnit.objects.get(code="320921").region.path
    sql = (
        "SELECT u.*, r.*, p.* FROM org_orgunit u "
        "JOIN org_region r ON r.id = u.region_id LEFT JOIN org_orgunit p ON p.id = u.parent_id "
        "WHERE u.path LIKE %s OR r.path LIKE %s ORDER BY u.path LIMIT 50"
    )

    def baseline():
        with connection.cursor() as cur:
            cur.execute(sql, [county_path + "%", region_path + "%"])
            return cur.fetchall()

    c, b = side_by_side(candidate, baseline, repeat=15)
    return [Result(NAME, "visible_to + ORM", "raw SQL", c, b, target_ratio=None)]
