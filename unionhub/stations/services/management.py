"""Three-level management (三级管理): daily hygiene checks, video patrols and their review,
the county union's spot checks and their rectification."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.stations import choices
from unionhub.stations.models import HygieneCheck, PatrolLog, SpotCheck, Station, StationStaff
from unionhub.stations.services._common import (
    check_station_visible,
    check_visible,
    full_clean_save,
    invalid,
    user_or_none,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User


@transaction.atomic
def hygiene_check_record(
    *,
    actor: User | None,
    station: Station,
    date: dt.date,
    results: dict[str, bool],
    note: str = "",
) -> HygieneCheck:
    """The day's hygiene check: every item of the station's checklist, ticked or not (an
    item left out counts as not done); passed only when every item is done."""
    check_station_visible(station, actor)
    unknown = set(results) - set(station.hygiene_checklist)
    if unknown:
        raise invalid(
            "results",
            _("Not on this station's checklist: %(items)s") % {"items": "、".join(sorted(unknown))},
            "unknown_item",
        )
    full = {item: bool(results.get(item, False)) for item in station.hygiene_checklist}
    row = HygieneCheck.objects.filter(station=station, date=date).first() or HygieneCheck(
        station=station, date=date, created_by=user_or_none(actor)
    )
    row.results, row.passed, row.note = full, bool(full) and all(full.values()), note
    full_clean_save(row)
    check_visible(row, actor)
    return row


@transaction.atomic
def patrol_log_record(
    *,
    actor: User | None,
    station: Station,
    at: dt.datetime,
    normal: bool,
    observations: str = "",
) -> PatrolLog:
    from unionhub.stations.selectors import station_state_at

    check_station_visible(station, actor)
    state = station_state_at(station, at)
    if state.mode == choices.ModeNow.MANNED:
        raise invalid(
            "at",
            _("Video patrols are for unmanned hours; the station is manned at that time."),
            "manned_hours",
        )
    if not normal and not observations.strip():
        raise invalid(
            "observations",
            _("Describe what was found when something is not normal."),
            "observations_required",
        )
    row = full_clean_save(
        PatrolLog(
            station=station,
            at=at,
            normal=normal,
            observations=observations,
            created_by=user_or_none(actor),
        )
    )
    check_visible(row, actor)
    return row


@transaction.atomic
def patrol_review(
    *, actor: User, log: PatrolLog, note: str = "", now: dt.datetime | None = None
) -> PatrolLog:
    """The station's safety officer (or the county union) reviews a patrol log."""
    check_visible(log, actor)
    if not StationStaff.objects.filter(
        station=log.station, user=actor, role=choices.StaffRole.SAFETY_OFFICER
    ).exists() and not actor.has_perm("stations.change_spotcheck"):
        raise invalid(
            "reviewed_by",
            _("Only the station's safety officer or the county union may review patrol logs."),
            "not_reviewer",
        )
    log.reviewed_by, log.reviewed_at, log.review_note = actor, now or timezone.now(), note
    log.save()
    return log


@transaction.atomic
def spot_check_record(
    *,
    actor: User | None,
    station: Station,
    date: dt.date,
    inspector: str,
    passed: bool,
    findings: str = "",
    rectify_by: dt.date | None = None,
    photo: Any = None,
) -> SpotCheck:
    """A spot check: passed ones are closed at once; a failed one stays open until it is
    rectified by its deadline."""
    check_station_visible(station, actor)
    row = SpotCheck(
        station=station,
        date=date,
        inspector=inspector,
        passed=passed,
        findings=findings,
        rectify_by=rectify_by if not passed else None,
        status=choices.SpotCheckStatus.CLOSED if passed else choices.SpotCheckStatus.OPEN,
        closed_on=date if passed else None,
        created_by=user_or_none(actor),
    )
    if photo:
        row.photo = photo
    full_clean_save(row)
    check_visible(row, actor)
    return row


@transaction.atomic
def spot_check_update(*, actor: User | None, check: SpotCheck, **fields: Any) -> SpotCheck:
    """Correct a spot check's record (its closure goes through ``spot_check_close``)."""
    check_visible(check, actor)
    photo = fields.pop("photo", None)
    for name, value in fields.items():
        setattr(check, name, value)
    if photo is not None:
        check.photo = photo or None  # ``False``: the form's "clear" box
    full_clean_save(check)
    check_visible(check, actor)
    return check


@transaction.atomic
def spot_check_close(
    *, actor: User | None, check: SpotCheck, note: str, closed_on: dt.date | None = None
) -> SpotCheck:
    """Close a spot check: the findings were rectified (on ``closed_on``, default today)."""
    from unionhub.stations import schedule

    check_visible(check, actor)
    closed_on = closed_on or schedule.local(timezone.now()).date()
    if check.status == choices.SpotCheckStatus.CLOSED:
        raise invalid("status", _("This spot check is already closed."), "already_closed")
    if not note.strip():
        raise invalid(
            "closure_note", _("Describe how the findings were rectified."), "note_required"
        )
    check.status, check.closed_on, check.closure_note = (
        choices.SpotCheckStatus.CLOSED,
        closed_on,
        note,
    )
    full_clean_save(check)
    return check
