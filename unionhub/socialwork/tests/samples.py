"""Scope-matrix samples: one record of each archive model inside a county, and the payloads
of the write matrix (the API is read-only: every write is a page)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from unionhub.org.demo import COUNTY_SLUGS, county_union, first_town_union
from unionhub.socialwork import services
from unionhub.socialwork.choices import PostingKind, QualificationKind, Rating, SessionKind
from unionhub.socialwork.models import (
    Assessment,
    AssessmentRound,
    MonthlyRecord,
    Posting,
    Qualification,
    QuarterlyReport,
    SocialWorker,
    StudySession,
    Training,
)
from unionhub.socialwork.selectors import add_months

_counter = itertools.count(1)
HIRED = dt.date(2015, 1, 5)


def _unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def worker_in(slug: str) -> SocialWorker:
    town = first_town_union(slug)
    worker = SocialWorker.objects.filter(union=town, name=f"样例社工{slug}").first()
    return worker or services.socialworker_create(
        actor=None, name=f"样例社工{slug}", union=town, hired_on=HIRED, phone="13900001111"
    )


def fresh_worker_in(slug: str) -> SocialWorker:
    """An archive with no records yet (one that may be deleted)."""
    return services.socialworker_create(
        actor=None, name=_unique("新社工"), union=first_town_union(slug), hired_on=HIRED
    )


def posting_in(slug: str) -> Posting:
    worker = worker_in(slug)
    return worker.postings.first() or services.posting_create(
        actor=None,
        worker=worker,
        union=first_town_union(slug),
        kind=PostingKind.FULL_TIME,
        started_on=HIRED,
    )


def qualification_in(slug: str) -> Qualification:
    worker = worker_in(slug)
    return worker.qualifications.first() or services.qualification_create(
        actor=None, worker=worker, kind=QualificationKind.ASSISTANT, issued_on=dt.date(2020, 11, 1)
    )


def training_in(slug: str) -> Training:
    worker = worker_in(slug)
    return worker.trainings.first() or services.training_create(
        actor=None,
        worker=worker,
        title="能力提升培训",
        started_on=dt.date(2024, 5, 6),
        hours=Decimal("8"),
    )


def free_month(worker: SocialWorker) -> dt.date:
    taken = set(worker.monthly_records.values_list("month", flat=True))
    month = timezone.localdate().replace(day=1)
    while month in taken:
        month = add_months(month, -1)
    return month


def monthlyrecord_in(slug: str) -> MonthlyRecord:
    worker = worker_in(slug)
    return worker.monthly_records.first() or services.monthlyrecord_create(
        actor=None, worker=worker, month=free_month(worker), summary="走访企业", cases=1, visits=2
    )


def free_quarter(worker: SocialWorker) -> tuple[int, int]:
    taken = set(worker.quarterly_reports.values_list("year", "quarter"))
    year, quarter = timezone.localdate().year, (timezone.localdate().month - 1) // 3 + 1
    while (year, quarter) in taken:
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return year, quarter


def quarterlyreport_in(slug: str) -> QuarterlyReport:
    worker = worker_in(slug)
    year, quarter = free_quarter(worker)
    return worker.quarterly_reports.first() or services.quarterlyreport_create(
        actor=None,
        worker=worker,
        year=year,
        quarter=quarter,
        performance="按时完成任务",
        rating=Rating.GOOD,
        workdays=60,
        attendance_days=58,
    )


def studysession_in(slug: str) -> StudySession:
    county = county_union(slug)
    session = StudySession.objects.filter(union=county, title="样例交流会").first()
    return session or services.studysession_create(
        actor=None,
        union=county,
        kind=SessionKind.EXCHANGE,
        title="样例交流会",
        held_on=dt.date(2025, 3, 25),
        participants=[worker_in(slug)],
    )


def _free_year(county) -> int:
    taken = set(AssessmentRound.objects.filter(union=county).values_list("year", flat=True))
    return next(y for y in range(timezone.localdate().year - 1, 2000, -1) if y not in taken)


def assessmentround_in(slug: str) -> AssessmentRound:
    county = county_union(slug)
    round_ = AssessmentRound.objects.filter(union=county).order_by("year").first()
    return round_ or services.assessmentround_create(
        actor=None, union=county, year=_free_year(county), held_on=timezone.localdate()
    )


def assessment_in(slug: str) -> Assessment:
    round_ = assessmentround_in(slug)
    worker = worker_in(slug)
    existing = Assessment.objects.filter(round=round_, worker=worker).first()
    return existing or services.assessment_record(
        actor=None,
        assessmentround=round_,
        worker=worker,
        scores={c["name"]: 80 for c in round_.criteria},
    )


SAMPLES = {
    SocialWorker: worker_in,
    Posting: posting_in,
    Qualification: qualification_in,
    Training: training_in,
    MonthlyRecord: monthlyrecord_in,
    QuarterlyReport: quarterlyreport_in,
    StudySession: studysession_in,
    AssessmentRound: assessmentround_in,
    Assessment: assessment_in,
}

DELETABLE = {SocialWorker: fresh_worker_in}


def _quarter_form(slug: str) -> dict:
    worker = worker_in(slug)
    year, quarter = free_quarter(worker)
    return {
        "worker": worker.pk,
        "year": year,
        "quarter": quarter,
        "performance": _unique("完成任务"),
        "rating": "good",
        "workdays": 60,
        "attendance_days": 59,
    }


def _round_form(slug: str) -> dict:
    county = county_union(slug)
    year = _free_year(county)
    return {
        "union": county.pk,
        "year": year,
        "held_on": dt.date(year + 1, 1, 15).isoformat(),
        "criteria": "县总工会评价=50\n岗位评价=50",
        "excellent_quota": 2,
        "note": _unique("备注"),
    }


FORM_DATA = {
    SocialWorker: lambda slug: {
        "name": _unique("社工"),
        "union": first_town_union(slug).pk,
        "hired_on": "2021-03-01",
        "status": "active",
        "id_number": "",
        "phone": "13800138000",
    },
    Posting: lambda slug: {
        "worker": worker_in(slug).pk,
        "union": first_town_union(slug).pk,
        "kind": "part_time",
        "started_on": "2022-01-01",
        "duty": _unique("协助"),
    },
    Qualification: lambda slug: {
        "worker": worker_in(slug).pk,
        "kind": "social_worker",
        "name": _unique("证书"),
        "issued_on": "2022-11-20",
    },
    Training: lambda slug: {
        "worker": worker_in(slug).pk,
        "title": _unique("培训"),
        "started_on": "2024-06-01",
        "hours": "6",
    },
    MonthlyRecord: lambda slug: {
        "worker": worker_in(slug).pk,
        "month": free_month(worker_in(slug)).strftime("%Y-%m"),
        "summary": _unique("走访企业"),
        "cases": 2,
        "visits": 3,
        "hours": "80",
    },
    QuarterlyReport: _quarter_form,
    StudySession: lambda slug: {
        "union": county_union(slug).pk,
        "kind": "political_class",
        "title": _unique("学习"),
        "held_on": "2025-04-10",
        "hours": "2",
        "participants": [worker_in(slug).pk],
    },
    AssessmentRound: _round_form,
}


def _scores(round_: AssessmentRound) -> dict:
    slug = next(s for s, code in COUNTY_SLUGS.items() if code == round_.union.code)
    worker = worker_in(slug)
    data = {"worker": worker.pk, "note": _unique("评语")}
    data.update({f"score_{i}": "85" for i, _c in enumerate(round_.criteria)})
    return data


ACTION_DATA = {
    "socialwork:assessmentround_score": _scores,
    "socialwork:monthlyrecord_review": lambda record: {"note": _unique("审核")},
}

WRITE_EXEMPT = {
    "socialwork:mine": (
        "the signed-in social worker's own archive: writes only their own monthly record, "
        "never another's (tests/test_self_service.py)"
    ),
}
