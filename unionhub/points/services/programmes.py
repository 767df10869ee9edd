"""Programmes and what hangs on them: the catalogue (categories, items, benefit tiers), the
rules document's versions, departments, rewards and the employees' accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit
from unionhub.points.choices import CapPeriod, Evidence, ExpiryPolicy
from unionhub.points.models import (
    BenefitTier,
    Department,
    ItemCategory,
    PointItem,
    PointsAccount,
    Programme,
    Reward,
    RulesVersion,
)
from unionhub.points.services._common import invalid, require_perm, require_visible, user_or_none

if TYPE_CHECKING:
    from unionhub.accounts.models import User

# The seed's catalogue (阜宁协鑫光伏 "小积分激发大能量"): category → items
# (code, name, min, max, cap count, cap period, evidence). The default template of a programme.
DEFAULT_TEMPLATE: list[tuple[str, list[tuple[str, str, int, int, int | None, str, str]]]] = [
    (
        "安全",
        [
            ("safety_snapshot", "安全随手拍", 2, 5, 8, CapPeriod.MONTH, Evidence.PHOTO),
            ("safety_activity", "安全主题活动", 5, 5, 4, CapPeriod.MONTH, Evidence.ATTENDANCE),
        ],
    ),
    (
        "改善创新",
        [
            ("suggestion", "合理化建议", 5, 20, 10, CapPeriod.MONTH, Evidence.DOCUMENT),
            ("tech_project", "技改项目", 20, 100, 4, CapPeriod.YEAR, Evidence.DOCUMENT),
            ("oit", "OIT改善", 10, 50, 6, CapPeriod.YEAR, Evidence.DOCUMENT),
            ("occ", "OCC改善", 10, 50, 6, CapPeriod.YEAR, Evidence.DOCUMENT),
        ],
    ),
    (
        "6S管理",
        [
            ("6s_snapshot", "6S随手拍", 1, 3, 8, CapPeriod.MONTH, Evidence.PHOTO),
            ("6s_improvement", "6S改善", 5, 20, 4, CapPeriod.MONTH, Evidence.PHOTO),
        ],
    ),
    (
        "质量",
        [
            ("kaizen_week", "改善周", 10, 10, 1, CapPeriod.YEAR, Evidence.ATTENDANCE),
            ("quality_month", "质量月", 10, 10, 1, CapPeriod.YEAR, Evidence.ATTENDANCE),
        ],
    ),
    ("文体", [("culture_sports", "文体活动", 3, 10, 4, CapPeriod.MONTH, Evidence.ATTENDANCE)]),
]

# Default benefit tiers for implemented suggestions (realized benefit in yuan → bonus points).
DEFAULT_TIERS: list[tuple[Decimal, int]] = [
    (Decimal("1"), 10),
    (Decimal("10000"), 30),
    (Decimal("100000"), 80),
    (Decimal("1000000"), 200),
]

AREA_FEDERATIONS = {OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION, OrgKind.TOWN_FEDERATION}


def _save(obj: models.Model, values: dict[str, Any], *, actor: User | None) -> None:
    """Set ``values`` on ``obj``, validate and save it, then recheck its scope (HackSoft's
    ``model_update`` with the recheck of every UnionHub write)."""
    for name, value in values.items():
        setattr(obj, name, value)
    if obj.pk is None and hasattr(obj, "created_by_id"):
        obj.created_by = user_or_none(actor)
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)


def _same_programme(obj: Any, programme: Programme, field: str, message: str) -> None:
    if obj is not None and obj.programme_id != programme.pk:
        raise invalid(field, message, "other_programme")


# --- programmes ---------------------------------------------------------------------------


def _check_union(union: OrgUnit, actor: User | None) -> None:
    if union.kind in AREA_FEDERATIONS:
        raise invalid(
            "union", _("A points programme belongs to a grassroots union."), "not_grassroots"
        )
    require_visible(union, actor)


@transaction.atomic
def programme_create(
    *,
    actor: User | None,
    union: OrgUnit,
    name: str,
    slogan: str = "",
    is_active: bool = True,
    with_default_catalogue: bool = True,
    expiry_policy: str = ExpiryPolicy.YEAR_END,
    expiry_years: int = 1,
) -> Programme:
    """A grassroots union's programme, with the seed's catalogue unless told otherwise."""
    require_perm(actor, "points.add_programme")
    _check_union(union, actor)
    programme = Programme()
    _save(
        programme,
        {
            "union": union,
            "name": name,
            "slogan": slogan,
            "is_active": is_active,
            "expiry_policy": expiry_policy,
            "expiry_years": expiry_years,
        },
        actor=actor,
    )
    if with_default_catalogue:
        catalogue_apply_default(actor=actor, programme=programme)
    return programme


@transaction.atomic
def programme_update(*, actor: User | None, programme: Programme, **values: Any) -> Programme:
    require_perm(actor, "points.change_programme")
    require_visible(programme, actor)
    if "union" in values and values["union"].pk != programme.union_id:
        _check_union(values["union"], actor)
    _save(programme, values, actor=actor)
    return programme


@transaction.atomic
def catalogue_apply_default(*, actor: User | None, programme: Programme) -> int:
    """Create the seed's categories, items and benefit tiers that are missing. Idempotent."""
    require_visible(programme, actor)
    created_by = user_or_none(actor)
    created = 0
    order = 0
    for c_index, (category_name, items) in enumerate(DEFAULT_TEMPLATE):
        category, _new = ItemCategory.objects.get_or_create(
            programme=programme,
            name=category_name,
            defaults={"order": c_index, "created_by": created_by},
        )
        for code, name, low, high, cap, period, evidence in items:
            order += 1
            _item, new = PointItem.objects.get_or_create(
                programme=programme,
                code=code,
                defaults={
                    "category": category,
                    "name": name,
                    "points_min": low,
                    "points_max": high,
                    "cap_count": cap,
                    "cap_period": period,
                    "evidence": evidence,
                    "order": order,
                    "created_by": created_by,
                },
            )
            created += int(new)
    if not programme.benefit_tiers.exists():
        for min_benefit, points in DEFAULT_TIERS:
            BenefitTier.objects.create(
                programme=programme, min_benefit=min_benefit, points=points, created_by=created_by
            )
    return created


