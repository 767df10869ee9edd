"""Every write of the brand registry: keyword-only, the acting user named ``actor``, in a
transaction, rechecking that what was written stays inside the actor's data scope (the
audit records come from the model signals).

Rules (tested in ``tests/test_workflow.py``):

- a brand belongs to a county-level unit, one per unit and year (2000 to next year);
- the county edits its brand and the brand's indicators while it is a draft or returned;
  it submits it (with at least one indicator) for the city's review;
- the city (permission ``brands.review_brand``) publishes a submitted brand, or returns a
  submitted or published one with a reason; a returned brand is edited and submitted again;
- a brand is carried over to the next year as a new draft with the same text, indicators and
  (where the next year has none yet) the same targets;
- an indicator is a registered KPI code, once per brand; its target is the KPI registry's
  ``KpiTarget`` of the brand's county and year (the KPI API shows the same target).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.brands.choices import EDITABLE, BrandStatus
from unionhub.brands.models import BRAND_EDIT_FIELDS, BRAND_FIELDS, BRANDKPI_FIELDS, Brand, BrandKpi
from unionhub.core.kpis import registry
from unionhub.core.kpis import services as kpi_services
from unionhub.core.kpis.models import KpiTarget
from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid, model_update

if TYPE_CHECKING:
    from unionhub.accounts.models import User

__all__ = [
    "brand_carry_over",
    "brand_create",
    "brand_delete",
    "brand_publish",
    "brand_return",
    "brand_submit",
    "brand_update",
    "brandkpi_create",
    "brandkpi_delete",
    "brandkpi_update",
]

FIRST_YEAR = 2000
REVIEW_PERMISSION = "brands.review_brand"


def _creator(actor: User | None) -> User | None:
    return actor if getattr(actor, "pk", None) else None


def _in_scope(obj: Any, actor: User | None, field: str | None = "region") -> None:
    if actor is not None and not object_visible_to(obj, actor):
        raise invalid(field, _("The record would be outside your data scope."), "out_of_scope")


def _require_reviewer(actor: User | None) -> None:
    if actor is not None and not actor.has_perm(REVIEW_PERMISSION):
        raise invalid(
            None,
            _("Only the city federation reviews and publishes the county brands."),
            "not_reviewer",
        )


def _require_editable(brand: Brand) -> None:
    if brand.status not in EDITABLE:
        raise invalid(
            None,
            _(
                "This brand is %(status)s and can no longer be changed; the city federation "
                "must return it first."
            )
            % {"status": brand.get_status_display()},
            "not_editable",
        )


def _check_brand(values: dict[str, Any]) -> None:
    region = values.get("region")
    if region is not None and region.level != "county":
        raise invalid("region", _("A brand belongs to a county-level union."), "region_not_county")
    year = values.get("year")
    last = timezone.localdate().year + 1
    if year is not None and not FIRST_YEAR <= int(year) <= last:
        raise invalid(
            "year",
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": last},
            "invalid_year",
        )
    if (
        region is not None
        and year is not None
        and Brand._base_manager.filter(region=region, year=year).exists()
    ):
        raise invalid(
            "year",
            _("%(county)s already has a brand for %(year)s.")
            % {"county": region.name, "year": year},
            "duplicate_year",
        )


# --- brands -----------------------------------------------------------------------------


@transaction.atomic
def brand_create(*, actor: User | None, **data: Any) -> Brand:
    values = {k: v for k, v in data.items() if k in BRAND_FIELDS}
    if values.get("region") is not None:
        _in_scope(values["region"], actor)
    _check_brand(values)
    brand = Brand(**values, status=BrandStatus.DRAFT, created_by=_creator(actor))
    brand.full_clean()
    brand.save()
    _in_scope(brand, actor)
    return brand


@transaction.atomic
def brand_update(*, actor: User | None, brand: Brand, **data: Any) -> Brand:
    _in_scope(brand, actor)
    _require_editable(brand)
    brand, _changed = model_update(instance=brand, fields=BRAND_EDIT_FIELDS, data=data)
    _in_scope(brand, actor)
    return brand


@transaction.atomic
def brand_delete(*, actor: User | None, brand: Brand) -> None:
    _in_scope(brand, actor)
    if brand.status != BrandStatus.DRAFT:
        raise invalid(
            None,
            _("Only a draft brand can be deleted; this one is %(status)s.")
            % {"status": brand.get_status_display()},
            "not_deletable",
        )
    brand.delete()


@transaction.atomic
def brand_submit(*, actor: User | None, brand: Brand) -> Brand:
    """The county hands its brand to the city federation for review."""
    _in_scope(brand, actor)
    _require_editable(brand)
    if not brand.kpis.exists():
        raise invalid(
            None,
            _("Add at least one indicator that measures the brand before submitting it."),
            "no_indicators",
        )
    brand.status = BrandStatus.SUBMITTED
    brand.submitted_at = timezone.now()
    brand.submitted_by = _creator(actor)
    brand.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return brand


@transaction.atomic
def brand_publish(*, actor: User | None, brand: Brand) -> Brand:
    """The city federation publishes a submitted brand (it enters the annual report)."""
    _require_reviewer(actor)
    _in_scope(brand, actor)
    if brand.status != BrandStatus.SUBMITTED:
        raise invalid(
            None,
            _("Only a submitted brand can be published; this one is %(status)s.")
            % {"status": brand.get_status_display()},
            "not_submitted",
        )
    brand.status = BrandStatus.PUBLISHED
    brand.published_at = timezone.now()
    brand.published_by = _creator(actor)
    brand.return_reason = ""
    brand.save(
        update_fields=["status", "published_at", "published_by", "return_reason", "updated_at"]
    )
    return brand


@transaction.atomic
def brand_return(*, actor: User | None, brand: Brand, reason: str = "") -> Brand:
    """The city federation sends a submitted or published brand back to the county."""
    _require_reviewer(actor)
    _in_scope(brand, actor)
    if brand.status not in (BrandStatus.SUBMITTED, BrandStatus.PUBLISHED):
        raise invalid(
            None,
            _("Only a submitted or published brand can be returned; this one is %(status)s.")
            % {"status": brand.get_status_display()},
            "not_returnable",
        )
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Say why the brand goes back to the county."), "reason_required")
    brand.status = BrandStatus.RETURNED
    brand.returned_at = timezone.now()
    brand.returned_by = _creator(actor)
    brand.return_reason = reason
    brand.save(
        update_fields=["status", "returned_at", "returned_by", "return_reason", "updated_at"]
    )
    return brand


@transaction.atomic
def brand_carry_over(*, actor: User | None, brand: Brand) -> Brand:
    """Next year's brand as a new draft: the same text and indicators, and this year's
    targets where next year has none yet."""
    _in_scope(brand, actor)
    year = brand.year + 1
    if Brand._base_manager.filter(region=brand.region, year=year).exists():
        raise invalid(
            None,
            _("%(county)s already has a brand for %(year)s.")
            % {"county": brand.region.name, "year": year},
            "duplicate_year",
        )
    new = brand_create(
        actor=actor,
        region=brand.region,
        year=year,
        **{f: getattr(brand, f) for f in BRAND_EDIT_FIELDS},
    )
    new.carried_from = brand
    new.save(update_fields=["carried_from", "updated_at"])
    targets = dict(
        KpiTarget.objects.filter(region=brand.region, year=brand.year).values_list("code", "value")
    )
    taken = set(
        KpiTarget.objects.filter(region=brand.region, year=year).values_list("code", flat=True)
    )
    for item in brand.kpis.all():
        target = targets.get(item.code) if item.code not in taken else None
        brandkpi_create(
            actor=actor,
            brand=new,
            code=item.code,
            order=item.order,
            note=item.note,
            **({"target": target} if target is not None else {}),
        )
    return new


# --- indicators -------------------------------------------------------------------------


def _check_code(code: str, brand: Brand, exclude: int | None = None) -> None:
    if registry.get(code) is None:
        raise invalid("code", _("There is no indicator with this code."), "unknown_kpi")
    others = BrandKpi._base_manager.filter(brand=brand, code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise invalid("code", _("The brand already has this indicator."), "duplicate_kpi")


def _set_target(actor: User | None, brand: Brand, code: str, target: Any) -> None:
    try:
        kpi_services.kpitarget_set(
            actor=actor if actor is not None else kpi_services.SYSTEM,
            code=code,
            region=brand.region,
            year=brand.year,
            value=target,
        )
    except Exception as exc:  # the registry's ValidationError, its field renamed
        from django.core.exceptions import ValidationError

        if not isinstance(exc, ValidationError) or not hasattr(exc, "error_dict"):
            raise
        errors = [e for errs in exc.error_dict.values() for e in errs]
        raise ValidationError({"target": errors}) from exc


def brandkpi_target(item: BrandKpi) -> Decimal | None:
    row = KpiTarget.objects.filter(
        code=item.code, region_id=item.brand.region_id, year=item.brand.year
    ).first()
    return row.value if row is not None else None


_UNSET = object()


@transaction.atomic
def brandkpi_create(*, actor: User | None, target: Any = _UNSET, **data: Any) -> BrandKpi:
    values = {k: v for k, v in data.items() if k in BRANDKPI_FIELDS}
    brand = values.get("brand")
    if brand is None:
        raise invalid("brand", _("Choose the brand."), "required")
    _in_scope(brand, actor, "brand")
    _require_editable(brand)
    _check_code(values.get("code", ""), brand)
    item = BrandKpi(**values, created_by=_creator(actor))
    item.full_clean()
    item.save()
    if target is not _UNSET:
        _set_target(actor, brand, item.code, target)
    _in_scope(item, actor, "brand")
    return item


@transaction.atomic
def brandkpi_update(
    *, actor: User | None, brandkpi: BrandKpi, target: Any = _UNSET, **data: Any
) -> BrandKpi:
    _in_scope(brandkpi, actor, "brand")
    _require_editable(brandkpi.brand)
    data.pop("brand", None)  # an indicator stays with its brand
    if "code" in data and data["code"] != brandkpi.code:
        _check_code(data["code"], brandkpi.brand, exclude=brandkpi.pk)
    brandkpi, _changed = model_update(
        instance=brandkpi, fields=("code", "order", "note"), data=data
    )
    if target is not _UNSET:
        _set_target(actor, brandkpi.brand, brandkpi.code, target)
    _in_scope(brandkpi, actor, "brand")
    return brandkpi


@transaction.atomic
def brandkpi_delete(*, actor: User | None, brandkpi: BrandKpi) -> None:
    _in_scope(brandkpi, actor, "brand")
    _require_editable(brandkpi.brand)
    brandkpi.delete()
