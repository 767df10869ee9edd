"""Writes on the organisation trees. Paths are maintained here and nowhere else."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import ProtectedError, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from unionhub.core import audit
from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid as _invalid
from unionhub.org.choices import OrgKind, RegionKind, RegionLevel, TownCategory
from unionhub.org.models import OrgUnit, Region
from unionhub.org.selectors import orgunit_delete_blockers

if TYPE_CHECKING:
    from unionhub.accounts.models import User

DIVISIONS_CSV = Path(__file__).resolve().parent / "data" / "yancheng_divisions.csv"
CITY_CODE = "320900"
YANNAN_CODE = "3209YN"
YANNAN_NAME = "盐南高新区"
# Streets that statistically belong to 亭湖区 / 盐都区 but are administered by 盐南高新区
# (contract.md). They keep their statistical codes and move under the zone in the tree.
YANNAN_STREETS = ("320903050", "320903051", "320902050", "320902052")
STATISTICAL_ONLY = {"320971"}  # 盐城经济技术开发区: NBS code, not a GB/T 2260 division


def _town_category(code: str, name: str) -> str:
    if len(code) == 9 and 400 <= int(code[6:9]) <= 499:
        return TownCategory.SPECIAL  # NBS "类似乡级单位": farms, salt fields, parks
    if name.endswith("街道"):
        return TownCategory.STREET
    if name.endswith("镇"):
        return TownCategory.TOWN
    if name.endswith("乡"):
        return TownCategory.TOWNSHIP
    return TownCategory.OTHER


@dataclass
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None
    kind: str = RegionKind.ADMIN
    category: str = ""
    statistical_parent_code: str = ""


def _division_rows(csv_path: Path) -> list[RegionRow]:
    rows: list[RegionRow] = []
    with csv_path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code, name, level, parent = (
                rec["code"].strip(),
                rec["name"].strip(),
                rec["level"].strip(),
                rec["parent_code"].strip(),
            )
            if level == "city":
                rows.append(RegionRow(code, name, RegionLevel.CITY, None))
            elif level == "county":
                kind = RegionKind.STATISTICAL if code in STATISTICAL_ONLY else RegionKind.ADMIN
                rows.append(RegionRow(code, name, RegionLevel.COUNTY, parent, kind))
            elif level == "town":
                row = RegionRow(
                    code,
                    name,
                    RegionLevel.TOWN,
                    parent,
                    RegionKind.STATISTICAL,
                    _town_category(code, name),
                )
                if code in YANNAN_STREETS:
                    row.statistical_parent_code, row.parent_code = parent, YANNAN_CODE
                rows.append(row)
    # 盐南高新区 has no national code: an internal code that can never collide with one.
    rows.append(
        RegionRow(YANNAN_CODE, YANNAN_NAME, RegionLevel.COUNTY, CITY_CODE, RegionKind.FUNCTIONAL)
    )
    order = {RegionLevel.CITY: 0, RegionLevel.COUNTY: 1, RegionLevel.TOWN: 2}
    rows.sort(key=lambda r: order[r.level])  # parents before children (the sort is stable)
    return rows


def _check_in_scope(obj, actor: User | None, field: str | None, message: str) -> None:
    """The system (``actor=None``) sees everything; a person only their data scope."""
    if actor is not None and not object_visible_to(obj, actor):
        raise _invalid(field, message, "out_of_scope")


def _check_reference_editor(actor: User | None) -> None:
    """Regions are reference data (the national code tables): only the system or someone
    allowed to change them loads a code edition."""
    if actor is not None and not (
        actor.has_perm("org.add_region") and actor.has_perm("org.change_region")
    ):
        raise _invalid(None, _("You may not load region codes."), "permission_denied")


@transaction.atomic
def regions_load(*, actor: User | None, rows: Iterable[RegionRow]) -> dict[str, int]:
    """Create or update regions by code (idempotent; a later code edition loads over it).
    Parents must come before children in ``rows``."""
    _check_reference_editor(actor)
    existing = {r.code: r for r in Region.objects.all()}
    created = updated = 0
    for row in rows:
        parent = existing.get(row.parent_code) if row.parent_code else None
        if row.parent_code and parent is None and row.level != RegionLevel.CITY:
            raise _invalid(
                None,
                _("Region %(code)s: parent %(parent)s is unknown.")
                % {"code": row.code, "parent": row.parent_code},
                "unknown_parent",
            )
        region = existing.get(row.code)
        path = (parent.path if parent else "") + row.code + "/"
        values = {
            "name": row.name,
            "level": row.level,
            "kind": row.kind,
            "category": row.category,
            "parent": parent,
            "statistical_parent_code": row.statistical_parent_code,
        }
        if region is None:
            region = Region.objects.create(
                code=row.code, path=path, depth=path.count("/") - 1, **values
            )
            created += 1
        else:
            changed = [k for k, v in values.items() if getattr(region, k) != v]
            if changed or region.path != path:
                for k, v in values.items():
                    setattr(region, k, v)
                region.save()
                if region.path != path:
                    _rewrite_region_paths(region, path)
                updated += 1
        existing[row.code] = region
    return {"created": created, "updated": updated}


def regions_load_yancheng(*, actor: User | None = None) -> dict[str, int]:
    """Load the shipped 2023 edition of Yancheng's divisions. The system does this (demo
    loading, migrations of a new edition), so ``actor`` may be left out: it is ``None``."""
    return regions_load(actor=actor, rows=_division_rows(DIVISIONS_CSV))


def _rewrite_region_paths(region: Region, new_path: str) -> None:
    old_path = region.path
    if old_path == new_path:
        return
    (
        Region.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
        )
    )
    region.path = new_path
    region.depth = new_path.count("/") - 1
    Region.objects.filter(pk=region.pk).update(depth=region.depth)
    for child in Region.objects.filter(path__startswith=new_path).exclude(pk=region.pk):
        Region.objects.filter(pk=child.pk).update(depth=child.path.count("/") - 1)


# --- union organisations ---------------------------------------------------------------


def _org_path(parent: OrgUnit | None, pk: int) -> str:
    return (parent.path if parent else "") + f"{pk}/"


def _check_placement(*, actor: User | None, parent: OrgUnit | None, region: Region) -> None:
    """A person places units only under a parent and in a region of their own scope."""
    if parent is not None:
        _check_in_scope(
            parent, actor, "parent", _("The parent organisation is outside your data scope.")
        )
    _check_in_scope(region, actor, "region", _("The region is outside your data scope."))


def _check_written(unit: OrgUnit, actor: User | None) -> None:
    _check_in_scope(unit, actor, None, _("The organisation would be outside your data scope."))


@transaction.atomic
def orgunit_create(
    *,
    actor: User | None,
    name: str,
    code: str,
    kind: str,
    region: Region,
    parent: OrgUnit | None,
    short_name: str = "",
    is_active: bool = True,
) -> OrgUnit:
    """Create a union organisation under ``parent`` (only the city federation has none)."""
    if kind != OrgKind.CITY_FEDERATION and parent is None:
        raise _invalid(
            "parent", _("Only the city federation may have no parent."), "parent_required"
        )
    _check_placement(actor=actor, parent=parent, region=region)
    if parent is not None:
        _check_region_fits(unit_region=region, parent=parent)
    unit = OrgUnit(
        name=name,
        short_name=short_name,
        code=code,
        kind=kind,
        region=region,
        parent=parent,
        is_active=is_active,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    unit.path = "pending/"
    unit.full_clean(exclude=["path"])
    # The path holds the new id, so the row is finished after the insert; the audit entry
    # is written once it is complete (a "pending/" path would hide it from the county).
    audit.defer_audit(unit)
    unit.save()
    unit.path = _org_path(parent, unit.pk)
    unit.depth = unit.path.count("/") - 1
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    _check_written(unit, actor)
    audit.record_created(unit)
    return unit


def _check_region_fits(*, unit_region: Region, parent: OrgUnit) -> None:
    """An area union (county or town federation) governs its region: a unit placed under
    it must sit inside that region, otherwise the parent's users would not see it (and
    the old parent's users would keep seeing it through the region tree)."""
    if parent.is_area_union and not unit_region.path.startswith(parent.region.path):
        raise _invalid(
            "region",
            _("The region must lie inside “%(region)s”, the area of the parent organisation.")
            % {"region": parent.region},
            "region_outside_parent_area",
        )


