"""Writes on enterprises (企业): create, update, delete and the import summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.validators.industry import normalise_industry_code
from unionhub.core.validators.uscc import check_char_is_wrong, normalise_uscc
from unionhub.enterprises import sme
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.services._common import check_visible, creator, invalid
from unionhub.enterprises.services.derived import derive, term_ends
from unionhub.org.choices import RegionLevel
from unionhub.org.models import Region

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def check_region(region: Region, actor: User | None) -> None:
    """An enterprise (or campaign) sits on a county-level unit or a town in the actor's
    scope."""
    if region.level not in (RegionLevel.COUNTY, RegionLevel.TOWN):
        raise invalid(
            "region",
            _("The region must be a county-level unit or a town / street."),
            "region_level",
        )
    check_visible(region, actor, "region", _("The region is outside your data scope."))


def _check_override(
    values: dict[str, Any], actor: User | None, enterprise: Enterprise | None = None
) -> None:
    """A checksum exception is an administrator's decision; a valid code needs none."""
    reason = (values.get("uscc_override_reason") or "").strip()
    before = enterprise.uscc_override_reason if enterprise is not None else ""
    uscc = values.get("uscc", enterprise.uscc if enterprise is not None else "")
    if reason and not check_char_is_wrong(uscc):
        values["uscc_override_reason"] = ""
        return
    if reason != before and actor is not None and not actor.has_perm("enterprises.override_uscc"):
        raise invalid(
            "uscc_override_reason",
            _("Only an administrator may accept such a code."),
            "override_not_permitted",
        )


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    if "uscc" in values:
        values["uscc"] = normalise_uscc(values["uscc"])
    if "industry_code" in values:
        values["industry_code"] = normalise_industry_code(values["industry_code"])
    return values


@transaction.atomic
def enterprise_create(*, actor: User | None, **values: Any) -> Enterprise:
    """Register an enterprise; its derived columns are computed before the insert."""
    values = _clean_values(values)
    check_region(values["region"], actor)
    _check_override(values, actor)
    ent = Enterprise(created_by=creator(actor), **values)
    ent.full_clean()
    today = timezone.localdate()
    derive(ent, table=sme.table_for(today), term_ends=[], today=today)
    ent.save()
    check_visible(ent, actor)
    return ent


@transaction.atomic
def enterprise_update(*, actor: User | None, enterprise: Enterprise, **values: Any) -> Enterprise:
    """Change an enterprise in the actor's scope (and keep it there)."""
    check_visible(enterprise, actor)
    values = _clean_values(values)
    if "region" in values:
        check_region(values["region"], actor)
    _check_override(values, actor, enterprise)
    for key, value in values.items():
        setattr(enterprise, key, value)
    enterprise.full_clean()
    today = timezone.localdate()
    derive(
        enterprise,
        table=sme.table_for(today),
        term_ends=term_ends([enterprise.pk]).get(enterprise.pk, []),
        today=today,
    )
    enterprise.save()
    check_visible(enterprise, actor)
    return enterprise


@transaction.atomic
def enterprise_delete(*, actor: User | None, enterprise: Enterprise) -> None:
    """Delete an enterprise no union covers and no record points at."""
    check_visible(enterprise, actor)
    unions = list(enterprise.unions.all())
    if unions:
        raise invalid(
            None,
            _("“%(name)s” is covered by the union “%(union)s”; remove it from the union first.")
            % {"name": enterprise.name, "union": unions[0]},
            "covered_by_union",
        )
    try:
        enterprise.delete()
    except ProtectedError as exc:
        kinds = sorted({str(o._meta.verbose_name) for o in exc.protected_objects})
        raise invalid(
            None,
            _("“%(name)s” is still referenced by: %(kinds)s.")
            % {"name": enterprise.name, "kinds": "、".join(kinds)},
            "protected",
        ) from exc


def import_summary_record(
    *, actor: User | None, created: int, updated: int, note: str = ""
) -> None:
    """One audit entry for a bulk import (bulk writes fire no per-row signals)."""
    record_change(
        model=Enterprise,
        action="import",
        actor=actor,
        changes={"created": created, "updated": updated},
        note=note
        or _("Imported %(c)d new and %(u)d updated enterprises.") % {"c": created, "u": updated},
    )
