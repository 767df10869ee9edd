"""Writes of the activity ledger: activities, their photos and visit targets. An activity's
person-times are kept here (``activity_recount``), never typed in."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.activities.choices import ActivityKind, VisitCategory
from unionhub.activities.models import (
    ACTIVITY_FIELDS,
    VISIT_TARGET_FIELDS,
    Activity,
    ActivityPhoto,
    VisitTarget,
)
from unionhub.activities.services._common import create, delete, in_scope, invalid, update

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def _check_activity(activity: Activity) -> None:
    """Rules of one activity, refused with a Chinese reason before anything is written."""
    if activity.head_count is not None and activity.head_count < 0:
        raise invalid("head_count", _("The head count cannot be negative."), "negative_head_count")
    if activity.cost is not None and Decimal(activity.cost) < 0:
        raise invalid("cost", _("The cost cannot be negative."), "negative_cost")
    if activity.ends_on and activity.held_on and activity.ends_on < activity.held_on:
        raise invalid(
            "ends_on",
            _("The last day cannot be before the first day of the activity."),
            "ends_before_start",
        )
    if activity.pk and activity.kind != ActivityKind.VISIT and activity.targets.exists():
        raise invalid(
            "kind",
            _("This activity has visit targets; it can only be a visit."),
            "has_visit_targets",
        )


def activity_recount(*, activity: Activity) -> Activity:
    """Person-times = each signed-in person once + the head count; for a visit, the people
    visited (its targets)."""
    if activity.kind == ActivityKind.VISIT:
        value = activity.targets.count()
    else:
        value = activity.signins.count() + activity.head_count
    if value != activity.person_times:
        activity.person_times = value
        Activity.objects.filter(pk=activity.pk).update(person_times=value)
    return activity


@transaction.atomic
def activity_create(*, actor: User | None, **data: Any) -> Activity:
    activity = create(
        model=Activity, fields=ACTIVITY_FIELDS, actor=actor, data=data, check=_check_activity
    )
    return activity_recount(activity=activity)


@transaction.atomic
def activity_update(*, actor: User | None, activity: Activity, **data: Any) -> Activity:
    activity, _changed = update(
        instance=activity, fields=ACTIVITY_FIELDS, actor=actor, data=data, check=_check_activity
    )
    return activity_recount(activity=activity)


@transaction.atomic
def activity_delete(*, actor: User | None, activity: Activity) -> None:
    delete(actor=actor, instance=activity)


@transaction.atomic
def photo_add(
    *, actor: User | None, activity: Activity, image: Any, caption: str = ""
) -> ActivityPhoto:
    in_scope(actor=actor, obj=activity, field="image")
    return create(
        model=ActivityPhoto,
        fields=("activity", "image", "caption"),
        actor=actor,
        data={"activity": activity, "image": image, "caption": caption},
        scope_field="image",
    )


@transaction.atomic
def photo_update(
    *, actor: User | None, activityphoto: ActivityPhoto, caption: str
) -> ActivityPhoto:
    """A new caption (the change is audited like every save)."""
    if activityphoto.removed_at is not None:
        raise invalid("caption", _("This photo was removed."), "photo_removed")
    photo, _changed = update(
        instance=activityphoto,
        fields=("caption",),
        actor=actor,
        data={"caption": caption},
        scope_field="caption",
    )
    return photo


@transaction.atomic
def photo_delete(*, actor: User | None, activityphoto: ActivityPhoto, reason: str = "") -> None:
    """Soft removal: the photo leaves the activity and its file is no longer served; the row,
    the file and the audit entry (who, when, why) stay."""
    in_scope(actor=actor, obj=activityphoto, field="reason")
    if activityphoto.removed_at is not None:
        raise invalid("reason", _("This photo was removed."), "photo_removed")
    activityphoto.removed_at = timezone.now()
    activityphoto.removed_by = actor if getattr(actor, "pk", None) else None
    activityphoto.removal_reason = (reason or "").strip()[:200]
    activityphoto.save(update_fields=["removed_at", "removed_by", "removal_reason", "updated_at"])


def _check_target(target: VisitTarget) -> None:
    if target.activity_id and target.activity.kind != ActivityKind.VISIT:
        raise invalid("activity", _("People visited can only be added to a visit."), "not_a_visit")
    if target.amount is not None and Decimal(target.amount) < 0:
        raise invalid("amount", _("The value given cannot be negative."), "negative_amount")
    person = target.model_worker
    if person is None:
        return
    # A person of the model-worker registry: the name and category come from the registry.
    target.name = target.name or person.name
    target.category = target.category or VisitCategory.MODEL_WORKER
    if target.activity_id:
        area = target.activity.organiser.region.path
        if not person.region.path.startswith(area):
            raise invalid(
                "model_worker",
                _(
                    "This model worker lives outside the area of the union that organised the visit."
                ),
                "outside_organiser_area",
            )
        twice = VisitTarget.objects.filter(activity_id=target.activity_id, model_worker=person)
        if twice.exclude(pk=target.pk).exists():
            raise invalid(
                "model_worker",
                _("This model worker is already among the people of this visit."),
                "already_visited",
            )


def _model_worker_in_scope(actor: User | None, data: dict[str, Any]) -> None:
    if data.get("model_worker") is not None:
        in_scope(actor=actor, obj=data["model_worker"], field="model_worker")


@transaction.atomic
def visittarget_create(*, actor: User | None, **data: Any) -> VisitTarget:
    _model_worker_in_scope(actor, data)
    target = create(
        model=VisitTarget,
        fields=VISIT_TARGET_FIELDS,
        actor=actor,
        data=data,
        check=_check_target,
        scope_field="activity",
    )
    activity_recount(activity=target.activity)
    return target


@transaction.atomic
def visittarget_update(*, actor: User | None, visittarget: VisitTarget, **data: Any) -> VisitTarget:
    _model_worker_in_scope(actor, data)
    before = visittarget.activity
    target, _changed = update(
        instance=visittarget,
        fields=VISIT_TARGET_FIELDS,
        actor=actor,
        data=data,
        check=_check_target,
        scope_field="activity",
    )
    for activity in {before, target.activity}:
        activity_recount(activity=activity)
    return target


@transaction.atomic
def visittarget_delete(*, actor: User | None, visittarget: VisitTarget) -> None:
    activity = visittarget.activity
    delete(actor=actor, instance=visittarget, scope_field="activity")
    activity_recount(activity=activity)
