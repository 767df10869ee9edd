"""Demo accounts (contract.md): city_admin, <county>_admin, <county>_town, and the three
administrators of 三员分立 (city_sysadmin, city_secadmin, city_auditor) and the hall's big
screen (city_screen). Idempotent."""

from __future__ import annotations

from django.utils import timezone

from unionhub.accounts import services
from unionhub.accounts.models import Role, User
from unionhub.org.demo import CITY_UNION_CODE, COUNTY_SLUGS, county_union, first_town_union
from unionhub.org.models import OrgUnit

DEMO_PASSWORD = "Demo-2026!"


def ensure_user(username: str, full_name: str, org_unit: OrgUnit, role_codes: list[str]) -> User:
    """Create the demo user once; later runs keep its password and refresh org and roles."""
    roles = list(Role.objects.filter(code__in=role_codes))
    user = User.objects.filter(username=username).first()
    saved = services.user_save(
        actor=None,
        user=user,
        username=username,
        full_name=full_name,
        org_unit=org_unit,
        roles=roles,
        password=None if user else DEMO_PASSWORD,
    )
    # The demo is shown long after it was loaded: its accounts are never sent to the
    # password-change page on their first login (PASSWORD_MAX_AGE_DAYS).
    User.objects.filter(pk=saved.pk).update(password_changed_at=timezone.now())
    saved.password_changed_at = timezone.now()
    return saved


def load(stdout=None) -> None:
    services.ensure_builtin_roles(actor=None)
    ensure_user(
        "city_admin", "市总管理员", OrgUnit.objects.get(code=CITY_UNION_CODE), ["city_admin"]
    )
    city = OrgUnit.objects.get(code=CITY_UNION_CODE)
    # 三员: three people, one duty each (docs/security.md).
    ensure_user("city_sysadmin", "系统管理员", city, ["system_admin"])
    ensure_user("city_secadmin", "安全管理员", city, ["security_admin"])
    ensure_user("city_auditor", "安全审计员", city, ["audit_admin"])
    # The big screen of the city federation's hall (read-only, the data cockpit only).
    ensure_user("city_screen", "市总大厅大屏", city, ["screen_viewer"])
    for slug in COUNTY_SLUGS:
        county = county_union(slug)
        ensure_user(f"{slug}_admin", f"{county.short_name}管理员", county, ["county_admin"])
        town = first_town_union(slug)
        if town is not None:
            ensure_user(f"{slug}_town", f"{town.short_name}工会干部", town, ["town_cadre"])
    if stdout:
        stdout.write(f"  账号：{User.objects.count()} 个（密码 {DEMO_PASSWORD}）")
