"""Accounts and roles. A user belongs to one union organisation and holds roles; a role is
a set of permissions (菜单/按钮) plus a data scope (数据范围)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Permission, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.scope import ScopedQuerySet, ScopeKind, ScopeSpec
from unionhub.org.models import OrgUnit


class UserQuerySet(ScopedQuerySet):
    pass


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class Role(models.Model):
    """A named set of permissions with a data scope, e.g. 县级工会管理员 (本级及以下)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=50)
    description = models.CharField(_("description"), max_length=200, blank=True)
    permissions = models.ManyToManyField(
        Permission, verbose_name=_("permissions"), blank=True, related_name="roles"
    )
    data_scope = models.CharField(
        _("data scope"), max_length=10, choices=ScopeKind.choices, default=ScopeKind.SUBTREE
    )
    custom_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("custom organisations"),
        blank=True,
        related_name="+",
        help_text=_("For a custom data scope: each organisation counts with its subtree."),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("defined by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("The organisation whose administrators maintain this role."),
    )
    is_builtin = models.BooleanField(_("built-in"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Built-in roles (no org_unit) are visible to every administrator; see role_list.
    scope_spec = ScopeSpec(org_path="org_unit__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["-is_builtin", "name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in: a cadre of a union organisation, station staff or a worker."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="users")

    scope_spec = ScopeSpec(org_path="org_unit__path", owner=None)
    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        permissions = [("view_personal_data", _("Can view personal data unmasked"))]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def roles_display(self) -> str:
        """The role names, for lists (uses prefetched roles)."""
        return "、".join(r.name for r in self.roles.all())

    @property
    def scope_display(self) -> str:
        """The data scope the user's roles give, in words (uses prefetched roles)."""
        from unionhub.accounts.selectors import role_scope_label

        if self.is_superuser:
            return str(ScopeKind.ALL.label)
        return role_scope_label(
            org_unit=self.org_unit, kinds={r.data_scope for r in self.roles.all()}
        )
