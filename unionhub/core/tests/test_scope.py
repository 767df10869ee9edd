"""Data scope resolution (issue 3): roles are unioned and the widest wins; no role sees
nothing; ``own``, ``unit`` and ``custom`` scopes; the one queryset API everything uses."""

from __future__ import annotations

import pytest

from unionhub.accounts import services as account_services
from unionhub.accounts.models import Role, User
from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.core.models import ChangeRecord
from unionhub.core.scope import Scope, ScopedQuerySet, ScopeKind, ScopeSpec, forget_scope, scope_for
from unionhub.org.demo import county_union, first_town_union
from unionhub.org.models import OrgUnit, Region

pytestmark = pytest.mark.django_db


def _role(code: str, kind: str, units=()) -> Role:
    role, _created = Role.objects.get_or_create(
        code=code, defaults={"name": code, "data_scope": kind}
    )
    role.data_scope = kind
    role.save()
    role.custom_units.set(units)
    return role


def _user(username: str, unit: OrgUnit, roles) -> User:
    user = account_services.user_save(
        actor=None,
        user=User.objects.filter(username=username).first(),
        username=username,
        org_unit=unit,
        roles=roles,
        full_name=username,
    )
    forget_scope(user)
    return User.objects.get(pk=user.pk)


def _visible_units(user) -> set[str]:
    return set(OrgUnit.objects.visible_to(user).values_list("code", flat=True))


def test_county_admin_sees_the_county_subtree_only(user_named):
    visible = OrgUnit.objects.visible_to(user_named("xiangshui_admin"))
    county = county_union("xiangshui")
    assert set(visible) == set(OrgUnit.objects.filter(path__startswith=county.path))
    regions = Region.objects.visible_to(user_named("xiangshui_admin"))
    assert (
        regions.filter(code="320921001").exists()
        or regions.filter(code__startswith="320921").exists()
    )
    assert not regions.filter(code="320924").exists()


def test_city_admin_sees_everything(user_named):
    assert OrgUnit.objects.visible_to(user_named("city_admin")).count() == OrgUnit.objects.count()
    assert scope_for(user_named("city_admin")).everything


def test_user_without_roles_sees_nothing():
    user = _user("no_roles", county_union("jianhu"), [])
    assert scope_for(user).is_empty
    assert not OrgUnit.objects.visible_to(user).exists()
    assert not ChangeRecord.objects.visible_to(user).exists()
    assert user.scope_display == "无数据权限"


def test_anonymous_and_inactive_users_see_nothing(user_named):
    from django.contrib.auth.models import AnonymousUser

    assert not OrgUnit.objects.visible_to(AnonymousUser()).exists()
    assert not OrgUnit.objects.visible_to(None).exists()
    user = user_named("dongtai_admin")
    user.is_active = False
    forget_scope(user)
    assert not OrgUnit.objects.visible_to(user).exists()


def test_superuser_sees_everything():
    user = User.objects.create_superuser("root_test", password="Xk3-very-long-pass")
    assert OrgUnit.objects.visible_to(user).count() == OrgUnit.objects.count()


def test_roles_are_unioned_and_the_widest_wins():
    town = first_town_union("binhai")
    own = _role("t-own", ScopeKind.OWN)
    unit_only = _role("t-unit", ScopeKind.UNIT)
    subtree = _role("t-subtree", ScopeKind.SUBTREE)
    everything = _role("t-all", ScopeKind.ALL)

    user = _user("t_union_1", town, [own, unit_only])
    assert _visible_units(user) == {town.code}
    user = _user("t_union_1", town, [own, unit_only, subtree])
    below = set(OrgUnit.objects.filter(path__startswith=town.path).values_list("code", flat=True))
    assert _visible_units(user) == below
    # Own records are still visible on top of the subtree (the union, not the narrowest).
    user = _user("t_union_1", town, [own, subtree])
    assert scope_for(user).owner_id == user.pk and scope_for(user).org_subtrees == {town.path}
    user = _user("t_union_1", town, [own, everything])
    assert scope_for(user).everything


def test_unit_scope_excludes_subordinates():
    county = county_union("jianhu")
    user = _user("t_unit_only", county, [_role("t-unit", ScopeKind.UNIT)])
    assert _visible_units(user) == {county.code}
    assert user.scope_display == "仅建湖县总工会本级"


