"""``GET /api/v1/kpis/`` reads a bounded number of queries (issue 13 part 4): the same number
with no records at all, with the KPI world and with twice the KPI world, below a fixed cap
and below one per KPI; each table of every module read by one conditional aggregate."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from unionhub.core.kpis.registry import all_kpis

pytestmark = pytest.mark.django_db

#: the region, one conditional aggregate per (model, region lookup) — thirty-three for the
#: fifty-six KPIs registered today — and the targets: a fixed number, not the registry's
CAP = 40
#: the main table of a statement (subqueries alias theirs U0, V0…)
_FROM = re.compile(r'FROM "(\w+)"(?! [A-Z]\d)')


def _measure(api, params) -> tuple[list[str], dict]:
    api.get("/api/v1/kpis/", params)  # warm the content types and permissions
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/kpis/", params)
    assert response.status_code == 200
    values = {r["code"]: r["value"] for r in response.json()["results"]}
    return [q["sql"] for q in captured.captured_queries], values


def _aggregates(queries: list[str]) -> list[str]:
    """The main table of each statement computing figures (subqueries alias theirs U0…)."""
    return [
        _FROM.search(sql).group(1)
        for sql in queries
        if ("COUNT(" in sql or "SUM(" in sql) and "django_session" not in sql
    ]


def _groups() -> int:
    """The (model, region lookup) pairs the registered KPIs read."""
    from django.apps import apps

    from unionhub.core.kpis.selectors import _region_lookup

    return len(
        {
            (part.model, _region_lookup(part, apps.get_model(part.model)))
            for kpi in all_kpis()
            for part in kpi.parts
        }
    )


def _non_zero(values: dict) -> int:
    return sum(1 for v in values.values() if v not in (0, None, "0.00"))


@pytest.mark.parametrize("params", [{"region": "320925"}, {}], ids=["county", "city"])
def test_queries_do_not_grow_with_the_records(demo, api_as, params):
    from unionhub.core.kpis.tests.world import build
    from unionhub.core.middleware import acting_as

    api = api_as("city_admin")
    empty, before = _measure(api, params)
    assert _non_zero(before) == 0, before  # nothing but the organisation tree and accounts
    counts = [len(empty)]
    for _ in range(2):  # records in every core table, then twice as many
        with acting_as(None):
            build("320925", "jianhu")
            build("320924", "sheyang")
        queries, after = _measure(api, params)
        counts.append(len(queries))
    assert _non_zero(after) >= 12, after

    assert counts == [counts[0]] * 3, f"the number of queries grew with the records: {counts}"
    assert counts[0] <= CAP
    assert counts[0] < len(all_kpis())  # not one per KPI
    tables = _aggregates(queries)
    assert len(tables) == _groups(), tables  # every module's tables are read…
    duplicated = sorted({t for t in tables if tables.count(t) > 1})
    assert not duplicated, f"tables read by more than one aggregate: {duplicated}"  # …once
    assert {"enterprises_enterprise", "members_member", "activities_performer"} <= set(tables)


@pytest.mark.parametrize(
    ("strict", "loose", "implied"),
    [
        (Q(status="active", is_new_employment=True), Q(status="active"), True),
        (Q(status="active"), Q(status="active", is_new_employment=True), False),
        (Q(status="active"), Q(status="active"), True),
        (Q(status="active"), Q(status="left"), False),
        (~Q(status="active", is_new_employment=True), Q(status="active"), False),
        (Q(status="active") | Q(is_new_employment=True), Q(status="active"), False),
        (Q(status__in=["a", "b"], x=1), Q(x=1), False),  # a list value is not hashed: no guess
    ],
)
def test_a_stricter_condition_is_dropped_from_the_prefilter_only_when_implied(
    strict, loose, implied
):
    from unionhub.core.kpis.selectors import _implies

    assert _implies(strict, loose) is implied
