"""``GET /api/v1/kpis/`` reads a bounded number of queries (issue 13 part 4): the same number
with no module records at all and with every module's demo records (and the KPI world twice
over), below a fixed cap and far below one per KPI; each table read by one aggregate."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhub.core.kpis.registry import all_kpis

pytestmark = pytest.mark.django_db

#: session and user, permissions, region, scope, one aggregate per (model, region lookup) —
#: about twenty-five for every registered KPI of every module — and the targets
CAP = 40
_FROM = re.compile(r'^SELECT .*? FROM "(\w+)"', re.S)


def _measure(api, params) -> tuple[list[str], dict]:
    api.get("/api/v1/kpis/", params)  # warm the content types and permissions
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/kpis/", params)
    assert response.status_code == 200
    values = {r["code"]: r["value"] for r in response.json()["results"]}
    return [q["sql"] for q in captured.captured_queries], values


def _aggregates(queries: list[str]) -> list[str]:
    """The tables read by the KPI aggregates (the queries computing figures)."""
    tables = []
    for sql in queries:
        match = _FROM.match(sql)
        if match and ("COUNT(" in sql or "SUM(" in sql) and "django_session" not in sql:
            tables.append(match.group(1))
    return tables


def _non_zero(values: dict) -> int:
    return sum(1 for v in values.values() if v not in (0, None, "0.00"))


@pytest.mark.parametrize("params", [{"region": "320925"}, {}], ids=["county", "city"])
def test_queries_do_not_grow_with_the_records(demo, api_as, params):
    api = api_as("city_admin")
    empty, before = _measure(api, params)
    assert _non_zero(before) == 0  # nothing but the organisation tree and the accounts

    from unionhub.core.kpis.tests.world import build
    from unionhub.core.middleware import acting_as

    call_command("load_demo", force=True, verbosity=0)  # every module's demo records
    with acting_as(None):
        build("320925", "jianhu")
        build("320925", "jianhu")
    full, after = _measure(api, params)

    assert _non_zero(after) >= (12 if params else 40), after
    assert len(full) == len(empty), "the number of queries grew with the records"
    assert len(full) <= CAP
    assert len(full) < len(all_kpis()) // 2  # not one per KPI
    tables = _aggregates(full)
    duplicated = sorted({t for t in tables if tables.count(t) > 1})
    assert not duplicated, f"tables read by more than one aggregate: {duplicated}"
