"""Every write of the model-worker registry: keyword-only, the acting user named ``actor``,
in a transaction, rechecking that what was written stays inside the actor's data scope.

Rules (tested in ``tests/test_rules.py``):

- a nomination's public notice starts no earlier than the nomination and runs at least the
  ``honour_public_notice`` period; the award needs a finished notice and is never dated
  before the nomination;
- an award or honour becomes the person's headline title when it is at least as high as
  the one they hold (a city craftsman who becomes a provincial model worker is listed as a
  provincial model worker; the honours keep the history);
- nobody mentors themselves; a mentorship ends no earlier than it starts, and an outcome
  other than "in progress" needs the end date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid, model_update
from unionhub.people.choices import LEVEL_RANK, MentoringOutcome, NominationStatus, VisitKind
from unionhub.people.models import (
    HONOUR_FIELDS,
    MENTORSHIP_FIELDS,
    MODEL_WORKER_FIELDS,
    NOMINATION_FIELDS,
    Honour,
    Mentorship,
    ModelWorker,
    Nomination,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User

#: the earliest year a title may carry (the first national model-worker conference, 1950)
FIRST_AWARD_YEAR = 1950


def require_visible(obj: models.Model | None, actor: User | None, field: str | None = None):
    """``obj`` (a record acted on, or a parent named in the input) is in the actor's scope."""
    if obj is not None and actor is not None and not object_visible_to(obj, actor):
        message = (
            _("The record would be outside your data scope.")
            if field is None
            else _("The selected record is outside your data scope.")
        )
        raise invalid(field, message, "out_of_scope")


def _creator(actor: User | None) -> User | None:
    return actor if getattr(actor, "pk", None) else None


def _pick(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in fields}


Check = Callable[[dict[str, Any], "User | None"], None]


def checked_create(model: type[Any], fields: tuple[str, ...], check: Check, actor, data):
    """The plain create of this module and studios: the allowed ``fields`` of ``data``, the
    record's rules (``check(values, actor)``), full validation, and the record must land
    inside the actor's scope (the transaction of the caller rolls back otherwise)."""
    values = _pick(data, fields)
    check(values, actor)
    obj = model(created_by=_creator(actor), **values)
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)
    return obj


def checked_update(instance: Any, fields: tuple[str, ...], check: Check, actor, data):
    """The plain update: the rules see the record as it will be (current values overlaid
    with the change), so a partial change cannot slip past a rule on the other fields."""
    require_visible(instance, actor)
    current = {f: getattr(instance, f) for f in fields}
    check({**current, **_pick(data, fields)}, actor)
    obj, _changed = model_update(instance=instance, fields=fields, data=data)
    require_visible(obj, actor)
    return obj


# --- the person -------------------------------------------------------------------------


def _check_person(obj: ModelWorker, actor: User | None) -> None:
    require_visible(obj.employer, actor, "employer")
    year = timezone.localdate().year
    if obj.year_awarded is not None and not FIRST_AWARD_YEAR <= obj.year_awarded <= year:
        raise invalid(
            "year_awarded",
            _("The year awarded must be between %(first)s and %(year)s.")
            % {"first": FIRST_AWARD_YEAR, "year": year},
            "year_out_of_range",
        )


@transaction.atomic
def modelworker_create(*, actor: User | None, **data: Any) -> ModelWorker:
    obj = ModelWorker(created_by=_creator(actor), **_pick(data, MODEL_WORKER_FIELDS))
    _check_person(obj, actor)
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)
    return obj


@transaction.atomic
def modelworker_update(*, actor: User | None, modelworker: ModelWorker, **data: Any):
    require_visible(modelworker, actor)
    current = {f: getattr(modelworker, f) for f in MODEL_WORKER_FIELDS}
    _check_person(ModelWorker(**{**current, **_pick(data, MODEL_WORKER_FIELDS)}), actor)
    obj, _changed = model_update(instance=modelworker, fields=MODEL_WORKER_FIELDS, data=data)
    require_visible(obj, actor)
    return obj


