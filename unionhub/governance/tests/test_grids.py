"""Grids: every enterprise in one grid, enterprise-exclusive grids hold one enterprise, the
grid lies where the enterprise is; coverage KPIs by size class equal their records."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.governance import services
from unionhub.governance.models import GridMembership
from unionhub.governance.tests.samples import _town, grid_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(user_named):
    return user_named("sheyang_admin")


def test_an_enterprise_is_in_one_grid_only(admin):
    ent = make_enterprise(county="320924")
    services.membership_create(actor=admin, grid=grid_in("sheyang"), enterprise=ent)
    other = services.grid_create(
        actor=admin, code="SY-X", name="另一网格", kind="territorial", region=_town("sheyang")
    )
    with pytest.raises(ValidationError) as caught:
        services.membership_create(actor=admin, grid=other, enterprise=ent)
    assert_invalid(caught, code="already_in_grid", field="enterprise")
    assert GridMembership.objects.filter(enterprise=ent).count() == 1


def test_an_exclusive_grid_holds_one_enterprise(admin):
    grid = services.grid_create(
        actor=admin, code="SY-QY", name="专属网格", kind="enterprise", region=_town("sheyang")
    )
    services.membership_create(actor=admin, grid=grid, enterprise=make_enterprise(county="320924"))
    with pytest.raises(ValidationError) as caught:
        services.membership_create(
            actor=admin, grid=grid, enterprise=make_enterprise(county="320924")
        )
    assert_invalid(caught, code="exclusive_taken", field="grid")


def test_the_grid_must_lie_where_the_enterprise_is(admin):
    from unionhub.org.models import Region

    county = Region.objects.get(code="320924")
    towns = list(Region.objects.filter(parent=county, level="town").order_by("code")[:2])
    ent = make_enterprise(county="320924", region=towns[1])
    grid = services.grid_create(
        actor=admin, code="SY-T1", name="镇一网格", kind="territorial", region=towns[0]
    )
    with pytest.raises(ValidationError) as caught:
        services.membership_create(actor=admin, grid=grid, enterprise=ent)
    assert_invalid(caught, code="grid_region", field="grid")


def test_a_grid_is_not_created_in_another_county_or_at_county_level(admin):
    from unionhub.org.models import Region

    with pytest.raises(ValidationError) as caught:
        services.grid_create(
            actor=admin, code="XS-1", name="响水网格", kind="territorial", region=_town("xiangshui")
        )
    assert_invalid(caught, code="out_of_scope", field="region")
    with pytest.raises(ValidationError) as caught:
        services.grid_create(
            actor=admin,
            code="SY-C",
            name="县级",
            kind="territorial",
            region=Region.objects.get(code="320924"),
        )
    assert_invalid(caught, code="region_level", field="region")


def test_coverage_kpis_by_size_class_and_their_records(admin, api_as):
    grid = grid_in("sheyang")
    # 2 large/medium (1 in a grid), 3 small/micro (2 in a grid), 1 closed large in a grid
    large_in = make_enterprise(county="320924", employees=400, revenue_wan=5000)
    make_enterprise(county="320924", employees=350, revenue_wan=3000)
    small = [make_enterprise(county="320924", employees=5, revenue_wan=50) for _ in range(3)]
    closed = make_enterprise(county="320924", employees=500, revenue_wan=9000)
    from unionhub.enterprises import services as ent

    for e in (large_in, *small[:2]):
        services.membership_create(actor=admin, grid=grid, enterprise=e)
    services.membership_create(actor=admin, grid=grid, enterprise=closed)
    ent.enterprise_update(actor=None, enterprise=closed, operating_status="closed")
    api = api_as("sheyang_admin")
    body = api.get("/api/v1/kpis/", {"region": "320924"}).json()
    results = {r["code"]: r for r in body["results"]}
    lm = results["governance.grid_coverage_large_medium"]
    sm = results["governance.grid_coverage_small_micro"]
    assert (lm["numerator"], lm["denominator"]) == (1, 2)
    assert lm["value"] == 50.0
    assert (sm["numerator"], sm["denominator"]) == (2, 3)
    assert sm["value"] == pytest.approx(66.7)
    for item in (lm, sm):
        listed = api.get(item["records_url"]).json()
        assert listed["count"] == item["numerator"]
