"""Coverage by key group and tier (issue #15 "Coverage"): the table's total equals the
``bargaining.covered_*`` KPIs, each cell links to exactly the enterprises it counts, an
enterprise bound by two contracts counts once, another county sees none of 盐南's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionhub.bargaining import selectors, services
from unionhub.bargaining.tests.test_cases import _enterprises, _seat_all
from unionhub.bargaining.tests.test_standards import _in_force_industry
from unionhub.org.demo import county_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_contracts(demo):
    from unionhub.bargaining import demo as bargaining_demo
    from unionhub.enterprises import demo as enterprises_demo

    enterprises_demo.load()
    bargaining_demo.load()


def _own_contract(actor, enterprise, *, signed=dt.date(2025, 3, 3)):
    case = services.case_create(
        actor=actor,
        title="企业集体合同",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=enterprise,
        requested_on=signed - dt.timedelta(days=30),
    )
    _seat_all(case, actor)
    services.case_start(actor=actor, bargainingcase=case)
    services.case_vote(actor=actor, bargainingcase=case, total=60, present=50, yes=40)
    services.case_sign(
        actor=actor, bargainingcase=case, signed_on=signed, term_start=signed, term_years=3
    )
    services.case_file(actor=actor, bargainingcase=case, filed_on=signed)
    return services.case_receipt(actor=actor, bargainingcase=case, received_on=signed)


def _listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def test_total_equals_the_kpis_and_every_cell_lists_what_it_counts(
    demo_contracts, yannan, client_as, api_as
):
    today = timezone.localdate()
    table = selectors.coverage_table(user=yannan, on=today)
    api = api_as("yannan_admin")
    kpis = {
        k["code"]: k["value"]
        for k in api.get("/api/v1/kpis/", {"region": "3209YN", "as_of": today.isoformat()}).json()[
            "results"
        ]
    }
    total = table["total"].cells[-1]
    assert total.enterprises == kpis["bargaining.covered_enterprises"] > 0
    assert total.workers == kpis["bargaining.covered_workers"]
    riders = next(r for r in table["rows"] if r.label == "网约送餐员")
    assert riders.cells[1].enterprises > 0  # the demo's industry contract for delivery riders

    client = client_as("yannan_admin")
    cells = [c for row in [*table["rows"], table["total"]] for c in row.cells if c.enterprises]
    for cell in cells:
        assert _listed(client, cell.url) == cell.enterprises, cell.url
        query = dict(parse_qsl(urlsplit(cell.url).query))
        body = api.get("/api/v1/bargaining/covered-enterprises/", query).json()
        assert body["count"] == cell.enterprises, cell.url


def test_an_enterprise_under_two_contracts_counts_once_in_the_totals(yannan):
    enterprise = _enterprises(1, employees=80)[0]
    _in_force_industry(yannan, enterprise, Decimal("5.50"))
    _own_contract(yannan, enterprise)
    table = selectors.coverage_table(user=yannan, on=dt.date(2025, 6, 1))
    riders = next(r for r in table["rows"] if r.label == "网约送餐员")
    untagged = table["rows"][-1]
    assert [c.enterprises for c in riders.cells] == [0, 1, 0, 1]
    assert [c.enterprises for c in untagged.cells] == [0, 0, 1, 1]
    assert [c.enterprises for c in table["total"].cells] == [0, 1, 1, 1]
    assert table["total"].cells[-1].workers == 80


def test_another_county_sees_none_of_yannans_coverage(demo_contracts, user_named, client_as):
    sheyang = user_named("sheyang_admin")
    table = selectors.coverage_table(user=sheyang, on=timezone.localdate())
    assert table["total"].cells[-1].enterprises == 0
    url = selectors.coverage_table(user=user_named("yannan_admin")).get("total").cells[-1].url
    assert _listed(client_as("sheyang_admin"), url) == 0


def test_a_day_that_is_not_a_date_is_refused_in_chinese(yannan, client_as):
    response = client_as("yannan_admin").get("/bargaining/coverage/", {"on": "2025-13-01"})
    assert response.status_code == 400
    assert "有效的日期" in response.content.decode()


def test_the_page_spends_the_same_queries_for_more_contracts(yannan, client_as):
    client = client_as("yannan_admin")
    _own_contract(yannan, _enterprises(1)[0])
    url = "/bargaining/coverage/?on=2025-06-01"
    assert client.get(url).status_code == 200  # the session and menu caches warm up
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for enterprise in _enterprises(4):
        _own_contract(yannan, enterprise)
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert response.status_code == 200
    assert len(second) == len(first)
    assert response.context["total"].cells[-1].enterprises == 5
