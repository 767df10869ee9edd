"""Writes on grassroots unions (基层工会): establishment, changes, re-election (换届),
approved delays (延期换届) and deletion. Every change refreshes the union status of the
enterprises it covers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.enterprises import dates, selectors
from unionhub.enterprises.choices import UnionForm
from unionhub.enterprises.models import (
    MAX_DELAY_MONTHS,
    ORGANISER_MAX_MEMBERS,
    TERM_YEARS,
    Enterprise,
    EnterpriseUnion,
    TermDelay,
    UnionReelection,
)
from unionhub.enterprises.services._common import check_visible, creator, invalid
from unionhub.enterprises.services.derived import enterprises_refresh
from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def validate_union(
    *, form: str, enterprises: list[Enterprise], member_count: int, term_years: int
) -> None:
    """The form rules of a grassroots union (Trade Union Law arts. 11 and 16)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not enterprises:
        add("enterprises", _("Choose the enterprise(s) the union covers."), "required")
    if form == UnionForm.JOINT and len(enterprises) < 2:
        add(
            "enterprises",
            _("A joint grassroots union covers at least two enterprises."),
            "joint_needs_two",
        )
    if form in (UnionForm.STANDALONE, UnionForm.ORGANISER) and len(enterprises) > 1:
        add(
            "enterprises",
            _("A standalone union or an organiser covers exactly one enterprise."),
            "single_enterprise_only",
        )
    if form == UnionForm.ORGANISER and member_count > ORGANISER_MAX_MEMBERS:
        add(
            "form",
            _("An organiser is only allowed for fewer than 25 members."),
            "organiser_too_many_members",
        )
    if term_years not in TERM_YEARS:
        add("term_years", _("A grassroots committee term is 3 or 5 years."), "invalid_term_years")
    if errors:
        raise ValidationError(errors)


def _check_in_scope(enterprises: list[Enterprise], actor: User | None) -> None:
    """A person covers only enterprises in their own scope."""
    if actor is None or not enterprises:
        return
    visible = set(
        Enterprise.objects.visible_to(actor)
        .filter(pk__in=[e.pk for e in enterprises])
        .values_list("pk", flat=True)
    )
    outside = [e for e in enterprises if e.pk not in visible]
    if outside:
        raise invalid(
            "enterprises",
            _("“%(name)s” is outside your data scope.") % {"name": outside[0].name},
            "out_of_scope",
        )


def _check_free(enterprises: list[Enterprise], union: EnterpriseUnion | None = None) -> None:
    """An enterprise is covered by one union at most."""
    taken = EnterpriseUnion.enterprises.through.objects.filter(
        enterprise_id__in=[e.pk for e in enterprises]
    ).select_related("enterprise")
    if union is not None:
        taken = taken.exclude(enterpriseunion_id=union.pk)
    first = taken.first()
    if first is not None:
        raise invalid(
            "enterprises",
            _("“%(name)s” is already covered by a union.") % {"name": first.enterprise.name},
            "already_covered",
        )


def _refresh(enterprise_ids) -> None:
    # As the system: a joint union may cover enterprises beyond the editor's own town.
    enterprises_refresh(actor=None, queryset=Enterprise.objects.filter(pk__in=list(enterprise_ids)))


