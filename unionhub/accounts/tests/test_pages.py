"""User and role management pages (issue 3): lists with roles and data scope, the
permission matrix grouped by module, usable by county admins inside their county."""

from __future__ import annotations

import pytest
from django.urls import reverse

from unionhub.accounts.forms import MATRIX_ACTIONS
from unionhub.accounts.models import Role, User
from unionhub.accounts.services import permissions_matching
from unionhub.org.demo import county_union, first_town_union

pytestmark = pytest.mark.django_db


def test_user_list_shows_roles_and_scope_of_the_county_only(client_as):
    response = client_as("xiangshui_admin").get(reverse("accounts:user_list"), {"page_size": 500})
    users = {u.username: u for u in response.context["object_list"]}
    assert {"xiangshui_admin", "xiangshui_town"} <= set(users)
    assert "sheyang_admin" not in users and "city_admin" not in users
    html = response.content.decode()
    assert "县级工会管理员" in html and "镇街工会干部" in html
    assert "响水县总工会及以下" in html
    assert f"{first_town_union('xiangshui').name}及以下" in html


def test_user_list_query_count_does_not_grow(client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("city_admin")
    client.get(reverse("accounts:user_list"))  # the first request after login saves the session
    counts = []
    for size in (2, 200):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("accounts:user_list"), {"page_size": size}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_user_search(client_as):
    response = client_as("city_admin").get(reverse("accounts:user_list"), {"q": "响水"})
    names = {u.username for u in response.context["object_list"]}
    assert "xiangshui_admin" in names and "sheyang_admin" not in names


def test_user_detail_shows_roles_and_the_resulting_scope(client_as, user_named):
    target = user_named("xiangshui_town")
    html = (
        client_as("xiangshui_admin")
        .get(reverse("accounts:user", args=[target.pk]))
        .content.decode()
    )
    assert 'data-testid="user-roles"' in html and "镇街工会干部" in html
    assert f"{first_town_union('xiangshui').name}及以下" in html


def test_county_admin_creates_and_edits_a_user(client_as):
    client = client_as("xiangshui_admin")
    form = client.get(reverse("accounts:user_add")).context["form"]
    units = set(form.fields["org_unit"].queryset.values_list("code", flat=True))
    assert "320921" in units and "320924" not in units
    roles = {r.code for r in form.fields["roles"].queryset}
    assert {"town_cadre", "county_admin"} <= roles
    town = first_town_union("xiangshui")
    cadre = Role.objects.get(code="town_cadre")
    response = client.post(
        reverse("accounts:user_add"),
        {
            "username": "xs_page_user",
            "full_name": "页面新增",
            "org_unit": town.pk,
            "roles": [cadre.pk],
            "password": "Lq8-tidy-harbour",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(username="xs_page_user")
    assert user.check_password("Lq8-tidy-harbour") and list(user.roles.all()) == [cadre]
    response = client.post(
        reverse("accounts:user_edit", args=[user.pk]),
        {"username": "xs_page_user", "full_name": "页面修改", "org_unit": town.pk, "roles": []},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "页面修改" and not user.is_active and not user.roles.exists()
    assert user.check_password("Lq8-tidy-harbour")  # empty password field keeps it


def test_new_user_needs_a_password_that_follows_the_rules(client_as):
    response = client_as("xiangshui_admin").post(
        reverse("accounts:user_add"),
        {
            "username": "weak",
            "org_unit": first_town_union("xiangshui").pk,
            "password": "1234567890",
        },
    )
    assert response.status_code == 200
    assert "密码" in str(response.context["form"].errors)
    assert not User.objects.filter(username="weak").exists()


def test_role_matrix_is_grouped_by_module_with_action_columns(client_as):
    html = client_as("city_admin").get(reverse("accounts:role_add")).content.decode()
    assert 'data-testid="permission-matrix"' in html
    for label in ("查看", "新增", "编辑", "删除", "导入", "导出", "审核", "查看个人信息"):
        assert f">{label}<" in html
    assert "工会组织" in html and "账号与角色" in html


def test_matrix_cells_are_the_right_permissions(client_as):
    form = client_as("city_admin").get(reverse("accounts:role_add")).context["form"]
    matrix = form.permission_matrix()
    columns = [code for code, _label in MATRIX_ACTIONS]
    org = next(m for m in matrix if m["label"] == "组织机构")
    unit_row = next(r for r in org["rows"] if r["label"] == "工会组织")
    view = unit_row["cells"][columns.index("view")]
    assert view is not None and "view" in view["name"].lower() or "查看" in view["name"]
    accounts = next(m for m in matrix if m["label"] == "账号与角色")
    user_row = next(r for r in accounts["rows"] if r["label"] == "用户")
    assert user_row["cells"][columns.index("view_personal_data")] is not None
    assert user_row["cells"][columns.index("import")] is None


def test_county_admin_creates_a_role_with_the_matrix(client_as, user_named):
    client = client_as("xiangshui_admin")
    perms = permissions_matching(["org.view_orgunit", "accounts.view_user"])
    response = client.post(
        reverse("accounts:role_add"),
        {
            "name": "镇街查看员",
            "code": "xs-viewer",
            "description": "只读",
            "data_scope": "custom",
            "custom_units": [first_town_union("xiangshui").pk],
            "permissions": [p.pk for p in perms],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    role = Role.objects.get(code="xs-viewer")
    assert set(role.permissions.all()) == set(perms)
    assert role.org_unit == county_union("xiangshui")
    detail = client.get(reverse("accounts:role", args=[role.pk])).content.decode()
    assert 'data-testid="permission-matrix"' in detail and "checked" in detail
    # The edit form comes back with the same boxes ticked.
    form = client.get(reverse("accounts:role_edit", args=[role.pk])).context["form"]
    assert form.selected_permission_ids() == {p.pk for p in perms}


def test_built_in_roles_have_no_edit_button_and_no_edit_page(client_as):
    role = Role.objects.get(code="town_cadre")
    client = client_as("city_admin")
    html = client.get(reverse("accounts:role", args=[role.pk])).content.decode()
    assert reverse("accounts:role_edit", args=[role.pk]) not in html
    assert client.get(reverse("accounts:role_edit", args=[role.pk])).status_code == 404


def test_role_list_shows_built_in_roles_and_own_county_roles(client_as, user_named):
    from unionhub.accounts.services import role_save

    role_save(
        actor=user_named("sheyang_admin"),
        name="射阳专用",
        code="sy-only",
        data_scope="subtree",
        permissions=[],
    )
    response = client_as("xiangshui_admin").get(reverse("accounts:role_list"))
    codes = {r.code for r in response.context["object_list"]}
    assert {"city_admin", "county_admin", "town_cadre", "worker"} <= codes
    assert "sy-only" not in codes
    assert "sy-only" in {
        r.code
        for r in client_as("sheyang_admin")
        .get(reverse("accounts:role_list"))
        .context["object_list"]
    }


def test_builtin_role_names_are_chinese():
    names = dict(Role.objects.filter(is_builtin=True).values_list("code", "name"))
    assert names == {
        "city_admin": "市总管理员",
        "county_admin": "县级工会管理员",
        "town_cadre": "镇街工会干部",
        "union_chair": "基层工会主席",
        "station_staff": "驿站工作人员",
        "worker": "职工",
        "system_admin": "系统管理员",
        "security_admin": "安全管理员",
        "audit_admin": "安全审计员",
        "screen_viewer": "大屏展示",
    }


def test_demo_accounts_and_their_scopes(user_named):
    from unionhub.org.demo import COUNTY_SLUGS

    assert user_named("city_admin").scope_display == "全部数据"
    for slug in COUNTY_SLUGS:
        admin = user_named(f"{slug}_admin")
        assert admin.org_unit == county_union(slug)
        assert admin.has_perm("accounts.view_personal_data")
        town = user_named(f"{slug}_town")
        assert town.org_unit == first_town_union(slug)
        assert not town.has_perm("accounts.view_personal_data")


def test_builtin_role_names_stay_chinese_after_migrate():
    """``migrate`` runs with translations off; the post-migrate refresh must not store the
    English source names."""
    from django.utils.translation import override

    from unionhub.accounts.services import ensure_builtin_roles

    with override(None):
        ensure_builtin_roles(actor=None)
    assert Role.objects.get(code="county_admin").name == "县级工会管理员"


def test_permission_names_in_the_matrix_are_chinese(client_as):
    """Issue #21: the role matrix showed Django's stored English names ("Can add …",
    "Can accept a credit code…")."""
    import re

    page = client_as("city_admin").get(reverse("accounts:role_add")).content.decode()
    html = page[page.index('data-testid="permission-matrix"') :]
    names = re.findall(r'aria-label="([^"]*)"', html) + re.findall(
        r'<span class="form-check-label">([^<]*)</span>', html
    )
    assert names
    english = [n for n in names if re.search(r"\bCan\b|[A-Za-z]{4,}", n)]
    assert not english, english[:10]
    assert 'aria-label="新增企业"' in html
    assert "可以接受" in html or "校验" in html  # the custom override_uscc permission
