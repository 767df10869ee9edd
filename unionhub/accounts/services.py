"""Writes on accounts and roles. A county administrator can create users and roles only
inside their county and can never grant more than they hold (no privilege escalation).

Every service takes keyword arguments only, the acting user first (``actor=None`` is the
system itself: ``migrate``, ``load_demo``), runs in a transaction and rechecks that what it
wrote is inside the actor's data scope. Refusals are ``ValidationError``s with a stable
``code`` on the field they concern:

==================  =====================  ============================================
field               code                   why
==================  =====================  ============================================
``permissions``     ``not_held``           a permission the actor does not hold
``data_scope``      ``scope_too_wide``     the whole-city scope, which the actor lacks
``custom_units``    ``out_of_scope``       an organisation outside the actor's scope
``custom_units``    ``required``           a custom scope without organisations
``roles``           ``not_held`` …         a role that gives more than the actor holds
``org_unit``        ``out_of_scope``       an organisation outside the actor's scope
``org_unit``        ``required``           a user without organisation
``password``        Django's codes         the password rules (``password_too_short`` …)
(none)              ``builtin``            built-in roles are maintained by the platform
(none)              ``out_of_scope``       the role or user edited is outside the scope
==================  =====================  ============================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from unionhub.accounts.models import Role, User
from unionhub.accounts.roles import BUILTIN_ROLES, SEPARATED_DUTIES
from unionhub.accounts.selectors import forget_authz, perm_key, permissions_matching
from unionhub.core.audit import record_change
from unionhub.core.scope import ScopeKind, forget_scope, scope_for
from unionhub.core.services import invalid as _invalid
from unionhub.org.models import OrgUnit

__all__ = [
    "ensure_builtin_roles",
    "permissions_matching",
    "role_save",
    "user_display_set",
    "user_save",
]


def ensure_builtin_roles(*, actor: User | None) -> None:
    """Create or refresh the built-in roles with the permissions modules granted them
    (the platform's own act after ``migrate``: ``actor=None``).

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
    *,
    actor: User,
    role: Role | None = None,
    perms: Iterable[Permission] | None = None,
    scope: str | None = None,
    custom_units: Iterable[OrgUnit] = (),
    field: str | None = None,
) -> None:
    """Refuse to hand out more than ``actor`` holds: permissions they lack, the whole-city
    scope when they do not have it, or custom organisations outside their scope. With a
    ``role`` (handed to a user), every refusal is put on ``field`` (``"roles"``)."""
    if actor.is_superuser:
        return
    actor_scope = scope_for(actor)
    held = actor.get_all_permissions()
    perms = list(perms if perms is not None else role.permissions.select_related("content_type"))
    extra = sorted({perm_key(p) for p in perms} - held)
    if extra:
        raise _invalid(
            field or "permissions",
            _("You cannot grant permissions you do not hold: %(p)s") % {"p": ", ".join(extra)},
            "not_held",
        )
    scope = scope if scope is not None else role.data_scope
    if scope == ScopeKind.ALL and not actor_scope.everything:
        raise _invalid(
            field or "data_scope",
            _("You cannot grant the whole-city data scope."),
            "scope_too_wide",
        )
    units = list(custom_units if role is None else role.custom_units.all())
    for unit in units:
        if not actor_scope.covers_org_path(unit.path):
            raise _invalid(
                field or "custom_units",
                _("“%(u)s” is outside your data scope.") % {"u": unit},
                "out_of_scope",
            )


def _check_separated_duties(roles: list[Role]) -> None:
    """三员分立: the system, security and audit administrators are three people."""
    duties = [r for r in roles if r.code in SEPARATED_DUTIES and r.is_builtin]
    if len(duties) > 1:
        raise _invalid(
            "roles",
            _(
                "One account cannot be both %(roles)s: the system, security and audit "
                "administrators must be different people."
            )
            % {"roles": _(" and ").join(str(r.name) for r in duties)},
            "separation_of_duties",
        )


