"""Reads of the social-worker archives: always from ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit
from unionhub.socialwork.choices import PostingKind, WorkerStatus
from unionhub.socialwork.deadlines import MONTHLY_RECORD_KIND
from unionhub.socialwork.models import (
    Assessment,
    AssessmentRound,
    MonthlyRecord,
    Posting,
    SocialWorker,
    StudySession,
    first_of_month,
)


def socialworker_list(*, user: Any):
    return SocialWorker.objects.visible_to(user).select_related("union")


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def last_day(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def monthly_record_due(month: dt.date, *, calendar: Any = None) -> dt.date:
    """The last day for the record of ``month`` (deadline kind ``socialwork_monthly_record``)."""
    from unionhub.core.calendar.deadlines import deadline_for

    return deadline_for(MONTHLY_RECORD_KIND, last_day(month), calendar=calendar).due


def previous_month(on: dt.date) -> dt.date:
    return add_months(first_of_month(on), -1)


# --- postings and coverage ------------------------------------------------------------------
def active_postings_q(on: dt.date, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}started_on__lte": on})
        & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on}))
        & Q(**{f"{prefix}worker__status": WorkerStatus.ACTIVE})
    )


@dataclass(frozen=True)
class CoverageRow:
    union: OrgUnit
    full_time: int
    part_time: int
    workers: list[str]

    @property
    def is_gap(self) -> bool:
        return self.full_time == 0


def posting_coverage(
    *, user: Any, on: dt.date | None = None, region_path: str = ""
) -> list[CoverageRow]:
    """Every town / street federation in the user's scope with its full- and part-time
    social workers posted on ``on``: a union with no full-time worker is a gap (the rule:
    at least one full-time social worker per town, street and zone union). Three queries."""
    on = on or timezone.localdate()
    active = active_postings_q(on, "social_worker_postings__")
    unions = OrgUnit.objects.visible_to(user).filter(kind=OrgKind.TOWN_FEDERATION, is_active=True)
    if region_path:
        unions = unions.filter(region__path__startswith=region_path)
    unions = (
        unions.select_related("parent", "region")
        .annotate(
            full_time=Count(
                "social_worker_postings",
                filter=active & Q(social_worker_postings__kind=PostingKind.FULL_TIME),
            ),
            part_time=Count(
                "social_worker_postings",
                filter=active & Q(social_worker_postings__kind=PostingKind.PART_TIME),
            ),
        )
        .order_by("path")
    )
    unions = list(unions)
    names: dict[int, list[str]] = {}
    postings = (
        Posting.objects.visible_to(user)
        .filter(active_postings_q(on), union__in=unions, kind=PostingKind.FULL_TIME)
        .select_related("worker")
        .order_by("worker__name")
    )
    for posting in postings:
        names.setdefault(posting.union_id, []).append(posting.worker.name)
    return [
        CoverageRow(
            union=u, full_time=u.full_time, part_time=u.part_time, workers=names.get(u.pk, [])
        )
        for u in unions
    ]


# --- monthly records ---------------------------------------------------------------------
@dataclass(frozen=True)
class MissingMonth:
    month: dt.date
    due: dt.date
    overdue: bool


def missing_months(
    worker: SocialWorker, *, on: dt.date | None = None, recorded=None
) -> list[MissingMonth]:
    """Months that have ended since the archive's records became due and have no record,
    newest first, each with its due date and whether it is overdue."""
    from unionhub.core.calendar.selectors import holiday_calendar

    on = on or timezone.localdate()
    if recorded is None:
        recorded = set(worker.monthly_records.values_list("month", flat=True))
    end = previous_month(on)
    if worker.left_on:
        end = min(end, first_of_month(worker.left_on))
    calendar = holiday_calendar()
    result = []
    month = worker.records_due_from
    while month <= end:
        if month not in recorded:
            due = monthly_record_due(month, calendar=calendar)
            result.append(MissingMonth(month=month, due=due, overdue=on > due))
        month = add_months(month, 1)
    return list(reversed(result))


def workers_missing_last_month(*, user: Any, on: dt.date | None = None):
    """Social workers in post whose record of last month is not written yet (the to-do)."""
    on = on or timezone.localdate()
    last = previous_month(on)
    return (
        SocialWorker.objects.visible_to(user)
        .filter(status=WorkerStatus.ACTIVE, hired_on__lte=last_day(last))
        .filter(Q(monthly_records_from__isnull=True) | Q(monthly_records_from__lte=last_day(last)))
        .exclude(monthly_records__month=last)
        .select_related("union")
        .order_by("union__path", "name", "pk")
    )


# --- training hours --------------------------------------------------------------------------
def training_hours(worker: SocialWorker) -> dict[str, Decimal]:
    own = worker.trainings.aggregate(h=Sum("hours"))["h"] or Decimal("0")
    sessions = worker.sessions.aggregate(h=Sum("hours"))["h"] or Decimal("0")
    return {"own": own, "sessions": sessions, "total": own + sessions}


# --- assessments and ranking ------------------------------------------------------------------
#: [D] Below this total an assessment is "not passed" (亭湖 practice; no national rule).
PASS_MARK = Decimal("60")


@dataclass(frozen=True)
class RankedAssessment:
    assessment: Assessment
    rank: int
    excellent: bool
    #: how many were ranked in the round
    of: int = 0

    @property
    def passed(self) -> bool:
        return self.assessment.total >= PASS_MARK


def assessment_ranking(round_: AssessmentRound) -> list[RankedAssessment]:
    """The round's scores ranked by total, highest first; equal totals share a rank
    (1, 2, 2, 4). The first ``excellent_quota`` ranks are rated excellent (the awards):
    a tie on the last excellent place includes everyone tied."""
    rows = list(
        round_.assessments.select_related("worker", "worker__union").order_by(
            "-total", "worker__name"
        )
    )
    ranked, rank = [], 0
    previous = None
    for index, assessment in enumerate(rows, start=1):
        if assessment.total != previous:
            rank, previous = index, assessment.total
        ranked.append(
            RankedAssessment(
                assessment=assessment,
                rank=rank,
                excellent=rank <= round_.excellent_quota and assessment.total >= PASS_MARK,
                of=len(rows),
            )
        )
    return ranked


def worker_assessments(worker: SocialWorker) -> list[RankedAssessment]:
    """The worker's place in every round they were assessed in (newest first)."""
    result = []
    for assessment in worker.assessments.select_related("round", "round__union").order_by(
        "-round__year"
    ):
        ranking = assessment_ranking(assessment.round)
        result.append(next(r for r in ranking if r.assessment.pk == assessment.pk))
    return result


