"""Reads about accounts: resolved data scope, visible users and roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import CharField, F, IntegerField, Q, QuerySet, Value
from django.utils.translation import gettext as _

from unionhub.accounts.models import Role, User
from unionhub.core.scope import Scope, ScopeKind, scope_for
from unionhub.org.models import OrgUnit


@dataclass(frozen=True)
class Authz:
    """What one user may do and see, read once per request: their roles' ids and data-scope
    kinds, and every permission (``app_label.codename``) of the roles and of the user."""

    role_scopes: dict[int, str]
    permissions: frozenset[str]


_AUTHZ_ATTR = "_unionhub_authz"


def user_authz(user: User) -> Authz:
    """Roles and permissions in ONE query (a UNION of the roles with their permissions and
    the user's own permissions), cached on the user object for the request."""
    cached = getattr(user, _AUTHZ_ATTR, None)
    if cached is not None:
        return cached
    by_role = (
        Role.objects.filter(users=user)
        .order_by()
        .values_list(
            "pk",
            "data_scope",
            F("permissions__content_type__app_label"),
            F("permissions__codename"),
        )
    )
    direct = (
        Permission.objects.filter(user=user)
        .order_by()
        .values_list(
            Value(None, output_field=IntegerField()),
            Value(None, output_field=CharField()),
            "content_type__app_label",
            "codename",
        )
    )
    role_scopes: dict[int, str] = {}
    permissions: set[str] = set()
    for role_id, kind, app_label, codename in by_role.union(direct, all=True):
        if role_id is not None:
            role_scopes[role_id] = kind
        if codename is not None:
            permissions.add(f"{app_label}.{codename}")
    authz = Authz(role_scopes=role_scopes, permissions=frozenset(permissions))
    setattr(user, _AUTHZ_ATTR, authz)
    return authz


def forget_authz(user: Any) -> None:
    """Drop the cached roles and permissions (after a user's roles change in a request)."""
    for attr in (_AUTHZ_ATTR, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def user_scope_resolve(*, user: User) -> Scope:
    """Union of the scopes of all the user's roles: the widest wins."""
    scope = Scope()
    # The organisation and its region come with the user (RoleBackend.get_user).
    unit = user.org_unit if user.org_unit_id else None
    kinds = user_authz(user).role_scopes
    if ScopeKind.ALL in kinds.values():
        return Scope(everything=True)
    custom_roles = [pk for pk, kind in kinds.items() if kind == ScopeKind.CUSTOM]
    custom_units = (
        list(
            OrgUnit.objects.filter(
                pk__in=Role.custom_units.through.objects.filter(role_id__in=custom_roles).values(
                    "orgunit_id"
                )
            ).select_related("region")
        )
        if custom_roles
        else []
    )
    for kind in set(kinds.values()):
        if kind == ScopeKind.OWN:
            scope.owner_id = user.pk
        elif kind == ScopeKind.CUSTOM:
            for custom in custom_units:
                scope.org_subtrees.add(custom.path)
                if custom.is_area_union:
                    scope.region_subtrees.add(custom.region.path)
        elif unit is not None and kind == ScopeKind.SUBTREE:
            scope.org_subtrees.add(unit.path)
            if unit.is_area_union:
                scope.region_subtrees.add(unit.region.path)
        elif unit is not None and kind == ScopeKind.UNIT:
            scope.org_units.add(unit.path)
            if unit.is_area_union:
                scope.region_units.add(unit.region.path)
    return scope


def role_scope_label(*, org_unit: Any, kinds: set[str]) -> str:
    """Words for the data scope that roles of ``kinds`` give a user of ``org_unit``:
    “全部数据”, “响水县总工会及以下”, “……（仅本级）”, “自定义组织”, “仅本人”."""
    if ScopeKind.ALL in kinds:
        return _("All data")
    parts: list[str] = []
    name = getattr(org_unit, "name", None)
    if ScopeKind.SUBTREE in kinds and name:
        parts.append(_("%(org)s and below") % {"org": name})
    elif ScopeKind.UNIT in kinds and name:
        parts.append(_("%(org)s only") % {"org": name})
    if ScopeKind.CUSTOM in kinds:
        parts.append(_("Custom organisations"))
    if ScopeKind.OWN in kinds:
        parts.append(_("Own records only"))
    return "、".join(parts) if parts else _("No data")


def user_scope_label(*, user: Any) -> str:
    """A short sentence for the top bar: whose data the user sees."""
    scope = scope_for(user)
    if scope.everything:
        return _("All data")
    if scope.is_empty:
        return _("No data")
    if user.is_superuser:
        return _("All data")
    kinds = set(user_authz(user).role_scopes.values())
    return role_scope_label(org_unit=getattr(user, "org_unit", None), kinds=kinds)


def user_list(*, user: User) -> QuerySet[User]:
    return (
        User.objects.visible_to(user)
        .select_related("org_unit")
        .prefetch_related("roles")
        .order_by("org_unit__path", "username")
    )


def role_list(*, user: User) -> QuerySet[Role]:
    """Built-in roles plus the roles defined inside the user's scope."""
    scope = scope_for(user)
    if scope.everything:
        return Role.objects.all()
    visible = Role.objects.visible_to(user).values("pk")
    return Role.objects.filter(Q(is_builtin=True) | Q(pk__in=visible))


def perm_key(p: Permission) -> str:
    """``app_label.codename`` of a permission."""
    return f"{p.content_type.app_label}.{p.codename}"


def permissions_matching(patterns: Iterable[str]) -> list[Permission]:
    """Resolve ``app.codename`` / ``app.*`` / ``app.view_*`` / ``app.*_user`` patterns."""
    perms = list(Permission.objects.select_related("content_type"))
    chosen: dict[int, Permission] = {}
    for pattern in patterns:
        app, _sep, code = pattern.partition(".")
        for p in perms:
            if p.content_type.app_label != app:
                continue
            if (
                code == "*"
                or code == p.codename
                or (code.endswith("*") and p.codename.startswith(code[:-1]))
                or (code.startswith("*") and p.codename.endswith(code[1:]))
            ):
                chosen[p.pk] = p
    return list(chosen.values())
