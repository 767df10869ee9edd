"""Writes of the holiday calendar. Every change goes through here: each saved or deleted
date is audited automatically (model signals), a file load adds one summary entry, and the
cached calendar is dropped so the next deadline sees the change.

Holidays are city-wide reference data with no data scope; what guards them is the
permission (``calendar.add/change/delete_holiday``, ``calendar.import_holiday``), checked
here for every signed-in actor (the command line and ``load_demo`` pass ``actor=None``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.calendar.holiday_file import HolidayRow, check_holiday, parse_holiday_file
from unionhub.core.calendar.models import Holiday
from unionhub.core.importing import RowError

__all__ = [
    "HolidayFileRejected",
    "LoadResult",
    "holiday_create",
    "holiday_delete",
    "holiday_update",
    "holidays_load",
    "holidays_load_file",
]


def _require(actor: Any, permission: str) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        if not actor.has_perm(permission):
            raise PermissionDenied
    elif actor is not None:
        raise PermissionDenied


def _validate(
    *,
    date: dt.date | None,
    kind: str,
    name: str,
    year: int | None,
    source: str,
    exclude_pk: int | None = None,
) -> None:
    problems = check_holiday(date=date, kind=kind, name=name, year=year, source=source)
    errors: dict[str, list[ValidationError]] = {}
    for p in problems:
        errors.setdefault(p.field, []).append(ValidationError(p.message, code=p.code))
    if date is not None and "date" not in errors:
        clash = Holiday.objects.filter(date=date).exclude(pk=exclude_pk).first()
        if clash is not None:
            errors["date"] = [
                ValidationError(
                    _("%(date)s is already in the calendar (%(name)s).")
                    % {"date": date.isoformat(), "name": clash.name},
                    code="duplicate_date",
                )
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def holiday_create(
    *, actor: Any, date: dt.date, kind: str, name: str, year: int, source: str = ""
) -> Holiday:
    """Add one date to an arrangement (e.g. next year's, published each November)."""
    _require(actor, "calendar.add_holiday")
    name, source = (name or "").strip(), (source or "").strip()
    _validate(date=date, kind=kind, name=name, year=year, source=source)
    return Holiday.objects.create(
        date=date,
        kind=kind,
        name=name,
        year=year,
        source=source,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def holiday_update(
    *,
    actor: Any,
    holiday: Holiday,
    date: dt.date,
    kind: str,
    name: str,
    year: int,
    source: str = "",
) -> Holiday:
    _require(actor, "calendar.change_holiday")
    holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
    name, source = (name or "").strip(), (source or "").strip()
    _validate(date=date, kind=kind, name=name, year=year, source=source, exclude_pk=holiday.pk)
    holiday.date, holiday.kind, holiday.name = date, kind, name
    holiday.year, holiday.source = year, source
    holiday.save()
    return holiday


@transaction.atomic
def holiday_delete(*, actor: Any, holiday: Holiday) -> None:
    _require(actor, "calendar.delete_holiday")
    current = Holiday.objects.filter(pk=holiday.pk).first()
    if current is not None:
        current.delete()


@dataclass
class LoadResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    years: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


class HolidayFileRejected(ValidationError):
    """A holiday file with problems: nothing was written. ``errors`` lists each problem."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([str(e) for e in errors], code="invalid_file")


@transaction.atomic
def holidays_load(
    *,
    actor: Any,
    rows: list[HolidayRow],
    replace: bool = False,
    dry_run: bool = False,
    note: str = "",
) -> LoadResult:
    """Write checked rows: new dates are added, changed ones updated, identical ones left
    alone (loading the same file twice changes nothing). With ``replace``, dates of the
    file's arrangement years that the file no longer lists are deleted (a corrected
    arrangement). ``dry_run`` counts without writing."""
    _require(actor, "calendar.import_holiday")
    years = sorted({r.year for r in rows})
    result = LoadResult(total=len(rows), years=years, dry_run=dry_run)
    existing = {
        h.date: h
        for h in Holiday.objects.select_for_update().filter(date__in=[r.date for r in rows])
    }
    by_actor = actor if getattr(actor, "pk", None) else None
    for row in rows:
        current = existing.get(row.date)
        wanted = {"kind": row.kind, "name": row.name, "year": row.year, "source": row.source}
        if current is None:
            result.created += 1
            if not dry_run:
                Holiday.objects.create(date=row.date, created_by=by_actor, **wanted)
        elif any(getattr(current, k) != v for k, v in wanted.items()):
            result.updated += 1
            if not dry_run:
                for k, v in wanted.items():
                    setattr(current, k, v)
                current.save()
        else:
            result.unchanged += 1
    if replace:
        listed = {r.date for r in rows}
        stale = [h for h in Holiday.objects.filter(year__in=years) if h.date not in listed]
        result.deleted = len(stale)
        if not dry_run:
            for holiday in stale:
                holiday.delete()
    if result.changed and not dry_run:
        record_change(
            model=Holiday,
            action="import",
            actor=actor,
            note=_(
                "%(file)s: years %(years)s; %(created)d added, %(updated)d updated, "
                "%(deleted)d deleted, %(unchanged)d unchanged"
            )
            % {
                "file": note or _("holiday file"),
                "years": ",".join(str(y) for y in years),
                "created": result.created,
                "updated": result.updated,
                "deleted": result.deleted,
                "unchanged": result.unchanged,
            },
        )
    return result


def holidays_load_file(
    *,
    actor: Any,
    content: bytes | str,
    replace: bool = False,
    dry_run: bool = False,
    note: str = "",
) -> LoadResult:
    """Check a whole holiday file, then load it; any problem → ``HolidayFileRejected`` and
    nothing written."""
    rows, errors = parse_holiday_file(content)
    if errors:
        raise HolidayFileRejected(errors)
    return holidays_load(actor=actor, rows=rows, replace=replace, dry_run=dry_run, note=note)
