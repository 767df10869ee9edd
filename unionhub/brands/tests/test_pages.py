"""The county brand page, the list, the workflow buttons, the to-dos and the read-only API:
scoped (a county never sees another county's brand), figures linked to their records, a
bounded number of queries whatever the number of indicators and snapshots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhub.brands import services
from unionhub.brands.tests.samples import brand_in
from unionhub.core.kpis import services as kpi_services
from unionhub.core.middleware import acting_as

pytestmark = pytest.mark.django_db


def _page_queries(client, brand) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/brands/{brand.pk}/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_county_page_shows_brand_figures_linked_to_records(client_as):
    brand = brand_in("xiangshui")
    services.brandkpi_update(actor=None, brandkpi=brand.kpis.get(), target="8")
    page = client_as("xiangshui_admin").get(f"/brands/{brand.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "样例品牌xiangshui" in html and 'data-testid="brand-figure"' in html
    figure = page.context["page"].figures[0]
    assert figure.url == figure.value.html_url or figure.value.records_url
    assert "stations" in figure.url and "320921" in figure.url
    assert f'href="{figure.url}"'.replace("&", "&amp;") in html
    assert figure.target_display == "8"


def test_another_county_gets_404_and_the_list_leaves_it_out(client_as):
    brand = brand_in("xiangshui")
    client = client_as("sheyang_admin")
    assert client.get(f"/brands/{brand.pk}/").status_code == 404
    assert "样例品牌xiangshui" not in client.get("/brands/").content.decode()
    assert "样例品牌xiangshui" in client_as("city_admin").get("/brands/").content.decode()


def test_page_queries_do_not_grow_with_indicators_or_snapshots(client_as):
    brand = brand_in("xiangshui")
    client = client_as("xiangshui_admin")
    _page_queries(client, brand)  # warm: the session and the caches of the first request
    one = _page_queries(client, brand)
    # more indicators of the same model, and two years of monthly snapshots
    for code in ("stations.smart", "stations.new_this_year"):
        services.brandkpi_create(actor=None, brand=brand, code=code)
    with acting_as(None):
        for month in range(1, 13):
            end = (dt.date(2024, month, 1) + dt.timedelta(days=32)).replace(day=1)
            kpi_services.kpis_snapshot(as_of=end - dt.timedelta(days=1), regions=[brand.region])
    page = client.get(f"/brands/{brand.pk}/")
    assert len(page.context["page"].trends) == 3
    assert 'data-testid="brand-trend"' in page.content.decode()
    three = _page_queries(client, brand)
    # (a past year's figures now come from the December snapshot: one aggregate fewer)
    assert three <= one, (one, three)
    assert three <= 40


def test_review_buttons_and_permissions(client_as):
    brand = brand_in("sheyang")
    county = client_as("sheyang_admin")
    assert 'data-testid="submit-brand"' in county.get(f"/brands/{brand.pk}/").content.decode()
    assert county.post(f"/brands/{brand.pk}/submit/").status_code == 302
    # the county cannot publish its own brand: 403 and nothing changes
    assert county.post(f"/brands/{brand.pk}/publish/").status_code == 403
    brand.refresh_from_db()
    assert brand.status == "submitted"
    city = client_as("city_admin")
    assert 'data-testid="publish-brand"' in city.get(f"/brands/{brand.pk}/").content.decode()
    response = city.post(f"/brands/{brand.pk}/return/", {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert city.post(f"/brands/{brand.pk}/publish/").status_code == 302
    brand.refresh_from_db()
    assert brand.status == "published"


def test_todos_for_city_review_and_county_revision(api_as, user_named):
    brand = brand_in("sheyang")
    services.brand_submit(actor=None, brand=brand)

    def kinds(username):
        body = api_as(username).get("/api/v1/todos/", {"page_size": 500}).json()
        return {item["kind"] for item in body["results"]}

    assert "brands.review" in kinds("city_admin")
    assert "brands.review" not in kinds("sheyang_admin")
    services.brand_return(actor=user_named("city_admin"), brand=brand, reason="补充")
    assert "brands.returned" in kinds("sheyang_admin")
    assert "brands.returned" not in kinds("xiangshui_admin")
    assert "brands.returned" not in kinds("city_admin")


def test_api_lists_only_the_callers_brands(api_as):
    brand_in("sheyang")
    brand_in("xiangshui")
    body = api_as("sheyang_admin").get("/api/v1/brands/").json()
    assert [b["region"] for b in body["results"]] == ["320924"]
    assert body["results"][0]["kpis"] == [{"code": "stations.total", "order": 10, "note": ""}]
    city = api_as("city_admin").get("/api/v1/brands/", {"year": 2024}).json()
    assert {b["region"] for b in city["results"]} == {"320924", "320921"}


def test_openapi_schema_has_the_brand_endpoints(api_as):
    schema = api_as("city_admin").get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/brands/" in schema["paths"]
    assert "/api/v1/reports/brand/" in schema["paths"]
    assert "BrandsBrand" in schema["components"]["schemas"]


def test_report_page_links_both_formats(client_as):
    brand_in("sheyang", year=2025)
    page = client_as("sheyang_admin").get("/brands/report/", {"year": 2025})
    html = page.content.decode()
    assert "/api/v1/reports/brand/?year=2025" in html and "format=pdf" in html
    assert "样例品牌sheyang" in html
    # both pages are in the menu, under 一县一品
    assert 'href="/brands/"' in html and 'href="/brands/report/"' in html and "一县一品" in html
