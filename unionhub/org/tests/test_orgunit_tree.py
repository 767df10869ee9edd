"""The union organisation tree: moving re-scopes the subtree, cycles are refused, deletion
with subordinates or records is refused with a Chinese reason; the pages county admins use."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.accounts import services as account_services
from unionhub.accounts.models import Role, User
from unionhub.core.testing.assertions import assert_invalid, form_error_codes
from unionhub.org import selectors, services
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.demo import county_union, first_town_union
from unionhub.org.models import OrgUnit, Region

pytestmark = pytest.mark.django_db


def _grassroots(parent: OrgUnit, code: str, region: Region | None = None) -> OrgUnit:
    return services.orgunit_create(
        actor=None,
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

    services.orgunit_move(actor=None, unit=union, new_parent=town_b, region=town_b.region)
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
    services.orgunit_move(actor=None, unit=union, new_parent=sheyang, region=sheyang.region)
    for obj in (union, group, member):
        assert not _sees("xiangshui_admin", obj)
        assert _sees("sheyang_admin", obj)


def test_move_requires_a_region_inside_the_new_parent_area():
    union = _grassroots(first_town_union("xiangshui"), "MOVE-2")
    with pytest.raises(ValidationError) as exc:
        services.orgunit_move(actor=None, unit=union, new_parent=county_union("binhai"))
    assert_invalid(exc, field="region", code="region_outside_parent_area")
    union.refresh_from_db()
    assert union.parent == first_town_union("xiangshui")


@pytest.mark.parametrize("target", ["itself", "child", "grandchild"])
def test_cycles_are_refused(target):
    county = county_union("funing")
    town = first_town_union("funing")
    union = _grassroots(town, f"CYCLE-{target}")
    new_parent = {"itself": county, "child": town, "grandchild": union}[target]
    with pytest.raises(ValidationError) as exc:
        services.orgunit_move(actor=None, unit=county, new_parent=new_parent)
    assert_invalid(exc, field="parent", code="cycle")
    county.refresh_from_db()
    assert county.parent.code == "320900"


def test_the_city_federation_cannot_move():
    with pytest.raises(ValidationError) as exc:
        services.orgunit_move(
            actor=None, unit=OrgUnit.objects.get(code="320900"), new_parent=county_union("funing")
        )
    assert_invalid(exc, field="parent", code="root_cannot_move")
    assert OrgUnit.objects.get(code="320900").parent is None


def test_delete_with_subordinates_is_refused_with_the_reason():
    county = county_union("dafeng")
    with pytest.raises(ValidationError) as exc:
        services.orgunit_delete(actor=None, unit=county)
    assert_invalid(exc, code="delete_blocked")
    assert selectors.orgunit_dependents(unit=county)[OrgUnit] == county.children.count() > 0
    assert OrgUnit.objects.filter(pk=county.pk).exists()


def test_delete_with_records_is_refused_with_the_reason():
    union = _grassroots(first_town_union("dafeng"), "DEL-1")
    account_services.user_save(actor=None, username="del_user", org_unit=union, roles=[])
    with pytest.raises(ValidationError) as exc:
        services.orgunit_delete(actor=None, unit=union)
    assert_invalid(exc, code="delete_blocked")
    assert selectors.orgunit_dependents(unit=union) == {User: 1}
    role = Role.objects.create(code="del-role", name="x", data_scope="custom")
    role.custom_units.set([_grassroots(first_town_union("dafeng"), "DEL-2")])
    with pytest.raises(ValidationError) as exc:
        services.orgunit_delete(actor=None, unit=OrgUnit.objects.get(code="DEL-2"))
    assert_invalid(exc, code="delete_blocked")
    assert selectors.orgunit_dependents(unit=OrgUnit.objects.get(code="DEL-2")) == {Role: 1}


def test_delete_of_an_empty_unit_works():
    union = _grassroots(first_town_union("dafeng"), "DEL-3")
    services.orgunit_delete(actor=None, unit=union)
    assert not OrgUnit.objects.filter(code="DEL-3").exists()


def test_only_the_city_federation_has_no_parent():
    with pytest.raises(ValidationError) as exc:
        services.orgunit_create(
            actor=None, name="无上级工会", code="NOPARENT", kind=OrgKind.ENTERPRISE,
            region=Region.objects.get(code="320921"), parent=None,
        )  # fmt: skip
    assert_invalid(exc, field="parent", code="parent_required")
    assert not OrgUnit.objects.filter(code="NOPARENT").exists()


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
    detail = client.get(reverse("org:orgunit", args=[town.pk])).content.decode()
    assert f'href="{reverse("org:orgunit_add")}?parent={town.pk}"' in detail
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
    assert "region_outside_parent_area" in form_error_codes(response.context["form"])["region"]
    assert not OrgUnit.objects.filter(code="PAGE-1").exists()


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
    assert page.context["blockers"] == selectors.orgunit_delete_blockers(unit=town) != []
    response = client.post(reverse("org:orgunit_delete", args=[town.pk]), follow=True)
    assert OrgUnit.objects.filter(pk=town.pk).exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


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


# --- scope of the actor in the services ------------------------------------------------


def _other_county_write(kind: str, user: User) -> None:
    theirs = _grassroots(first_town_union("xiangshui"), f"SCOPE-{kind}")
    mine = first_town_union("sheyang")
    if kind == "create":
        _grassroots_as(user, first_town_union("xiangshui"), "SCOPE-NEW")
    elif kind == "create_region":
        services.orgunit_create(
            actor=user, name="跨县工会", code="SCOPE-NEW", kind=OrgKind.ENTERPRISE,
            region=first_town_union("xiangshui").region, parent=county_union("sheyang"),
        )  # fmt: skip
    elif kind == "move_in":
        services.orgunit_move(actor=user, unit=theirs, new_parent=mine, region=mine.region)
    elif kind == "move_out":
        own = _grassroots(mine, "SCOPE-OWN")
        services.orgunit_move(
            actor=user, unit=own, new_parent=first_town_union("xiangshui"),
            region=first_town_union("xiangshui").region,
        )  # fmt: skip
    elif kind == "update":
        services.orgunit_update(
            actor=user, unit=theirs, name="改名", code=theirs.code, kind=theirs.kind,
            region=theirs.region, parent=theirs.parent,
        )  # fmt: skip
    elif kind == "delete":
        services.orgunit_delete(actor=user, unit=theirs)


def _grassroots_as(user: User, parent: OrgUnit, code: str) -> OrgUnit:
    return services.orgunit_create(
        actor=user, name=f"测试企业工会{code}", code=code, kind=OrgKind.ENTERPRISE,
        region=parent.region, parent=parent,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("create", "parent"),
        ("create_region", "region"),
        ("move_in", None),
        ("move_out", "parent"),
        ("update", None),
        ("delete", None),
    ],
)
def test_services_refuse_writes_outside_the_actor_scope(user_named, kind, field):
    before = {u.pk: (u.path, u.name) for u in OrgUnit.objects.filter(code__startswith="SCOPE-")}
    with pytest.raises(ValidationError) as exc:
        _other_county_write(kind, user_named("sheyang_admin"))
    assert_invalid(exc, field=field, code="out_of_scope")
    assert not OrgUnit.objects.filter(code="SCOPE-NEW").exists()
    theirs = OrgUnit.objects.get(code=f"SCOPE-{kind}")
    assert theirs.parent == first_town_union("xiangshui") and theirs.name.startswith("测试")
    assert all(
        (u.path, u.name) == before.get(u.pk, (u.path, u.name))
        for u in OrgUnit.objects.filter(code__startswith="SCOPE-")
    )


def test_services_write_inside_the_actor_scope(user_named):
    admin = user_named("sheyang_admin")
    town = first_town_union("sheyang")
    unit = _grassroots_as(admin, town, "SCOPE-IN")
    assert unit.created_by == admin
    other = _second_town("sheyang")
    services.orgunit_move(actor=admin, unit=unit, new_parent=other, region=other.region)
    services.orgunit_delete(actor=admin, unit=unit)
    assert not OrgUnit.objects.filter(code="SCOPE-IN").exists()
