"""Annual assessments: the round with its scoring scheme, each social worker's scores."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.socialwork.models import (
    ASSESSMENT_ROUND_FIELDS,
    Assessment,
    AssessmentRound,
    SocialWorker,
)
from unionhub.socialwork.services._common import invalid, require_visible, today, user_or_none

if TYPE_CHECKING:
    from unionhub.accounts.models import User

#: [D] The default scheme of a new round (亭湖's practice, weights are data: a round may change
#: them before the first score is entered).
DEFAULT_CRITERIA = [
    {"name": "县总工会评价", "weight": 40},
    {"name": "岗位（镇街）评价", "weight": 30},
    {"name": "竞赛比武", "weight": 15},
    {"name": "荣誉表彰", "weight": 15},
]
MAX_SCORE = Decimal("100")


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def clean_criteria(criteria: Any) -> list[dict[str, Any]]:
    """A non-empty list of ``{"name", "weight"}`` with distinct names and positive weights
    summing to exactly 100."""
    if not isinstance(criteria, list) or not criteria:
        raise invalid("criteria", _("Give at least one scoring criterion."), "criteria_empty")
    cleaned, seen = [], set()
    for index, item in enumerate(criteria, start=1):
        name = str((item or {}).get("name", "")).strip() if isinstance(item, dict) else ""
        weight = _decimal(item.get("weight")) if isinstance(item, dict) else None
        if not name:
            raise invalid(
                "criteria", _("Criterion %(n)d has no name.") % {"n": index}, "criterion_name"
            )
        if name in seen:
            raise invalid(
                "criteria",
                _("The criterion “%(name)s” appears twice.") % {"name": name},
                "criterion_twice",
            )
        if weight is None or weight <= 0:
            raise invalid(
                "criteria",
                _("The weight of “%(name)s” must be a positive number.") % {"name": name},
                "criterion_weight",
            )
        seen.add(name)
        cleaned.append(
            {"name": name, "weight": int(weight) if weight == int(weight) else float(weight)}
        )
    total = sum(Decimal(str(c["weight"])) for c in cleaned)
    if total != 100:
        raise invalid(
            "criteria",
            _("The weights add up to %(total)s; they must add up to 100.") % {"total": total},
            "weights_sum",
        )
    return cleaned


def check_round_date(*, year: int, held_on: dt.date, on: dt.date) -> None:
    """An annual assessment is held after the year has ended (from 1 January of the next
    year) and not on a future date."""
    if held_on <= dt.date(year, 12, 31):
        raise invalid(
            "held_on",
            _(
                "The %(year)d assessment can be held only after the year has ended, from "
                "1 January %(next)d."
            )
            % {"year": year, "next": year + 1},
            "year_not_ended",
        )
    if held_on > on:
        raise invalid("held_on", _("The assessment date is in the future."), "future_date")


@transaction.atomic
def assessmentround_create(*, actor: User | None, **data: Any) -> AssessmentRound:
    values = {k: v for k, v in data.items() if k in ASSESSMENT_ROUND_FIELDS}
    values["criteria"] = clean_criteria(values.get("criteria") or DEFAULT_CRITERIA)
    round_ = AssessmentRound(**values, created_by=user_or_none(actor))
    if round_.year and round_.held_on:
        check_round_date(year=round_.year, held_on=round_.held_on, on=today())
    if AssessmentRound.objects.filter(union=round_.union_id, year=round_.year).exists():
        raise invalid(
            "year",
            _("%(union)s already has an assessment for %(year)d.")
            % {"union": round_.union, "year": round_.year},
            "duplicate_round",
        )
    round_.full_clean()
    round_.save()
    require_visible(round_, actor, "union")
    return round_


@transaction.atomic
def assessmentround_update(
    *, actor: User | None, assessmentround: AssessmentRound, **data: Any
) -> AssessmentRound:
    require_visible(assessmentround, actor)
    if "criteria" in data:
        data["criteria"] = clean_criteria(data["criteria"])
        if data["criteria"] != assessmentround.criteria and assessmentround.assessments.exists():
            raise invalid(
                "criteria",
                _("Scores have been entered under this scheme; the criteria can no longer change."),
                "criteria_locked",
            )
    for name in ASSESSMENT_ROUND_FIELDS:
        if name in data:
            setattr(assessmentround, name, data[name])
    check_round_date(year=assessmentround.year, held_on=assessmentround.held_on, on=today())
    assessmentround.full_clean()
    assessmentround.save()
    require_visible(assessmentround, actor, "union")
    return assessmentround


@transaction.atomic
def assessmentround_delete(*, actor: User | None, assessmentround: AssessmentRound) -> None:
    require_visible(assessmentround, actor)
    assessmentround.delete()


def weighted_total(criteria: list[dict[str, Any]], scores: dict[str, Any]) -> Decimal:
    """Σ weight × score / 100, two decimals (half up)."""
    total = sum(
        Decimal(str(c["weight"])) * Decimal(str(scores[c["name"]])) for c in criteria
    ) / Decimal(100)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def clean_scores(criteria: list[dict[str, Any]], scores: dict[str, Any]) -> dict[str, str]:
    cleaned = {}
    for criterion in criteria:
        name = criterion["name"]
        value = _decimal(scores.get(name, "")) if scores.get(name) not in (None, "") else None
        if value is None:
            raise invalid(
                "scores", _("Give the score for “%(name)s”.") % {"name": name}, "score_missing"
            )
        if not Decimal(0) <= value <= MAX_SCORE:
            raise invalid(
                "scores",
                _("The score for “%(name)s” must be between 0 and 100.") % {"name": name},
                "score_range",
            )
        cleaned[name] = str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return cleaned


@transaction.atomic
def assessment_record(
    *,
    actor: User | None,
    assessmentround: AssessmentRound,
    worker: SocialWorker,
    scores: dict[str, Any],
    note: str = "",
) -> Assessment:
    """Enter (or correct) one social worker's scores in a round."""
    require_visible(assessmentround, actor)
    require_visible(worker, actor, "worker")
    if not worker.union.path.startswith(assessmentround.union.path):
        raise invalid(
            "worker",
            _("%(name)s is not a social worker of %(union)s.")
            % {"name": worker.name, "union": assessmentround.union},
            "worker_outside_round",
        )
    if worker.hired_on.year > assessmentround.year:
        raise invalid(
            "worker",
            _("%(name)s was hired after %(year)d.")
            % {"name": worker.name, "year": assessmentround.year},
            "hired_after_year",
        )
    cleaned = clean_scores(assessmentround.criteria, scores)
    total = weighted_total(assessmentround.criteria, cleaned)
    assessment = Assessment.objects.filter(round=assessmentround, worker=worker).first()
    if assessment is None:
        assessment = Assessment(
            round=assessmentround, worker=worker, created_by=user_or_none(actor)
        )
    assessment.scores, assessment.total, assessment.note = cleaned, total, note
    assessment.save()
    require_visible(assessment, actor)
    return assessment


@transaction.atomic
def assessment_delete(*, actor: User | None, assessment: Assessment) -> None:
    require_visible(assessment, actor)
    assessment.delete()
