"""Demonstration units and areas, lectures and videos, and deputies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.partybuild.choices import DemonstrationKind, DeputyKind, DeputyLevel, LectureKind
from unionhub.partybuild.models import (
    DEMONSTRATION_FIELDS,
    DEPUTY_FIELDS,
    LECTURE_FIELDS,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
)
from unionhub.partybuild.services._common import check_visible, invalid, not_in_future, save_new

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def _merged(obj: Any, fields: tuple[str, ...], data: dict[str, Any]) -> dict[str, Any]:
    return {f: data.get(f, getattr(obj, f)) for f in fields}


# --- demonstration units and areas ------------------------------------------------------


def _demonstration(values: dict[str, Any], *, pk: int | None, actor: User | None) -> dict:
    """Check one demonstration and fill in what follows from it: a unit is an enterprise
    that took part in the campaign that year (its region and name come from it); an area is
    a region (a park, a town)."""
    kind, year, enterprise = values["kind"], values["year"], values.get("enterprise")
    named_on = values["named_on"]
    not_in_future("named_on", named_on, _("The naming date"))
    if named_on.year != year:
        raise invalid(
            "named_on",
            _("The naming date must fall in %(y)d.") % {"y": year},
            "named_outside_year",
        )
    if kind == DemonstrationKind.UNIT:
        if enterprise is None:
            raise invalid("enterprise", _("Choose the enterprise named."), "enterprise_required")
        check_visible(enterprise, actor, "enterprise")
        if not Participation.objects.filter(enterprise=enterprise, year=year).exists():
            raise invalid(
                "enterprise",
                _("“%(e)s” did not take part in 三创争两提升 in %(y)d.")
                % {"e": enterprise, "y": year},
                "not_participating",
            )
        twin = Demonstration.objects.filter(kind=kind, year=year, enterprise=enterprise)
        if twin.exclude(pk=pk).exists():
            raise invalid(
                "enterprise",
                _("“%(e)s” is already a demonstration unit of %(y)d.")
                % {"e": enterprise, "y": year},
                "duplicate",
            )
        values["region"] = enterprise.region
        values["name"] = values.get("name") or enterprise.name
    else:
        if enterprise is not None:
            raise invalid(
                "enterprise",
                _("A demonstration area is a region, not an enterprise."),
                "area_with_enterprise",
            )
        if values.get("region") is None:
            raise invalid("region", _("Choose the region named."), "region_required")
        if not values.get("name"):
            raise invalid("name", _("Give the area's name."), "required")
        check_visible(values["region"], actor, "region")
    return values


@transaction.atomic
def demonstration_create(*, actor: User | None, **data: Any) -> Demonstration:
    values = {k: data.get(k) for k in DEMONSTRATION_FIELDS}
    values["name"] = values["name"] or ""
    values["named_by"] = values["named_by"] or ""
    values = _demonstration(values, pk=None, actor=actor)
    return save_new(Demonstration(**values), actor)


@transaction.atomic
def demonstration_update(
    *, actor: User | None, demonstration: Demonstration, **data: Any
) -> Demonstration:
    check_visible(demonstration, actor)
    values = _demonstration(
        _merged(demonstration, DEMONSTRATION_FIELDS, data), pk=demonstration.pk, actor=actor
    )
    obj, _changed = model_update(instance=demonstration, fields=DEMONSTRATION_FIELDS, data=values)
    check_visible(obj, actor)
    return obj


@transaction.atomic
def demonstration_delete(*, actor: User | None, demonstration: Demonstration) -> None:
    check_visible(demonstration, actor)
    demonstration.delete()


# --- lectures and videos ----------------------------------------------------------------


def _lecture(values: dict[str, Any], actor: User | None) -> None:
    not_in_future("given_on", values["given_on"], _("The date"))
    if values["kind"] == LectureKind.VIDEO and not values.get("link"):
        raise invalid("link", _("Give the link where the video can be watched."), "link_required")
    check_visible(values["region"], actor, "region")


@transaction.atomic
def lecture_create(*, actor: User | None, **data: Any) -> Lecture:
    values = {k: v for k, v in data.items() if k in LECTURE_FIELDS}
    _lecture({"link": "", **values}, actor)
    return save_new(Lecture(**values), actor)


@transaction.atomic
def lecture_update(*, actor: User | None, lecture: Lecture, **data: Any) -> Lecture:
    check_visible(lecture, actor)
    _lecture(_merged(lecture, LECTURE_FIELDS, data), actor)
    obj, _changed = model_update(instance=lecture, fields=LECTURE_FIELDS, data=data)
    check_visible(obj, actor)
    return obj


@transaction.atomic
def lecture_delete(*, actor: User | None, lecture: Lecture) -> None:
    check_visible(lecture, actor)
    lecture.delete()


# --- deputies ---------------------------------------------------------------------------


def _deputy(values: dict[str, Any], actor: User | None) -> dict[str, Any]:
    """A deputy is named (or linked to a member, whose name is taken); the CPPCC has no
    township level (政协 exists from the county up)."""
    member = values.get("member")
    check_visible(member, actor, "member")
    check_visible(values.get("enterprise"), actor, "enterprise")
    check_visible(values["region"], actor, "region")
    if member is not None and not values.get("name"):
        values["name"] = member.name
    if not values.get("name"):
        raise invalid("name", _("Give the deputy's name or choose the member."), "required")
    if values["kind"] == DeputyKind.CPPCC and values["level"] == DeputyLevel.TOWNSHIP:
        raise invalid(
            "level",
            _("There is no CPPCC at township level; choose county or above."),
            "no_township_cppcc",
        )
    return values


@transaction.atomic
def deputy_create(*, actor: User | None, **data: Any) -> Deputy:
    values = _deputy({k: v for k, v in data.items() if k in DEPUTY_FIELDS}, actor)
    return save_new(Deputy(**values), actor)


@transaction.atomic
def deputy_update(*, actor: User | None, deputy: Deputy, **data: Any) -> Deputy:
    check_visible(deputy, actor)
    values = _deputy(_merged(deputy, DEPUTY_FIELDS, data), actor)
    obj, _changed = model_update(instance=deputy, fields=DEPUTY_FIELDS, data=values)
    check_visible(obj, actor)
    return obj


@transaction.atomic
def deputy_delete(*, actor: User | None, deputy: Deputy) -> None:
    check_visible(deputy, actor)
    deputy.delete()
