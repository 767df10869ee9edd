"""The region / union tree beside the enterprise and member lists (issue #21, core/orgtree.py):
only what the scope allows, children loaded when a node opens with a query count that does
not grow with the tree, the branch to a bookmarked node opened, the filter it sets."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from unionhub.org.models import OrgUnit, Region

pytestmark = pytest.mark.django_db

REGIONS = reverse("core:list_tree", args=["enterprises.enterprise"])
UNIONS = reverse("core:list_tree", args=["members.member"])


def _names(html: str) -> list[str]:
    return re.findall(r'data-tree-value="[^"]*">([^<]+)</a>', html)


def _values(html: str) -> list[str]:
    return re.findall(r'data-tree-value="([^"]*)"', html)


def test_city_admin_starts_at_the_city_which_means_everything(demo, client_as):
    html = client_as("city_admin").get(REGIONS).content.decode()
    assert _names(html) == ["盐城市"] and _values(html) == [""]
    city = Region.objects.get(code="320900")
    children = client_as("city_admin").get(REGIONS, {"node": city.pk}).content.decode()
    assert "射阳县" in _names(children) and "响水县" in _names(children)
    assert len(_names(children)) == Region.objects.filter(parent=city).count()


def test_county_admin_sees_only_the_county_subtree(demo, client_as):
    client = client_as("sheyang_admin")
    roots = client.get(REGIONS).content.decode()
    assert _names(roots) == ["射阳县"]
    sheyang = Region.objects.get(code="320924")
    towns = client.get(REGIONS, {"node": sheyang.pk}).content.decode()
    expected = Region.objects.filter(parent=sheyang, level="town").order_by("path")
    assert _names(towns) == [t.name for t in expected]
    assert "hx-get" not in towns  # towns are leaves here: the list filters towns at most
    xiangshui = Region.objects.get(code="320921")
    assert client.get(REGIONS, {"node": xiangshui.pk}).status_code == 404
    city = Region.objects.get(code="320900")
    assert client.get(REGIONS, {"node": city.pk}).status_code == 404
    assert client.get(REGIONS, {"node": "x"}).status_code == 404


def test_union_tree_of_a_county_admin(demo, client_as):
    client = client_as("sheyang_admin")
    roots = client.get(UNIONS).content.decode()
    county = OrgUnit.objects.get(region__code="320924", kind="county_federation")
    assert _names(roots) == [county.name]
    children = client.get(UNIONS, {"node": county.pk}).content.decode()
    assert set(_names(children)) == set(
        OrgUnit.objects.filter(parent=county).values_list("name", flat=True)
    )
    other = OrgUnit.objects.get(region__code="320921", kind="county_federation")
    assert client.get(UNIONS, {"node": other.pk}).status_code == 404


def test_opening_a_node_costs_the_same_queries_whatever_its_size(demo, client_as):
    """A node with one child and the city with eleven: the same number of queries."""
    client = client_as("city_admin")
    client.get(REGIONS)  # warm the session and the scope
    city = Region.objects.get(code="320900")
    small = Region.objects.filter(level="county").order_by("code").first()

    def count(node) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(REGIONS, {"node": node.pk}).status_code == 200
        return len(ctx.captured_queries)

    big_count, small_count = count(city), count(small)
    assert big_count == small_count <= 6


def test_a_bookmarked_node_opens_its_branch_in_bounded_queries(demo, client_as):
    client = client_as("city_admin")
    client.get(REGIONS)
    town = Region.objects.filter(parent__code="320924", level="town").order_by("code").first()
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(REGIONS, {"selected": town.pk}).content.decode()
    assert len(ctx.captured_queries) <= 8
    names = _names(html)
    assert names[0] == "盐城市" and "射阳县" in names and town.name in names
    assert re.search(rf'class="list-tree-link active"[^>]*data-tree-value="{town.pk}"', html)
    # the branches down to the bookmarked node come open; the others wait for a click
    assert 'aria-expanded="true"' in html and 'aria-expanded="false"' in html


def test_tree_needs_the_lists_permission_and_a_declared_tree(demo, client_as, client):
    assert client.get(REGIONS).status_code in (302, 403)  # anonymous
    assert (
        client_as("city_admin").get(reverse("core:list_tree", args=["stations.ticket"])).status_code
        == 404
    )  # no tree declared
    assert (
        client_as("city_admin").get(reverse("core:list_tree", args=["nonsense.model"])).status_code
        == 404
    )


def test_the_list_page_carries_the_tree_and_its_filter(demo, client_as):
    client = client_as("sheyang_admin")
    town = Region.objects.filter(parent__code="320924", level="town").order_by("code").first()
    page = client.get(reverse("enterprises:enterprise_list"), {"region_id": town.pk})
    html = page.content.decode()
    assert 'data-testid="list-tree"' in html
    assert f'hx-get="{REGIONS}?selected={town.pk}"' in html
    # the tree's filter travels hidden in the filter form (no region select beside the tree)
    assert re.search(rf'<input type="hidden" name="region_id" value="{town.pk}"', html)
    assert all(e.region.path.startswith(town.path) for e in page.context["object_list"])
    members = client.get(reverse("members:member_list")).content.decode()
    assert f'hx-get="{UNIONS}?selected="' in members
    assert '<input type="hidden" name="union"' in members