@transaction.atomic
def rules_version_add(
    *,
    actor: User | None,
    programme: Programme,
    title: str,
    effective_from: dt.date,
    document: Any = None,
    summary: str = "",
) -> RulesVersion:
    """Attach a new version of the rules document; earlier versions are kept."""
    require_perm(actor, "points.add_rulesversion")
    require_visible(programme, actor)
    Programme.objects.select_for_update().get(pk=programme.pk)
    last = programme.rules_versions.aggregate(m=models.Max("version"))["m"] or 0
    version = RulesVersion(programme=programme, version=last + 1)
    values: dict[str, Any] = {
        "title": title,
        "effective_from": effective_from,
        "summary": summary,
    }
    if document is not None:
        values["document"] = document
    _save(version, values, actor=actor)
    return version


# --- catalogue items, departments, rewards -------------------------------------------


def check_pointitem(values: dict[str, Any], item: PointItem) -> None:
    """A range in order, and a category of the item's own programme."""
    low = values.get("points_min", item.points_min)
    high = values.get("points_max", item.points_max)
    if low and high and high < low:
        raise invalid("points_max", _("The maximum cannot be below the minimum."), "range_inverted")
    programme = values.get("programme") or (item.programme if item.programme_id else None)
    category = values.get("category") or (item.category if item.category_id else None)
    if programme is not None:
        _same_programme(
            category, programme, "category", _("The category belongs to another programme.")
        )


@transaction.atomic
def pointitem_create(*, actor: User | None, programme: Programme, **values: Any) -> PointItem:
    """A way to earn points in the programme's catalogue."""
    require_perm(actor, "points.add_pointitem")
    require_visible(programme, actor)
    item = PointItem(programme=programme)
    check_pointitem(values, item)
    _save(item, values, actor=actor)
    return item


@transaction.atomic
def pointitem_update(*, actor: User | None, item: PointItem, **values: Any) -> PointItem:
    require_perm(actor, "points.change_pointitem")
    require_visible(item, actor)
    check_pointitem(values, item)
    _save(item, values, actor=actor)
    return item


@transaction.atomic
def department_create(*, actor: User | None, programme: Programme, name: str) -> Department:
    require_perm(actor, "points.add_department")
    require_visible(programme, actor)
    department = Department(programme=programme)
    _save(department, {"name": name}, actor=actor)
    return department


@transaction.atomic
def department_update(*, actor: User | None, department: Department, **values: Any) -> Department:
    require_perm(actor, "points.change_department")
    require_visible(department, actor)
    _save(department, values, actor=actor)
    return department


@transaction.atomic
def reward_create(*, actor: User | None, programme: Programme, **values: Any) -> Reward:
    """A reward of the programme's redemption catalogue, with its stock."""
    require_perm(actor, "points.add_reward")
    require_visible(programme, actor)
    reward = Reward(programme=programme)
    _save(reward, values, actor=actor)
    return reward


@transaction.atomic
def reward_update(*, actor: User | None, reward: Reward, **values: Any) -> Reward:
    require_perm(actor, "points.change_reward")
    require_visible(reward, actor)
    _save(reward, values, actor=actor)
    return reward


# --- accounts -------------------------------------------------------------------------


@transaction.atomic
def account_open(
    *,
    actor: User | None,
    programme: Programme,
    user: Any,
    department: Department | None = None,
    employee_no: str = "",
) -> PointsAccount:
    """Open (or return) the user's account in the programme."""
    require_perm(actor, "points.add_pointsaccount")
    require_visible(programme, actor)
    account = PointsAccount.objects.filter(programme=programme, user=user).first()
    if account is not None:
        return account
    _same_programme(
        department, programme, "department", _("The department belongs to another programme.")
    )
    account = PointsAccount(programme=programme, user=user)
    _save(account, {"department": department, "employee_no": employee_no}, actor=actor)
    return account


@transaction.atomic
def account_update(*, actor: User | None, account: PointsAccount, **values: Any) -> PointsAccount:
    """Change an account's department or employee number (never its balance: that moves
    only with ledger entries)."""
    require_perm(actor, "points.change_pointsaccount")
    require_visible(account, actor)
    values.pop("balance", None)
    programme = values.get("programme", account.programme)
    if programme.pk != account.programme_id or values.get("user", account.user) != account.user:
        if account.entries.exists():
            raise invalid(
                "programme",
                _("An account with ledger entries cannot move to another programme or person."),
                "account_has_entries",
            )
    _same_programme(
        values.get("department", account.department),
        programme,
        "department",
        _("The department belongs to another programme."),
    )
    _save(account, values, actor=actor)
    return account