def _visible(model: Any, obj: Any, actor: User | None) -> bool:
    if actor is None or actor.is_superuser:
        return True
    return model.objects.visible_to(actor).filter(pk=obj.pk).exists()


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
    """Create or edit a role defined by the actor's organisation: never more than the actor
    holds, never a built-in role, never another county's role."""
    perms, units = list(permissions), list(custom_units)
    if role is not None and role.is_builtin:
        raise _invalid(None, _("Built-in roles cannot be edited."), "builtin")
    if role is not None and role.pk and not _visible(Role, role, actor):
        raise _invalid(None, _("The role is outside your data scope."), "out_of_scope")
    if data_scope == ScopeKind.CUSTOM and not units:
        raise _invalid("custom_units", _("Choose at least one organisation."), "required")
    _check_not_escalating(actor=actor, perms=perms, scope=data_scope, custom_units=units)
    before = _m2m_snapshot(role, ("permissions", "custom_units")) if role and role.pk else {}
    role = role or Role(org_unit=actor.org_unit)
    role.name, role.code, role.data_scope, role.description = name, code, data_scope, description
    role.full_clean(exclude=["permissions", "custom_units"])
    role.save()
    role.permissions.set(perms)
    role.custom_units.set(units if data_scope == ScopeKind.CUSTOM else [])
    _record_m2m(role, before, ("permissions", "custom_units"), actor=actor)
    if not _visible(Role, role, actor):
        raise _invalid(None, _("The role would be outside your data scope."), "out_of_scope")
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
    """Create or update a user. ``actor=None`` is the system itself (``load_demo``).
    An administrator places users only inside their scope and hands out only roles that
    give no more than they hold."""
    roles = list(roles)
    _check_separated_duties(roles)
    if actor is not None and not actor.is_superuser:
        actor_scope = scope_for(actor)
        if user is not None and user.pk is not None:
            current = User.objects.select_related("org_unit").get(pk=user.pk)
            if current.org_unit is None or not actor_scope.covers_org_path(current.org_unit.path):
                raise _invalid(None, _("The user is outside your data scope."), "out_of_scope")
        if org_unit is None:
            raise _invalid("org_unit", _("Choose the organisation."), "required")
        if not actor_scope.covers_org_path(org_unit.path):
            raise _invalid(
                "org_unit", _("The organisation is outside your data scope."), "out_of_scope"
            )
        for role in roles:
            _check_not_escalating(actor=actor, role=role, field="roles")
    before = _m2m_snapshot(user, ("roles",)) if user is not None and user.pk else {}
    user = user or User(username=username)
    user.username, user.full_name, user.org_unit, user.is_active = (
        username,
        full_name,
        org_unit,
        is_active,
    )
    if password:  # None or "" keeps the stored password (a new user gets an unusable one)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.error_list}) from exc
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    user.full_clean(exclude=["password", "roles"])
    user.save()
    user.roles.set(roles)
    _record_m2m(user, before, ("roles",), actor=actor)
    forget_scope(user)
    forget_authz(user)
    if not _visible(User, user, actor):
        raise _invalid(None, _("The user would be outside your data scope."), "out_of_scope")
    return user


def _m2m_snapshot(obj, names: tuple[str, ...]) -> dict[str, list[str]]:
    result = {}
    for name in names:
        qs = getattr(obj, name).all()
        if qs.model is Permission:
            result[name] = sorted(perm_key(p) for p in qs.select_related("content_type"))
        else:
            result[name] = sorted(str(o) for o in qs)
    return result


def _record_m2m(
    obj, before: dict[str, list[str]], names: tuple[str, ...], *, actor: User | None
) -> None:
    """Many-to-many changes (roles of a user, permissions of a role) are not seen by the
    save signals; record them here so privilege changes are in the audit trail."""
    after = _m2m_snapshot(obj, names)
    changes = {
        name: [before.get(name), after[name]]
        for name in names
        if before.get(name, []) != after[name]
    }
    if changes:
        record_change(obj=obj, action="update", actor=actor, changes=changes)


@transaction.atomic
def user_display_set(*, actor: User, large_font: bool) -> User:
    """The person's own display preference (适老化 large-font mode), kept with the account
    so every page and every device shows it until switched off."""
    if actor.large_font != large_font:
        actor.large_font = large_font
        actor.save(update_fields=["large_font"])
        record_change(
            obj=actor,
            action="update",
            actor=actor,
            changes={"large_font": [not large_font, large_font]},
            note=_("Large font switched on") if large_font else _("Large font switched off"),
        )
    return actor