@transaction.atomic
def modelworker_delete(*, actor: User | None, modelworker: ModelWorker) -> None:
    require_visible(modelworker, actor)
    if modelworker.led_studios.exists() or modelworker.mentorships.exists():
        raise invalid(
            None,
            _("This person leads a studio or mentors apprentices; remove those records first."),
            "in_use",
        )
    modelworker.delete()


# --- honours ----------------------------------------------------------------------------


def _raise_headline(person: ModelWorker, honour: Honour) -> None:
    """The honour becomes the headline title when it is at least as high as the current."""
    if LEVEL_RANK[honour.level] >= LEVEL_RANK[person.level]:
        person.category = honour.category
        person.level = honour.level
        person.title = honour.title
        person.year_awarded = honour.awarded_on.year
        person.save(update_fields=["category", "level", "title", "year_awarded", "updated_at"])


def _check_award_date(awarded_on: dt.date | None, field: str = "awarded_on") -> None:
    if awarded_on is not None and awarded_on > timezone.localdate():
        raise invalid(field, _("The award date cannot be in the future."), "award_in_future")


@transaction.atomic
def honour_create(*, actor: User | None, **data: Any) -> Honour:
    person = data.get("model_worker")
    require_visible(person, actor, "model_worker")
    obj = Honour(created_by=_creator(actor), **_pick(data, HONOUR_FIELDS))
    _check_award_date(obj.awarded_on)
    obj.full_clean()
    obj.save()
    _raise_headline(obj.model_worker, obj)
    require_visible(obj, actor)
    return obj


@transaction.atomic
def honour_update(*, actor: User | None, honour: Honour, **data: Any) -> Honour:
    require_visible(honour, actor)
    require_visible(data.get("model_worker"), actor, "model_worker")
    _check_award_date(data.get("awarded_on"))
    obj, _changed = model_update(instance=honour, fields=HONOUR_FIELDS, data=data)
    require_visible(obj, actor)
    return obj


@transaction.atomic
def honour_delete(*, actor: User | None, honour: Honour) -> None:
    require_visible(honour, actor)
    honour.delete()


# --- nomination → public notice → award -------------------------------------------------


def _check_nomination(obj: Nomination, actor: User | None) -> None:
    require_visible(obj.model_worker, actor, "model_worker")
    require_visible(obj.employer, actor, "employer")
    if obj.nominated_on and obj.nominated_on > timezone.localdate():
        raise invalid(
            "nominated_on", _("The nomination date cannot be in the future."), "nominated_in_future"
        )


@transaction.atomic
def nomination_create(*, actor: User | None, **data: Any) -> Nomination:
    obj = Nomination(created_by=_creator(actor), **_pick(data, NOMINATION_FIELDS))
    if obj.model_worker is not None and not obj.name:
        obj.name = obj.model_worker.name
    _check_nomination(obj, actor)
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)
    return obj


def _require_open(nomination: Nomination) -> None:
    if nomination.status in (NominationStatus.AWARDED, NominationStatus.WITHDRAWN):
        raise invalid(
            None,
            _("This nomination is already %(status)s and can no longer change.")
            % {"status": nomination.get_status_display()},
            "nomination_closed",
        )


@transaction.atomic
def nomination_update(*, actor: User | None, nomination: Nomination, **data: Any):
    require_visible(nomination, actor)
    _require_open(nomination)
    probe = Nomination(**{**{f: getattr(nomination, f) for f in NOMINATION_FIELDS}, **data})
    _check_nomination(probe, actor)
    obj, _changed = model_update(instance=nomination, fields=NOMINATION_FIELDS, data=data)
    require_visible(obj, actor)
    return obj


@transaction.atomic
def nomination_delete(*, actor: User | None, nomination: Nomination) -> None:
    require_visible(nomination, actor)
    if nomination.status == NominationStatus.AWARDED:
        raise invalid(
            None, _("An awarded nomination is part of the honours record."), "nomination_awarded"
        )
    nomination.delete()


