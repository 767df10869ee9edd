"""Reports, warnings, disposal, re-evaluation, closure and escalation (domain.md §9.2).

- A report is judged by the indicator's rule rows when filed (``rules.judge``); a report
  below every trigger is kept but opens nothing.
- An enterprise has at most one open warning; its level is the maximum level of its open
  reports, raised one step each time its response is overdue (``warnings_escalate_overdue``).
- The response due date is the level's deadline kind (``RiskLevel.response_kind``) computed
  by the core deadline service from the day the level was reached.
- A lower level (re-evaluation) needs a disposal record made since the level was reached;
  closing needs a disposal record, a reason and no open report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.governance import rules
from unionhub.governance.choices import ReportStatus, WarningEventKind, WarningStatus
from unionhub.governance.models import (
    REPORT_FIELDS,
    Disposal,
    IndicatorRule,
    RiskLevel,
    RiskReport,
    RiskWarning,
    WarningEvent,
)
from unionhub.governance.services._common import check_visible, creator, invalid


def facts_of(report: RiskReport, workforce: int | None = None) -> rules.Facts:
    return rules.Facts(
        people=report.people_affected,
        months=report.months,
        days_late=report.days_late,
        cases=report.cases,
        flag=report.flag or "",
        workforce=workforce if workforce is not None else report.enterprise.employees,
    )


def judge_report(report: RiskReport, workforce: int | None = None):
    rows = list(IndicatorRule.objects.filter(indicator=report.indicator).select_related("level"))
    return rules.judge(rows, facts_of(report, workforce), on=report.occurred_on)


def response_deadline(
    level: RiskLevel, at: dt.datetime, on: dt.date | None = None
) -> tuple[dt.date, dt.datetime | None]:
    """(response due date, acknowledgement due time) of a level reached at ``at`` (the due
    date counted from the day ``on``, default the day of ``at``)."""
    due = deadline_for(level.response_kind, on or timezone.localdate(at)).due
    ack = at + dt.timedelta(hours=level.ack_hours) if level.ack_hours else None
    return due, ack


def _set_level(
    warning: RiskWarning, level: RiskLevel, at: dt.datetime, on: dt.date | None = None
) -> None:
    warning.level = level
    warning.level_since = at
    warning.response_due, warning.ack_due = response_deadline(level, at, on)


def _event(warning, kind, *, at, from_level=None, to_level=None, note="", by=None) -> None:
    WarningEvent.objects.create(
        warning=warning,
        kind=kind,
        at=at,
        from_level=from_level,
        to_level=to_level,
        note=note[:300],
        by=creator(by),
    )


def _open_level(warning: RiskWarning) -> RiskLevel | None:
    """The maximum level of the warning's open reports (None: no open report)."""
    report = (
        warning.reports.filter(status=ReportStatus.OPEN, level__isnull=False)
        .select_related("level")
        .order_by("-level__rank")
        .first()
    )
    return report.level if report else None


@transaction.atomic
def report_file(
    *,
    actor: Any,
    owner: Any = None,
    workforce: int | None = None,
    received_at: dt.datetime | None = None,
    **data: Any,
) -> RiskReport:
    """File a report; open or raise the enterprise's warning when it reaches a level.
    ``owner`` (default: the actor) is who must respond to a new warning; ``received_at``
    (default now) is when the report reached the union — the warning's clock starts then."""
    values = {k: v for k, v in data.items() if k in REPORT_FIELDS}
    report = RiskReport(**values, created_by=creator(actor))
    enterprise = values.get("enterprise")
    if enterprise is None:
        raise invalid("enterprise", _("Choose the enterprise the report is about."), "required")
    check_visible(
        enterprise,
        actor,
        "enterprise",
        _("This enterprise is outside your data scope; report it to its own county union."),
    )
    if report.occurred_on and report.occurred_on > timezone.localdate():
        raise invalid("occurred_on", _("The date of the facts cannot be in the future."), "future")
    if report.indicator_id and not report.indicator.is_active:
        raise invalid("indicator", _("This indicator is no longer in use."), "inactive")
    report.full_clean(exclude=["warning", "level"])
    level, met = judge_report(report, workforce)
    report.level = level
    report.level_reason = "；".join(r.description for r in met)[:200]
    now = received_at or timezone.now()
    if level is not None:
        warning = (
            RiskWarning.objects.select_for_update()
            .filter(enterprise=enterprise, status=WarningStatus.OPEN)
            .select_related("level")
            .first()
        )
        if warning is None:
            owner = owner or creator(actor)
            if owner is None:
                raise invalid("owner", _("Name who must respond to the warning."), "required")
            check_visible(
                enterprise, owner, "owner", _("The owner cannot see this enterprise's records.")
            )
            warning = RiskWarning(enterprise=enterprise, owner=owner, created_by=creator(actor))
            _set_level(warning, level, now)
            warning.save()
            _event(
                warning,
                WarningEventKind.OPENED,
                at=now,
                to_level=level,
                by=actor,
                note=report.level_reason,
            )
        elif level.rank > warning.level.rank:
            before = warning.level
            _set_level(warning, level, now)
            warning.save()
            _event(
                warning,
                WarningEventKind.RAISED,
                at=now,
                from_level=before,
                to_level=level,
                by=actor,
                note=report.level_reason,
            )
        report.warning = warning
    report.save()
    check_visible(report, actor, "enterprise")
    return report


