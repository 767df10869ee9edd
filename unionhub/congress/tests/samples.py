"""Scope-matrix samples: a record of every congress model inside a county, and payloads for
the write matrix."""

from __future__ import annotations

import datetime as dt
import uuid

from unionhub.congress import services
from unionhub.congress.models import (
    Congress,
    Proposal,
    Representative,
    Resolution,
    Session,
    StarEvaluation,
)
from unionhub.congress.rubric_default import ensure_default_rubric
from unionhub.enterprises.tests.samples import enterprise_in


def congress_in(slug: str, *, confirmed: bool = True) -> Congress:
    """A congress of the county's sample enterprise with a valid confirmed list of 10."""
    enterprise = enterprise_in(slug)
    congress = Congress.objects.filter(enterprise=enterprise, term_number=1).first()
    if congress is None:
        congress = services.congress_create(
            actor=None,
            enterprise=enterprise,
            term_number=1,
            term_start=dt.date(2024, 3, 1),
            term_years=5,
            workforce=120,
            women_workforce=40,
        )
        for i in range(10):
            services.representative_create(
                actor=None,
                congress=congress,
                name=f"{slug}代表{i}",
                category="frontline" if i < 7 else "technician",
                is_woman=i % 3 == 0,
                unit="一车间",
            )
        if confirmed:
            services.congress_confirm_list(actor=None, congress=congress)
    return congress


def open_congress_in(slug: str) -> Congress:
    """A second term whose list is still being compiled (representatives may change)."""
    enterprise = enterprise_in(slug)
    congress = Congress.objects.filter(enterprise=enterprise, term_number=2).first()
    return congress or services.congress_create(
        actor=None,
        enterprise=enterprise,
        term_number=2,
        term_start=dt.date(2029, 3, 1),
        term_years=5,
        workforce=120,
        women_workforce=40,
    )


def representative_in(slug: str) -> Representative:
    congress = open_congress_in(slug)
    rep = congress.representatives.filter(name=f"{slug}样例代表").first()
    return rep or services.representative_create(
        actor=None, congress=congress, name=f"{slug}样例代表", category="frontline"
    )


def session_in(slug: str) -> Session:
    congress = congress_in(slug)
    session = congress.sessions.filter(number=1).first()
    return session or services.session_create(
        actor=None, congress=congress, number=1, held_on=dt.date(2025, 3, 20), present=9
    )


def resolution_in(slug: str) -> Resolution:
    session = session_in(slug)
    resolution = session.resolutions.filter(title=f"{slug}样例决议").first()
    return resolution or services.resolution_create(
        actor=None,
        session=session,
        title=f"{slug}样例决议",
        yes_votes=8,
        no_votes=1,
        result="passed",
    )


def proposal_in(slug: str) -> Proposal:
    congress = congress_in(slug)
    proposal = congress.proposals.filter(title=f"{slug}样例提案").first()
    return proposal or services.proposal_create(
        actor=None,
        congress=congress,
        title=f"{slug}样例提案",
        proposer="张三",
        content="增设夜班食堂",
    )


def evaluation_in(slug: str) -> StarEvaluation:
    ensure_default_rubric()
    congress = congress_in(slug)
    evaluation = congress.evaluations.filter(year=2025).first()
    return evaluation or services.evaluation_create(actor=None, congress=congress, year=2025)


SAMPLES = {
    Congress: congress_in,
    Representative: representative_in,
    Session: session_in,
    Resolution: resolution_in,
    Proposal: proposal_in,
    StarEvaluation: evaluation_in,
}


# --- the write matrix ---------------------------------------------------------------------


