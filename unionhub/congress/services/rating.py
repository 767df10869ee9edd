"""Writes of the star-rating rubric and the yearly evaluations (domain.md §4.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.congress import rules
from unionhub.congress.choices import EvaluationStatus
from unionhub.congress.models import (
    EVALUATION_FIELDS,
    RUBRIC_FIELDS,
    RUBRIC_ITEM_FIELDS,
    THRESHOLD_FIELDS,
    EvaluationScore,
    RubricItem,
    StarEvaluation,
    StarRubric,
    StarThreshold,
)
from unionhub.congress.services._common import Actor, assign, in_scope, refuse, stamp

# --- the rubric (city-wide configuration) ---------------------------------------------------


def _in_use(rubric: StarRubric) -> None:
    if StarEvaluation.objects.filter(rubric=rubric, status=EvaluationStatus.FINAL).exists():
        raise refuse(
            "rubric",
            _("Final evaluations use this rubric; make a new version instead of changing it."),
            "rubric_in_use",
        )


def _simple(model, fields, *, check_rubric: bool = False):
    """create/update/delete for a configuration row of the rubric."""

    @transaction.atomic
    def create(*, actor: Actor, **data: Any):
        obj = model()
        assign(obj, fields, data)
        stamp(obj, actor)
        obj.full_clean()
        if check_rubric:
            _in_use(obj.rubric)
        obj.save()
        return obj

    @transaction.atomic
    def update(*, actor: Actor, instance=None, **data: Any):
        obj = instance if instance is not None else data.pop(model._meta.model_name)
        if check_rubric:
            _in_use(obj.rubric)
        if assign(obj, fields, data):
            obj.full_clean()
            obj.save()
        return obj

    @transaction.atomic
    def delete(*, actor: Actor, instance=None, **data: Any):
        obj = instance if instance is not None else data.pop(model._meta.model_name)
        _in_use(obj.rubric if check_rubric else obj)
        obj.delete()

    return create, update, delete


rubric_create, rubric_update, rubric_delete = _simple(StarRubric, RUBRIC_FIELDS)
rubricitem_create, rubricitem_update, rubricitem_delete = _simple(
    RubricItem, RUBRIC_ITEM_FIELDS, check_rubric=True
)
threshold_create, threshold_update, threshold_delete = _simple(
    StarThreshold, THRESHOLD_FIELDS, check_rubric=True
)


def rubric_in_force(on: dt.date) -> StarRubric | None:
    return (
        StarRubric.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from", "-pk")
        .first()
    )


# --- evaluations ----------------------------------------------------------------------------


@transaction.atomic
def evaluation_create(*, actor: Actor, **data: Any) -> StarEvaluation:
    """Opens the year's evaluation under the rubric in force on 31 December of that year,
    with a score row (0 points) for every item."""
    evaluation = StarEvaluation()
    assign(evaluation, EVALUATION_FIELDS, data)
    stamp(evaluation, actor)
    rubric = rubric_in_force(dt.date(evaluation.year or 2000, 12, 31))
    if rubric is None:
        raise refuse(
            "year",
            _("No star rating rubric is in force for %(year)s.") % {"year": evaluation.year},
            "no_rubric",
        )
    evaluation.rubric = rubric
    evaluation.full_clean()
    evaluation.save()
    EvaluationScore.objects.bulk_create(
        EvaluationScore(evaluation=evaluation, item=item) for item in rubric.items.all()
    )
    in_scope(actor=actor, obj=evaluation, field="congress")
    return evaluation


def _open(evaluation: StarEvaluation) -> None:
    if evaluation.status == EvaluationStatus.FINAL:
        raise refuse(
            "status", _("The evaluation is final and cannot be changed."), "evaluation_final"
        )


@transaction.atomic
def evaluation_update(*, actor: Actor, starevaluation: StarEvaluation, **data: Any):
    _open(starevaluation)
    data.pop("congress", None)
    data.pop("year", None)  # the rubric was chosen for the year
    if assign(starevaluation, EVALUATION_FIELDS, data):
        starevaluation.full_clean()
        starevaluation.save()
    in_scope(actor=actor, obj=starevaluation, field="congress")
    return starevaluation


@transaction.atomic
def evaluation_delete(*, actor: Actor, starevaluation: StarEvaluation) -> None:
    in_scope(actor=actor, obj=starevaluation, field="congress")
    _open(starevaluation)
    starevaluation.delete()


@transaction.atomic
def evaluation_score(
    *,
    actor: Actor,
    evaluation: StarEvaluation,
    points: dict[int, int],
    vetoes: set[int] | frozenset[int] = frozenset(),
) -> StarEvaluation:
    """Records the points per item (``{item_id: points}``) and the veto items hit; the total
    is recomputed. Points above an item's maximum are refused, naming the item."""
    _open(evaluation)
    scores = list(evaluation.scores.select_related("item"))
    for score in scores:
        item = score.item
        if item.is_veto:
            score.veto_triggered = item.pk in vetoes
            score.points = 0
            continue
        given = int(points.get(item.pk, score.points) or 0)
        if given < 0 or given > item.max_points:
            raise refuse(
                f"item_{item.pk}",
                _("“%(item)s” can score 0 to %(max)s points, not %(given)s.")
                % {"item": item.name, "max": item.max_points, "given": given},
                "points_out_of_range",
            )
        score.points = given
    EvaluationScore.objects.bulk_update(scores, ["points", "veto_triggered"])
    evaluation.total_points = sum(s.points for s in scores)
    evaluation.veto_hit = any(s.veto_triggered for s in scores)
    evaluation.save(update_fields=["total_points", "veto_hit", "updated_at"])
    in_scope(actor=actor, obj=evaluation, field="congress")
    return evaluation


@transaction.atomic
def evaluation_finalize(
    *, actor: Actor, evaluation: StarEvaluation, on: dt.date | None = None
) -> StarEvaluation:
    """Makes the evaluation final: its stars follow from the points and the rubric's
    thresholds (none if a veto item was hit); the enterprise's latest final evaluation is
    the rating in force."""
    _open(evaluation)
    evaluation.stars = rules.stars_for(
        total_points=evaluation.total_points,
        veto_hit=evaluation.veto_hit,
        thresholds=evaluation.rubric.thresholds.values_list("stars", "min_points"),
    )
    evaluation.status = EvaluationStatus.FINAL
    evaluation.finalized_on = on or timezone.localdate()
    evaluation.save()
    refresh_current(enterprise_id=evaluation.congress.enterprise_id)
    evaluation.refresh_from_db()
    in_scope(actor=actor, obj=evaluation, field="congress")
    return evaluation


def refresh_current(*, enterprise_id: int) -> None:
    finals = StarEvaluation.objects.filter(
        congress__enterprise_id=enterprise_id, status=EvaluationStatus.FINAL
    )
    latest = finals.order_by("-year", "-finalized_on", "-pk").first()
    finals.exclude(pk=getattr(latest, "pk", None)).filter(is_current=True).update(is_current=False)
    if latest is not None and not latest.is_current:
        StarEvaluation.objects.filter(pk=latest.pk).update(is_current=True)
