"""The region tree loaded from the NBS 2023 divisions (contract.md, organisation codes)."""

from __future__ import annotations

import csv

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.org import services
from unionhub.org.choices import RegionKind, RegionLevel, TownCategory
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


def test_the_csv_is_the_shared_2023_edition():
    with services.DIVISIONS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 165
    assert [r for r in rows if r["level"] == "city"][0]["code"] == "320900"


def test_city_and_county_level_units():
    assert Region.objects.get(code="320900").level == RegionLevel.CITY
    counties = Region.objects.filter(level=RegionLevel.COUNTY)
    assert set(counties.values_list("code", flat=True)) == {
        "320902", "320903", "320904", "320921", "320922", "320923",
        "320924", "320925", "320981", "320971", "3209YN",
    }  # fmt: skip
    assert Region.objects.get(code="320971").kind == RegionKind.STATISTICAL
    assert Region.objects.get(code="3209YN").kind == RegionKind.FUNCTIONAL
    assert Region.objects.get(code="320921").kind == RegionKind.ADMIN
    assert all(c.parent.code == "320900" for c in counties)


def test_all_154_town_level_units_with_31_special_areas():
    towns = Region.objects.filter(level=RegionLevel.TOWN)
    assert towns.count() == 154
    special = towns.filter(category=TownCategory.SPECIAL)
    assert special.count() == 31
    assert all(400 <= int(code[6:9]) <= 499 for code in special.values_list("code", flat=True))
    assert all(r.is_special_area for r in special)
    assert not towns.exclude(category=TownCategory.SPECIAL).filter(code__regex=r"^\d{6}4\d\d$")
    assert (
        towns.filter(category=TownCategory.STREET).count()
        + towns.filter(category=TownCategory.TOWN).count()
        == 123
    )


@pytest.mark.parametrize(
    "code, name, category",
    [
        ("320902001", "五星街道", TownCategory.STREET),
        ("320921100", None, TownCategory.TOWN),
        ("320921400", None, TownCategory.SPECIAL),
        ("320921499", None, TownCategory.SPECIAL),
        ("320921399", None, TownCategory.TOWN),
    ],
)
def test_town_category_boundaries(code, name, category):
    assert (
        services._town_category(
            code, name or ("某镇" if category != TownCategory.STREET else "某街道")
        )
        == category
    )


@pytest.mark.parametrize(
    "code, statistical_parent",
    [
        ("320903050", "320903"),
        ("320903051", "320903"),
        ("320902050", "320902"),
        ("320902052", "320902"),
    ],
)
def test_yannan_streets_keep_their_codes_but_sit_under_yannan(code, statistical_parent):
    street = Region.objects.get(code=code)
    assert street.parent.code == "3209YN"
    assert street.statistical_parent_code == statistical_parent
    assert street.path == f"320900/3209YN/{code}/"
    assert not street.path.startswith(Region.objects.get(code=statistical_parent).path)


def test_yannan_administers_exactly_the_four_streets():
    streets = Region.objects.filter(parent__code="3209YN", level=RegionLevel.TOWN)
    assert set(streets.values_list("code", flat=True)) == set(services.YANNAN_STREETS)


def test_paths_and_depths_follow_the_tree():
    for region in Region.objects.select_related("parent"):
        expected = (region.parent.path if region.parent else "") + f"{region.code}/"
        assert region.path == expected
        assert region.depth == region.path.count("/") - 1


def test_demo_villages_have_12_digit_codes_under_their_town():
    villages = Region.objects.filter(level=RegionLevel.VILLAGE).select_related("parent")
    assert villages.count() == 44
    assert all(len(v.code) == 12 and v.code.startswith(v.parent.code) for v in villages)


def test_reload_is_idempotent():
    before = list(Region.objects.order_by("code").values_list("code", "path", "name", "parent"))
    assert services.regions_load_yancheng(actor=None) == {"created": 0, "updated": 0}
    after = list(Region.objects.order_by("code").values_list("code", "path", "name", "parent"))
    assert before == after


def test_a_later_edition_loads_over_the_tree():
    """A rename and a move (a town handed to another county) in a new edition: the town is
    updated in place and its villages follow it."""
    town = Region.objects.filter(level=RegionLevel.TOWN, children__isnull=False).first()
    village = town.children.first()
    rows = [
        services.RegionRow(town.code, "新名称镇", RegionLevel.TOWN, "320921", RegionKind.STATISTICAL,
                           TownCategory.TOWN),
        services.RegionRow("320921999", "新设街道", RegionLevel.TOWN, "320921", RegionKind.STATISTICAL,
                           TownCategory.STREET),
    ]  # fmt: skip
    result = services.regions_load(actor=None, rows=rows)
    assert result == {"created": 1, "updated": 1}
    town.refresh_from_db()
    village.refresh_from_db()
    assert town.name == "新名称镇" and town.parent.code == "320921"
    assert town.path == f"320900/320921/{town.code}/"
    assert village.path == f"{town.path}{village.code}/" and village.depth == 3
    assert Region.objects.get(code="320921999").path == "320900/320921/320921999/"


def test_unknown_parent_is_refused():
    with pytest.raises(ValidationError) as exc:
        services.regions_load(
            actor=None,
            rows=[services.RegionRow("320999001", "无名镇", RegionLevel.TOWN, "320999")],
        )
    assert_invalid(exc, code="unknown_parent")
    assert not Region.objects.filter(code="320999001").exists()


@pytest.mark.parametrize(
    ("username", "allowed"), [("city_admin", True), ("xiangshui_admin", False)]
)
def test_only_reference_data_editors_load_region_codes(user_named, username, allowed):
    actor = user_named(username)
    if allowed:
        assert services.regions_load_yancheng(actor=actor) == {"created": 0, "updated": 0}
        return
    with pytest.raises(ValidationError) as exc:
        services.regions_load_yancheng(actor=actor)
    assert_invalid(exc, code="permission_denied")


def test_regions_page_lists_the_tree(client_as):
    response = client_as("xiangshui_admin").get("/org/regions/", {"page_size": 500})
    names = {r.name for r in response.context["object_list"]}
    assert "响水县" in names and "射阳县" not in names
