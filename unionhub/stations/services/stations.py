"""Stations, their weekly schedules, date exceptions and staff."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.services import refuse_delete_with_history
from unionhub.stations import choices, schedule
from unionhub.stations.models import ScheduleException, ScheduleWindow, Station, StationStaff
from unionhub.stations.services._common import (
    check_station_visible,
    check_visible,
    full_clean_save,
    invalid,
    user_or_none,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User
    from unionhub.org.models import Region


# --- stations ------------------------------------------------------------------------------


# What a station cloned from a template takes from the form (the rest comes from the template).
CLONE_OWN_FIELDS = ("org_unit", "honours", "contact_phone", "is_active")


@transaction.atomic
def station_create(
    *,
    actor: User | None,
    windows: list[schedule.Window] | None = None,
    template: Station | None = None,
    **fields: Any,
) -> Station:
    """A new station; without a checklist of its own it gets the default hygiene checklist
    (every path, the API included: a station with an empty checklist would pass every
    hygiene check). With a ``template`` (the edit form's “clone from template”) it is
    ``station_clone`` of the template with the form's name, place and own fields."""
    if template is not None:
        own = {k: fields[k] for k in CLONE_OWN_FIELDS if k in fields}
        if not own.get("contact_phone"):
            own.pop("contact_phone", None)  # keep the template's
        return station_clone(
            actor=actor,
            template=template,
            **{k: fields[k] for k in ("name", "code", "region", "address", "lat", "lng")},
            **own,
        )
    station = Station(created_by=user_or_none(actor), **fields)
    if not station.hygiene_checklist:
        station.hygiene_checklist = list(choices.DEFAULT_HYGIENE_CHECKLIST)
    full_clean_save(station)
    check_visible(station, actor)
    if windows:
        schedule_set(actor=actor, station=station, windows=windows)
    return station


@transaction.atomic
def station_update(*, actor: User | None, station: Station, **fields: Any) -> Station:
    fields.pop("template", None)
    check_visible(station, actor)
    for name, value in fields.items():
        setattr(station, name, value)
    if not station.hygiene_checklist:
        station.hygiene_checklist = list(choices.DEFAULT_HYGIENE_CHECKLIST)
    full_clean_save(station)
    check_visible(station, actor)
    return station


@transaction.atomic
def station_delete(*, actor: User | None, station: Station) -> None:
    """Delete a station without history. One with recorded visits, tickets, checks or
    patrols is refused with the reason ("该驿站已有到站登记、服务工单等记录，不能删除，可改为
    停用。"): take it out of service instead (the history, and the workers' public ticket
    links, stay). The database's PROTECT keys back this up."""
    check_visible(station, actor)
    refuse_delete_with_history(station)
    station.delete()


@transaction.atomic
def station_clone(
    *,
    actor: User | None,
    template: Station,
    name: str,
    code: str,
    region: Region,
    address: str,
    lat: Any,
    lng: Any,
    **extra: Any,
) -> Station:
    """“Clone from template”: a new station starts with the template's kind, smart flag,
    facilities, hygiene checklist and weekly schedule (not its staff, devices or history).
    The template must be a station the actor can see."""
    if actor is not None and not Station.objects.visible_to(actor).filter(pk=template.pk).exists():
        raise invalid("template", _("Template station not found."), "template_not_found")
    fields = {
        "kind": template.kind,
        "is_smart": template.is_smart,
        "facilities": list(template.facilities),
        "hygiene_checklist": list(template.hygiene_checklist),
        "contact_phone": template.contact_phone,
    }
    fields.update(extra)
    windows = [w.as_window() for w in template.windows.all()]
    return station_create(
        actor=actor,
        name=name,
        code=code,
        region=region,
        address=address,
        lat=lat,
        lng=lng,
        windows=windows,
        **fields,
    )


# --- weekly schedule -----------------------------------------------------------------------


def schedule_validate(windows: list[schedule.Window]) -> None:
    """Refuse overlapping windows (a rule over the whole week, not one row)."""
    clashes = schedule.windows_overlap(windows)
    if clashes:
        a, b = clashes[0]
        day = dict(choices.Weekday.choices)
        raise invalid(
            "windows",
            _("Opening windows overlap: %(first)s and %(second)s.")
            % {
                "first": f"{day[a.weekday]} {a.start:%H:%M}–{a.end:%H:%M}",
                "second": f"{day[b.weekday]} {b.start:%H:%M}–{b.end:%H:%M}",
            },
            "overlap",
        )


def schedule_changed(station_id: int, *, station: Station | None = None) -> None:
    """Bump the station's ``updated_at`` — the version stamp of its compiled schedule — after a
    change of its windows or exceptions (in the caller's transaction, so the new stamp and the
    new schedule become visible together), and drop this process's compiled copy. ``station``,
    if given, is the caller's instance, kept in step so it does not carry the old stamp.
    (A cache hook called by the signals and by bulk writes, not a service of its own.)"""
    from unionhub.stations.selectors import forget_compiled_schedule

    stamp = timezone.now()
    Station.objects.filter(pk=station_id).update(updated_at=stamp)
    if station is not None and station.pk == station_id:
        station.updated_at = stamp
    forget_compiled_schedule(station_id)


@transaction.atomic
def schedule_set(
    *, actor: User | None, station: Station, windows: list[schedule.Window]
) -> list[ScheduleWindow]:
    """Replace the weekly schedule; overlapping windows are rejected. Written in bulk with
    one audit entry on the station listing the new schedule."""
    from unionhub.core.audit import record_change

    check_station_visible(station, actor)
    schedule_validate(windows)
    before = [str(w) for w in station.windows.all()]
    station.windows.all().delete()
    created = []
    for w in windows:
        row = ScheduleWindow(
            station=station,
            weekday=w.weekday,
            start=w.start,
            end=w.end,
            mode=w.mode,
            created_by=user_or_none(actor),
        )
        row.full_clean(exclude=["station"], validate_constraints=False)
        created.append(row)
    ScheduleWindow.objects.bulk_create(created)
    schedule_changed(station.pk, station=station)  # bulk_create sends no signals
    after = [f"{w} {w.get_mode_display()}" for w in created]
    record_change(
        obj=station,
        action="update",
        changes={"schedule": [before, after]},
        note=_("Weekly opening hours set"),
        actor=user_or_none(actor),
    )
    return created


def _window_others(window: ScheduleWindow) -> list[schedule.Window]:
    return [
        w.as_window()
        for w in ScheduleWindow.objects.filter(station_id=window.station_id).exclude(pk=window.pk)
    ]


@transaction.atomic
def schedule_window_create(
    *,
    actor: User | None,
    station: Station,
    weekday: int,
    start: dt.time,
    end: dt.time,
    mode: str,
) -> ScheduleWindow:
    """Add one weekly window; it must not overlap the station's other windows."""
    check_station_visible(station, actor)
    row = ScheduleWindow(
        station=station,
        weekday=weekday,
        start=start,
        end=end,
        mode=mode,
        created_by=user_or_none(actor),
    )
    row.full_clean()
    schedule_validate([*_window_others(row), row.as_window()])
    row.save()
    check_visible(row, actor)
    return row


@transaction.atomic
def schedule_window_update(
    *, actor: User | None, window: ScheduleWindow, **fields: Any
) -> ScheduleWindow:
    check_visible(window, actor)
    for name, value in fields.items():
        setattr(window, name, value)
    window.full_clean()
    schedule_validate([*_window_others(window), window.as_window()])
    window.save()
    check_visible(window, actor)
    return window


@transaction.atomic
def schedule_window_delete(*, actor: User | None, window: ScheduleWindow) -> None:
    check_visible(window, actor)
    window.delete()


@transaction.atomic
def schedule_week_set(
    *,
    actor: User | None,
    station: Station,
    days: list[int],
    windows: list[tuple[dt.time, dt.time, str]] | None = None,
    copy_from: int | None = None,
) -> list[ScheduleWindow]:
    """Opening hours in bulk (每天 / 工作日 / 复制到全周): the windows of ``days`` become
    ``windows`` (start, end, mode; an end not after its start runs past midnight), or the
    windows of the day ``copy_from``; the other days keep theirs. The week is then written
    by ``schedule_set`` (overlaps refused, one audit entry on the station)."""
    check_station_visible(station, actor)
    days = sorted(set(days))
    if not days or any(d not in range(7) for d in days):
        raise invalid("days", _("Choose at least one weekday."), "no_days")
    current = list(station.windows.all())
    if copy_from is not None:
        windows = [(w.start, w.end, w.mode) for w in current if w.weekday == copy_from]
        if not windows:
            raise invalid("copy_from", _("That day has no opening hours to copy."), "empty_day")
        days = [d for d in days if d != copy_from]
    week = [w.as_window() for w in current if w.weekday not in days]
    week += [
        schedule.Window(d, start, end, mode) for d in days for start, end, mode in windows or []
    ]
    week.sort(key=lambda w: (w.weekday, w.start))
    return schedule_set(actor=actor, station=station, windows=week)


def daily_windows(
    *,
    days=range(7),
    manned: tuple[str, str] = ("06:30", "18:00"),
    unmanned: tuple[str, str] | None = ("18:00", "21:30"),
) -> list[schedule.Window]:
    """Helper: the same hours every day (响水: 06:30–21:30, manned then unmanned)."""
    t = dt.time.fromisoformat
    result = []
    for d in days:
        result.append(schedule.Window(d, t(manned[0]), t(manned[1]), choices.Mode.MANNED))
        if unmanned:
            result.append(schedule.Window(d, t(unmanned[0]), t(unmanned[1]), choices.Mode.UNMANNED))
    return result


# --- date exceptions -----------------------------------------------------------------------


@transaction.atomic
def schedule_exception_set(
    *,
    actor: User | None,
    station: Station,
    date: dt.date,
    reason: str,
    closed: bool = True,
    start: dt.time | None = None,
    end: dt.time | None = None,
    mode: str = choices.Mode.MANNED,
) -> ScheduleException:
    """Closed (or special hours) on one date; a second call for the date replaces the first."""
    check_station_visible(station, actor)
    row = ScheduleException.objects.filter(station=station, date=date).first() or ScheduleException(
        station=station, date=date, created_by=user_or_none(actor)
    )
    row.reason, row.closed, row.start, row.end, row.mode = reason, closed, start, end, mode
    full_clean_save(row)
    check_visible(row, actor)
    return row


@transaction.atomic
def schedule_exception_update(
    *, actor: User | None, exception: ScheduleException, **fields: Any
) -> ScheduleException:
    check_visible(exception, actor)
    for name, value in fields.items():
        setattr(exception, name, value)
    full_clean_save(exception)
    check_visible(exception, actor)
    return exception


@transaction.atomic
def schedule_exception_delete(*, actor: User | None, exception: ScheduleException) -> None:
    check_visible(exception, actor)
    exception.delete()


# --- staff ---------------------------------------------------------------------------------


@transaction.atomic
def staff_assign(*, actor: User | None, station: Station, user: User, role: str) -> StationStaff:
    """Assign a person to a station in a role (assigning twice keeps one row)."""
    check_station_visible(station, actor)
    row, _created = StationStaff.objects.get_or_create(
        station=station, user=user, role=role, defaults={"created_by": user_or_none(actor)}
    )
    check_visible(row, actor)
    return row


@transaction.atomic
def staff_remove(*, actor: User | None, assignment: StationStaff) -> None:
    check_visible(assignment, actor)
    assignment.delete()
