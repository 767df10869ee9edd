"""Every write of collective bargaining: keyword-only, the acting user named ``actor``
(``None`` for the system: jobs, demo), one transaction, the actor's data scope rechecked on
what was written, refusals as ``ValidationError({field: ...})`` with stable codes.

All legal dates come from the one deadline service (``deadline_for`` / ``add_period`` of
``unionhub.core.calendar.deadlines``); ``case_dates_refresh`` is the only place they are
written onto a case, ``offer_dates_refresh`` onto an offer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.bargaining import rules
from unionhub.bargaining.choices import (
    CONTRACT_OUTCOMES,
    OFFER_FLOW,
    CaseStatus,
    LimitStep,
    OfferStatus,
    Procedure,
    Tier,
)
from unionhub.bargaining.limits import limit_due
from unionhub.bargaining.models import (
    CAMPAIGN_FIELDS,
    CASE_FIELDS,
    CLAUSE_FIELDS,
    DRAFT_FIELDS,
    SESSION_FIELDS,
    BargainingCase,
    BargainingOffer,
    BargainingSession,
    ContractDraft,
    OfferCampaign,
    Representative,
    StandardClause,
)
from unionhub.core.calendar.deadlines import add_period, deadline_for
from unionhub.core.scope import object_visible_to
from unionhub.core.services import invalid as _invalid
from unionhub.core.services import model_update
from unionhub.core.votes import vote_outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from unionhub.core.calendar.periods import HolidayCalendar


def _raise(errors: dict[str, ValidationError]) -> None:
    if errors:
        raise ValidationError(errors)


def _require_perm(actor: AbstractBaseUser | None, perm: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied


def _in_scope(*, actor: AbstractBaseUser | None, obj: Any, field: str | None = None) -> None:
    if actor is not None and not object_visible_to(obj, actor):
        raise _invalid(field, _("The record would be outside your data scope."), "out_of_scope")


def _creator(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# --- dates -----------------------------------------------------------------------------


def case_dates_refresh(
    case: BargainingCase, *, calendar: HolidayCalendar | None = None
) -> list[str]:
    """Write every legal date of ``case`` from the deadline service (domain.md §3.4);
    returns the names of the fields that changed (not saved)."""

    def due(kind: str, date: dt.date | None) -> dt.date | None:
        return deadline_for(kind, date, calendar=calendar).due if date else None

    values = {
        "response_due": limit_due(
            LimitStep.RESPONSE, case.procedure, case.requested_on, calendar=calendar
        ).due,
        "filing_due": (
            limit_due(LimitStep.FILING, case.procedure, case.signed_on, calendar=calendar).due
            if case.is_contract
            else None
        ),
        "objection_due": due("labour_admin_objection", case.received_on),
        "effective_on": due("contract_effective", case.received_on),
        "expires_on": None,
        "renewal_opens_on": None,
        "publication_due": None,
    }
    if case.term_start and case.term_years:
        # Expiry = add_years(S, N) − 1 day, a date of the term (not a period's last day to roll).
        values["expires_on"] = add_period(
            case.term_start, years=case.term_years, days=-1, roll=False, calendar=calendar
        ).due
        values["renewal_opens_on"] = due("renewal_window_opens", values["expires_on"])
    if values["effective_on"] and not case.objection_on:
        values["publication_due"] = due("publication", values["effective_on"])
    changed = []
    for name, value in values.items():
        if getattr(case, name) != value:
            setattr(case, name, value)
            changed.append(name)
    return changed


def offer_dates_refresh(
    offer: BargainingOffer, *, calendar: HolidayCalendar | None = None
) -> list[str]:
    value = (
        deadline_for("bargaining_response", offer.received_on, calendar=calendar).due
        if offer.received_on
        else None
    )
    if offer.response_due != value:
        offer.response_due = value
        return ["response_due"]
    return []


def representative_dates_refresh(
    rep: Representative, *, calendar: HolidayCalendar | None = None
) -> list[str]:
    value = limit_due(LimitStep.REFILL, rep.case.procedure, rep.vacated_on, calendar=calendar).due
    if rep.refill_due != value:
        rep.refill_due = value
        return ["refill_due"]
    return []


# --- cases -----------------------------------------------------------------------------


def _case_problems(case: BargainingCase) -> dict[str, ValidationError]:
    errors = {}
    errors.update(
        rules.tier_problems(
            tier=case.tier,
            union_kind=case.union.kind if case.union_id else "",
            has_enterprise=case.enterprise_id is not None,
            industry_code=case.industry_code,
        )
    )
    errors.update(
        rules.procedure_problems(
            outcome_type=case.outcome_type,
            reduces_worker_rights=case.reduces_worker_rights,
            procedure=case.procedure,
        )
    )
    errors.update(
        rules.outcome_problems(outcome_type=case.outcome_type, special_topic=case.special_topic)
    )
    if "procedure" not in errors:
        errors.update(rules.procedure_tier_problems(procedure=case.procedure, tier=case.tier))
    if case.predecessor_id:
        errors.update(_predecessor_problems(case))
    return errors


def _predecessor_problems(case: BargainingCase) -> dict[str, ValidationError]:
    """A renewal follows a signed contract of the same tier for the same enterprise,
    industry or region (so that the year-on-year comparison compares like with like)."""
    old = case.predecessor
    same = (
        old.pk != case.pk
        and old.is_contract
        and old.signed_on is not None
        and old.tier == case.tier
        and (
            (case.tier == Tier.ENTERPRISE and old.enterprise_id == case.enterprise_id)
            or (case.tier == Tier.INDUSTRY and old.industry_code == case.industry_code)
            or (case.tier == Tier.REGIONAL and old.union_id == case.union_id)
        )
    )
    if same:
        return {}
    return {
        "predecessor": ValidationError(
            _(
                "A renewal follows a signed contract of the same tier for the same enterprise, "
                "industry or region; “%(title)s” is not one."
            )
            % {"title": old.title},
            code="predecessor_mismatch",
        )
    }


def _place(case: BargainingCase) -> None:
    """The case's region: its enterprise's, or the workers' union's for industry and
    regional cases."""
    case.region = case.enterprise.region if case.enterprise_id else case.union.region


@transaction.atomic
def case_create(*, actor: AbstractBaseUser | None, **data: Any) -> BargainingCase:
    _require_perm(actor, "bargaining.add_bargainingcase")
    covered = data.pop("covered_enterprises", None) or []
    case = BargainingCase(**{k: v for k, v in data.items() if k in CASE_FIELDS})
    case.created_by = _creator(actor)
    _raise(_case_problems(case))
    _place(case)
    case_dates_refresh(case)
    case.full_clean()
    case.save()
    if covered:
        case.covered_enterprises.set(covered)
    _check_covered(case, actor)
    _in_scope(actor=actor, obj=case, field="union")
    return case


def _check_covered(case: BargainingCase, actor: Any) -> None:
    if actor is None:
        return
    from unionhub.enterprises.models import Enterprise

    ids = set(case.covered_enterprises.values_list("pk", flat=True))
    if ids and Enterprise.objects.visible_to(actor).filter(pk__in=ids).count() != len(ids):
        raise _invalid(
            "covered_enterprises",
            _("Some covered enterprises are outside your data scope."),
            "out_of_scope",
        )


#: what may still change once the contract is signed (the rest is the signed text's)
_AFTER_SIGNING = ("title", "note", "covered_enterprises")


@transaction.atomic
def case_update(
    *, actor: AbstractBaseUser | None, bargainingcase: BargainingCase, **data: Any
) -> BargainingCase:
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    fields = CASE_FIELDS if case.signed_on is None else _AFTER_SIGNING
    for name in fields:
        if name in data and name != "covered_enterprises":
            setattr(case, name, data[name])
    _raise(_case_problems(case))
    _place(case)
    changed = case_dates_refresh(case)
    case, _changed = model_update(instance=case, fields=fields, data=data)
    if changed or case.region_id:
        case.full_clean()
        case.save()
    _check_covered(case, actor)
    _in_scope(actor=actor, obj=case, field="union")
    return case


@transaction.atomic
def case_delete(*, actor: AbstractBaseUser | None, bargainingcase: BargainingCase) -> None:
    _require_perm(actor, "bargaining.delete_bargainingcase")
    _in_scope(actor=actor, obj=bargainingcase)
    if bargainingcase.signed_on:
        raise _invalid(
            None, _("A signed contract is a record and cannot be deleted."), "signed_kept"
        )
    bargainingcase.delete()


def _seats(case: BargainingCase) -> list[rules.Seat]:
    return [
        rules.Seat(r.side, r.name, r.is_chief, r.is_outside_expert, r.member_id)
        for r in case.representatives.filter(vacated_on__isnull=True)
    ]


def sides_problems(case: BargainingCase) -> dict[str, ValidationError]:
    return rules.sides_problems(_seats(case))


def _move(case: BargainingCase, allowed: tuple[str, ...], to: str) -> None:
    if case.status not in allowed:
        raise _invalid(
            "status",
            _("A case that is “%(status)s” cannot do this.")
            % {"status": case.get_status_display()},
            "wrong_status",
        )
    case.status = to


@transaction.atomic
def case_start(*, actor: AbstractBaseUser | None, bargainingcase: BargainingCase) -> BargainingCase:
    """Open negotiations: both sides must be properly constituted (art. 19, 23)."""
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    _move(case, (CaseStatus.PREPARING, CaseStatus.SUSPENDED), CaseStatus.NEGOTIATING)
    _raise(sides_problems(case))
    case.save(update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def case_suspend(
    *, actor: AbstractBaseUser | None, bargainingcase: BargainingCase
) -> BargainingCase:
    _require_perm(actor, "bargaining.change_bargainingcase")
    _in_scope(actor=actor, obj=bargainingcase)
    _move(bargainingcase, (CaseStatus.NEGOTIATING,), CaseStatus.SUSPENDED)
    bargainingcase.save(update_fields=["status", "updated_at"])
    return bargainingcase


@transaction.atomic
def case_vote(
    *,
    actor: AbstractBaseUser | None,
    bargainingcase: BargainingCase,
    total: int,
    present: int,
    yes: int,
    declared_adopted: bool | None = None,
) -> BargainingCase:
    """The workers' congress (or all workers) votes on the draft, under §3.5
    (``unionhub.core.votes``). ``declared_adopted`` is what the meeting's record says: a
    record claiming adoption that the numbers do not support is refused."""
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    if case.status not in (CaseStatus.NEGOTIATING, CaseStatus.ADOPTED):
        raise _invalid(
            "status", _("Only a draft under negotiation can be put to the vote."), "wrong_status"
        )
    outcome = vote_outcome(total=total, present=present, yes=yes)
    if declared_adopted and not outcome.adopted:
        raise _invalid("declared_adopted", outcome.reason, "vote_not_adopted")
    case.vote_total, case.vote_present, case.vote_yes = total, present, yes
    case.vote_adopted = outcome.adopted
    case.status = CaseStatus.ADOPTED if outcome.adopted else CaseStatus.NEGOTIATING
    case.save()
    return case


@transaction.atomic
def case_sign(
    *,
    actor: AbstractBaseUser | None,
    bargainingcase: BargainingCase,
    signed_on: dt.date,
    term_start: dt.date | None = None,
    term_years: int | None = None,
) -> BargainingCase:
    """Both chiefs sign. A contract needs the adopted draft (LCL art. 51) and a term of at
    least a year; minutes and memoranda conclude the case on signature."""
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    errors: dict[str, ValidationError] = {}
    if case.is_contract:
        if case.status != CaseStatus.ADOPTED:
            errors["status"] = ValidationError(
                _(
                    "The draft must first be adopted by the workers' congress or all workers "
                    "(Labour Contract Law, art. 51)."
                ),
                code="not_adopted",
            )
        errors.update(rules.term_problems(term_years))
        if term_start is None:
            errors["term_start"] = ValidationError(
                _("Give the day the contract's term starts."), code="required"
            )
        elif term_start < signed_on:
            errors["term_start"] = ValidationError(
                _("The term cannot start before the contract is signed."),
                code="term_before_signature",
            )
    elif case.status not in (CaseStatus.NEGOTIATING, CaseStatus.ADOPTED):
        errors["status"] = ValidationError(
            _("Only a case under negotiation can be signed."), code="wrong_status"
        )
    if case.requested_on and signed_on < case.requested_on:
        errors["signed_on"] = ValidationError(
            _("The signature cannot be earlier than the bargaining request (%(date)s).")
            % {"date": case.requested_on.isoformat()},
            code="signed_before_request",
        )
    errors.update(sides_problems(case))
    _raise(errors)
    case.signed_on = signed_on
    if case.is_contract:
        case.term_start, case.term_years = term_start, term_years
        case.status = CaseStatus.SIGNED
    else:
        case.status = CaseStatus.CONCLUDED
    case_dates_refresh(case)
    case.save()
    return case


@transaction.atomic
def case_file(
    *, actor: AbstractBaseUser | None, bargainingcase: BargainingCase, filed_on: dt.date
) -> BargainingCase:
    """The employer sends the text to the labour administration (art. 42). Late filing is
    recorded (the detail page says so), not refused: the contract still has to be filed."""
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    if case.status != CaseStatus.SIGNED:
        raise _invalid("status", _("Only a signed contract can be filed."), "wrong_status")
    if filed_on < case.signed_on:
        raise _invalid(
            "filed_on",
            _("The filing date cannot be before the signature (%(date)s).")
            % {"date": case.signed_on.isoformat()},
            "filed_before_signature",
        )
    case.filed_on = filed_on
    case.status = CaseStatus.FILED
    case.save()
    return case


@transaction.atomic
def case_receipt(
    *, actor: AbstractBaseUser | None, bargainingcase: BargainingCase, received_on: dt.date
) -> BargainingCase:
    """The labour administration's receipt: from it run the 15-day objection period and
    the effective day (domain.md §3.4)."""
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    if case.status != CaseStatus.FILED or case.objection_on:
        raise _invalid("status", _("Only a filed contract has a receipt."), "wrong_status")
    if received_on < case.filed_on:
        raise _invalid(
            "received_on",
            _("The receipt cannot be before the filing (%(date)s).")
            % {"date": case.filed_on.isoformat()},
            "received_before_filing",
        )
    case.received_on = received_on
    case_dates_refresh(case)
    case.save()
    return case


@transaction.atomic
def case_object(
    *,
    actor: AbstractBaseUser | None,
    bargainingcase: BargainingCase,
    objection_on: dt.date,
    objection_note: str,
) -> BargainingCase:
    """The labour administration served a review opinion (审查意见书) within the period:
    the contract does not take effect; renegotiate and file again (art. 45, 46)."""
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    if case.status != CaseStatus.FILED or not case.received_on or case.objection_on:
        raise _invalid(
            "status", _("An objection needs a filed contract with its receipt."), "wrong_status"
        )
    if not case.received_on <= objection_on <= case.objection_due:
        raise _invalid(
            "objection_on",
            _(
                "An objection counts only within the review period, %(start)s to %(end)s; "
                "after it the contract has taken effect."
            )
            % {"start": case.received_on.isoformat(), "end": case.objection_due.isoformat()},
            "outside_objection_period",
        )
    case.objection_on, case.objection_note = objection_on, objection_note
    case.status = CaseStatus.OBJECTED
    case_dates_refresh(case)
    case.save()
    return case


@transaction.atomic
def case_publish(
    *, actor: AbstractBaseUser | None, bargainingcase: BargainingCase, published_on: dt.date
) -> BargainingCase:
    _require_perm(actor, "bargaining.change_bargainingcase")
    case = bargainingcase
    _in_scope(actor=actor, obj=case)
    if case.effective_on is None or case.objection_on or case.published_on:
        raise _invalid(
            "status", _("Only a contract that has taken effect is published."), "wrong_status"
        )
    if published_on < case.effective_on:
        raise _invalid(
            "published_on",
            _("The contract takes effect on %(date)s; it cannot be published before.")
            % {"date": case.effective_on.isoformat()},
            "published_before_effect",
        )
    case.published_on = published_on
    case.save()
    return case


@transaction.atomic
def case_fail(*, actor: AbstractBaseUser | None, bargainingcase: BargainingCase) -> BargainingCase:
    _require_perm(actor, "bargaining.change_bargainingcase")
    _in_scope(actor=actor, obj=bargainingcase)
    _move(
        bargainingcase,
        (CaseStatus.PREPARING, CaseStatus.NEGOTIATING, CaseStatus.SUSPENDED),
        CaseStatus.FAILED,
    )
    bargainingcase.save(update_fields=["status", "updated_at"])
    return bargainingcase


# --- representatives -------------------------------------------------------------------


@transaction.atomic
def representative_add(
    *, actor: AbstractBaseUser | None, case: BargainingCase, **data: Any
) -> Representative:
    """Seat a representative; refused when an outside expert would be chief, a person
    would sit on both sides or a side would get a second chief. Whether the sides are
    complete (equal, ≥ 3, experts ≤ 1/3) is checked when negotiations open and on signing."""
    _require_perm(actor, "bargaining.add_representative")
    _in_scope(actor=actor, obj=case, field="case")
    if case.signed_on:
        raise _invalid("case", _("The contract is signed; its sides are closed."), "signed")
    rep = Representative(case=case, created_by=_creator(actor))
    for name in ("side", "name", "position", "is_chief", "is_outside_expert", "member"):
        if name in data:
            setattr(rep, name, data[name])
    rep.name = (rep.name or "").strip()
    rep.full_clean()
    if rep.member_id:
        _in_scope(actor=actor, obj=rep.member, field="member")
    seat = rules.Seat(rep.side, rep.name, rep.is_chief, rep.is_outside_expert, rep.member_id)
    _raise(rules.seat_problems(seat, _seats(case)))
    rep.save()
    _in_scope(actor=actor, obj=rep, field="case")
    return rep


@transaction.atomic
def representative_create(*, actor: AbstractBaseUser | None, **data: Any) -> Representative:
    return representative_add(actor=actor, **data)


@transaction.atomic
def representative_vacate(
    *, actor: AbstractBaseUser | None, representative: Representative, vacated_on: dt.date
) -> Representative:
    """The seat fell vacant (replaced, resigned, force majeure): refill within 15 days
    (art. 31); the refill's last day comes from the deadline service."""
    _require_perm(actor, "bargaining.change_representative")
    _in_scope(actor=actor, obj=representative)
    if representative.vacated_on:
        raise _invalid("vacated_on", _("This seat is already vacant."), "already_vacant")
    representative.vacated_on = vacated_on
    representative_dates_refresh(representative)
    representative.save()
    return representative