def _check_open(warning: RiskWarning) -> None:
    if warning.status != WarningStatus.OPEN:
        raise invalid(None, _("This warning is closed."), "closed")


@transaction.atomic
def disposal_record(
    *,
    actor: Any,
    riskwarning: RiskWarning,
    acted_on: dt.date,
    action: str,
    result: str = "",
    resolved_reports: Iterable[RiskReport] = (),
) -> Disposal:
    warning = riskwarning
    check_visible(warning, actor)
    _check_open(warning)
    if acted_on > timezone.localdate():
        raise invalid("acted_on", _("The disposal date cannot be in the future."), "future")
    if not (action or "").strip():
        raise invalid("action", _("Say what was done."), "required")
    resolved = list(resolved_reports)
    for report in resolved:
        if report.warning_id != warning.pk or report.status != ReportStatus.OPEN:
            raise invalid(
                "resolved_reports",
                _("Only this warning's open reports can be resolved here."),
                "not_open_report",
            )
    disposal = Disposal.objects.create(
        warning=warning, acted_on=acted_on, action=action, result=result, created_by=creator(actor)
    )
    if resolved:
        disposal.resolved_reports.set(resolved)
        RiskReport.objects.filter(pk__in=[r.pk for r in resolved]).update(
            status=ReportStatus.RESOLVED, updated_at=timezone.now()
        )
    check_visible(disposal, actor)
    return disposal


def _disposed_since(warning: RiskWarning) -> bool:
    return warning.disposals.filter(created_at__gte=warning.level_since).exists()


@transaction.atomic
def warning_reevaluate(*, actor: Any, riskwarning: RiskWarning, note: str = "") -> RiskWarning:
    """Recompute the level from the open reports. Lower: only with a disposal record made
    since the level was reached (otherwise refused, nothing changes)."""
    warning = RiskWarning.objects.select_for_update().select_related("level").get(pk=riskwarning.pk)
    check_visible(warning, actor)
    _check_open(warning)
    target = _open_level(warning)
    now = timezone.now()
    before = warning.level
    if target is not None and target.rank > before.rank:
        _set_level(warning, target, now)
        warning.save()
        _event(
            warning,
            WarningEventKind.RAISED,
            at=now,
            from_level=before,
            to_level=target,
            by=actor,
            note=note,
        )
    elif target is not None and target.rank < before.rank:
        if not _disposed_since(warning):
            raise invalid(
                None,
                _(
                    "The level can only be lowered after a disposal record: record what was "
                    "done since the warning became %(level)s, then re-evaluate."
                )
                % {"level": before},
                "downgrade_needs_disposal",
            )
        _set_level(warning, target, now)
        warning.save()
        _event(
            warning,
            WarningEventKind.DOWNGRADED,
            at=now,
            from_level=before,
            to_level=target,
            by=actor,
            note=note,
        )
    else:
        _event(
            warning,
            WarningEventKind.REEVALUATED,
            at=now,
            from_level=before,
            to_level=before,
            by=actor,
            note=note or (_("No open report left.") if target is None else ""),
        )
    check_visible(warning, actor)
    return warning


@transaction.atomic
def warning_close(*, actor: Any, riskwarning: RiskWarning, closure_reason: str) -> RiskWarning:
    warning = riskwarning
    check_visible(warning, actor)
    _check_open(warning)
    if not (closure_reason or "").strip():
        raise invalid("closure_reason", _("Give the reason for closing the warning."), "required")
    if not warning.disposals.exists():
        raise invalid(
            None, _("A warning is closed only after a disposal record."), "needs_disposal"
        )
    still_open = warning.reports.filter(status=ReportStatus.OPEN).count()
    if still_open:
        raise invalid(
            None,
            _("%(count)d report(s) of this warning are still open; resolve them first.")
            % {"count": still_open},
            "open_reports",
        )
    now = timezone.now()
    warning.status = WarningStatus.CLOSED
    warning.closed_at = now
    warning.closure_reason = closure_reason
    warning.save()
    _event(
        warning,
        WarningEventKind.CLOSED,
        at=now,
        from_level=warning.level,
        by=actor,
        note=closure_reason,
    )
    check_visible(warning, actor)
    return warning


@transaction.atomic
def warnings_escalate_overdue(*, actor: Any = None, today: dt.date | None = None) -> int:
    """Every open warning whose response is overdue (due before today) goes one level up
    and gets the new level's due date from today; a red warning stays red, is counted as
    escalated (to the higher union) and gets a new red due date. Returns how many."""
    today = today or timezone.localdate()
    levels = list(RiskLevel.objects.order_by("rank"))
    above = {lv.pk: nxt for lv, nxt in zip(levels, levels[1:], strict=False)}
    overdue = (
        RiskWarning.objects.select_for_update()
        .filter(status=WarningStatus.OPEN, response_due__lt=today)
        .select_related("level")
    )
    if actor is not None:
        overdue = overdue.visible_to(actor)
    now = timezone.now()
    count = 0
    for warning in overdue:
        before = warning.level
        target = above.get(before.pk, before)
        note = _("Response due %(due)s was missed.") % {"due": warning.response_due}
        if target == before:
            note += _(" Reported to the higher federation.")
        _set_level(warning, target, now, today)
        warning.escalations += 1
        warning.save()
        _event(
            warning,
            WarningEventKind.ESCALATED,
            at=now,
            from_level=before,
            to_level=target,
            note=note,
        )
        count += 1
    return count
