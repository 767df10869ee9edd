"""Targets: typed in per KPI, region and year by the county or city administrator."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.kpis import services
from unionhub.core.kpis.models import KpiTarget

pytestmark = pytest.mark.django_db


def _region(code):
    from unionhub.org.models import Region

    return Region.objects.get(code=code)


@pytest.mark.parametrize(
    ("code", "region", "year", "value", "field", "error"),
    [
        ("no.such", "320925", 2026, "1", "code", "unknown_kpi"),
        ("establishment.built", "town", 2026, "1", "region", "region_level"),
        ("establishment.built", "320924", 2026, "1", "region", "region_scope"),
        ("establishment.built", "320900", 2026, "1", "region", "region_scope"),
        ("establishment.built", "320925", 1999, "1", "year", "invalid_year"),
        ("establishment.built", "320925", 2026, "abc", "value", "invalid_target"),
        ("establishment.built", "320925", 2026, "-1", "value", "negative_target"),
        ("establishment.built", "320925", 2026, "2.5", "value", "fractional_count"),
        ("establishment.coverage_25plus", "320925", 2026, "100.1", "value", "rate_over_100"),
    ],
)
def test_bad_targets_are_refused(demo, user_named, code, region, year, value, field, error):
    if region == "town":
        from unionhub.org.models import Region

        place = Region.objects.filter(parent__code="320925").order_by("code").first()
    else:
        place = _region(region)
    with pytest.raises(ValidationError) as info:
        services.kpitarget_set(
            actor=user_named("jianhu_admin"), code=code, region=place, year=year, value=value
        )
    assert [e.code for e in info.value.error_dict[field]] == [error]


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("establishment.coverage_25plus", "100"),
        ("establishment.built", "0"),
        ("points.suggestion_benefit_year", "1000.55"),
    ],
)
def test_boundary_targets_are_accepted(demo, user_named, code, value):
    target = services.kpitarget_set(
        actor=user_named("jianhu_admin"),
        code=code,
        region=_region("320925"),
        year=2026,
        value=value,
    )
    assert str(target.value) == f"{float(value):.2f}"


def test_target_is_shown_and_can_be_cleared(world, user_named, api_as):
    admin = user_named("jianhu_admin")
    year = __import__("django.utils.timezone").utils.timezone.localdate().year
    services.kpitarget_set(
        actor=admin, code="establishment.built", region=_region("320925"), year=year, value="40"
    )
    services.kpitarget_set(  # setting again updates the same row
        actor=admin, code="establishment.built", region=_region("320925"), year=year, value="45"
    )
    assert KpiTarget.objects.count() == 1
    body = api_as("jianhu_admin").get("/api/v1/kpis/").json()
    item = next(r for r in body["results"] if r["code"] == "establishment.built")
    assert item["target"] == 45
    services.kpitarget_set(
        actor=admin, code="establishment.built", region=_region("320925"), year=year, value=""
    )
    assert not KpiTarget.objects.exists()


def test_target_page_saves_and_reports_errors(world, client_as):
    client = client_as("jianhu_admin")
    url = "/kpis/targets/?region=320925&year=2026"
    assert client.get(url).status_code == 200
    response = client.post(url, {"target_establishment.built": "30"})
    assert response.status_code == 302
    assert KpiTarget.objects.get(code="establishment.built").value == 30
    response = client.post(url, {"target_establishment.coverage_25plus": "120"})
    assert response.status_code == 200 and "比率目标不能超过" in response.content.decode()
    assert client_as("jianhu_town").get(url).status_code == 403
    assert client_as("sheyang_admin").get(url).status_code == 404
