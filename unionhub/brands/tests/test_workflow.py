"""The registry's rules: a county keeps its brand, the city reviews it (draft → submitted →
published; submitted or published → returned with a reason), a brand carries over to the
next year, and indicators are registered KPIs whose targets live in the KPI registry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.brands import services
from unionhub.brands.models import Brand
from unionhub.brands.tests.samples import brand_in, county
from unionhub.core.kpis.models import KpiTarget
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


def _code(exc: pytest.ExceptionInfo) -> tuple[str | None, str]:
    error = exc.value
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return field, errors[0].code
    return None, error.error_list[0].code


def _brand_data(slug: str = "sheyang", **over):
    data = {
        "region": county(slug),
        "year": 2025,
        "title": "品牌",
        "narrative": "介绍",
        "lead_department": "组织部",
    }
    data.update(over)
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"year": 1999}, ("year", "invalid_year")),
        ({"year": 2999}, ("year", "invalid_year")),
        ({"region": "town"}, ("region", "region_not_county")),
        ({"region": "xiangshui"}, ("region", "out_of_scope")),
    ],
)
def test_create_rules(change, expected, user_named):
    admin = user_named("sheyang_admin")
    data = _brand_data()
    if change.get("region") == "town":
        change = {"region": Region.objects.filter(parent=county("sheyang")).first()}
    elif "region" in change:
        change = {"region": county(change["region"])}
    data.update(change)
    with pytest.raises(ValidationError) as exc:
        services.brand_create(actor=admin, **data)
    assert _code(exc) == expected


def test_one_brand_per_county_and_year(user_named):
    admin = user_named("sheyang_admin")
    services.brand_create(actor=admin, **_brand_data())
    with pytest.raises(ValidationError) as exc:
        services.brand_create(actor=admin, **_brand_data(title="另一个"))
    assert _code(exc) == ("year", "duplicate_year")


def test_the_full_review_cycle(user_named):
    county_admin, city = user_named("sheyang_admin"), user_named("city_admin")
    brand = services.brand_create(actor=county_admin, **_brand_data())
    with pytest.raises(ValidationError) as exc:
        services.brand_submit(actor=county_admin, brand=brand)
    assert _code(exc) == (None, "no_indicators")
    services.brandkpi_create(
        actor=county_admin, brand=brand, code="governance.enterprise_grids", target="220"
    )
    services.brand_submit(actor=county_admin, brand=brand)
    assert brand.status == "submitted" and brand.submitted_by == county_admin
    # submitted: the county can no longer change it, and cannot publish it
    for call in (
        lambda: services.brand_update(actor=county_admin, brand=brand, title="改"),
        lambda: services.brandkpi_create(actor=county_admin, brand=brand, code="stations.total"),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert _code(exc) == (None, "not_editable")
    with pytest.raises(ValidationError) as exc:
        services.brand_publish(actor=county_admin, brand=brand)
    assert _code(exc) == (None, "not_reviewer")
    services.brand_publish(actor=city, brand=brand)
    assert brand.status == "published" and brand.published_by == city
    with pytest.raises(ValidationError) as exc:
        services.brand_delete(actor=county_admin, brand=brand)
    assert _code(exc) == (None, "not_deletable")
    # published can be returned, with a reason
    with pytest.raises(ValidationError) as exc:
        services.brand_return(actor=city, brand=brand, reason=" ")
    assert _code(exc) == ("reason", "reason_required")
    services.brand_return(actor=city, brand=brand, reason="请补充数据口径")
    assert brand.status == "returned" and brand.return_reason == "请补充数据口径"
    services.brand_update(actor=county_admin, brand=brand, title="改过的品牌")
    services.brand_submit(actor=county_admin, brand=brand)
    services.brand_publish(actor=city, brand=brand)
    brand.refresh_from_db()
    assert (brand.status, brand.title, brand.return_reason) == ("published", "改过的品牌", "")


@pytest.mark.parametrize(
    ("status", "action", "code"),
    [
        ("draft", "publish", "not_submitted"),
        ("published", "publish", "not_submitted"),
        ("draft", "return", "not_returnable"),
        ("returned", "return", "not_returnable"),
        ("published", "submit", "not_editable"),
        ("submitted", "submit", "not_editable"),
    ],
)
def test_transitions_that_are_refused(status, action, code, user_named):
    city = user_named("city_admin")
    brand = brand_in("sheyang")
    Brand.objects.filter(pk=brand.pk).update(status=status)
    brand.refresh_from_db()
    call = getattr(services, f"brand_{action}")
    kwargs = {"reason": "原因"} if action == "return" else {}
    with pytest.raises(ValidationError) as exc:
        call(actor=city, brand=brand, **kwargs)
    assert _code(exc) == (None, code)


def test_indicators_are_registered_kpis_once_per_brand(user_named):
    admin = user_named("sheyang_admin")
    brand = brand_in("sheyang")
    with pytest.raises(ValidationError) as exc:
        services.brandkpi_create(actor=admin, brand=brand, code="no.such_kpi")
    assert _code(exc) == ("code", "unknown_kpi")
    with pytest.raises(ValidationError) as exc:
        services.brandkpi_create(actor=admin, brand=brand, code="stations.total")
    assert _code(exc) == ("code", "duplicate_kpi")
    with pytest.raises(ValidationError) as exc:
        services.brandkpi_create(actor=admin, brand=brand, code="stations.smart", target="-1")
    assert _code(exc) == ("target", "negative_target")


def test_target_is_the_kpi_registrys_target(user_named, api_as):
    admin = user_named("sheyang_admin")
    brand = brand_in("sheyang")
    item = brand.kpis.get()
    services.brandkpi_update(actor=admin, brandkpi=item, target="12")
    stored = KpiTarget.objects.get(code="stations.total", region=brand.region, year=brand.year)
    assert stored.value == Decimal("12.00")
    body = (
        api_as("sheyang_admin")
        .get("/api/v1/kpis/", {"region": "320924", "year": brand.year})
        .json()
    )
    target = next(r["target"] for r in body["results"] if r["code"] == "stations.total")
    assert target == 12
    services.brandkpi_update(actor=admin, brandkpi=item, target=None)  # cleared
    assert not KpiTarget.objects.filter(code="stations.total", region=brand.region).exists()


def test_carry_over_makes_next_years_draft_with_indicators_and_targets(user_named):
    admin = user_named("sheyang_admin")
    brand = brand_in("sheyang")
    services.brandkpi_update(actor=admin, brandkpi=brand.kpis.get(), target="30")
    services.brandkpi_create(actor=admin, brand=brand, code="stations.smart", order=20)
    services.brand_submit(actor=admin, brand=brand)
    services.brand_publish(actor=user_named("city_admin"), brand=brand)
    new = services.brand_carry_over(actor=admin, brand=brand)
    assert (new.year, new.status, new.title, new.carried_from) == (
        brand.year + 1,
        "draft",
        brand.title,
        brand,
    )
    assert [k.code for k in new.kpis.all()] == ["stations.total", "stations.smart"]
    target = KpiTarget.objects.get(code="stations.total", region=brand.region, year=new.year)
    assert target.value == Decimal("30.00")
    with pytest.raises(ValidationError) as exc:
        services.brand_carry_over(actor=admin, brand=brand)
    assert _code(exc) == (None, "duplicate_year")