@transaction.atomic
def orgunit_move(
    *,
    actor: User | None,
    unit: OrgUnit,
    new_parent: OrgUnit,
    region: Region | None = None,
) -> OrgUnit:
    """Move a unit (and everything below it) under ``new_parent``, optionally into a new
    ``region``. Records scoped through the unit follow it, because scope is computed from
    the paths rewritten here; users of the old parent no longer see the subtree."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    new_parent = OrgUnit.objects.select_related("region").get(pk=new_parent.pk)
    _check_written(unit, actor)
    if unit.kind == OrgKind.CITY_FEDERATION:
        raise _invalid(
            "parent", _("The city federation is the root and cannot move."), "root_cannot_move"
        )
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise _invalid(
            "parent",
            _("An organisation cannot be moved under itself or its own subordinate."),
            "cycle",
        )
    region = region or unit.region
    _check_placement(actor=actor, parent=new_parent, region=region)
    _check_region_fits(unit_region=region, parent=new_parent)
    old_path, old_region_id = unit.path, unit.region_id
    new_path = _org_path(new_parent, unit.pk)
    unit.parent = new_parent
    unit.region = region
    unit.save(update_fields=["parent", "region", "updated_at"])
    OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
    for child in OrgUnit.objects.filter(path__startswith=new_path).only("pk", "path"):
        OrgUnit.objects.filter(pk=child.pk).update(depth=child.path.count("/") - 1)
    if region.pk != old_region_id:
        # Units below that sat in the old area follow the unit into its new region, or the
        # old area's users would keep seeing them through the region tree.
        stray = (
            OrgUnit.objects.filter(path__startswith=new_path)
            .exclude(pk=unit.pk)
            .exclude(region__path__startswith=region.path)
        )
        for child in stray:
            child.region = region
            child.save(update_fields=["region", "updated_at"])
    unit.refresh_from_db()
    _check_written(unit, actor)
    return unit


@transaction.atomic
def orgunit_update(
    *,
    actor: User | None,
    unit: OrgUnit,
    name: str,
    code: str,
    kind: str,
    region: Region,
    parent: OrgUnit | None,
    short_name: str = "",
    is_active: bool = True,
) -> OrgUnit:
    """Change a unit's own fields (audited field by field) and, when the parent changes,
    move it with its subtree."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _check_written(unit, actor)
    if parent is None and unit.parent_id is not None:
        raise _invalid(
            "parent", _("Only the city federation may have no parent."), "parent_required"
        )
    moving = parent is not None and parent.pk != unit.parent_id
    if moving:
        unit = orgunit_move(actor=actor, unit=unit, new_parent=parent, region=region)
    elif region.pk != unit.region_id:
        _check_in_scope(region, actor, "region", _("The region is outside your data scope."))
        if parent is not None:
            _check_region_fits(unit_region=region, parent=parent)
    unit.name, unit.short_name, unit.code, unit.kind = name, short_name, code, kind
    unit.region, unit.is_active = region, is_active
    unit.full_clean()
    unit.save()
    _check_written(unit, actor)
    return unit


@transaction.atomic
def orgunit_delete(*, actor: User | None, unit: OrgUnit) -> None:
    """Delete a unit; refused with the reason when it has subordinates or records (checked
    for every relation, so a module whose foreign key cascades cannot lose data here)."""
    _check_written(unit, actor)
    reasons = orgunit_delete_blockers(unit=unit)
    if reasons:
        raise _invalid(
            None,
            _("“%(name)s” cannot be deleted: %(reasons)s.")
            % {"name": unit.name, "reasons": "；".join(reasons)},
            "delete_blocked",
        )
    try:
        unit.delete()
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects})
        raise _invalid(
            None,
            _("“%(name)s” is still referenced by: %(kinds)s.")
            % {"name": unit.name, "kinds": "、".join(kinds)},
            "protected",
        ) from exc
