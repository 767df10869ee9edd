"""Writes of congress terms, representative lists, sessions, resolutions and proposals."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.congress import rules
from unionhub.congress.choices import (
    Attendance,
    CongressForm,
    ListStatus,
    ProposalStatus,
    ResolutionResult,
)
from unionhub.congress.deadlines import PROPOSAL_REPLY
from unionhub.congress.models import (
    CONGRESS_FIELDS,
    PROPOSAL_FIELDS,
    REPRESENTATIVE_FIELDS,
    RESOLUTION_FIELDS,
    SESSION_FIELDS,
    Congress,
    Proposal,
    Representative,
    Resolution,
    Session,
    SessionAttendance,
)
from unionhub.congress.services._common import Actor, assign, in_scope, refuse, stamp
from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.votes import vote_outcome

# --- congress terms -------------------------------------------------------------------------


@transaction.atomic
def congress_create(*, actor: Actor, **data: Any) -> Congress:
    congress = Congress()
    assign(congress, CONGRESS_FIELDS, data)
    stamp(congress, actor)
    _check_workforce(congress)
    congress.full_clean()
    congress.save()
    in_scope(actor=actor, obj=congress)
    return congress


@transaction.atomic
def congress_update(*, actor: Actor, congress: Congress, **data: Any) -> Congress:
    if assign(congress, CONGRESS_FIELDS, data):
        _check_workforce(congress)
        congress.full_clean()
        congress.save()
    in_scope(actor=actor, obj=congress)
    return congress


@transaction.atomic
def congress_delete(*, actor: Actor, congress: Congress) -> None:
    in_scope(actor=actor, obj=congress)
    if congress.sessions.exists():
        raise refuse(
            "enterprise",
            _("The congress has sessions on record and cannot be deleted."),
            "has_sessions",
        )
    congress.representatives.all().delete()
    congress.delete()


def _check_workforce(congress: Congress) -> None:
    if congress.workforce and congress.women_workforce > congress.workforce:
        raise refuse(
            "women_workforce",
            _("Women in the workforce (%(women)s) cannot exceed the workforce (%(all)s).")
            % {"women": congress.women_workforce, "all": congress.workforce},
            "women_exceed_workforce",
        )


def composition_rule_on(day: dt.date) -> dict[str, tuple[int, int]]:
    """The thresholds of the composition rule in force on ``day`` (the dated rows of
    ``CompositionRule``); the handbook's defaults before the first row."""
    from unionhub.congress.models import CompositionRule

    rule = CompositionRule.in_force_on(day)
    if rule is None:
        return {"frontline_min": rules.FRONTLINE_MIN, "managers_max": rules.MANAGERS_MAX}
    return {
        "frontline_min": (rule.frontline_min_percent, 100),
        "managers_max": (rule.managers_max_percent, 100),
    }


def congress_composition(congress: Congress, on: dt.date | None = None) -> rules.Composition:
    """The shares of the congress's representative list (one query) under the composition
    rule in force on ``on`` (default today)."""
    rows = list(congress.representatives.values_list("category", "is_woman"))
    return rules.composition(
        categories=Counter(category for category, _w in rows),
        women=sum(1 for _c, woman in rows if woman),
        workforce=congress.workforce,
        women_workforce=congress.women_workforce,
        **composition_rule_on(on or timezone.localdate()),
    )


@transaction.atomic
def congress_confirm_list(
    *, actor: Actor, congress: Congress, on: dt.date | None = None
) -> rules.Composition:
    """Confirms the representative list. A list whose front-line share is below one half
    (or an empty list) is refused; other findings are returned as warnings."""
    if congress.form != CongressForm.CONGRESS:
        raise refuse(
            "form",
            _("An all-workers' assembly has no representative list to confirm."),
            "assembly_has_no_list",
        )
    if congress.list_status == ListStatus.CONFIRMED:
        raise refuse(
            "list_status", _("The representative list is already confirmed."), "list_confirmed"
        )
    result = congress_composition(congress, on or timezone.localdate())
    if result.refusals:
        raise ValidationError(
            {
                "representatives": [
                    ValidationError(finding.message, code=finding.code)
                    for finding in result.refusals
                ]
            }
        )
    congress.list_status = ListStatus.CONFIRMED
    congress.list_confirmed_on = on or timezone.localdate()
    congress.save(update_fields=["list_status", "list_confirmed_on", "updated_at"])
    in_scope(actor=actor, obj=congress)
    return result


