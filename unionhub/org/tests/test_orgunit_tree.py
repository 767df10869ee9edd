"""The union organisation tree: moving re-scopes the subtree, cycles are refused, deletion
with subordinates or records is refused with a Chinese reason; the pages county admins use."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.accounts import services as account_services
from unionhub.accounts.models import Role, User
from unionhub.org import services
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.demo import county_union, first_town_union
from unionhub.org.models import OrgUnit, Region

pytestmark = pytest.mark.django_db


def _grassroots(parent: OrgUnit, code: str, region: Region | None = None) -> OrgUnit:
    return services.orgunit_create(
        name=f"测试企业工会{code}",
        code=code,
        kind=OrgKind.ENTERPRISE,
        region=region or parent.region,
        parent=parent,
    )


def _second_town(slug: str) -> OrgUnit:
    return (
        OrgUnit.objects.filter(parent=county_union(slug), kind=OrgKind.TOWN_FEDERATION)
        .order_by("code")[1:2]
        .get()
    )


def _sees(username: str, obj) -> bool:
    user = User.objects.get(username=username)
    return type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()


def test_demo_tree_shape():
    city = OrgUnit.objects.get(code="320900")
    assert (
        city.parent is None and city.kind == OrgKind.CITY_FEDERATION and city.path == f"{city.pk}/"
    )
    counties = OrgUnit.objects.filter(parent=city)
    assert counties.count() == 11
    assert all(c.kind == OrgKind.COUNTY_FEDERATION for c in counties)
    towns = OrgUnit.objects.filter(kind=OrgKind.TOWN_FEDERATION)
    assert towns.count() == 154 - 31  # special areas (farms, parks) have no town union
    yannan = county_union("yannan")
    assert yannan.name == "盐南高新区总工会"
    assert set(OrgUnit.objects.filter(parent=yannan).values_list("code", flat=True)) == set(
        services.YANNAN_STREETS
    )
    for unit in OrgUnit.objects.select_related("parent"):
        assert unit.path == (unit.parent.path if unit.parent else "") + f"{unit.pk}/"
        assert unit.depth == unit.path.count("/") - 1


def test_move_rescopes_the_subtree_and_the_records_below_it():
    town_a, town_b = first_town_union("xiangshui"), _second_town("xiangshui")
    union = _grassroots(town_a, "MOVE-1")
    group = _grassroots(union, "MOVE-1-1")  # a unit below it moves with it
    member = account_services.user_save(
        actor=None, username="move_user", org_unit=group, roles=[], full_name="迁移测试"
    )
    assert _sees("xiangshui_town", union) and _sees("xiangshui_town", member)

    services.orgunit_move(unit=union, new_parent=town_b, region=town_b.region)
    union.refresh_from_db()
    group.refresh_from_db()
    assert union.path == f"{town_b.path}{union.pk}/" and union.depth == town_b.depth + 1
    assert group.path == f"{union.path}{group.pk}/" and group.depth == union.depth + 1
    assert not _sees("xiangshui_town", union)
    assert not _sees("xiangshui_town", group)
    assert not _sees("xiangshui_town", member)
    assert _sees("xiangshui_admin", union)

    # Across counties: the old county loses it, the new one gains it.
    sheyang = county_union("sheyang")
    services.orgunit_move(unit=union, new_parent=sheyang, region=sheyang.region)
    for obj in (union, group, member):
        assert not _sees("xiangshui_admin", obj)
        assert _sees("sheyang_admin", obj)


def test_move_requires_a_region_inside_the_new_parent_area():
    union = _grassroots(first_town_union("xiangshui"), "MOVE-2")
    with pytest.raises(ValidationError) as exc:
        services.orgunit_move(unit=union, new_parent=county_union("binhai"))
    assert "region" in exc.value.message_dict
    assert "辖区" in exc.value.message_dict["region"][0]


@pytest.mark.parametrize("target", ["itself", "child", "grandchild"])
def test_cycles_are_refused(target):
    county = county_union("funing")
    town = first_town_union("funing")
    union = _grassroots(town, f"CYCLE-{target}")
    new_parent = {"itself": county, "child": town, "grandchild": union}[target]
    with pytest.raises(ValidationError) as exc:
        services.orgunit_move(unit=county, new_parent=new_parent)
    assert "不能迁移到自身或其下级组织之下" in exc.value.message_dict["parent"][0]
    county.refresh_from_db()
    assert county.parent.code == "320900"


def test_the_city_federation_cannot_move():
    with pytest.raises(ValidationError):
        services.orgunit_move(
            unit=OrgUnit.objects.get(code="320900"), new_parent=county_union("funing")
        )


def test_delete_with_subordinates_is_refused_with_the_reason():
    county = county_union("dafeng")
    with pytest.raises(ValidationError) as exc:
        services.orgunit_delete(unit=county)
    message = exc.value.messages[0]
    assert "不能删除" in message and "下级组织" in message
    assert OrgUnit.objects.filter(pk=county.pk).exists()


def test_delete_with_records_is_refused_with_the_reason():
    union = _grassroots(first_town_union("dafeng"), "DEL-1")
    account_services.user_save(actor=None, username="del_user", org_unit=union, roles=[])
    with pytest.raises(ValidationError) as exc:
        services.orgunit_delete(unit=union)
    assert "用户" in exc.value.messages[0]
    role = Role.objects.create(code="del-role", name="x", data_scope="custom")
    role.custom_units.set([_grassroots(first_town_union("dafeng"), "DEL-2")])
    with pytest.raises(ValidationError) as exc:
        services.orgunit_delete(unit=OrgUnit.objects.get(code="DEL-2"))
    assert "角色" in exc.value.messages[0]


def test_delete_of_an_empty_unit_works():
    union = _grassroots(first_town_union("dafeng"), "DEL-3")
    services.orgunit_delete(unit=union)
    assert not OrgUnit.objects.filter(code="DEL-3").exists()


def test_only_the_city_federation_has_no_parent():
    with pytest.raises(ValidationError):
        services.orgunit_create(
            name="无上级工会", code="NOPARENT", kind=OrgKind.ENTERPRISE,
            region=Region.objects.get(code="320921"), parent=None,
        )  # fmt: skip


# --- pages ---------------------------------------------------------------------------


def _form(unit_or_none=None, **overrides):
    data = {
        "name": "页面测试工会",
        "short_name": "",
        "code": "PAGE-1",
        "kind": OrgKind.ENTERPRISE,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_tree_page_shows_the_county_in_path_order(client_as, django_assert_max_num_queries):
    client = client_as("xiangshui_admin")
    with django_assert_max_num_queries(15):
        response = client.get(reverse("org:orgunit_list"), {"page_size": 500})
    units = list(response.context["object_list"])
    assert units[0].code == "320921"
    assert [u.path for u in units] == sorted(u.path for u in units)
    assert {u.code for u in units} == set(
        OrgUnit.objects.filter(path__startswith=county_union("xiangshui").path).values_list(
            "code", flat=True
        )
    )


def test_county_admin_creates_a_child_unit(client_as):
    town = first_town_union("xiangshui")
    client = client_as("xiangshui_admin")
    page = client.get(reverse("org:orgunit_add"), {"parent": town.pk})
    assert page.context["form"].initial["parent"] == town
    assert "新增下级组织" in client.get(reverse("org:orgunit", args=[town.pk])).content.decode()
    response = client.post(reverse("org:orgunit_add"), _form(parent=town.pk, region=town.region_id))
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="PAGE-1")
    assert unit.parent == town and unit.path == f"{town.path}{unit.pk}/"


def test_county_admin_cannot_create_in_another_county(client_as):
    other = first_town_union("sheyang")
    response = client_as("xiangshui_admin").post(
        reverse("org:orgunit_add"), _form(parent=other.pk, region=other.region_id)
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not OrgUnit.objects.filter(code="PAGE-1").exists()


def test_region_outside_the_parent_area_is_refused_in_the_form(client_as):
    town = first_town_union("xiangshui")
    other_town_region = _second_town("xiangshui").region
    response = client_as("xiangshui_admin").post(
        reverse("org:orgunit_add"), _form(parent=town.pk, region=other_town_region.pk)
    )
    assert response.status_code == 200
    assert "辖区" in str(response.context["form"].errors["region"])


def test_move_by_changing_the_parent_in_the_edit_page(client_as):
    town_a, town_b = first_town_union("xiangshui"), _second_town("xiangshui")
    union = _grassroots(town_a, "PAGE-MOVE")
    client = client_as("xiangshui_admin")
    form = client.get(reverse("org:orgunit_edit", args=[union.pk])).context["form"]
    assert union.pk not in set(form.fields["parent"].queryset.values_list("pk", flat=True))
    response = client.post(
        reverse("org:orgunit_edit", args=[union.pk]),
        _form(name=union.name, code=union.code, parent=town_b.pk, region=town_b.region_id),
    )
    assert response.status_code == 302, response.context["form"].errors
    union.refresh_from_db()
    assert union.parent == town_b and union.path.startswith(town_b.path)


def test_edit_page_refuses_a_cycle(client_as):
    town = first_town_union("xiangshui")
    union = _grassroots(town, "PAGE-CYCLE")
    response = client_as("xiangshui_admin").post(
        reverse("org:orgunit_edit", args=[town.pk]),
        _form(
            name=town.name,
            code=town.code,
            kind=OrgKind.TOWN_FEDERATION,
            parent=union.pk,
            region=town.region_id,
        ),
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    town.refresh_from_db()
    assert town.parent == county_union("xiangshui")


def test_county_admin_edits_own_county_without_moving_it(client_as):
    county = county_union("xiangshui")
    client = client_as("xiangshui_admin")
    form = client.get(reverse("org:orgunit_edit", args=[county.pk])).context["form"]
    assert form.fields["parent"].disabled
    response = client.post(
        reverse("org:orgunit_edit", args=[county.pk]),
        _form(name=county.name, short_name="响水", code=county.code, kind=OrgKind.COUNTY_FEDERATION,
              region=county.region_id, parent=OrgUnit.objects.get(code="320900").pk),
    )  # fmt: skip
    assert response.status_code == 302
    county.refresh_from_db()
    assert county.short_name == "响水" and county.parent.code == "320900"


def test_delete_page_explains_why_it_is_refused(client_as):
    town = first_town_union("xiangshui")
    client = client_as("xiangshui_admin")
    page = client.get(reverse("org:orgunit_delete", args=[town.pk]))
    assert 'data-testid="delete-blocked"' in page.content.decode()
    assert "不能删除" in page.content.decode()
    response = client.post(reverse("org:orgunit_delete", args=[town.pk]), follow=True)
    assert OrgUnit.objects.filter(pk=town.pk).exists()
    assert "无法删除" in response.content.decode()


def test_delete_page_deletes_an_empty_unit(client_as):
    union = _grassroots(first_town_union("xiangshui"), "PAGE-DEL")
    client = client_as("xiangshui_admin")
    assert (
        'data-testid="delete-blocked"'
        not in client.get(reverse("org:orgunit_delete", args=[union.pk])).content.decode()
    )
    response = client.post(reverse("org:orgunit_delete", args=[union.pk]))
    assert response.status_code == 302
    assert not OrgUnit.objects.filter(pk=union.pk).exists()


def test_town_cadre_can_view_but_not_change(client_as):
    town = first_town_union("xiangshui")
    client = client_as("xiangshui_town")
    assert client.get(reverse("org:orgunit", args=[town.pk])).status_code == 200
    assert client.get(reverse("org:orgunit_edit", args=[town.pk])).status_code == 403
    assert client.get(reverse("org:orgunit_delete", args=[town.pk])).status_code == 403


def test_other_county_units_are_404_on_every_page(client_as):
    other = county_union("sheyang")
    client = client_as("xiangshui_admin")
    for name in ("org:orgunit", "org:orgunit_edit", "org:orgunit_delete"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    assert client.post(reverse("org:orgunit_delete", args=[other.pk])).status_code == 404
    assert OrgUnit.objects.filter(pk=other.pk).exists()


def test_regions_of_a_county_are_town_level_below_it():
    county = Region.objects.get(code="320921")
    assert county.children.filter(level=RegionLevel.TOWN).count() == 11
