"""Built-in roles (内置角色) and the permissions each module grants them.

Modules extend a built-in role from their ``AppConfig.ready`` with ``grant(code, patterns)``;
``ensure_builtin_roles`` (run after every migrate) writes them to the database.
Patterns: ``"app.codename"``, ``"app.*"`` (every permission of the app) or
``"app.view_*"`` (a prefix)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from unionhub.core.scope import ScopeKind


@dataclass
class BuiltinRole:
    code: str
    name: object
    data_scope: str
    description: object = ""
    patterns: list[str] = field(default_factory=list)


BUILTIN_ROLES: dict[str, BuiltinRole] = {
    r.code: r
    for r in [
        BuiltinRole(
            "city_admin",
            _("City federation administrator"),
            ScopeKind.ALL,
            _("盐城市总工会: the whole city, every module."),
            ["core.*", "org.*", "accounts.*"],
        ),
        BuiltinRole(
            "county_admin",
            _("County union administrator"),
            ScopeKind.SUBTREE,
            _("A county-level union: its county and everything below it."),
            [
                "core.view_changerecord",
                "org.view_region",
                "org.*_orgunit",
                "accounts.*_user",
                "accounts.*_role",
                "accounts.view_personal_data",
            ],
        ),
        BuiltinRole(
            "town_cadre",
            _("Town / street union cadre"),
            ScopeKind.SUBTREE,
            _("A town or street union: its town and everything below it; no personal data."),
            ["core.view_changerecord", "org.view_region", "org.view_orgunit", "accounts.view_user"],
        ),
        BuiltinRole(
            "union_chair",
            _("Grassroots union chair"),
            ScopeKind.SUBTREE,
            _("An enterprise or other grassroots union: its own organisation."),
            ["org.view_orgunit"],
        ),
        BuiltinRole(
            "station_staff",
            _("Station staff"),
            ScopeKind.SUBTREE,
            _("Staff of an outdoor-worker service station."),
            [],
        ),
        # 三员分立 (GB/T 22239-2019 level 3): the system, security and audit administrators.
        # One account holds at most one of them (``SEPARATED_DUTIES``, accounts.services).
        BuiltinRole(
            "system_admin",
            _("System administrator"),
            ScopeKind.ALL,
            _(
                "三员 — accounts and the organisation tree; hands out no roles, reads no audit trail."
            ),
            [
                "org.*",
                "accounts.view_user",
                "accounts.add_user",
                "accounts.change_user",
                "accounts.view_role",
            ],
        ),
        BuiltinRole(
            "security_admin",
            _("Security administrator"),
            ScopeKind.ALL,
            _("三员 — roles and their permissions, security settings; manages no accounts' data."),
            [
                "accounts.view_user",
                "accounts.*_role",
                "accounts.manage_security",
                "core.view_exportrequest",
            ],
        ),
        BuiltinRole(
            "audit_admin",
            _("Audit administrator"),
            ScopeKind.ALL,
            _(
                "三员 — reads and verifies the audit trail of everyone, the other two included; changes nothing."
            ),
            [
                "core.view_changerecord",
                "core.verify_changerecord",
                "accounts.view_user",
                "accounts.view_role",
            ],
        ),
        # The union hall's big screen (数据驾驶舱): one permission, granted by the dashboards
        # module; every other page and API refuses the account, and nothing is written.
        BuiltinRole(
            "screen_viewer",
            _("Big-screen display"),
            ScopeKind.SUBTREE,
            _("A display in a union hall: the data cockpit of its own region, aggregates only."),
            [],
        ),
        BuiltinRole(
            "worker",
            _("Worker"),
            ScopeKind.OWN,
            _("A union member using the platform for themself."),
            [],
        ),
    ]
}


#: built-in roles no account may combine (三员分立)
SEPARATED_DUTIES = ("system_admin", "security_admin", "audit_admin")


def grant(code: str, patterns: list[str]) -> None:
    """Give the built-in role ``code`` more permissions."""
    BUILTIN_ROLES[code].patterns.extend(patterns)


def grant_declared(_config, grants: dict[str, list[str]]) -> None:
    """``consume("role_grants", ...)``: a module's ``role_grants = {role: [patterns]}``."""
    for code, patterns in grants.items():
        grant(code, list(patterns))