def worker_archive(*, worker: SocialWorker, on: dt.date | None = None) -> dict[str, Any]:
    """Everything of one archive, for its page and its PDF (the worker is already fetched
    through ``visible_to``)."""
    on = on or timezone.localdate()
    records = list(worker.monthly_records.order_by("-month"))
    return {
        "postings": list(worker.postings.select_related("union").order_by("-started_on")),
        "qualifications": list(worker.qualifications.order_by("-issued_on")),
        "trainings": list(worker.trainings.order_by("-started_on")),
        "sessions": list(worker.sessions.select_related("union").order_by("-held_on")),
        "hours": training_hours(worker),
        "monthly_records": records,
        "missing_months": missing_months(worker, on=on, recorded={r.month for r in records}),
        "quarterly_reports": list(worker.quarterly_reports.order_by("-year", "-quarter")),
        "assessments": worker_assessments(worker),
    }


def session_list(*, user: Any):
    return (
        StudySession.objects.visible_to(user)
        .select_related("union")
        .annotate(present=Count("participants"))
    )


def monthly_record_list(*, user: Any):
    return MonthlyRecord.objects.visible_to(user).select_related("worker", "worker__union")


__all__ = [
    "CoverageRow",
    "MissingMonth",
    "RankedAssessment",
    "add_months",
    "assessment_ranking",
    "last_day",
    "missing_months",
    "monthly_record_due",
    "monthly_record_list",
    "posting_coverage",
    "previous_month",
    "session_list",
    "socialworker_list",
    "training_hours",
    "worker_archive",
    "worker_assessments",
    "workers_missing_last_month",
]