def _u(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


def _fresh_congress(slug: str) -> Congress:
    """A congress whose term number is free (the form's congress for new sessions)."""
    return congress_in(slug)


def _next_term(slug: str) -> int:
    enterprise = enterprise_in(slug)
    return (
        (
            Congress.objects.filter(enterprise=enterprise)
            .order_by("-term_number")
            .first()
            .term_number
            + 1
        )
        if Congress.objects.filter(enterprise=enterprise).exists()
        else 1
    )


FORM_DATA = {
    Congress: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "form": "congress",
        "term_number": _next_term(slug),
        "term_start": "2024-01-01",
        "term_years": 5,
        "workforce": 200,
        "women_workforce": 50,
        "note": "",
    },
    Representative: lambda slug: {
        "congress": open_congress_in(slug).pk,
        "name": _u("代表"),
        "category": "frontline",
        "unit": "二车间",
    },
    Session: lambda slug: {
        "congress": congress_in(slug).pk,
        "number": congress_in(slug).sessions.count() + 2,
        "kind": "regular",
        "held_on": "2025-06-01",
        "present": 8,
        "agenda": "",
    },
    Resolution: lambda slug: {
        "session": session_in(slug).pk,
        "title": _u("决议"),
        "yes_votes": 7,
        "no_votes": 0,
        "abstentions": 0,
        "result": "passed",
    },
    Proposal: lambda slug: {
        "congress": congress_in(slug).pk,
        "session": "",
        "title": _u("提案"),
        "proposer": "李四",
        "category": "",
        "content": "改善通勤",
    },
    StarEvaluation: lambda slug: {
        "congress": (ensure_default_rubric(), congress_in(slug))[1].pk,
        "year": 2030 + StarEvaluation.objects.filter(congress=congress_in(slug)).count(),
        "note": _u("说明"),
    },
}


def _deletable_congress(slug: str) -> Congress:
    enterprise = enterprise_in(slug)
    return services.congress_create(
        actor=None,
        enterprise=enterprise,
        term_number=_next_term(slug),
        term_start=dt.date(2030, 1, 1),
        term_years=5,
        workforce=50,
    )


def _deletable_session(slug: str) -> Session:
    congress = congress_in(slug)
    number = (
        (congress.sessions.order_by("-number").first().number + 1)
        if congress.sessions.exists()
        else 1
    )
    return services.session_create(
        actor=None, congress=congress, number=number, held_on=dt.date(2025, 9, 1), present=8
    )


def _deletable_evaluation(slug: str) -> StarEvaluation:
    ensure_default_rubric()
    congress = congress_in(slug)
    year = 2040 + congress.evaluations.count()
    return services.evaluation_create(actor=None, congress=congress, year=year)


DELETABLE = {
    Congress: _deletable_congress,
    Session: _deletable_session,
    StarEvaluation: _deletable_evaluation,
    Proposal: lambda slug: services.proposal_create(
        actor=None, congress=congress_in(slug), title=_u("提案"), proposer="王五", content="内容"
    ),
}


def _next_points(evaluation: StarEvaluation) -> dict:
    score = evaluation.scores.filter(item__is_veto=False).select_related("item").first()
    return {f"item_{score.item_id}": (score.points + 1) % (score.item.max_points + 1)}


ACTION_DATA = {
    "congress:congress_confirm": lambda congress: (
        services.congress_reopen_list(actor=None, congress=congress),
        {},
    )[1],
    "congress:congress_reopen": lambda congress: {},
    "congress:session_attendance": lambda session: {"present": 10 if session.present != 10 else 9},
    "congress:session_roll": lambda session: {
        "present": [r.pk for r in session.congress.representatives.all()],
    },
    "congress:proposal_accept": lambda p: {"handling_unit": "行政部"},
    "congress:proposal_decline": lambda p: {"reason": "属个人诉求"},
    "congress:proposal_handle": lambda p: (
        services.proposal_accept(actor=None, proposal=p, handling_unit="行政部"),
        {"reply": "已增设", "satisfaction": "satisfied"},
    )[1],
    "congress:starevaluation_score": lambda e: _next_points(e),
    "congress:starevaluation_finalize": lambda e: {},
}
