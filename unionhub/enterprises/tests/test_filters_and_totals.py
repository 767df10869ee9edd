"""Filters and summary tables as cadres read them (issue #21): yes/no selects say 全部, no
raw region-code box beside the region select, folded filters on desktop, the title names
the chosen town, summary tables end with a 合计 row and the county's own row is not
mistaken for the total."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from unionhub.enterprises.tests.factories import make_enterprise, make_union, town_of
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db

XIANGSHUI = "320921"


@pytest.fixture
def world(demo):
    town = town_of(XIANGSHUI)
    county = Region.objects.get(code=XIANGSHUI)
    a = make_enterprise(county=XIANGSHUI, employees=30)
    make_enterprise(county=XIANGSHUI, employees=40)
    make_enterprise(county=XIANGSHUI, employees=5, region=county)  # registered on the county
    make_union([a])
    return {"town": town, "county": county}


def test_yes_no_filters_say_all(world, client_as):
    page = client_as("xiangshui_admin").get(reverse("enterprises:enterprise_list")).content.decode()
    select = re.search(r'<select name="has_union".*?</select>', page, re.S).group(0)
    assert '<option value="" selected>全部</option>' in select
    assert "未知" not in page


def test_yes_no_filter_still_filters(world, client_as):
    response = client_as("xiangshui_admin").get(
        reverse("enterprises:enterprise_list"), {"has_union": "true"}
    )
    assert response.context["page_obj"].paginator.count == 1
    assert 'value="true" selected' in response.content.decode()


def test_no_raw_region_code_box_but_links_still_work(world, client_as):
    client = client_as("xiangshui_admin")
    page = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert not re.search(r'<input type="text" name="region"', page)
    assert "地区代码" not in page
    town = world["town"]
    response = client.get(reverse("enterprises:enterprise_list"), {"region": town.code})
    assert response.context["page_obj"].paginator.count == 2
    assert f'<input type="hidden" name="region" value="{town.code}"' in response.content.decode()


def test_many_filters_fold_and_an_active_one_is_shown(world, client_as):
    client = client_as("xiangshui_admin")
    page = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert 'data-testid="more-filters-toggle"' in page
    assert 'id="more-filters" class="collapse"' in page
    folded = client.get(reverse("enterprises:enterprise_list"), {"is_high_profile": "true"})
    assert 'id="more-filters" class="collapse show"' in folded.content.decode()


def test_target_list_title_names_the_chosen_town(world, client_as):
    town = world["town"]
    response = client_as("xiangshui_admin").get(
        reverse("enterprises:target_list"), {"region": town.code}
    )
    title = re.search(r'<h1 class="page-title">(.*?)</h1>', response.content.decode(), re.S)
    text = title.group(1) if title else response.content.decode()
    assert town.name in text and "响水县" not in text


def test_overview_has_a_total_row_and_labels_the_county_own_row(world, client_as):
    response = client_as("xiangshui_admin").get(
        reverse("enterprises:overview"), {"region": XIANGSHUI}
    )
    rows = response.context["rows"]
    total = response.context["total"]
    assert total["total"] == sum(r["total"] for r in rows) == 3
    assert total["big"] == 2 and total["big_with_union"] == 1 and total["coverage"] == 50.0
    page = response.content.decode()
    assert 'data-testid="total-row"' in page and "合计" in page
    assert "响水县（直接登记在本级）" in page


def test_coverage_card_list_and_kpi_share_one_definition(world, client_as, api_as):
    """Issue #21: the ≥ 25 coverage card counted operating enterprises only (240) while the
    list's "employees at least 25" filter counted every one (263)."""
    county = world["county"]
    closed = make_enterprise(county=XIANGSHUI, employees=80, operating_status="closed")
    assert closed.employees >= 25
    client = client_as("xiangshui_admin")
    overview = client.get(reverse("enterprises:overview"), {"region": XIANGSHUI})
    kpis = overview.context["kpis"]
    card = re.search(r'data-testid="coverage-card"', overview.content.decode())
    assert card
    link = overview.context["links"]["big_with_union"]
    listed = client.get(link).context["page_obj"].paginator.count
    assert listed == kpis["big_with_union"] == 1
    denominator = client.get(overview.context["links"]["big"]).context["page_obj"].paginator.count
    assert denominator == kpis["big"] == 2  # the closed one with 80 employees is not counted
    api = api_as("xiangshui_admin").get(
        "/api/v1/enterprises/", {"must_establish": "true", "region": county.code}
    )
    assert api.json()["count"] == kpis["big"]
