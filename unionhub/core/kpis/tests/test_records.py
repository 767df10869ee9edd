"""No figure without records: every registered KPI's ``records_url`` lists exactly the
records behind its value (count = value; sum of the records = value; rate: the numerator)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unionhub.core.kpis.registry import all_kpis

pytestmark = pytest.mark.django_db


def _sum_fields() -> dict[str, str]:
    """What each sum KPI adds up, from its own declaration (``Part.sum_field``): the field
    of the same name in every row of its ``records_url`` list."""
    return {k.code: k.part.sum_field for k in all_kpis() if k.aggregation == "sum"}


def _with(url: str, param: str) -> str:
    return f"{url}&{param}" if "?" in url else f"{url}?{param}"


def _all_rows(api, url: str) -> list[dict]:
    rows, page = [], _with(url, "page_size=500")
    while page:
        body = api.get(page).json()
        rows.extend(body["results"])
        page = body["next"]
    return rows


@pytest.mark.parametrize(
    ("username", "region"),
    [("jianhu_admin", "320925"), ("city_admin", "320925"), ("city_admin", None)],
)
def test_every_records_url_reproduces_its_value(world, api_as, username, region):
    api = api_as(username)
    response = api.get("/api/v1/kpis/", {"region": region} if region else {})
    assert response.status_code == 200, response.content
    results = {r["code"]: r for r in response.json()["results"]}
    sum_fields = _sum_fields()
    # every registered KPI is there for these administrators (they may see every module)
    assert set(results) == {k.code for k in all_kpis()}
    for code, item in results.items():
        assert item["records_url"].startswith("/api/v1/"), code
        # (a data dict would replace the URL's query string: append instead)
        listed = api.get(_with(item["records_url"], "page_size=1"))
        assert listed.status_code == 200, (code, item["records_url"], listed.content)
        count = listed.json()["count"]
        if item["aggregation"] == "count":
            assert isinstance(item["value"], int), code
            assert count == item["value"], (code, item["records_url"])
        elif item["aggregation"] == "rate":
            assert count == item["numerator"], (code, item["records_url"])
            if item["denominator"]:
                expected = round(100 * item["numerator"] / item["denominator"], 1)
                assert item["value"] == pytest.approx(expected), code
        else:
            rows = _all_rows(api, item["records_url"])
            total = sum(Decimal(r[sum_fields[code]] or 0) for r in rows)
            if item["unit"] == "元":  # money: a string with two decimals
                assert f"{total:.2f}" == item["value"], code
            else:  # a sum of head counts (e.g. workers covered): a number
                assert Decimal(str(item["value"])) == total, code


def test_the_county_figures_are_the_counties_records(world, api_as):
    """The done-when of the issue: 建湖's establishment KPIs, with non-trivial values."""
    body = api_as("jianhu_admin").get("/api/v1/kpis/", {"region": "320925"}).json()
    assert body["region"] == "320925"
    values = {r["code"]: r["value"] for r in body["results"]}
    assert values["establishment.enterprises"] >= 6
    assert values["establishment.built"] >= 1
    assert values["establishment.term_overdue"] >= 1
    assert values["establishment.dormant"] >= 1
    assert values["establishment.not_built"] >= 3
    assert values["establishment.targets"] >= 1
    assert 0 < values["establishment.coverage_25plus"] < 100
    assert values["stations.total"] >= 2 and values["stations.smart"] >= 1
    assert values["stations.new_this_year"] >= 2
    assert values["points.participants_year"] >= 3
    assert Decimal(values["points.suggestion_benefit_year"]) >= Decimal("1234.50")
    assert 0 < values["members.new_employment_join_rate"] < 100
    # 射阳's records are not in 建湖's figures: the city's count is larger
    city = api_as("city_admin").get("/api/v1/kpis/").json()
    city_values = {r["code"]: r["value"] for r in city["results"]}
    assert city["region"] == "320900"
    assert city_values["establishment.enterprises"] > values["establishment.enterprises"]
