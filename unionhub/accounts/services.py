"""Writes on accounts and roles. A county administrator can create users and roles only
inside their county and can never grant more than they hold (no privilege escalation)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from unionhub.accounts.models import Role, User
from unionhub.accounts.roles import BUILTIN_ROLES
from unionhub.core.audit import record_change
from unionhub.core.scope import ScopeKind, forget_scope, scope_for
from unionhub.org.models import OrgUnit


def _perm_key(p: Permission) -> str:
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


def ensure_builtin_roles() -> None:
    """Create or refresh the built-in roles with the permissions modules granted them.

    Names are stored in the site language: ``migrate`` runs with translations switched off,
    which would otherwise store the English source text."""
    for spec in BUILTIN_ROLES.values():
        with translation.override(settings.LANGUAGE_CODE):
            name, description = str(spec.name), str(spec.description)
        role, _created = Role.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": name,
                "description": description,
                "data_scope": spec.data_scope,
                "is_builtin": True,
            },
        )
        role.permissions.set(permissions_matching(spec.patterns))


def _check_not_escalating(
    *, actor: User, role: Role | None = None, perms=None, scope=None, custom_units=()
) -> None:
    """Refuse to hand out more than ``actor`` holds: permissions they lack, the whole-city
    scope when they do not have it, or custom organisations outside their scope."""
    if actor.is_superuser:
        return
    actor_scope = scope_for(actor)
    held = actor.get_all_permissions()
    perms = list(perms if perms is not None else role.permissions.select_related("content_type"))
    extra = sorted({_perm_key(p) for p in perms} - held)
    if extra:
        raise ValidationError(
            {
                "permissions": _("You cannot grant permissions you do not hold: %(p)s")
                % {"p": ", ".join(extra)}
            }
        )
    scope = scope if scope is not None else role.data_scope
    if scope == ScopeKind.ALL and not actor_scope.everything:
        raise ValidationError({"data_scope": _("You cannot grant the whole-city data scope.")})
    units = list(custom_units if role is None else role.custom_units.all())
    for unit in units:
        if not actor_scope.covers_org_path(unit.path):
            raise ValidationError(
                {"custom_units": _("“%(u)s” is outside your data scope.") % {"u": unit}}
            )


@transaction.atomic
def role_save(
    *,
    actor: User,
    name: str,
    code: str,
    data_scope: str,
    permissions: Iterable[Permission],
    custom_units: Iterable[OrgUnit] = (),
    description: str = "",
    role: Role | None = None,
) -> Role:
    perms, units = list(permissions), list(custom_units)
    if role is not None and role.is_builtin:
        raise ValidationError(_("Built-in roles cannot be edited."))
    if data_scope == ScopeKind.CUSTOM and not units:
        raise ValidationError({"custom_units": _("Choose at least one organisation.")})
    _check_not_escalating(actor=actor, perms=perms, scope=data_scope, custom_units=units)
    if role is not None and not actor.is_superuser:
        if not Role.objects.visible_to(actor).filter(pk=role.pk).exists():
            raise ValidationError(_("The role is outside your data scope."))
    before = _m2m_snapshot(role, ("permissions", "custom_units")) if role and role.pk else {}
    role = role or Role(org_unit=actor.org_unit)
    role.name, role.code, role.data_scope, role.description = name, code, data_scope, description
    role.full_clean(exclude=["permissions", "custom_units"])
    role.save()
    role.permissions.set(perms)
    role.custom_units.set(units if data_scope == ScopeKind.CUSTOM else [])
    _record_m2m(role, before, ("permissions", "custom_units"))
    return role


@transaction.atomic
def user_save(
    *,
    actor: User | None,
    username: str,
    org_unit: OrgUnit | None,
    roles: Iterable[Role],
    full_name: str = "",
    password: str | None = None,
    is_active: bool = True,
    user: User | None = None,
) -> User:
    """Create or update a user. ``actor=None`` is the system itself (``load_demo``)."""
    roles = list(roles)
    if actor is not None and not actor.is_superuser:
        actor_scope = scope_for(actor)
        if org_unit is None or not actor_scope.covers_org_path(org_unit.path):
            raise ValidationError({"org_unit": _("The organisation is outside your data scope.")})
        if user is not None and user.pk is not None:
            current = User.objects.select_related("org_unit").get(pk=user.pk)
            if current.org_unit is None or not actor_scope.covers_org_path(current.org_unit.path):
                raise ValidationError(_("The user is outside your data scope."))
        for role in roles:
            _check_not_escalating(actor=actor, role=role)
    before = _m2m_snapshot(user, ("roles",)) if user is not None and user.pk else {}
    user = user or User(username=username)
    user.username, user.full_name, user.org_unit, user.is_active = (
        username,
        full_name,
        org_unit,
        is_active,
    )
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    user.full_clean(exclude=["password", "roles"])
    user.save()
    user.roles.set(roles)
    _record_m2m(user, before, ("roles",))
    forget_scope(user)
    return user


def _m2m_snapshot(obj, names: tuple[str, ...]) -> dict[str, list[str]]:
    result = {}
    for name in names:
        qs = getattr(obj, name).all()
        if qs.model is Permission:
            result[name] = sorted(_perm_key(p) for p in qs.select_related("content_type"))
        else:
            result[name] = sorted(str(o) for o in qs)
    return result


def _record_m2m(obj, before: dict[str, list[str]], names: tuple[str, ...]) -> None:
    """Many-to-many changes (roles of a user, permissions of a role) are not seen by the
    save signals; record them here so privilege changes are in the audit trail."""
    after = _m2m_snapshot(obj, names)
    changes = {
        name: [before.get(name), after[name]]
        for name in names
        if before.get(name, []) != after[name]
    }
    if changes:
        record_change(obj=obj, action="update", changes=changes)