def earliest_notice_end(notice_from: dt.date) -> dt.date:
    return deadline_for("honour_public_notice", notice_from).due


@transaction.atomic
def nomination_start_notice(
    *, actor: User | None, nomination: Nomination, notice_from: dt.date, notice_to: dt.date
) -> Nomination:
    """Publish the nominee (公示) from ``notice_from`` to ``notice_to`` inclusive."""
    require_visible(nomination, actor)
    if nomination.status != NominationStatus.NOMINATED:
        raise invalid(
            None,
            _("Only a nomination that is not yet in public notice can start one."),
            "notice_not_allowed",
        )
    if notice_from < nomination.nominated_on:
        raise invalid(
            "notice_from",
            _("The public notice cannot start before the nomination (%(date)s).")
            % {"date": nomination.nominated_on.isoformat()},
            "notice_before_nomination",
        )
    minimum = earliest_notice_end(notice_from)
    if notice_to < minimum:
        raise invalid(
            "notice_to",
            _("The public notice must run at least 5 working days, until %(date)s or later.")
            % {"date": minimum.isoformat()},
            "notice_too_short",
        )
    nomination.notice_from = notice_from
    nomination.notice_to = notice_to
    nomination.status = NominationStatus.IN_NOTICE
    nomination.save(update_fields=["notice_from", "notice_to", "status", "updated_at"])
    require_visible(nomination, actor)
    return nomination


@transaction.atomic
def nomination_award(
    *, actor: User | None, nomination: Nomination, awarded_on: dt.date, awarded_by: str = ""
) -> Nomination:
    """Award the title: the honour is recorded, the person enters the registry (or their
    headline title rises) — only after a finished public notice."""
    require_visible(nomination, actor)
    if awarded_on < nomination.nominated_on:
        raise invalid(
            "awarded_on",
            _("The award (%(award)s) cannot be dated before the nomination (%(nominated)s).")
            % {"award": awarded_on.isoformat(), "nominated": nomination.nominated_on.isoformat()},
            "award_before_nomination",
        )
    if nomination.status != NominationStatus.IN_NOTICE:
        raise invalid(
            None,
            _("The nominee must be publicly noticed before the title is awarded."),
            "notice_required",
        )
    if awarded_on <= nomination.notice_to:
        raise invalid(
            "awarded_on",
            _("The title can be awarded only after the public notice ends (%(date)s).")
            % {"date": nomination.notice_to.isoformat()},
            "award_during_notice",
        )
    _check_award_date(awarded_on)
    person = nomination.model_worker
    if person is None:
        person = ModelWorker.objects.create(
            created_by=_creator(actor),
            name=nomination.name,
            member=nomination.member,
            region=nomination.region,
            employer=nomination.employer,
            category=nomination.category,
            level=nomination.level,
            title=nomination.title,
            year_awarded=awarded_on.year,
        )
    honour = Honour.objects.create(
        created_by=_creator(actor),
        model_worker=person,
        category=nomination.category,
        level=nomination.level,
        title=nomination.title,
        awarded_on=awarded_on,
        awarded_by=awarded_by,
    )
    _raise_headline(person, honour)
    nomination.model_worker = person
    nomination.honour = honour
    nomination.awarded_on = awarded_on
    nomination.status = NominationStatus.AWARDED
    nomination.save(update_fields=["model_worker", "honour", "awarded_on", "status", "updated_at"])
    require_visible(nomination, actor)
    return nomination


@transaction.atomic
def nomination_withdraw(*, actor: User | None, nomination: Nomination) -> Nomination:
    require_visible(nomination, actor)
    _require_open(nomination)
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status", "updated_at"])
    return nomination


# --- care visits ------------------------------------------------------------------------


