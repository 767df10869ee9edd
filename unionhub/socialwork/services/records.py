"""Monthly work records, quarterly reports and the collective sessions (exchanges, classes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.socialwork.models import (
    MONTHLY_RECORD_FIELDS,
    QUARTERLY_REPORT_FIELDS,
    STUDY_SESSION_FIELDS,
    MonthlyRecord,
    QuarterlyReport,
    StudySession,
    first_of_month,
)
from unionhub.socialwork.services._common import create, invalid, require_visible, today

if TYPE_CHECKING:
    from unionhub.accounts.models import User


# --- monthly records ----------------------------------------------------------------------
def check_month(*, worker: Any, month: dt.date, record_pk: int | None, on: dt.date) -> None:
    """A monthly record is for a month that has begun (the current month may be recorded
    in its last days; a future month may not), not before the archive's records are due,
    and only once per month."""
    if month > first_of_month(on):
        raise invalid(
            "month",
            _(
                "%(month)s has not begun yet: a monthly record is written for the current or "
                "a past month."
            )
            % {"month": f"{month.year}年{month.month}月"},
            "future_month",
        )
    if month < first_of_month(worker.hired_on):
        raise invalid(
            "month",
            _("%(name)s was hired only in %(hired)s.")
            % {"name": worker.name, "hired": f"{worker.hired_on.year}年{worker.hired_on.month}月"},
            "before_hired",
        )
    twice = MonthlyRecord.objects.filter(worker=worker, month=month).exclude(pk=record_pk)
    if twice.exists():
        raise invalid(
            "month",
            _("%(name)s already has a monthly record for %(month)s.")
            % {"name": worker.name, "month": f"{month.year}年{month.month}月"},
            "duplicate_month",
        )


@transaction.atomic
def monthlyrecord_create(*, actor: User | None, **data: Any) -> MonthlyRecord:
    if data.get("month"):
        data["month"] = first_of_month(data["month"])
    if data.get("worker") and data.get("month"):
        check_month(worker=data["worker"], month=data["month"], record_pk=None, on=today())
    record = create(MonthlyRecord, actor=actor, fields=MONTHLY_RECORD_FIELDS, data=data)
    require_visible(record, actor, "worker")
    return record


@transaction.atomic
def monthlyrecord_update(
    *, actor: User | None, monthlyrecord: MonthlyRecord, **data: Any
) -> MonthlyRecord:
    require_visible(monthlyrecord, actor)
    if data.get("month"):
        data["month"] = first_of_month(data["month"])
    worker = data.get("worker", monthlyrecord.worker)
    month = data.get("month", monthlyrecord.month)
    check_month(worker=worker, month=month, record_pk=monthlyrecord.pk, on=today())
    model_update(instance=monthlyrecord, fields=MONTHLY_RECORD_FIELDS, data=data)
    require_visible(monthlyrecord, actor, "worker")
    return monthlyrecord


@transaction.atomic
def monthlyrecord_delete(*, actor: User | None, monthlyrecord: MonthlyRecord) -> None:
    require_visible(monthlyrecord, actor)
    monthlyrecord.delete()


# --- quarterly reports --------------------------------------------------------------------
def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def check_quarter(report: QuarterlyReport, *, on: dt.date) -> None:
    if report.quarter and not 1 <= report.quarter <= 4:
        raise invalid("quarter", _("A quarter is 1, 2, 3 or 4."), "invalid_quarter")
    if quarter_start(report.year, report.quarter) > on:
        raise invalid(
            "quarter",
            _("Quarter %(q)d of %(y)d has not begun yet.")
            % {"q": report.quarter, "y": report.year},
            "future_quarter",
        )
    if report.attendance_days > report.workdays:
        raise invalid(
            "attendance_days",
            _("Days present (%(present)d) exceed the quarter's working days (%(days)d).")
            % {"present": report.attendance_days, "days": report.workdays},
            "attendance_exceeds_workdays",
        )
    twice = QuarterlyReport.objects.filter(
        worker=report.worker_id, year=report.year, quarter=report.quarter
    ).exclude(pk=report.pk)
    if twice.exists():
        raise invalid(
            "quarter",
            _("%(name)s already has a report for quarter %(q)d of %(y)d.")
            % {"name": report.worker.name, "q": report.quarter, "y": report.year},
            "duplicate_quarter",
        )


@transaction.atomic
def quarterlyreport_create(*, actor: User | None, **data: Any) -> QuarterlyReport:
    values = {k: v for k, v in data.items() if k in QUARTERLY_REPORT_FIELDS}
    report = QuarterlyReport(**values)
    report.created_by = actor if getattr(actor, "pk", None) else None
    report.full_clean(validate_constraints=False)
    check_quarter(report, on=today())
    report.save()
    require_visible(report, actor, "worker")
    return report


@transaction.atomic
def quarterlyreport_update(
    *, actor: User | None, quarterlyreport: QuarterlyReport, **data: Any
) -> QuarterlyReport:
    require_visible(quarterlyreport, actor)
    for name in QUARTERLY_REPORT_FIELDS:
        if name in data:
            setattr(quarterlyreport, name, data[name])
    quarterlyreport.full_clean(validate_constraints=False)
    check_quarter(quarterlyreport, on=today())
    quarterlyreport.save()
    require_visible(quarterlyreport, actor, "worker")
    return quarterlyreport


@transaction.atomic
def quarterlyreport_delete(*, actor: User | None, quarterlyreport: QuarterlyReport) -> None:
    require_visible(quarterlyreport, actor)
    quarterlyreport.delete()


# --- exchanges and classes ----------------------------------------------------------------
def _check_session(session: StudySession, actor: User | None) -> None:
    if session.held_on > today():
        raise invalid(
            "held_on",
            _("The session is recorded after it was held; the date is in the future."),
            "future_date",
        )
    require_visible(session, actor, "union")


def _participants_in_scope(participants: Any, actor: User | None) -> None:
    from unionhub.socialwork.models import SocialWorker

    if actor is None or not participants:
        return
    visible = set(
        SocialWorker.objects.visible_to(actor)
        .filter(pk__in=[p.pk for p in participants])
        .values_list("pk", flat=True)
    )
    if any(p.pk not in visible for p in participants):
        raise invalid(
            "participants", _("The record would be outside your data scope."), "out_of_scope"
        )


#: the ledger's activity type of each kind of session
LEDGER_KIND = {
    "quarterly_exchange": "exchange",
    "political_class": "class",
    "professional_class": "class",
}
LEDGER_SERIES = "工会社会工作者成长"


def _ledger_values(session: StudySession) -> dict[str, Any]:
    return {
        "kind": LEDGER_KIND[session.kind],
        "title": session.title,
        "series": LEDGER_SERIES,
        "organiser": session.union,
        "held_on": session.held_on,
        "place": session.place,
        "audience": "工会社会工作者",
        # person-times of the ledger: the social workers present
        "head_count": session.participants.count(),
    }


def _link_activity(session: StudySession, actor: User | None, activity: Any = None) -> None:
    """Write the session's event into the activity ledger (through its service): a new
    activity, the existing one kept in step, or a given ``activity`` of the right type."""
    from unionhub.activities import services as ledger

    if activity is not None:
        if activity.kind != LEDGER_KIND[session.kind]:
            raise invalid(
                "activity",
                _("An exchange links to an exchange and a class to a class of the ledger."),
                "wrong_activity_kind",
            )
        linked = StudySession.objects.filter(activity=activity).exclude(pk=session.pk)
        if linked.exists():
            raise invalid(
                "activity",
                _("This activity is already linked to another exchange or class."),
                "activity_already_linked",
            )
        session.activity = activity
        StudySession.objects.filter(pk=session.pk).update(activity=activity)
    values = _ledger_values(session)
    if session.activity_id is None:
        session.activity = ledger.activity_create(actor=actor, **values)
        StudySession.objects.filter(pk=session.pk).update(activity=session.activity)
    else:
        ledger.activity_update(actor=actor, activity=session.activity, **values)


@transaction.atomic
def studysession_create(*, actor: User | None, activity: Any = None, **data: Any) -> StudySession:
    """An exchange or class of the archive, with its activity in the ledger. With
    ``activity`` (one already in the ledger), its organiser, title, date and place are
    taken from there."""
    if activity is not None:
        require_visible(activity, actor, "activity")
        data.update(
            union=activity.organiser,
            title=activity.title,
            held_on=activity.held_on,
            place=activity.place,
        )
    _participants_in_scope(data.get("participants"), actor)
    session = create(StudySession, actor=actor, fields=STUDY_SESSION_FIELDS, data=data)
    _check_session(session, actor)
    _link_activity(session, actor, activity)
    return session


@transaction.atomic
def studysession_update(
    *, actor: User | None, studysession: StudySession, **data: Any
) -> StudySession:
    require_visible(studysession, actor)
    _participants_in_scope(data.get("participants"), actor)
    model_update(instance=studysession, fields=STUDY_SESSION_FIELDS, data=data)
    _check_session(studysession, actor)
    _link_activity(studysession, actor)
    return studysession


@transaction.atomic
def studysession_delete(*, actor: User | None, studysession: StudySession) -> None:
    """The session and its activity in the ledger go together (the ledger's activity
    was the session's own record)."""
    from unionhub.activities import services as ledger

    require_visible(studysession, actor)
    activity = studysession.activity
    studysession.delete()
    if activity is not None:
        ledger.activity_delete(actor=actor, activity=activity)


# --- self-service: the social worker's own monthly record, reviewed by the county --------
OWN_RECORD_FIELDS = ("month", "summary", "cases", "visits", "hours")


def own_archive(actor: Any):
    """The archive linked to the signed-in account (a working social worker), or None."""
    from unionhub.socialwork.choices import WorkerStatus
    from unionhub.socialwork.models import SocialWorker

    if not getattr(actor, "pk", None):
        return None
    return (
        SocialWorker.objects.filter(user=actor, status=WorkerStatus.ACTIVE)
        .select_related("union")
        .first()
    )


@transaction.atomic
def monthlyrecord_submit_own(*, actor: User, **data: Any) -> MonthlyRecord:
    """A social worker writes their own monthly record (“我的成长档案”): the same rules as
    a record entered by staff (not a future month, not before hiring, once a month); the
    record waits for the county's review. Only the archive linked to ``actor``."""
    worker = own_archive(actor)
    if worker is None:
        raise invalid(
            None,
            _("Your account is not linked to a social-worker archive in service."),
            "no_own_archive",
        )
    values = {k: v for k, v in data.items() if k in OWN_RECORD_FIELDS}
    if values.get("month"):
        values["month"] = first_of_month(values["month"])
        check_month(worker=worker, month=values["month"], record_pk=None, on=today())
    record = create(
        MonthlyRecord, actor=actor, fields=MONTHLY_RECORD_FIELDS, data={**values, "worker": worker}
    )
    record.self_submitted = True
    record.save(update_fields=["self_submitted"])
    return record


@transaction.atomic
def monthlyrecord_review(
    *, actor: User | None, monthlyrecord: MonthlyRecord, note: str = ""
) -> MonthlyRecord:
    """The county (or the keeping union) confirms a monthly record; once."""
    from django.utils import timezone

    require_visible(monthlyrecord, actor)
    if monthlyrecord.reviewed_at is not None:
        raise invalid(
            None,
            _("This monthly record was already reviewed on %(day)s.")
            % {"day": timezone.localtime(monthlyrecord.reviewed_at).strftime("%Y-%m-%d")},
            "already_reviewed",
        )
    if getattr(actor, "pk", None) and monthlyrecord.worker.user_id == actor.pk:
        raise invalid(
            None, _("A social worker does not review their own record."), "own_record_review"
        )
    monthlyrecord.reviewed_at = timezone.now()
    monthlyrecord.reviewed_by = actor if getattr(actor, "pk", None) else None
    monthlyrecord.review_note = (note or "").strip()[:200]
    monthlyrecord.save(update_fields=["reviewed_at", "reviewed_by", "review_note", "updated_at"])
    return monthlyrecord