@transaction.atomic
def congress_reopen_list(*, actor: Actor, congress: Congress) -> Congress:
    """Back to compiling (a by-election, a replacement). Sessions already held keep the
    number of representatives they were registered with."""
    congress.list_status = ListStatus.DRAFT
    congress.list_confirmed_on = None
    congress.save(update_fields=["list_status", "list_confirmed_on", "updated_at"])
    in_scope(actor=actor, obj=congress)
    return congress


# --- representatives ------------------------------------------------------------------------


def _list_open(congress: Congress) -> None:
    if congress.list_status == ListStatus.CONFIRMED:
        raise refuse(
            "congress",
            _("The representative list is confirmed; reopen it before changing it."),
            "list_confirmed",
        )


@transaction.atomic
def representative_create(*, actor: Actor, **data: Any) -> Representative:
    rep = Representative()
    assign(rep, REPRESENTATIVE_FIELDS, data)
    stamp(rep, actor)
    rep.full_clean()
    _list_open(rep.congress)
    rep.save()
    in_scope(actor=actor, obj=rep, field="congress")
    return rep


@transaction.atomic
def representative_update(*, actor: Actor, representative: Representative, **data: Any):
    _list_open(representative.congress)
    if assign(representative, REPRESENTATIVE_FIELDS, data):
        representative.full_clean()
        _list_open(representative.congress)
        representative.save()
    in_scope(actor=actor, obj=representative, field="congress")
    return representative


@transaction.atomic
def representative_delete(*, actor: Actor, representative: Representative) -> None:
    in_scope(actor=actor, obj=representative, field="congress")
    _list_open(representative.congress)
    representative.delete()


# --- sessions -------------------------------------------------------------------------------


def entitled_to_vote(congress: Congress) -> int:
    """Representatives on the confirmed list; for an all-workers' assembly, the workforce."""
    if congress.form == CongressForm.ASSEMBLY:
        return congress.workforce
    return congress.representatives.count()


def _check_present(session: Session) -> None:
    if session.present > session.total_reps:
        raise refuse(
            "present",
            _("%(present)s present is more than the %(total)s representatives.")
            % {"present": session.present, "total": session.total_reps},
            "present_exceeds_total",
        )
    passed = session.pk and session.resolutions.filter(result=ResolutionResult.PASSED)
    if passed and passed.exists() and not session.quorum_met:
        raise refuse(
            "present",
            _(
                "Resolutions of this session were recorded as passed: attendance cannot drop "
                "below two thirds (%(need)s)."
            )
            % {"need": session.present_needed},
            "passed_needs_quorum",
        )


@transaction.atomic
def session_create(*, actor: Actor, **data: Any) -> Session:
    session = Session()
    assign(session, SESSION_FIELDS, data)
    stamp(session, actor)
    congress = session.congress
    if congress.form == CongressForm.CONGRESS and congress.list_status != ListStatus.CONFIRMED:
        raise refuse(
            "congress",
            _("Confirm the representative list before registering a session."),
            "list_not_confirmed",
        )
    session.total_reps = entitled_to_vote(congress)
    _check_present(session)
    session.full_clean()
    session.save()
    in_scope(actor=actor, obj=session, field="congress")
    return session


@transaction.atomic
def session_update(*, actor: Actor, session: Session, **data: Any) -> Session:
    data.pop("congress", None)  # a session does not move to another congress
    _no_typed_count_over_roll(session, data.get("present"))
    if assign(session, SESSION_FIELDS, data):
        _check_present(session)
        session.full_clean()
        session.save()
    in_scope(actor=actor, obj=session, field="congress")
    return session


def _no_typed_count_over_roll(session: Session, present: Any) -> None:
    if present is not None and int(present) != session.present and session.roll.exists():
        raise refuse(
            "present",
            _("This session has a roll call: the number present is counted from it."),
            "has_roll_call",
        )


@transaction.atomic
def session_record_attendance(*, actor: Actor, session: Session, present: int) -> Session:
    """A head count (an all-workers' assembly, or a session without a roll call)."""
    return session_update(actor=actor, session=session, present=present)


