"""Writes on the organisation trees. Paths are maintained here and nowhere else."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.functions import Concat, Substr
from django.db.models import Value
from django.utils.translation import gettext as _

from unionhub.org.choices import OrgKind, RegionKind, RegionLevel, TownCategory
from unionhub.org.models import OrgUnit, Region

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


@transaction.atomic
def regions_load(*, rows: Iterable[RegionRow]) -> dict[str, int]:
    """Create or update regions by code (idempotent; a later code edition loads over it).
    Parents must come before children in ``rows``."""
    existing = {r.code: r for r in Region.objects.all()}
    created = updated = 0
    for row in rows:
        parent = existing.get(row.parent_code) if row.parent_code else None
        if row.parent_code and parent is None and row.level != RegionLevel.CITY:
            raise ValidationError(
                _("Region %(code)s: parent %(parent)s is unknown.")
                % {"code": row.code, "parent": row.parent_code}
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


def regions_load_yancheng() -> dict[str, int]:
    return regions_load(rows=_division_rows(DIVISIONS_CSV))


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


@transaction.atomic
def orgunit_create(
    *,
    name: str,
    code: str,
    kind: str,
    region: Region,
    parent: OrgUnit | None,
    short_name: str = "",
    created_by=None,
) -> OrgUnit:
    if kind != OrgKind.CITY_FEDERATION and parent is None:
        raise ValidationError({"parent": _("Only the city federation may have no parent.")})
    unit = OrgUnit(
        name=name,
        short_name=short_name,
        code=code,
        kind=kind,
        region=region,
        parent=parent,
        created_by=created_by,
    )
    unit.path = "pending/"
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _org_path(parent, unit.pk)
    unit.depth = unit.path.count("/") - 1
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


@transaction.atomic
def orgunit_move(*, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move a unit (and everything below it) under ``new_parent``. Records scoped through
    the unit follow it, because scope is computed from the paths rewritten here."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": _("An organisation cannot be moved under itself or its own subordinate.")}
        )
    old_path = unit.path
    new_path = _org_path(new_parent, unit.pk)
    unit.parent = new_parent
    unit.save(update_fields=["parent", "updated_at"])
    OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
    for child in OrgUnit.objects.filter(path__startswith=new_path).only("pk", "path"):
        OrgUnit.objects.filter(pk=child.pk).update(depth=child.path.count("/") - 1)
    unit.refresh_from_db()
    return unit


@transaction.atomic
def orgunit_delete(*, unit: OrgUnit) -> None:
    """Delete a unit; refused with the reason when it has subordinates or records."""
    if unit.children.exists():
        raise ValidationError(
            _("“%(name)s” still has %(n)d subordinate organisations; move or delete them first.")
            % {"name": unit.name, "n": unit.children.count()}
        )
    try:
        unit.delete()
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects})
        raise ValidationError(
            _("“%(name)s” is still referenced by: %(kinds)s.")
            % {"name": unit.name, "kinds": "、".join(kinds)}
        ) from exc
