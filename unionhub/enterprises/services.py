"""Writes for enterprises and their unions. Derived columns (size class, union status,
target reasons) are maintained here and nowhere else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.importing import fast_bulk_update
from unionhub.core.scope import object_visible_to
from unionhub.core.validators.industry import industry_section, normalise_industry_code
from unionhub.core.validators.uscc import check_char_is_wrong, normalise_uscc
from unionhub.enterprises import dates, rules, sme
from unionhub.enterprises.choices import UnionForm
from unionhub.enterprises.models import (
    MAX_DELAY_MONTHS,
    ORGANISER_MAX_MEMBERS,
    Enterprise,
    EnterpriseUnion,
    TermDelay,
    UnionReelection,
)
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.models import OrgUnit, Region

ENTERPRISE_FIELDS = (
    "uscc",
    "name",
    "region",
    "industry_code",
    "ownership",
    "employees",
    "revenue_wan",
    "assets_wan",
    "founded_on",
    "operating_status",
    "has_party_org",
    "is_head_enterprise",
    "is_high_profile",
    "uscc_override_reason",
)
DERIVED_FIELDS = ("industry_section", "size_class", "union_status", "target_reasons")


# --- derived columns -----------------------------------------------------------------


def derive(ent: Enterprise, *, table: sme.Table | None, term_ends: list[dt.date], today: dt.date):
    """Set the derived columns of ``ent`` in memory."""
    ent.industry_section = industry_section(ent.industry_code)
    ent.size_class = sme.classify_enterprise(ent, table)
    ent.union_status = rules.union_status(
        operating_status=ent.operating_status, union_term_ends=term_ends, today=today
    )
    ent.target_reasons = ",".join(
        rules.target_reasons(
            status=ent.union_status,
            operating_status=ent.operating_status,
            founded_on=ent.founded_on,
            has_party_org=ent.has_party_org,
            ownership=ent.ownership,
            employees=ent.employees,
            is_high_profile=ent.is_high_profile,
            today=today,
        )
    )


def _term_ends(ent_ids: Iterable[int]) -> dict[int, list[dt.date]]:
    """The last day each covering union may serve (its term end, or its approved delay)."""
    result: dict[int, list[dt.date]] = {}
    through = EnterpriseUnion.enterprises.through
    for ent_id, end, delay in through.objects.filter(enterprise_id__in=list(ent_ids)).values_list(
        "enterprise_id", "enterpriseunion__term_end", "enterpriseunion__delay_until"
    ):
        result.setdefault(ent_id, []).append(max(end, delay or end))
    return result


def enterprises_refresh(
    *, queryset=None, today: dt.date | None = None, batch_size: int = 2000
) -> int:
    """Recompute the derived columns of many enterprises (nightly, and after union changes);
    returns how many rows changed."""
    today = today or timezone.localdate()
    table = sme.table_for(today)
    qs = (queryset if queryset is not None else Enterprise.objects.all()).order_by("pk")
    changed = 0
    last_pk = 0
    while True:
        batch = list(qs.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        ends = _term_ends(e.pk for e in batch)
        dirty = []
        for ent in batch:
            before = tuple(getattr(ent, f) for f in DERIVED_FIELDS)
            derive(ent, table=table, term_ends=ends.get(ent.pk, []), today=today)
            if tuple(getattr(ent, f) for f in DERIVED_FIELDS) != before:
                dirty.append(ent)
        if dirty:
            fast_bulk_update(Enterprise, dirty, list(DERIVED_FIELDS))
            changed += len(dirty)
    return changed


# --- enterprises -----------------------------------------------------------------------


def _check_region(region: Region, actor: Any) -> None:
    if region.level not in (RegionLevel.COUNTY, RegionLevel.TOWN):
        raise ValidationError(
            {"region": _("The region must be a county-level unit or a town / street.")}
        )
    if actor is not None and not Region.objects.visible_to(actor).filter(pk=region.pk).exists():
        raise ValidationError({"region": _("The region is outside your data scope.")})


def _check_override(values: dict[str, Any], actor: Any, enterprise=None) -> None:
    """A checksum exception is an administrator's decision; a valid code needs none."""
    reason = (values.get("uscc_override_reason") or "").strip()
    before = enterprise.uscc_override_reason if enterprise is not None else ""
    uscc = values.get("uscc", enterprise.uscc if enterprise is not None else "")
    if reason and not check_char_is_wrong(uscc):
        values["uscc_override_reason"] = ""
        return
    if reason != before and actor is not None and not actor.has_perm("enterprises.override_uscc"):
        raise ValidationError(
            {"uscc_override_reason": _("Only an administrator may accept such a code.")}
        )


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    if "uscc" in values:
        values["uscc"] = normalise_uscc(values["uscc"])
    if "industry_code" in values:
        values["industry_code"] = normalise_industry_code(values["industry_code"])
    return values


