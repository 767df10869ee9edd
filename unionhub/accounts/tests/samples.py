"""Scope-matrix and write-matrix samples of accounts (unionhub/core/testing/)."""

from unionhub.accounts import services
from unionhub.accounts.models import Role, User
from unionhub.org.demo import county_union, first_town_union

_SEQ = {"n": 0}


def _next() -> int:
    _SEQ["n"] += 1
    return _SEQ["n"]


def user_in(slug: str) -> User:
    """A cadre account of the county's first town (not the county's admin: the write
    matrix edits it)."""
    username = f"{slug}_sample_cadre"
    return services.user_save(
        actor=None,
        user=User.objects.filter(username=username).first(),
        username=username,
        full_name=f"{slug} 样本干部",
        org_unit=first_town_union(slug),
        roles=list(Role.objects.filter(code="town_cadre")),
    )


def role_in(slug: str) -> Role:
    role, _ = Role.objects.get_or_create(
        code=f"{slug}-inspector",
        defaults={"name": f"{slug} 检查员", "org_unit": county_union(slug)},
    )
    return role


def user_form(slug: str) -> dict:
    """A town cadre in the county's first town."""
    n = _next()
    return {
        "username": f"wm_{slug}_{n}",
        "full_name": f"矩阵用户{n}",
        "org_unit": first_town_union(slug).pk,
        "roles": [Role.objects.get(code="town_cadre").pk],
        "password": "Lq8-tidy-harbour",
        "is_active": "on",
    }


def role_form(slug: str) -> dict:
    """A role whose custom scope is the county's first town: another county's
    organisation is refused (an admin's own roles have no other parent)."""
    from unionhub.accounts.selectors import permissions_matching

    n = _next()
    return {
        "name": f"矩阵角色{n}",
        "code": f"wm-{slug}-{n}",
        "description": "",
        "data_scope": "custom",
        "custom_units": [first_town_union(slug).pk],
        "permissions": [p.pk for p in permissions_matching(["org.view_orgunit"])],
    }


SAMPLES = {User: user_in, Role: role_in}
FORM_DATA = {User: user_form, Role: role_form}

# Account-security pages (docs/security.md): each acts on the caller's own account, or —
# the user security page — needs ``accounts.manage_security``, which county administrators
# lack (403 inside their county too); accounts/tests/test_account_security.py covers them.
WRITE_EXEMPT = {
    "accounts:login_otp": "second step of the login form",
    "accounts:otp": "the caller's own second factor",
    "accounts:display": "the caller's own display preference (large font)",
    "accounts:session_revoke": "the caller's own sessions",
    "accounts:tokens": "the caller's own API tokens",
    "accounts:user_security_action": (
        "security administrator only (county administrators get 403 everywhere); "
        "test_account_security.py"
    ),
}