@transaction.atomic
def session_roll_call(
    *,
    actor: Actor,
    session: Session,
    present: list[Representative],
    on_leave: list[Representative] = (),
) -> Session:
    """The roll call (点名): the representatives present and on leave, everyone else on the
    session's list absent. ``present`` becomes the count of those present, so the quorum is
    computed from names; a resolution recorded as passed keeps attendance at two thirds."""
    in_scope(actor=actor, obj=session, field="congress")
    congress = session.congress
    if congress.form == CongressForm.ASSEMBLY:
        raise refuse(
            "present",
            _("An all-workers' assembly has no representative list: record the head count."),
            "assembly_head_count",
        )
    listed = {r.pk: r for r in congress.representatives.all()}
    present_ids = {r.pk for r in present}
    leave_ids = {r.pk for r in on_leave}
    strangers = (present_ids | leave_ids) - listed.keys()
    if strangers:
        raise refuse(
            "present",
            _("Only representatives of this congress can be called."),
            "not_on_list",
        )
    both = present_ids & leave_ids
    if both:
        names = "、".join(sorted(listed[pk].name for pk in both))
        raise refuse(
            "on_leave",
            _("%(names)s cannot be both present and on leave.") % {"names": names},
            "present_and_on_leave",
        )
    session.roll.all().delete()
    SessionAttendance.objects.bulk_create(
        SessionAttendance(
            session=session,
            representative=rep,
            status=Attendance.PRESENT
            if pk in present_ids
            else Attendance.ON_LEAVE
            if pk in leave_ids
            else Attendance.ABSENT,
        )
        for pk, rep in listed.items()
    )
    session.present = len(present_ids)
    _check_present(session)
    session.save(update_fields=["present", "updated_at"])
    return session


@transaction.atomic
def session_delete(*, actor: Actor, session: Session) -> None:
    in_scope(actor=actor, obj=session, field="congress")
    if session.resolutions.exists() or session.proposals.exists():
        raise refuse(
            "congress",
            _("The session has resolutions or proposals on record and cannot be deleted."),
            "has_records",
        )
    session.roll.all().delete()  # the roll call is part of the session
    session.delete()


# --- resolutions ----------------------------------------------------------------------------


def _check_resolution(resolution: Resolution) -> None:
    """The recorded result must be what the §3.5 rule gives for the session's numbers."""
    session = resolution.session
    cast = resolution.yes_votes + resolution.no_votes + resolution.abstentions
    if cast > session.present:
        raise refuse(
            "yes_votes",
            _("%(cast)s votes were counted but only %(present)s representatives are present.")
            % {"cast": cast, "present": session.present},
            "votes_exceed_present",
        )
    try:
        outcome = vote_outcome(
            total=session.total_reps, present=session.present, yes=resolution.yes_votes
        )
    except ValidationError as exc:
        messages = [m for errors in exc.message_dict.values() for m in errors]
        raise refuse("yes_votes", messages[0], "inconsistent_numbers") from exc
    if resolution.result == ResolutionResult.PASSED and not outcome.quorum_met:
        raise refuse("result", outcome.reason, "no_quorum")
    if resolution.result == ResolutionResult.PASSED and not outcome.adopted:
        raise refuse("result", outcome.reason, "not_adopted")
    if resolution.result == ResolutionResult.REJECTED and outcome.adopted:
        raise refuse(
            "result",
            _("The votes adopt the resolution; it cannot be recorded as not passed. %(reason)s")
            % {"reason": outcome.reason},
            "result_contradicts_votes",
        )


@transaction.atomic
def resolution_create(*, actor: Actor, **data: Any) -> Resolution:
    resolution = Resolution()
    assign(resolution, RESOLUTION_FIELDS, data)
    stamp(resolution, actor)
    resolution.full_clean()
    _check_resolution(resolution)
    resolution.save()
    in_scope(actor=actor, obj=resolution, field="session")
    return resolution


@transaction.atomic
def resolution_update(*, actor: Actor, resolution: Resolution, **data: Any) -> Resolution:
    data.pop("session", None)
    if assign(resolution, RESOLUTION_FIELDS, data):
        resolution.full_clean()
        _check_resolution(resolution)
        resolution.save()
    in_scope(actor=actor, obj=resolution, field="session")
    return resolution