@transaction.atomic
def enterprise_create(*, actor: Any, **values: Any) -> Enterprise:
    values = _clean_values(values)
    _check_region(values["region"], actor)
    _check_override(values, actor)
    ent = Enterprise(created_by=actor if getattr(actor, "pk", None) else None, **values)
    ent.full_clean()
    derive(ent, table=sme.table_for(timezone.localdate()), term_ends=[], today=timezone.localdate())
    ent.save()
    _check_visible(ent, actor)
    return ent


@transaction.atomic
def enterprise_update(*, actor: Any, enterprise: Enterprise, **values: Any) -> Enterprise:
    values = _clean_values(values)
    if "region" in values:
        _check_region(values["region"], actor)
    _check_override(values, actor, enterprise)
    for key, value in values.items():
        setattr(enterprise, key, value)
    enterprise.full_clean()
    today = timezone.localdate()
    derive(
        enterprise,
        table=sme.table_for(today),
        term_ends=_term_ends([enterprise.pk]).get(enterprise.pk, []),
        today=today,
    )
    enterprise.save()
    _check_visible(enterprise, actor)
    return enterprise


@transaction.atomic
def enterprise_delete(*, actor: Any, enterprise: Enterprise) -> None:
    unions = list(enterprise.unions.all())
    if unions:
        raise ValidationError(
            _("“%(name)s” is covered by the union “%(union)s”; remove it from the union first.")
            % {"name": enterprise.name, "union": unions[0]}
        )
    try:
        enterprise.delete()
    except ProtectedError as exc:
        kinds = sorted({str(o._meta.verbose_name) for o in exc.protected_objects})
        raise ValidationError(
            _("“%(name)s” is still referenced by: %(kinds)s.")
            % {"name": enterprise.name, "kinds": "、".join(kinds)}
        ) from exc


def _check_visible(obj, actor) -> None:
    if actor is not None and not object_visible_to(obj, actor):
        raise ValidationError(_("The record would be outside your data scope."))


# --- grassroots unions -------------------------------------------------------------------


def parent_federation(region: Region) -> OrgUnit:
    """The town (or, failing that, county) federation that approves a union in ``region``."""
    node: Region | None = region
    while node is not None:
        unit = (
            OrgUnit.objects.filter(
                region=node, kind__in=[OrgKind.TOWN_FEDERATION, OrgKind.COUNTY_FEDERATION]
            )
            .order_by("depth")
            .first()
        )
        if unit is not None:
            return unit
        node = node.parent
    raise ValidationError({"enterprises": _("No union federation governs this region.")})