@transaction.atomic
def carevisit_record(
    *,
    actor: User | None,
    model_worker: ModelWorker,
    activity: Any = None,
    organiser: Any = None,
    held_on: dt.date | None = None,
    kind: str = VisitKind.FESTIVAL,
    given: str = "",
    amount: Decimal | str = Decimal("0.00"),
) -> Any:
    """A care visit (走访慰问) to a person of the registry, written into the one activity
    ledger: the person becomes a visit target of ``activity`` (an existing visit) or of a new
    visit activity of ``organiser`` on ``held_on``. The people page and the activities KPIs
    (``activities.visits``, ``activities.visit_person_times``) count these same records."""
    from unionhub.activities import services as activities
    from unionhub.activities.choices import ActivityKind, VisitCategory

    require_visible(model_worker, actor)
    if activity is None:
        if organiser is None:
            raise invalid(
                "organiser",
                _("Choose an existing visit, or the union that visits and the date of a new one."),
                "organiser_required",
            )
        if held_on is None:
            raise invalid("held_on", _("Enter the date of the visit."), "date_required")
        if held_on > timezone.localdate():
            raise invalid("held_on", _("The visit date cannot be in the future."), "in_future")
        activity = activities.activity_create(
            actor=actor,
            kind=ActivityKind.VISIT,
            title=_("Care visit to model workers (%(kind)s)") % {"kind": VisitKind(kind).label},
            organiser=organiser,
            held_on=held_on,
        )
    elif activity.kind != ActivityKind.VISIT:
        raise invalid("activity", _("People visited can only be added to a visit."), "not_a_visit")
    return activities.visittarget_create(
        actor=actor,
        activity=activity,
        model_worker=model_worker,
        name=model_worker.name,
        category=VisitCategory.MODEL_WORKER,
        member=model_worker.member,
        given=given or str(VisitKind(kind).label),
        amount=amount,
    )


# --- mentoring --------------------------------------------------------------------------


def _check_mentorship(values: dict[str, Any], actor: User | None) -> None:
    mentor: ModelWorker | None = values.get("mentor")
    require_visible(mentor, actor, "mentor")
    require_visible(values.get("studio"), actor, "studio")
    apprentice_member = values.get("apprentice_member")
    require_visible(apprentice_member, actor, "apprentice_member")
    if mentor is not None:
        same_member = apprentice_member is not None and apprentice_member == mentor.member
        # Without member records to tell them apart, the same name is the same person.
        same_name = (
            apprentice_member is None
            and (values.get("apprentice_name") or "").strip() == mentor.name
        )
        if same_member or same_name:
            raise invalid(
                "apprentice_member" if same_member else "apprentice_name",
                _("A mentor cannot be their own apprentice."),
                "self_mentoring",
            )
    started, ended = values.get("started_on"), values.get("ended_on")
    if started and ended and ended < started:
        raise invalid(
            "ended_on",
            _("The mentorship cannot end (%(end)s) before it starts (%(start)s).")
            % {"end": ended.isoformat(), "start": started.isoformat()},
            "end_before_start",
        )
    outcome = values.get("outcome") or MentoringOutcome.IN_PROGRESS
    if outcome != MentoringOutcome.IN_PROGRESS and not ended:
        raise invalid(
            "ended_on", _("An outcome needs the date the mentorship ended."), "end_required"
        )
    if outcome == MentoringOutcome.IN_PROGRESS and ended:
        raise invalid(
            "outcome",
            _("A mentorship that has ended needs its outcome."),
            "outcome_required",
        )


@transaction.atomic
def mentorship_create(*, actor: User | None, **data: Any) -> Mentorship:
    return checked_create(Mentorship, MENTORSHIP_FIELDS, _check_mentorship, actor, data)


@transaction.atomic
def mentorship_update(*, actor: User | None, mentorship: Mentorship, **data: Any):
    return checked_update(mentorship, MENTORSHIP_FIELDS, _check_mentorship, actor, data)


@transaction.atomic
def mentorship_delete(*, actor: User | None, mentorship: Mentorship) -> None:
    require_visible(mentorship, actor)
    mentorship.delete()