@transaction.atomic
def resolution_delete(*, actor: Actor, resolution: Resolution) -> None:
    in_scope(actor=actor, obj=resolution, field="session")
    resolution.delete()


# --- proposals ------------------------------------------------------------------------------


@transaction.atomic
def proposal_create(*, actor: Actor, **data: Any) -> Proposal:
    proposal = Proposal()
    assign(proposal, PROPOSAL_FIELDS, data)
    stamp(proposal, actor)
    proposal.full_clean()
    _session_of_congress(proposal)
    proposal.save()
    in_scope(actor=actor, obj=proposal, field="congress")
    return proposal


def _session_of_congress(proposal: Proposal) -> None:
    if proposal.session_id and proposal.session.congress_id != proposal.congress_id:
        raise refuse(
            "session",
            _("The session belongs to another congress."),
            "session_of_other_congress",
        )


@transaction.atomic
def proposal_update(*, actor: Actor, proposal: Proposal, **data: Any) -> Proposal:
    if proposal.status != ProposalStatus.SUBMITTED:
        raise refuse(
            "title", _("Only a proposal not yet decided can be edited."), "proposal_decided"
        )
    if assign(proposal, PROPOSAL_FIELDS, data):
        proposal.full_clean()
        _session_of_congress(proposal)
        proposal.save()
    in_scope(actor=actor, obj=proposal, field="congress")
    return proposal


@transaction.atomic
def proposal_delete(*, actor: Actor, proposal: Proposal) -> None:
    in_scope(actor=actor, obj=proposal, field="congress")
    if proposal.status != ProposalStatus.SUBMITTED:
        raise refuse(
            "title", _("Only a proposal not yet decided can be deleted."), "proposal_decided"
        )
    proposal.delete()


def _decided_once(proposal: Proposal, expected: str) -> None:
    if proposal.status != expected:
        raise refuse(
            "status",
            _("The proposal is “%(status)s”; this step does not apply.")
            % {"status": proposal.get_status_display()},
            "wrong_status",
        )


@transaction.atomic
def proposal_accept(
    *, actor: Actor, proposal: Proposal, handling_unit: str, accepted_on: dt.date | None = None
) -> Proposal:
    """Accepts the proposal for handling (立案); the reply is due 30 days later (the
    deadline service)."""
    _decided_once(proposal, ProposalStatus.SUBMITTED)
    if not (handling_unit or "").strip():
        raise refuse(
            "handling_unit", _("Name the department that handles it."), "handling_unit_missing"
        )
    proposal.status = ProposalStatus.ACCEPTED
    proposal.handling_unit = handling_unit.strip()
    proposal.due_on = deadline_for(PROPOSAL_REPLY, accepted_on or timezone.localdate()).due
    proposal.save()
    in_scope(actor=actor, obj=proposal, field="congress")
    return proposal


@transaction.atomic
def proposal_decline(*, actor: Actor, proposal: Proposal, reason: str) -> Proposal:
    """Not accepted (不予立案, e.g. a personal matter): the reason is told to the proposer."""
    _decided_once(proposal, ProposalStatus.SUBMITTED)
    if not (reason or "").strip():
        raise refuse("reason", _("Give the reason for not accepting it."), "reason_missing")
    proposal.status = ProposalStatus.NOT_ACCEPTED
    proposal.decision_note = reason.strip()
    proposal.save()
    in_scope(actor=actor, obj=proposal, field="congress")
    return proposal


@transaction.atomic
def proposal_handle(
    *,
    actor: Actor,
    proposal: Proposal,
    reply: str,
    satisfaction: str = "",
    handled_on: dt.date | None = None,
) -> Proposal:
    _decided_once(proposal, ProposalStatus.ACCEPTED)
    if not (reply or "").strip():
        raise refuse("reply", _("Write the reply to the proposer."), "reply_missing")
    proposal.status = ProposalStatus.HANDLED
    proposal.reply = reply.strip()
    proposal.satisfaction = satisfaction or ""
    proposal.handled_on = handled_on or timezone.localdate()
    proposal.save()
    in_scope(actor=actor, obj=proposal, field="congress")
    return proposal