@transaction.atomic
def representative_replace(
    *,
    actor: AbstractBaseUser | None,
    representative: Representative,
    name: str,
    position: str = "",
    is_outside_expert: bool = False,
    member: Any = None,
) -> Representative:
    """Refill a vacant seat: the successor takes the side and the chief's role."""
    _require_perm(actor, "bargaining.change_representative")
    old = representative
    _in_scope(actor=actor, obj=old)
    if not old.vacated_on or old.replaced_by_id:
        raise _invalid("name", _("Only a vacant seat can be refilled."), "not_vacant")
    new = representative_add(
        actor=actor,
        case=old.case,
        side=old.side,
        name=name,
        position=position,
        is_chief=old.is_chief,
        is_outside_expert=is_outside_expert,
        member=member,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by", "updated_at"])
    return new


# --- sessions and drafts --------------------------------------------------------------

#: a case in these statuses holds bargaining meetings
_MEETING_STATUSES = (CaseStatus.NEGOTIATING,)
#: a case in these statuses may get a new draft version (not once adopted or signed)
_DRAFTING_STATUSES = (CaseStatus.PREPARING, CaseStatus.NEGOTIATING, CaseStatus.SUSPENDED)


def _session_problems(session: BargainingSession, attendees: list[Any]) -> dict:
    case = session.case
    before = case.sessions.exclude(pk=session.pk)
    if session.number:
        before = before.filter(number__lt=session.number)
    previous = before.select_related("chair").order_by("-number").first()
    chair = session.chair if session.chair_id else None
    errors = rules.session_problems(
        chair_side=chair.side if chair else "",
        chair_is_chief=bool(chair and chair.case_id == case.pk and chair.is_chief),
        chair_sitting=bool(chair and chair.vacated_on is None),
        previous_chair_side=previous.chair.side if previous else None,
        recorder=session.recorder,
        representative_names=case.representatives.values_list("name", flat=True),
        held_on=session.held_on,
        previous_held_on=previous.held_on if previous else None,
        requested_on=case.requested_on,
    )
    strangers = [r for r in attendees if r.case_id != case.pk]
    if strangers:
        errors["attendees"] = ValidationError(
            _("%(names)s are not representatives in this case.")
            % {"names": "、".join(r.name for r in strangers)},
            code="attendee_not_representative",
        )
    return errors


def _save_session(session: BargainingSession, attendees: list[Any] | None) -> None:
    if not session.number:
        last = session.case.sessions.order_by("-number").values_list("number", flat=True).first()
        session.number = (last or 0) + 1
    session.full_clean()
    session.save()
    if attendees is not None:
        chosen = {r.pk for r in attendees} | {session.chair_id}
        session.attendees.set(chosen)


@transaction.atomic
def session_create(*, actor: AbstractBaseUser | None, **data: Any) -> BargainingSession:
    """Record a bargaining meeting of a case under negotiation; the chair is always
    counted present."""
    _require_perm(actor, "bargaining.add_bargainingsession")
    attendees = list(data.pop("attendees", None) or [])
    session = BargainingSession(
        **{k: v for k, v in data.items() if k in SESSION_FIELDS}, created_by=_creator(actor)
    )
    case = session.case
    _in_scope(actor=actor, obj=case, field="case")
    if case.status not in _MEETING_STATUSES:
        raise _invalid(
            "case",
            _("Meetings are recorded while the case is under negotiation (now “%(status)s”).")
            % {"status": case.get_status_display()},
            "wrong_status",
        )
    _raise(_session_problems(session, attendees))
    _save_session(session, attendees)
    _in_scope(actor=actor, obj=session, field="case")
    return session


@transaction.atomic
def session_update(
    *, actor: AbstractBaseUser | None, bargainingsession: BargainingSession, **data: Any
) -> BargainingSession:
    """Correct a meeting's record (place, recorder, attendance, minutes; the chair is
    checked again against the meeting before)."""
    _require_perm(actor, "bargaining.change_bargainingsession")
    session = bargainingsession
    _in_scope(actor=actor, obj=session)
    attendees = data.pop("attendees", None)
    for name in SESSION_FIELDS:
        if name in data and name not in ("case", "attendees"):
            setattr(session, name, data[name])
    _raise(_session_problems(session, list(attendees or [])))
    _save_session(session, list(attendees) if attendees is not None else None)
    return session


@transaction.atomic
def draft_create(*, actor: AbstractBaseUser | None, **data: Any) -> ContractDraft:
    """A new version of the contract's text; versions are numbered 1, 2, … per case and
    kept as they were (a change is a new version)."""
    _require_perm(actor, "bargaining.add_contractdraft")
    library = list(data.pop("library_clauses", None) or [])
    draft = ContractDraft(
        **{k: v for k, v in data.items() if k in DRAFT_FIELDS}, created_by=_creator(actor)
    )
    case = draft.case
    _in_scope(actor=actor, obj=case, field="case")
    if case.status not in _DRAFTING_STATUSES:
        raise _invalid(
            "case",
            _("The draft can no longer change: the case is “%(status)s”.")
            % {"status": case.get_status_display()},
            "wrong_status",
        )
    if draft.session_id and draft.session.case_id != case.pk:
        raise _invalid("session", _("That meeting belongs to another case."), "session_other_case")
    if library:
        draft.text = _with_library_clauses(draft.text, library, actor)
    previous = case.drafts.order_by("-version").first()
    _raise(
        rules.draft_problems(
            clause_count=sum(1 for c in draft.clauses() if c.number),
            prepared_on=draft.prepared_on,
            previous_prepared_on=previous.prepared_on if previous else None,
        )
    )
    draft.version = (previous.version if previous else 0) + 1
    draft.full_clean()
    draft.save()
    _in_scope(actor=actor, obj=draft, field="case")
    return draft


def _with_library_clauses(text: str, library: list[Any], actor: Any) -> str:
    """``text`` with the chosen standard clauses appended, numbered after its last clause;
    a clause whose heading the draft already has is refused (edit that clause instead)."""
    from unionhub.bargaining.clauses import split_clauses

    found = split_clauses(text or "")
    headings = {c.heading for c in found if c.heading}
    numbered = sum(1 for c in found if c.number)
    lines = [text.rstrip()] if (text or "").strip() else []
    for clause in library:
        _in_scope(actor=actor, obj=clause, field="library_clauses")
        if clause.title in headings:
            raise _invalid(
                "library_clauses",
                _("The draft already has a clause “%(title)s”; edit it instead of adding it again.")
                % {"title": clause.title},
                "clause_already_in_draft",
            )
        numbered += 1
        headings.add(clause.title)
        lines.append(f"第{numbered}条【{clause.title}】{clause.text.strip()}")
    return "\n".join(lines)


@transaction.atomic
def clause_create(*, actor: AbstractBaseUser | None, **data: Any) -> StandardClause:
    _require_perm(actor, "bargaining.add_standardclause")
    clause = StandardClause(
        **{k: v for k, v in data.items() if k in CLAUSE_FIELDS}, created_by=_creator(actor)
    )
    clause.title = (clause.title or "").strip().strip("【】")
    clause.full_clean()
    clause.save()
    _in_scope(actor=actor, obj=clause, field="union")
    return clause


@transaction.atomic
def clause_update(
    *, actor: AbstractBaseUser | None, standardclause: StandardClause, **data: Any
) -> StandardClause:
    _require_perm(actor, "bargaining.change_standardclause")
    _in_scope(actor=actor, obj=standardclause)
    clause = standardclause
    for name in CLAUSE_FIELDS:
        if name in data:
            setattr(clause, name, data[name])
    clause.title = (clause.title or "").strip().strip("【】")
    clause.full_clean()
    clause.save()
    _in_scope(actor=actor, obj=clause, field="union")
    return clause


# --- campaigns and offers --------------------------------------------------------------


def campaign_selection(
    *,
    actor: AbstractBaseUser | None,
    region: Any = None,
    industry_code: str = "",
    key_group: str = "",
    size_classes: list[str] | None = None,
    min_employees: int | None = None,
):
    """The enterprises a campaign may address: in the actor's scope, operating, narrowed by
    region (with everything below), industry (code prefix), key group (an enterprise
    employing members of that group) and size."""
    from unionhub.enterprises.models import Enterprise
    from unionhub.members.models import Member

    qs = (
        Enterprise.objects.visible_to(actor) if actor is not None else Enterprise.objects.all()
    ).filter(operating_status="operating")
    if region is not None:
        qs = qs.filter(region__path__startswith=region.path)
    if industry_code:
        qs = qs.filter(industry_code__startswith=industry_code)
    if key_group:
        qs = qs.filter(Exists(Member.objects.filter(employer=OuterRef("pk"), key_group=key_group)))
    if size_classes:
        qs = qs.filter(size_class__in=size_classes)
    if min_employees:
        qs = qs.filter(employees__gte=min_employees)
    return qs.order_by("-employees", "pk")


def _campaign_problems(campaign: OfferCampaign) -> dict[str, ValidationError]:
    if (
        campaign.period_start
        and campaign.period_end
        and campaign.period_end < campaign.period_start
    ):
        return {
            "period_end": ValidationError(
                _("The campaign cannot end before it starts."), code="end_before_start"
            )
        }
    return {}


@transaction.atomic
def campaign_create(*, actor: AbstractBaseUser | None, **data: Any) -> OfferCampaign:
    _require_perm(actor, "bargaining.add_offercampaign")
    campaign = OfferCampaign(
        **{k: v for k, v in data.items() if k in CAMPAIGN_FIELDS}, created_by=_creator(actor)
    )
    _raise(_campaign_problems(campaign))
    campaign.full_clean()
    campaign.save()
    _in_scope(actor=actor, obj=campaign, field="union")
    return campaign


@transaction.atomic
def campaign_update(
    *, actor: AbstractBaseUser | None, offercampaign: OfferCampaign, **data: Any
) -> OfferCampaign:
    _require_perm(actor, "bargaining.change_offercampaign")
    _in_scope(actor=actor, obj=offercampaign)
    for name in CAMPAIGN_FIELDS:
        if name in data:
            setattr(offercampaign, name, data[name])
    _raise(_campaign_problems(offercampaign))
    campaign, _changed = model_update(instance=offercampaign, fields=CAMPAIGN_FIELDS, data=data)
    campaign.full_clean()
    campaign.save()
    _in_scope(actor=actor, obj=campaign, field="union")
    return campaign


@transaction.atomic
def campaign_delete(*, actor: AbstractBaseUser | None, offercampaign: OfferCampaign) -> None:
    _require_perm(actor, "bargaining.delete_offercampaign")
    _in_scope(actor=actor, obj=offercampaign)
    if offercampaign.offers.exists():
        raise _invalid(
            None, _("Offers were sent in this campaign; it is kept as a record."), "has_offers"
        )
    offercampaign.delete()


@transaction.atomic
def campaign_send(
    *,
    actor: AbstractBaseUser | None,
    offercampaign: OfferCampaign,
    enterprises: list[Any],
    sent_on: dt.date,
) -> list[BargainingOffer]:
    """Send one offer to each of ``enterprises`` (each in the actor's scope; one offer per
    enterprise and campaign)."""
    _require_perm(actor, "bargaining.add_bargainingoffer")
    campaign = offercampaign
    _in_scope(actor=actor, obj=campaign)
    if not enterprises:
        raise _invalid("enterprises", _("Choose at least one enterprise."), "required")
    if sent_on < campaign.period_start or sent_on > campaign.period_end:
        raise _invalid(
            "sent_on",
            _("Offers are sent within the campaign period, %(start)s to %(end)s.")
            % {"start": campaign.period_start.isoformat(), "end": campaign.period_end.isoformat()},
            "outside_period",
        )
    already = set(campaign.offers.values_list("enterprise_id", flat=True))
    offers = [
        BargainingOffer(
            campaign=campaign, enterprise=e, sent_on=sent_on, created_by=_creator(actor)
        )
        for e in enterprises
        if e.pk not in already
    ]
    for offer in offers:
        offer.full_clean(validate_unique=False)
        offer.save()
        _in_scope(actor=actor, obj=offer, field="enterprises")
    return offers


@transaction.atomic
def campaign_send_selected(
    *,
    actor: AbstractBaseUser | None,
    offercampaign: OfferCampaign,
    sent_on: dt.date,
    limit: int = 20,
    region: Any = None,
    industry_code: str = "",
    key_group: str = "",
    size_classes: list[str] | None = None,
) -> list[BargainingOffer]:
    """Send offers to up to ``limit`` enterprises chosen by region, industry, key group
    and size (largest first), skipping those that already have one in the campaign."""
    chosen = (
        campaign_selection(
            actor=actor,
            region=region,
            industry_code=industry_code,
            key_group=key_group,
            size_classes=size_classes,
        )
        .exclude(bargaining_offers__campaign=offercampaign)
        .select_related("region")[:limit]
    )
    return campaign_send(
        actor=actor, offercampaign=offercampaign, enterprises=list(chosen), sent_on=sent_on
    )


def _offer_transition(offer: BargainingOffer, to: str) -> None:
    if to not in OFFER_FLOW[offer.status]:
        raise _invalid(
            "status",
            _("An offer that is “%(status)s” cannot become “%(to)s”.")
            % {"status": offer.get_status_display(), "to": OfferStatus(to).label},
            "wrong_status",
        )
    offer.status = to


@transaction.atomic
def offer_receive(
    *, actor: AbstractBaseUser | None, bargainingoffer: BargainingOffer, received_on: dt.date
) -> BargainingOffer:
    """The enterprise received the offer: its 20-day response period starts (art. 32)."""
    _require_perm(actor, "bargaining.change_bargainingoffer")
    offer = bargainingoffer
    _in_scope(actor=actor, obj=offer)
    if received_on < offer.sent_on:
        raise _invalid(
            "received_on",
            _("The offer was sent on %(date)s; it cannot have been received earlier.")
            % {"date": offer.sent_on.isoformat()},
            "received_before_sent",
        )
    _offer_transition(offer, OfferStatus.RECEIVED)
    offer.received_on = received_on
    offer_dates_refresh(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_respond(
    *,
    actor: AbstractBaseUser | None,
    bargainingoffer: BargainingOffer,
    responded_on: dt.date,
    agrees: bool = True,
) -> BargainingOffer:
    """The enterprise's written response. A response before the offer was received is
    refused; a refusal to bargain ends the offer (``failed``)."""
    _require_perm(actor, "bargaining.change_bargainingoffer")
    offer = bargainingoffer
    _in_scope(actor=actor, obj=offer)
    if offer.received_on is None:
        raise _invalid(
            "responded_on",
            _("Record the day the enterprise received the offer first."),
            "not_received",
        )
    if responded_on < offer.received_on:
        raise _invalid(
            "responded_on",
            _("The response date %(responded)s is before the offer was received (%(received)s).")
            % {"responded": responded_on.isoformat(), "received": offer.received_on.isoformat()},
            "responded_before_received",
        )
    _offer_transition(offer, OfferStatus.RESPONDED if agrees else OfferStatus.FAILED)
    offer.responded_on = responded_on
    offer.save()
    return offer


@transaction.atomic
def offer_negotiate(
    *, actor: AbstractBaseUser | None, bargainingoffer: BargainingOffer, title: str = ""
) -> BargainingOffer:
    """Bargaining begins: an enterprise case under the ordinary procedure opens for it."""
    _require_perm(actor, "bargaining.change_bargainingoffer")
    offer = bargainingoffer
    _in_scope(actor=actor, obj=offer)
    _offer_transition(offer, OfferStatus.NEGOTIATING)
    if offer.case_id is None:
        union = _enterprise_union(offer.enterprise) or offer.campaign.union
        offer.case = case_create(
            actor=actor,
            title=title
            or _("%(enterprise)s collective contract") % {"enterprise": offer.enterprise.name},
            tier=Tier.ENTERPRISE,
            union=union,
            enterprise=offer.enterprise,
            procedure=Procedure.ORDINARY,
            outcome_type=CONTRACT_OUTCOMES[0],
            requested_on=offer.received_on,
        )
    offer.save()
    return offer


def _enterprise_union(enterprise: Any) -> Any:
    """The enterprise's own union, if it has one (else the campaign's union acts for the
    workers, LCL art. 51 para. 2)."""
    union = enterprise.unions.select_related("org_unit").first()
    return union.org_unit if union else None


@transaction.atomic
def offer_close(
    *, actor: AbstractBaseUser | None, bargainingoffer: BargainingOffer, status: str
) -> BargainingOffer:
    """Agreed, suspended or failed."""
    _require_perm(actor, "bargaining.change_bargainingoffer")
    offer = bargainingoffer
    _in_scope(actor=actor, obj=offer)
    _offer_transition(offer, status)
    offer.save()
    return offer


def offers_escalate(*, actor: AbstractBaseUser | None = None, today: dt.date | None = None) -> int:
    """The daily job: offers received whose response day has passed without a written
    response become overdue and escalate to the union above the issuing one."""
    today = today or timezone.localdate()
    count = 0
    due = BargainingOffer.objects.filter(
        status=OfferStatus.RECEIVED, response_due__lt=today
    ).select_related("campaign__union")
    for offer in due:
        with transaction.atomic():
            offer.status = OfferStatus.OVERDUE
            offer.escalated_to = offer.campaign.union.parent or offer.campaign.union
            offer.escalated_on = today
            offer.save()
        count += 1
    return count


def dates_recompute(*, actor: AbstractBaseUser | None = None) -> int:
    """Recompute the stored legal dates (after the holiday arrangement changed)."""
    from unionhub.core.calendar.selectors import holiday_calendar

    calendar = holiday_calendar()
    count = 0
    for case in BargainingCase.objects.exclude(requested_on=None, signed_on=None, received_on=None):
        if case_dates_refresh(case, calendar=calendar):
            case.save()
            count += 1
    for offer in BargainingOffer.objects.exclude(received_on=None):
        if offer_dates_refresh(offer, calendar=calendar):
            offer.save(update_fields=["response_due", "updated_at"])
            count += 1
    for rep in Representative.objects.exclude(vacated_on=None).select_related("case"):
        if representative_dates_refresh(rep, calendar=calendar):
            rep.save(update_fields=["refill_due", "updated_at"])
            count += 1
    return count
