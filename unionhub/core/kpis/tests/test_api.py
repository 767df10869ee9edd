"""``GET /api/v1/kpis/``: shape, scope (404), bad input (400 in Chinese), bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.core.kpis import selectors

pytestmark = pytest.mark.django_db


def test_shape_follows_the_contract(world, api_as):
    body = api_as("jianhu_admin").get("/api/v1/kpis/").json()
    assert body["region"] == "320925"  # without region: the caller's own area
    assert body["year"] == timezone.localdate().year
    assert body["as_of"] == timezone.localdate().isoformat()
    item = next(r for r in body["results"] if r["code"] == "points.suggestion_benefit_year")
    assert set(item) >= {"code", "name", "value", "unit", "aggregation", "target", "records_url"}
    assert item["unit"] == "元" and item["aggregation"] == "sum"
    assert isinstance(item["value"], str) and item["value"].split(".")[1].__len__() == 2
    rate = next(r for r in body["results"] if r["code"] == "establishment.coverage_25plus")
    assert rate["unit"] == "%" and isinstance(rate["value"], float)


@pytest.mark.parametrize(
    ("region", "owner"),
    [
        ("320924", "sheyang_admin"),
        ("a town of 射阳", "sheyang_admin"),
        ("320900", "city_admin"),
        ("999999", None),
    ],
)
def test_region_outside_the_scope_is_404(world, api_as, region, owner):
    from unionhub.org.models import Region

    if not region.isdigit():
        region = Region.objects.filter(parent__code="320924").order_by("code").first().code
    assert api_as("jianhu_admin").get("/api/v1/kpis/", {"region": region}).status_code == 404
    if owner:  # the same region is there for those whose scope covers it
        assert api_as(owner).get("/api/v1/kpis/", {"region": region}).status_code == 200


def test_anonymous_is_refused(client):
    assert client.get("/api/v1/kpis/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "26"}, "year"),
        ({"year": "abcd"}, "year"),
        ({"year": "1999"}, "year"),
        ({"year": str(timezone.localdate().year + 1)}, "year"),
        ({"as_of": "2026-13-01"}, "as_of"),
        ({"as_of": "20260101"}, "as_of"),
        ({"as_of": (timezone.localdate() + dt.timedelta(days=1)).isoformat()}, "as_of"),
        ({"year": "2025", "as_of": "2024-06-30"}, "year"),
    ],
)
def test_malformed_period_is_400_in_chinese(demo, api_as, params, field):
    response = api_as("jianhu_admin").get("/api/v1/kpis/", params)
    assert response.status_code == 400
    message = response.json()[field][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("year", "as_of", "expected"),
    [
        (None, None, (2026, TODAY)),
        ("2025", None, (2025, dt.date(2025, 12, 31))),
        ("2026", None, (2026, TODAY)),
        (None, "2026-03-31", (2026, dt.date(2026, 3, 31))),
        ("2025", "2026-03-31", (2025, dt.date(2026, 3, 31))),
        ("2000", None, (2000, dt.date(2000, 12, 31))),
        (None, "2026-06-15", (2026, TODAY)),  # today itself is allowed
    ],
)
def test_period_defaults(monkeypatch, year, as_of, expected):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    assert selectors.kpi_period(year=year, as_of=as_of) == expected


@pytest.mark.parametrize(
    ("year", "as_of", "field", "code"),
    [
        ("1999", None, "year", "invalid_year"),
        ("2027", None, "year", "invalid_year"),
        ("20x6", None, "year", "invalid_year"),
        (None, "2026-02-30", "as_of", "invalid_as_of"),
        (None, "2026-6-1", "as_of", "invalid_as_of"),
        (None, "2026-06-16", "as_of", "as_of_future"),
        ("2026", "2025-12-31", "year", "year_after_as_of"),
    ],
)
def test_period_errors_carry_code_and_field(monkeypatch, year, as_of, field, code):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    with pytest.raises(ValidationError) as info:
        selectors.kpi_period(year=year, as_of=as_of)
    assert [e.code for e in info.value.error_dict[field]] == [code]


def test_yearly_kpis_follow_the_year(world, api_as):
    last_year = str(timezone.localdate().year - 1)
    body = api_as("jianhu_admin").get("/api/v1/kpis/", {"year": last_year}).json()
    values = {r["code"]: r["value"] for r in body["results"]}
    assert values["points.participants_year"] == 0
    assert values["stations.new_this_year"] == 0
    assert values["establishment.enterprises"] >= 6  # a current figure: not by year


def test_bounded_number_of_queries(world, api_as, django_assert_max_num_queries):
    """The region, one aggregate per model (enterprises, stations, ledger, suggestions,
    members, applications, and whatever models later modules count) and the targets,
    however many records."""
    from unionhub.core.kpis.registry import all_kpis

    models = {p.model for k in all_kpis() for p in (k.part, *k.denominator)}
    bound = 2 + len(models)
    api = api_as("city_admin")
    api.get("/api/v1/kpis/", {"region": "320925"})  # warm the content types and permissions
    with django_assert_max_num_queries(bound):
        assert api.get("/api/v1/kpis/", {"region": "320925"}).status_code == 200
    from unionhub.core.kpis.tests.world import build
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        build("320925", "jianhu")  # twice the records, the same queries
    with django_assert_max_num_queries(bound):
        assert api.get("/api/v1/kpis/", {"region": "320925"}).status_code == 200


def test_a_town_cadre_sees_their_town(world, api_as, user_named):
    user = user_named("jianhu_town")
    body = api_as("jianhu_town").get("/api/v1/kpis/").json()
    assert body["region"] == user.org_unit.region.code
