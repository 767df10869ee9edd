"""Accounts and roles. A user belongs to one union organisation and holds roles; a role is
a set of permissions (菜单/按钮) plus a data scope (数据范围)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Permission, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    # Set by a security administrator for one account, beside the roles of OTP_REQUIRED_ROLES.
    otp_required = models.BooleanField(_("second factor required"), default=False)
    # 适老化: the person's own choice, kept with the account so every device shows it.
    large_font = models.BooleanField(_("large font"), default=False)

    scope_spec = ScopeSpec(org_path="org_unit__path", owner=None)
    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        permissions = [
            ("view_personal_data", _("Can view personal data unmasked")),
            ("manage_security", _("Can manage other accounts' sessions, tokens and second factor")),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def set_password(self, raw_password) -> None:
        """Every way of setting a password (forms, admin, ``user_save``, ``createsuperuser``)
        passes here: the expiry clock starts again. The history is written after the save by
        ``PasswordHistoryValidator.password_changed``."""
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

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


class PasswordHistory(models.Model):
    """The hash of a password a user had, so the last ``PASSWORD_HISTORY_COUNT`` cannot be
    reused. Only hashes, never the password."""

    audit_exclude = (
        "password hashes never enter the audit trail; the change itself is audited on the user"
    )

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(_("password"), max_length=128)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("password history")
        verbose_name_plural = _("password history")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class LoginRecord(models.Model):
    """One sign-in attempt: who, when, from which address and browser, and whether it
    succeeded (``/accounts/logins/`` shows a person their own)."""

    audit_exclude = "sign-ins are themselves a log (and the audit trail records them too)"

    class Method(models.TextChoices):
        WEB = "web", _("Web page")
        API = "api", _("API token")

    # A security log outlives the account (等保: logs kept ≥ 6 months): the username stays.
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="login_records",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    success = models.BooleanField(_("succeeded"), default=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default="web")

    class Meta:
        verbose_name = _("sign-in record")
        verbose_name_plural = _("sign-in records")
        ordering = ["-at", "-pk"]
        default_permissions = ()
        indexes = [models.Index(fields=["user", "ip", "at"], name="accounts_login_user_ip")]

    def __str__(self) -> str:
        return f"{self.username} {self.ip or '-'}"

    @property
    def browser_label(self) -> str:
        from unionhub.accounts.security import user_agent_label

        return user_agent_label(self.user_agent)


class UserSession(models.Model):
    """A signed-in browser session of a user (the Django session ``session_key``), with where
    it came from and when it was last seen (updated at most once a minute)."""

    audit_exclude = "touched on activity; revocations are audited on the user"

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="sessions"
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    created_at = models.DateTimeField(
        pgettext_lazy("session", "signed in at"), default=timezone.now
    )
    last_seen_at = models.DateTimeField(_("last seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-last_seen_at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user_id} {self.ip or '-'}"

    @property
    def browser_label(self) -> str:
        from unionhub.accounts.security import user_agent_label

        return user_agent_label(self.user_agent)


class ApiToken(models.Model):
    """An API token (``Authorization: Token <key>``). The key is not stored: it is the HMAC of
    ``salt`` under ``SECRET_KEY``, and requests are matched by its SHA-256 (``key_hash``), so
    a copy of the database alone yields no usable token. It expires
    ``API_TOKEN_MAX_AGE_HOURS`` after ``created_at``."""

    audit_exclude = (
        "token hashes never enter the audit trail; issue and revocation are audited on the user"
    )

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(_("key digest"), max_length=64, unique=True)
    prefix = models.CharField(_("key begins with"), max_length=8)
    salt = models.CharField(_("salt"), max_length=32)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @property
    def expires_at(self):
        from datetime import timedelta

        from django.conf import settings

        return self.created_at + timedelta(hours=settings.API_TOKEN_MAX_AGE_HOURS)