def _validate_union(
    *, form: str, enterprises: list[Enterprise], member_count: int, term_years: int
) -> None:
    errors: dict[str, list[str]] = {}
    if not enterprises:
        errors.setdefault("enterprises", []).append(_("Choose the enterprise(s) the union covers."))
    if form == UnionForm.JOINT and len(enterprises) < 2:
        errors.setdefault("enterprises", []).append(
            _("A joint grassroots union covers at least two enterprises.")
        )
    if form in (UnionForm.STANDALONE, UnionForm.ORGANISER) and len(enterprises) > 1:
        errors.setdefault("enterprises", []).append(
            _("A standalone union or an organiser covers exactly one enterprise.")
        )
    if form == UnionForm.ORGANISER and member_count > ORGANISER_MAX_MEMBERS:
        errors.setdefault("form", []).append(
            _("An organiser is only allowed for fewer than 25 members.")
        )
    if term_years not in (3, 5):
        errors.setdefault("term_years", []).append(
            _("A grassroots committee term is 3 or 5 years.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def union_create(
    *,
    actor: Any,
    enterprises: list[Enterprise],
    form: str,
    mode: str,
    founded_on: dt.date,
    chair_name: str,
    term_start: dt.date,
    term_years: int,
    member_count: int,
    name: str = "",
    approved_on: dt.date | None = None,
    org_unit: OrgUnit | None = None,
) -> EnterpriseUnion:
    """Establish a grassroots union: its organisation under the town federation (or an
    existing grassroots ``org_unit`` not yet registered here), the union record and the
    enterprises it covers; their union status is refreshed."""
    enterprises = list(enterprises)
    _validate_union(
        form=form, enterprises=enterprises, member_count=member_count, term_years=term_years
    )
    taken = EnterpriseUnion.enterprises.through.objects.filter(
        enterprise_id__in=[e.pk for e in enterprises]
    ).select_related("enterprise")
    if taken:
        raise ValidationError(
            {
                "enterprises": _("“%(name)s” is already covered by a union.")
                % {"name": taken[0].enterprise.name}
            }
        )
    first = enterprises[0]
    if org_unit is not None:
        if org_unit.is_area_union or EnterpriseUnion.objects.filter(org_unit=org_unit).exists():
            raise ValidationError(
                {"enterprises": _("That organisation is not a free grassroots union.")}
            )
        unit = org_unit
    else:
        unit = _new_union_unit(first, form=form, name=name, actor=actor)
    union = EnterpriseUnion(
        org_unit=unit,
        form=form,
        mode=mode,
        founded_on=founded_on,
        approved_on=approved_on,
        chair_name=chair_name,
        term_start=term_start,
        term_years=term_years,
        member_count=member_count,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    union.term_end = union.compute_term_end()
    union.full_clean()
    union.save()
    union.enterprises.set(enterprises)
    _check_visible(union, actor)
    enterprises_refresh(queryset=Enterprise.objects.filter(pk__in=[e.pk for e in enterprises]))
    return union


def _new_union_unit(first: Enterprise, *, form: str, name: str, actor: Any) -> OrgUnit:
    federation = parent_federation(first.region)
    if form == UnionForm.JOINT:
        kind = OrgKind.JOINT
        name = name or f"{first.region.name}{first.name[:4]}等企业联合工会委员会"
        code = f"J{first.uscc}"
    else:
        kind = OrgKind.ENTERPRISE
        name = name or f"{first.name}工会委员会"
        code = f"U{first.uscc}"
    return _orgunit_create(
        name=name,
        code=code,
        kind=kind,
        region=first.region,
        parent=federation,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def _orgunit_create(**kwargs) -> OrgUnit:
    from unionhub.org.services import orgunit_create

    return orgunit_create(**kwargs)


@transaction.atomic
def union_update(
    *,
    actor: Any,
    union: EnterpriseUnion,
    enterprises: list[Enterprise] | None = None,
    **values: Any,
) -> EnterpriseUnion:
    before = set(union.enterprises.values_list("pk", flat=True))
    for key, value in values.items():
        setattr(union, key, value)
    covered = list(enterprises) if enterprises is not None else list(union.enterprises.all())
    _validate_union(
        form=union.form,
        enterprises=covered,
        member_count=union.member_count,
        term_years=union.term_years,
    )
    others = (
        EnterpriseUnion.enterprises.through.objects.filter(
            enterprise_id__in=[e.pk for e in covered]
        )
        .exclude(enterpriseunion_id=union.pk)
        .select_related("enterprise")
    )
    if others:
        raise ValidationError(
            {
                "enterprises": _("“%(name)s” is already covered by a union.")
                % {"name": others[0].enterprise.name}
            }
        )
    union.term_end = union.compute_term_end()
    union.full_clean()
    union.save()
    if enterprises is not None:
        union.enterprises.set(covered)
    if union.org_unit.name != values.get("name", union.org_unit.name):
        OrgUnit.objects.filter(pk=union.org_unit_id).update(name=values["name"])
    _check_visible(union, actor)
    enterprises_refresh(queryset=Enterprise.objects.filter(pk__in=before | {e.pk for e in covered}))
    return union


@transaction.atomic
def union_reelect(
    *,
    actor: Any,
    union: EnterpriseUnion,
    elected_on: dt.date,
    term_years: int,
    chair_name: str,
    member_count: int,
    note: str = "",
) -> UnionReelection:
    """Record a re-election (换届): the new term starts on the election day."""
    if term_years not in (3, 5):
        raise ValidationError({"term_years": _("A grassroots committee term is 3 or 5 years.")})
    if elected_on <= union.term_start:
        raise ValidationError(
            {"elected_on": _("A re-election must be later than the start of the current term.")}
        )
    if elected_on > timezone.localdate():
        raise ValidationError({"elected_on": _("The election date cannot be in the future.")})
    if union.form == UnionForm.ORGANISER and member_count > ORGANISER_MAX_MEMBERS:
        raise ValidationError(
            {"member_count": _("An organiser is only allowed for fewer than 25 members.")}
        )
    record = UnionReelection.objects.create(
        union=union,
        elected_on=elected_on,
        term_years=term_years,
        term_end=dates.term_end(elected_on, term_years),
        chair_name=chair_name,
        member_count=member_count,
        previous_term_end=union.term_end,
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    union.term_start = elected_on
    union.term_years = term_years
    union.term_end = record.term_end
    union.delay_until = None  # a delay belongs to the term that has now ended
    union.chair_name = chair_name
    union.member_count = member_count
    union.save()
    enterprises_refresh(queryset=union.enterprises.all())
    return record


def max_delay_months() -> int:
    return int(settings.UNIONHUB.get("MAX_TERM_DELAY_MONTHS", MAX_DELAY_MONTHS))


def delay_approvers(union: EnterpriseUnion):
    """The unions above this one (town, county, city federation): who may approve a delay."""
    path = union.org_unit.path
    ancestors = [path[: i + 1] for i, ch in enumerate(path) if ch == "/"][:-1]
    return OrgUnit.objects.filter(path__in=ancestors).order_by("-depth")


@transaction.atomic
def union_delay_approve(
    *,
    actor: Any,
    union: EnterpriseUnion,
    delay_until: dt.date,
    approved_by: OrgUnit,
    approved_on: dt.date,
    reason: str,
    document_no: str = "",
) -> TermDelay:
    """Record an approved delay of re-election (延期换届) for the current term: it must end
    after the term and at most ``max_delay_months()`` after it (domain.md §2.1), be approved
    by a union above this one, and not be dated in the future."""
    today = timezone.localdate()
    latest = dates.add_months(union.term_end, max_delay_months())
    errors: dict[str, Any] = {}
    if delay_until <= union.term_end:
        errors["delay_until"] = _("A delay must end after the current term ends (%(end)s).") % {
            "end": f"{union.term_end:%Y-%m-%d}"
        }
    elif delay_until > latest:
        errors["delay_until"] = _(
            "A delay should not exceed %(months)d months: at the latest %(latest)s."
        ) % {"months": max_delay_months(), "latest": f"{latest:%Y-%m-%d}"}
    if approved_on > today:
        errors["approved_on"] = _("The approval date cannot be in the future.")
    if not delay_approvers(union).filter(pk=approved_by.pk).exists():
        errors["approved_by"] = _("A delay is approved by a union above this one.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the delay.")
    if errors:
        raise ValidationError(errors)
    _check_visible(union, actor)
    delay = TermDelay.objects.create(
        union=union,
        term_end=union.term_end,
        delay_until=delay_until,
        approved_by=approved_by,
        approved_on=approved_on,
        reason=reason.strip(),
        document_no=document_no.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    union.delay_until = delay_until
    union.save(update_fields=["delay_until", "updated_at"])
    enterprises_refresh(queryset=union.enterprises.all())
    return delay


@transaction.atomic
def union_delete(*, actor: Any, union: EnterpriseUnion) -> None:
    covered = list(union.enterprises.values_list("pk", flat=True))
    unit = union.org_unit
    union.delete()
    try:
        unit.delete()
    except ProtectedError as exc:
        raise ValidationError(_("The union organisation is still referenced elsewhere.")) from exc
    enterprises_refresh(queryset=Enterprise.objects.filter(pk__in=covered))


def latest_term_end() -> dt.date | None:
    return EnterpriseUnion.objects.aggregate(m=Max("term_end"))["m"]


def money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def import_summary_record(*, actor: Any, created: int, updated: int, note: str = "") -> None:
    record_change(
        model=Enterprise,
        action="import",
        actor=actor,
        changes={"created": created, "updated": updated},
        note=note
        or _("Imported %(c)d new and %(u)d updated enterprises.") % {"c": created, "u": updated},
    )


# --- campaign follow-up ----------------------------------------------------------------


@transaction.atomic
def campaign_save(*, actor: Any, campaign=None, **values: Any):
    from unionhub.enterprises.models import Campaign

    region = values.get("region") or (campaign.region if campaign else None)
    if region is not None:
        if region.level != RegionLevel.COUNTY:
            raise ValidationError({"region": _("A campaign belongs to a county-level unit.")})
        _check_region(region, actor)
    campaign = campaign or Campaign(created_by=actor if getattr(actor, "pk", None) else None)
    for key, value in values.items():
        setattr(campaign, key, value)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_set_targets(*, actor: Any, campaign, targets: dict[Region, int]) -> None:
    """Set the number of unions each town should establish (0 removes the target)."""
    from unionhub.enterprises.models import CampaignTownTarget

    for town, count in targets.items():
        if town.parent_id != campaign.region_id:
            raise ValidationError(_("“%(town)s” is not in the campaign's county.") % {"town": town})
        if count:
            CampaignTownTarget.objects.update_or_create(
                campaign=campaign, town=town, defaults={"target_unions": count}
            )
        else:
            CampaignTownTarget.objects.filter(campaign=campaign, town=town).delete()
    record_change(
        obj=campaign,
        action="update",
        actor=actor,
        changes={"town_targets": {t.code: n for t, n in targets.items()}},
    )


@transaction.atomic
def contact_save(*, actor: Any, contact=None, **values: Any):
    from unionhub.enterprises.models import ContactLog

    enterprise = values.get("enterprise") or (contact.enterprise if contact else None)
    if actor is not None and enterprise is not None:
        if not Enterprise.objects.visible_to(actor).filter(pk=enterprise.pk).exists():
            raise ValidationError({"enterprise": _("The enterprise is outside your data scope.")})
    contact = contact or ContactLog(created_by=actor if getattr(actor, "pk", None) else None)
    for key, value in values.items():
        setattr(contact, key, value)
    contact.full_clean()
    contact.save()
    return contact
