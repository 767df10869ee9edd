"""No privilege escalation: a county admin creates users and roles only inside the county
and never grants more than it holds (issue 3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.accounts import services
from unionhub.accounts.models import Role, User
from unionhub.accounts.services import permissions_matching
from unionhub.core.scope import ScopeKind
from unionhub.core.testing.assertions import assert_invalid, form_error_codes
from unionhub.org.demo import county_union, first_town_union

pytestmark = pytest.mark.django_db


def _role(actor, **overrides):
    values = {
        "name": "测试角色",
        "code": "test-role",
        "data_scope": ScopeKind.SUBTREE,
        "permissions": permissions_matching(["org.view_orgunit"]),
    }
    values.update(overrides)
    return services.role_save(actor=actor, **values)


@pytest.mark.parametrize(
    "overrides, field, code",
    [
        ({"data_scope": ScopeKind.ALL}, "data_scope", "scope_too_wide"),
        ({"permissions": ["org.add_region"]}, "permissions", "not_held"),
        ({"permissions": ["core.delete_changerecord"]}, "permissions", "not_held"),
        ({"permissions": ["accounts.view_user", "org.change_region"]}, "permissions", "not_held"),
        (
            {"data_scope": ScopeKind.CUSTOM, "custom_units": ["sheyang"]},
            "custom_units",
            "out_of_scope",
        ),
        ({"data_scope": ScopeKind.CUSTOM, "custom_units": []}, "custom_units", "required"),
    ],
    ids=[
        "all-scope",
        "perm-it-lacks",
        "audit-delete",
        "mixed-perms",
        "custom-outside",
        "custom-empty",
    ],
)
def test_county_admin_cannot_escalate_through_a_role(user_named, overrides, field, code):
    overrides = dict(overrides)
    if "custom_units" in overrides:
        overrides["custom_units"] = [county_union(s) for s in overrides["custom_units"]]
    if "permissions" in overrides:
        overrides["permissions"] = permissions_matching(overrides["permissions"])
    admin = user_named("xiangshui_admin")
    with pytest.raises(ValidationError) as exc:
        _role(admin, **overrides)
    assert_invalid(exc, field=field, code=code)
    assert not Role.objects.filter(code="test-role").exists()


def test_county_admin_may_create_a_role_within_its_own_powers(user_named):
    admin = user_named("xiangshui_admin")
    role = _role(
        admin,
        data_scope=ScopeKind.CUSTOM,
        custom_units=[first_town_union("xiangshui")],
        permissions=permissions_matching(["org.view_orgunit", "accounts.view_personal_data"]),
    )
    assert role.org_unit == county_union("xiangshui") and not role.is_builtin
    assert set(role.custom_units.all()) == {first_town_union("xiangshui")}
    # It is visible to its county and not to another one.
    assert Role.objects.visible_to(admin).filter(pk=role.pk).exists()
    assert not Role.objects.visible_to(user_named("sheyang_admin")).filter(pk=role.pk).exists()


def test_built_in_roles_cannot_be_edited(user_named):
    builtin = Role.objects.get(code="county_admin")
    with pytest.raises(ValidationError) as exc:
        _role(user_named("city_admin"), role=builtin)
    assert_invalid(exc, code="builtin")
    builtin.refresh_from_db()
    assert builtin.name != "测试角色"


def test_another_countys_role_cannot_be_edited(user_named):
    role = _role(user_named("sheyang_admin"), code="sheyang-role")
    with pytest.raises(ValidationError) as exc:
        _role(user_named("xiangshui_admin"), code="sheyang-role", name="被改名", role=role)
    assert_invalid(exc, code="out_of_scope")
    role.refresh_from_db()
    assert role.name == "测试角色" and role.org_unit == county_union("sheyang")


@pytest.mark.parametrize(
    "role_code, code",
    [("city_admin", "not_held")],
    ids=["city-admin-role"],
)
def test_county_admin_cannot_hand_out_a_wider_builtin_role(user_named, role_code, code):
    with pytest.raises(ValidationError) as exc:
        services.user_save(
            actor=user_named("xiangshui_admin"),
            username="esc_user",
            org_unit=first_town_union("xiangshui"),
            roles=[Role.objects.get(code=role_code)],
            password="Lq8-tidy-harbour",
        )
    assert_invalid(exc, field="roles", code=code)
    assert not User.objects.filter(username="esc_user").exists()


def test_county_admin_cannot_hand_out_a_role_with_the_whole_city_scope(user_named):
    """A role may hold only permissions the admin has and still give the whole city."""
    city_scope = services.role_save(
        actor=user_named("city_admin"),
        name="全市只读",
        code="city-read",
        data_scope=ScopeKind.ALL,
        permissions=permissions_matching(["org.view_orgunit"]),
    )
    with pytest.raises(ValidationError) as exc:
        services.user_save(
            actor=user_named("xiangshui_admin"),
            username="esc_user",
            org_unit=first_town_union("xiangshui"),
            roles=[city_scope],
            password="Lq8-tidy-harbour",
        )
    assert_invalid(exc, field="roles", code="scope_too_wide")
    assert not User.objects.filter(username="esc_user").exists()


def test_county_admin_cannot_create_users_outside_the_county(user_named):
    with pytest.raises(ValidationError) as exc:
        services.user_save(
            actor=user_named("xiangshui_admin"),
            username="esc_user",
            org_unit=first_town_union("sheyang"),
            roles=[Role.objects.get(code="town_cadre")],
            password="Lq8-tidy-harbour",
        )
    assert_invalid(exc, field="org_unit", code="out_of_scope")
    assert not User.objects.filter(username="esc_user").exists()


def test_county_admin_cannot_take_over_another_countys_user(user_named):
    victim = user_named("sheyang_town")
    with pytest.raises(ValidationError) as exc:
        services.user_save(
            actor=user_named("xiangshui_admin"),
            user=victim,
            username=victim.username,
            org_unit=first_town_union("xiangshui"),
            roles=[],
        )
    assert_invalid(exc, code="out_of_scope")
    victim.refresh_from_db()
    assert victim.org_unit == first_town_union("sheyang")
    assert victim.roles.filter(code="town_cadre").exists()


def test_a_weak_password_is_refused_on_the_password_field(user_named):
    with pytest.raises(ValidationError) as exc:
        services.user_save(
            actor=user_named("xiangshui_admin"),
            username="weak_pw",
            org_unit=first_town_union("xiangshui"),
            roles=[],
            password="1234567890",
        )
    assert_invalid(exc, field="password", code="password_entirely_numeric")
    assert not User.objects.filter(username="weak_pw").exists()


def test_county_admin_creates_a_town_cadre_in_the_county(user_named):
    user = services.user_save(
        actor=user_named("xiangshui_admin"),
        username="xs_new_cadre",
        full_name="新干部",
        org_unit=first_town_union("xiangshui"),
        roles=[Role.objects.get(code="town_cadre")],
        password="Lq8-tidy-harbour",
    )
    assert user.check_password("Lq8-tidy-harbour")
    assert user.scope_display == f"{first_town_union('xiangshui').name}及以下"


def test_role_and_permission_changes_are_audited(user_named):
    from unionhub.core.models import ChangeRecord

    admin = user_named("xiangshui_admin")
    role = _role(admin)
    entry = ChangeRecord.objects.filter(model_name="role", object_id=str(role.pk)).latest("id")
    assert entry.changes["permissions"] == [None, ["org.view_orgunit"]]
    user = services.user_save(
        actor=admin,
        username="xs_audit",
        org_unit=first_town_union("xiangshui"),
        roles=[role],
        password="Lq8-tidy-harbour",
    )
    services.user_save(
        actor=admin, user=user, username="xs_audit", org_unit=user.org_unit, roles=[]
    )
    entry = ChangeRecord.objects.filter(model_name="user", object_id=str(user.pk)).latest("id")
    assert entry.changes["roles"] == [["测试角色"], []]


# --- through the pages -----------------------------------------------------------------


def test_role_form_offers_only_permissions_the_admin_holds(client_as, user_named):
    client = client_as("xiangshui_admin")
    form = client.get(reverse("accounts:role_add")).context["form"]
    offered = {
        f"{p.content_type.app_label}.{p.codename}" for p in form.fields["permissions"].queryset
    }
    assert offered <= user_named("xiangshui_admin").get_all_permissions()
    assert "org.add_region" not in offered and "accounts.view_personal_data" in offered
    lacking = permissions_matching(["org.add_region"])[0]
    response = client.post(
        reverse("accounts:role_add"),
        {
            "name": "越权角色",
            "code": "escalate",
            "data_scope": "subtree",
            "permissions": [lacking.pk],
        },
    )
    assert response.status_code == 200
    assert form_error_codes(response.context["form"]) == {"permissions": ["invalid_choice"]}
    assert not Role.objects.filter(code="escalate").exists()


def test_role_form_refuses_the_whole_city_scope(client_as):
    response = client_as("xiangshui_admin").post(
        reverse("accounts:role_add"), {"name": "全市", "code": "whole-city", "data_scope": "all"}
    )
    assert response.status_code == 200
    assert form_error_codes(response.context["form"]) == {"data_scope": ["scope_too_wide"]}
    assert not Role.objects.filter(code="whole-city").exists()


def test_user_form_refuses_another_county(client_as):
    response = client_as("xiangshui_admin").post(
        reverse("accounts:user_add"),
        {
            "username": "cross_county",
            "full_name": "跨县",
            "org_unit": first_town_union("sheyang").pk,
            "roles": [Role.objects.get(code="town_cadre").pk],
            "password": "Lq8-tidy-harbour",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert form_error_codes(response.context["form"]) == {"org_unit": ["invalid_choice"]}
    assert not User.objects.filter(username="cross_county").exists()
