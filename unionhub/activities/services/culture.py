"""Writes of workers' culture (周周演): season plans, shows, programmes and performers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.activities.models import (
    PERFORMER_FIELDS,
    PROGRAMME_FIELDS,
    SEASON_PLAN_FIELDS,
    SHOW_FIELDS,
    Performer,
    Programme,
    SeasonPlan,
    Show,
)
from unionhub.activities.services._common import create, delete, invalid, update

if TYPE_CHECKING:
    from unionhub.accounts.models import User

#: plausible planning years (a typo such as 207 or 20277 is refused)
YEAR_MIN, YEAR_MAX = 2000, 2100


def _check_plan(plan: SeasonPlan) -> None:
    if plan.year is not None and not YEAR_MIN <= plan.year <= YEAR_MAX:
        raise invalid(
            "year",
            _("The year must be between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            "year_range",
        )
    if plan.shows_planned is not None and plan.shows_planned < 1:
        raise invalid("shows_planned", _("Plan at least one show."), "no_shows_planned")


@transaction.atomic
def seasonplan_create(*, actor: User | None, **data: Any) -> SeasonPlan:
    return create(
        model=SeasonPlan, fields=SEASON_PLAN_FIELDS, actor=actor, data=data, check=_check_plan
    )


@transaction.atomic
def seasonplan_update(*, actor: User | None, seasonplan: SeasonPlan, **data: Any) -> SeasonPlan:
    return update(
        instance=seasonplan, fields=SEASON_PLAN_FIELDS, actor=actor, data=data, check=_check_plan
    )[0]


@transaction.atomic
def seasonplan_delete(*, actor: User | None, seasonplan: SeasonPlan) -> None:
    delete(actor=actor, instance=seasonplan)


def _check_show(show: Show) -> None:
    if show.audience is not None and show.audience < 0:
        raise invalid("audience", _("The audience cannot be negative."), "negative_audience")
    plan = show.plan
    if plan is not None and show.held_on and plan.year != show.held_on.year:
        raise invalid(
            "plan",
            _("The show is held in %(year)s but the season plan is for %(plan_year)s.")
            % {"year": show.held_on.year, "plan_year": plan.year},
            "plan_year",
        )
    if plan is not None and show.organiser_id and plan.organiser_id != show.organiser_id:
        raise invalid("plan", _("The season plan belongs to another organiser."), "plan_organiser")


@transaction.atomic
def show_create(*, actor: User | None, **data: Any) -> Show:
    return create(model=Show, fields=SHOW_FIELDS, actor=actor, data=data, check=_check_show)


@transaction.atomic
def show_update(*, actor: User | None, show: Show, **data: Any) -> Show:
    return update(instance=show, fields=SHOW_FIELDS, actor=actor, data=data, check=_check_show)[0]


@transaction.atomic
def show_delete(*, actor: User | None, show: Show) -> None:
    delete(actor=actor, instance=show)


@transaction.atomic
def programme_create(*, actor: User | None, **data: Any) -> Programme:
    return create(
        model=Programme, fields=PROGRAMME_FIELDS, actor=actor, data=data, scope_field="show"
    )


@transaction.atomic
def programme_update(*, actor: User | None, programme: Programme, **data: Any) -> Programme:
    return update(
        instance=programme, fields=PROGRAMME_FIELDS, actor=actor, data=data, scope_field="show"
    )[0]


@transaction.atomic
def programme_delete(*, actor: User | None, programme: Programme) -> None:
    delete(actor=actor, instance=programme, scope_field="show")


def _performer_data(data: dict[str, Any]) -> dict[str, Any]:
    """A member performing for their employer: the employer follows from the member."""
    member = data.get("member")
    if member is not None and not data.get("employer") and member.employer_id:
        data = {**data, "employer": member.employer}
    if member is not None and not (data.get("name") or "").strip():
        data = {**data, "name": member.name}
    return data


@transaction.atomic
def performer_create(*, actor: User | None, **data: Any) -> Performer:
    return create(
        model=Performer,
        fields=PERFORMER_FIELDS,
        actor=actor,
        data=_performer_data(data),
        scope_field="programme",
    )


@transaction.atomic
def performer_update(*, actor: User | None, performer: Performer, **data: Any) -> Performer:
    return update(
        instance=performer,
        fields=PERFORMER_FIELDS,
        actor=actor,
        data=_performer_data(data),
        scope_field="programme",
    )[0]


@transaction.atomic
def performer_delete(*, actor: User | None, performer: Performer) -> None:
    delete(actor=actor, instance=performer, scope_field="programme")
