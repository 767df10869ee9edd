"""The 指标 page and the home page made of KPI cards (bounded queries, links to records)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_indicator_page_lists_values_with_their_records(world, client_as):
    response = client_as("jianhu_admin").get("/kpis/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-code="establishment.coverage_25plus"' in body
    assert "/api/v1/enterprises/?union_status=built&amp;region=320925" in body
    assert "/enterprises/?union_status=built&amp;region=320925" in body
    assert client_as("sheyang_admin").get("/kpis/?region=320925").status_code == 404


def test_indicator_page_shows_a_bad_year_in_chinese(world, client_as):
    response = client_as("jianhu_admin").get("/kpis/?year=12")
    assert response.status_code == 200
    assert "年份须为" in response.content.decode()


def test_home_cards_are_kpis_linking_to_their_records(
    world, client_as, django_assert_max_num_queries
):
    client = client_as("jianhu_admin")
    client.get("/")  # warm caches (content types, permissions)
    with django_assert_max_num_queries(40):
        response = client.get("/")
    assert response.status_code == 200
    cards = response.context["cards"]
    urls = {str(c.title): c.url for c in cards}
    assert "?union_status=built&region=320925" in urls["已建会企业（任期内）"]
    assert urls["25人以上企业建会率"].endswith("must_establish=true&has_union=true&region=320925")
    assert "/api/v1/stations/?is_active=true&region=320925" in urls["服务驿站"]