@transaction.atomic
def union_create(
    *,
    actor: User | None,
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
    validate_union(
        form=form, enterprises=enterprises, member_count=member_count, term_years=term_years
    )
    _check_in_scope(enterprises, actor)
    _check_free(enterprises)
    first = enterprises[0]
    if org_unit is not None:
        if org_unit.is_area_union or EnterpriseUnion.objects.filter(org_unit=org_unit).exists():
            raise invalid(
                "org_unit",
                _("That organisation is not a free grassroots union."),
                "org_unit_not_free",
            )
        check_visible(
            org_unit, actor, "org_unit", _("The organisation is outside your data scope.")
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
        created_by=creator(actor),
    )
    union.term_end = union.compute_term_end()
    union.full_clean()
    union.save()
    union.enterprises.set(enterprises)
    check_visible(union, actor)
    _refresh(e.pk for e in enterprises)
    return union


def _new_union_unit(first: Enterprise, *, form: str, name: str, actor: User | None) -> OrgUnit:
    federation = selectors.parent_federation(first.region)
    if federation is None:
        raise invalid("enterprises", _("No union federation governs this region."), "no_federation")
    if form == UnionForm.JOINT:
        kind = OrgKind.JOINT
        name = name or f"{first.region.name}{first.name[:4]}等企业联合工会委员会"
        code = f"J{first.uscc}"
    else:
        kind = OrgKind.ENTERPRISE
        name = name or f"{first.name}工会委员会"
        code = f"U{first.uscc}"
    from unionhub.org.services import orgunit_create

    return orgunit_create(
        actor=actor, name=name, code=code, kind=kind, region=first.region, parent=federation
    )


@transaction.atomic
def union_update(
    *,
    actor: User | None,
    union: EnterpriseUnion,
    enterprises: list[Enterprise] | None = None,
    **values: Any,
) -> EnterpriseUnion:
    """Change a union (its name is its organisation's name) and what it covers."""
    check_visible(union, actor)
    before = set(union.enterprises.values_list("pk", flat=True))
    name = values.pop("name", None)
    for key, value in values.items():
        setattr(union, key, value)
    covered = list(enterprises) if enterprises is not None else list(union.enterprises.all())
    validate_union(
        form=union.form,
        enterprises=covered,
        member_count=union.member_count,
        term_years=union.term_years,
    )
    if enterprises is not None:
        _check_in_scope([e for e in covered if e.pk not in before], actor)
        _check_free(covered, union)
    union.term_end = union.compute_term_end()
    union.full_clean()
    union.save()
    if enterprises is not None:
        union.enterprises.set(covered)
    if name and union.org_unit.name != name:
        OrgUnit.objects.filter(pk=union.org_unit_id).update(name=name)
        union.org_unit.name = name
    check_visible(union, actor)
    _refresh(before | {e.pk for e in covered})
    return union


@transaction.atomic
def union_reelect(
    *,
    actor: User | None,
    union: EnterpriseUnion,
    elected_on: dt.date,
    term_years: int,
    chair_name: str,
    member_count: int,
    note: str = "",
) -> UnionReelection:
    """Record a re-election (换届): the new term starts on the election day."""
    check_visible(union, actor)
    errors: dict[str, ValidationError] = {}
    if term_years not in TERM_YEARS:
        errors["term_years"] = ValidationError(
            _("A grassroots committee term is 3 or 5 years."), code="invalid_term_years"
        )
    if elected_on <= union.term_start:
        errors["elected_on"] = ValidationError(
            _("A re-election must be later than the start of the current term."),
            code="not_after_term_start",
        )
    elif elected_on > timezone.localdate():
        errors["elected_on"] = ValidationError(
            _("The election date cannot be in the future."), code="future_date"
        )
    if union.form == UnionForm.ORGANISER and member_count > ORGANISER_MAX_MEMBERS:
        errors["member_count"] = ValidationError(
            _("An organiser is only allowed for fewer than 25 members."),
            code="organiser_too_many_members",
        )
    if errors:
        raise ValidationError(errors)
    record = UnionReelection.objects.create(
        union=union,
        elected_on=elected_on,
        term_years=term_years,
        term_end=dates.term_end(elected_on, term_years),
        chair_name=chair_name,
        member_count=member_count,
        previous_term_end=union.term_end,
        note=note,
        created_by=creator(actor),
    )
    union.term_start = elected_on
    union.term_years = term_years
    union.term_end = record.term_end
    union.delay_until = None  # a delay belongs to the term that has now ended
    union.chair_name = chair_name
    union.member_count = member_count
    union.save()
    check_visible(record, actor)
    _refresh(union.enterprises.values_list("pk", flat=True))
    return record


def max_delay_months() -> int:
    return int(settings.UNIONHUB.get("MAX_TERM_DELAY_MONTHS", MAX_DELAY_MONTHS))


@transaction.atomic
def union_delay_approve(
    *,
    actor: User | None,
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
    check_visible(union, actor, "union", _("The union is outside your data scope."))
    today = timezone.localdate()
    latest = dates.add_months(union.term_end, max_delay_months())
    errors: dict[str, ValidationError] = {}
    if delay_until <= union.term_end:
        errors["delay_until"] = ValidationError(
            _("A delay must end after the current term ends (%(end)s).")
            % {"end": f"{union.term_end:%Y-%m-%d}"},
            code="not_after_term_end",
        )
    elif delay_until > latest:
        errors["delay_until"] = ValidationError(
            _("A delay should not exceed %(months)d months: at the latest %(latest)s.")
            % {"months": max_delay_months(), "latest": f"{latest:%Y-%m-%d}"},
            code="delay_too_long",
        )
    if approved_on > today:
        errors["approved_on"] = ValidationError(
            _("The approval date cannot be in the future."), code="future_date"
        )
    if not selectors.delay_approvers(union).filter(pk=approved_by.pk).exists():
        errors["approved_by"] = ValidationError(
            _("A delay is approved by a union above this one."), code="not_a_higher_union"
        )
    if not reason.strip():
        errors["reason"] = ValidationError(_("Give the reason for the delay."), code="required")
    if errors:
        raise ValidationError(errors)
    delay = TermDelay.objects.create(
        union=union,
        term_end=union.term_end,
        delay_until=delay_until,
        approved_by=approved_by,
        approved_on=approved_on,
        reason=reason.strip(),
        document_no=document_no.strip(),
        created_by=creator(actor),
    )
    union.delay_until = delay_until
    union.save(update_fields=["delay_until", "updated_at"])
    check_visible(delay, actor)
    _refresh(union.enterprises.values_list("pk", flat=True))
    return delay


@transaction.atomic
def union_delete(*, actor: User | None, union: EnterpriseUnion) -> None:
    """Delete a union and its organisation; the enterprises it covered lose their union."""
    check_visible(union, actor)
    covered = list(union.enterprises.values_list("pk", flat=True))
    unit = union.org_unit
    union.delete()
    try:
        unit.delete()
    except ProtectedError as exc:
        raise invalid(
            None, _("The union organisation is still referenced elsewhere."), "protected"
        ) from exc
    _refresh(covered)