def test_own_scope_sees_only_own_records():
    worker = _user("t_own", first_town_union("funing"), [_role("t-own", ScopeKind.OWN)])
    with acting_as(worker):
        mine = record_change(obj=county_union("funing"), action="update", note="本人")
    other = record_change(obj=county_union("funing"), action="update", note="他人")
    visible = set(ChangeRecord.objects.visible_to(worker).values_list("pk", flat=True))
    assert mine.pk in visible and other.pk not in visible
    # OrgUnit has no owner column: an ``own`` scope sees no organisations.
    assert not OrgUnit.objects.visible_to(worker).exists()
    assert worker.scope_display == "仅本人"


def test_custom_scope_counts_each_chosen_unit_with_its_subtree():
    chosen = [county_union("sheyang"), first_town_union("dongtai")]
    role = _role("t-custom", ScopeKind.CUSTOM, chosen)
    user = _user("t_custom", county_union("jingkai"), [role])
    expected = set()
    for unit in chosen:
        expected |= set(
            OrgUnit.objects.filter(path__startswith=unit.path).values_list("code", flat=True)
        )
    assert _visible_units(user) == expected
    assert county_union("jingkai").code not in _visible_units(user)
    # Area unions in a custom scope also govern their region's records.
    assert Region.objects.visible_to(user).filter(code="320924").exists()
    assert user.scope_display == "自定义组织"


def test_custom_scope_plus_subtree_is_a_union():
    role = _role("t-custom2", ScopeKind.CUSTOM, [county_union("sheyang")])
    subtree = _role("t-subtree", ScopeKind.SUBTREE)
    user = _user("t_union_2", county_union("xiangshui"), [role, subtree])
    visible = _visible_units(user)
    assert {"320921", "320924"} <= visible and "320922" not in visible
    assert user.scope_display == "响水县总工会及以下、自定义组织"


def test_scope_is_resolved_once_per_request_object(user_named, django_assert_num_queries):
    user = user_named("xiangshui_admin")
    forget_scope(user)
    scope_for(user)
    with django_assert_num_queries(0):
        scope_for(user)
        OrgUnit.objects.visible_to(user)  # lazy: building the filter needs no query


def test_paths_do_not_rely_on_code_prefixes(user_named):
    """盐南高新区's streets keep 亭湖/盐都 statistical codes but belong to 盐南."""
    yannan = Region.objects.visible_to(user_named("yannan_admin"))
    yandu = Region.objects.visible_to(user_named("yandu_admin"))
    assert yannan.filter(code="320903050").exists()
    assert not yandu.filter(code="320903050").exists()
    assert (
        yandu.filter(code="320903001").exists() or yandu.filter(code__startswith="3209030").exists()
    )


def test_a_model_without_scope_spec_cannot_be_scoped(user_named):
    from django.contrib.auth.models import Permission

    class Plain(ScopedQuerySet):
        pass

    qs = Plain(model=Permission)
    with pytest.raises(TypeError):
        qs.visible_to(user_named("city_admin"))


@pytest.mark.parametrize(
    "scope, spec, expected",
    [
        (Scope(everything=True), ScopeSpec(org_path="union__path"), None),
        (
            Scope(org_subtrees={"1/2/", "1/2/5/"}),
            ScopeSpec(org_path="union__path"),
            "(OR: ('pk__in', []), ('union__path__startswith', '1/2/'))",
        ),
        (
            Scope(region_units={"320900/"}),
            ScopeSpec(region_path="region__path", owner=None),
            "(OR: ('pk__in', []), ('region__path__in', ['320900/']))",
        ),
        (
            Scope(owner_id=7),
            ScopeSpec(org_path="union__path"),
            "(OR: ('pk__in', []), ('created_by_id', 7))",
        ),
        (
            Scope(org_subtrees={"1/"}),
            ScopeSpec(region_path="region__path"),
            "(AND: ('pk__in', []))",
        ),
    ],
)
def test_scope_filter_table(scope, spec, expected):
    q = scope.q_for(spec)
    assert (None if q is None else str(q)) == expected


def _points_to_the_trees(model) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.is_relation
        and f.concrete
        and f.related_model in (OrgUnit, Region)
        and f.name != "created_by"
    ]


def test_every_model_hanging_on_the_trees_is_scoped():
    """A model with a foreign key to a region or a union organisation belongs somewhere, so
    it must say how it is scoped (``scope_spec`` + a ScopedQuerySet manager), or give the
    reason it needs none in ``scope_exempt``."""
    from django.apps import apps

    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("unionhub.") or not _points_to_the_trees(model):
            continue
        if getattr(model, "scope_exempt", None):
            continue
        spec = getattr(model, "scope_spec", None)
        manager_ok = hasattr(model._default_manager, "visible_to")
        if spec is None or not manager_ok:
            missing.append(f"{model._meta.label} ({', '.join(_points_to_the_trees(model))})")
    assert not missing, f"unscoped models: {missing}"
