"""Archives (social workers), postings, qualifications and trainings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.org.choices import OrgKind
from unionhub.socialwork.choices import WorkerStatus
from unionhub.socialwork.models import (
    POSTING_FIELDS,
    QUALIFICATION_FIELDS,
    SOCIAL_WORKER_FIELDS,
    TRAINING_FIELDS,
    Posting,
    Qualification,
    SocialWorker,
    Training,
)
from unionhub.socialwork.services._common import create, invalid, require_visible, today

if TYPE_CHECKING:
    from unionhub.accounts.models import User

#: Unions a social worker is posted to: town / street federations (the demo tree has no
#: separate zone federations; a zone's union is a town-level federation too).
POSTING_KINDS = {OrgKind.TOWN_FEDERATION}


def _identity(worker: SocialWorker, *, id_number: str | None, phone: str | None) -> None:
    """Set the protected identity fields from clear input (None = keep; "" = clear)."""
    from django.core.exceptions import ValidationError

    if id_number is not None:
        try:
            worker.id_number = id_number.strip()
        except ValidationError as exc:
            raise invalid("id_number", exc.messages[0], "invalid_id_number") from exc
    if phone is not None:
        try:
            worker.phone = phone.strip()
        except ValidationError as exc:
            raise invalid("phone", exc.messages[0], "invalid_phone") from exc


def _check_worker(worker: SocialWorker) -> None:
    if worker.status == WorkerStatus.LEFT and not worker.left_on:
        raise invalid("left_on", _("Give the date the social worker left."), "left_on_missing")
    if worker.left_on and worker.left_on < worker.hired_on:
        raise invalid(
            "left_on", _("The leaving date is before the hiring date."), "left_before_hired"
        )
    if worker.hired_on > today():
        raise invalid("hired_on", _("The hiring date is in the future."), "future_date")


@transaction.atomic
def socialworker_create(
    *, actor: User | None, id_number: str = "", phone: str = "", **data: Any
) -> SocialWorker:
    worker = SocialWorker(**{k: v for k, v in data.items() if k in SOCIAL_WORKER_FIELDS})
    worker.created_by = actor if getattr(actor, "pk", None) else None
    _identity(worker, id_number=id_number, phone=phone)
    _check_worker(worker)
    worker.full_clean()
    worker.save()
    require_visible(worker, actor, "union")
    return worker


@transaction.atomic
def socialworker_update(
    *,
    actor: User | None,
    socialworker: SocialWorker,
    id_number: str | None = None,
    phone: str | None = None,
    **data: Any,
) -> SocialWorker:
    require_visible(socialworker, actor)
    # Blank identity input on the edit page keeps the stored number.
    _identity(socialworker, id_number=id_number or None, phone=phone or None)
    for name in SOCIAL_WORKER_FIELDS:
        if name in data:
            setattr(socialworker, name, data[name])
    _check_worker(socialworker)
    socialworker.full_clean()
    socialworker.save()
    require_visible(socialworker, actor, "union")
    return socialworker


@transaction.atomic
def socialworker_delete(*, actor: User | None, socialworker: SocialWorker) -> None:
    require_visible(socialworker, actor)
    if socialworker.monthly_records.exists() or socialworker.assessments.exists():
        raise invalid(
            None,
            _(
                "The archive already holds monthly records or assessments; mark the social "
                "worker as left instead of deleting the archive."
            ),
            "archive_has_records",
        )
    socialworker.delete()


# --- postings ---------------------------------------------------------------------------
def _check_posting(posting: Posting, actor: User | None) -> None:
    if posting.union.kind not in POSTING_KINDS:
        raise invalid(
            "union",
            _("A social worker is posted to a town or street federation of trade unions."),
            "not_town_union",
        )
    if posting.ended_on and posting.ended_on < posting.started_on:
        raise invalid("ended_on", _("The posting ends before it starts."), "ends_before_start")
    require_visible(posting.union, actor, "union")
    require_visible(posting.worker, actor, "worker")


@transaction.atomic
def posting_create(*, actor: User | None, **data: Any) -> Posting:
    posting = Posting(**{k: v for k, v in data.items() if k in POSTING_FIELDS})
    posting.created_by = actor if getattr(actor, "pk", None) else None
    posting.full_clean()
    _check_posting(posting, actor)
    posting.save()
    require_visible(posting, actor)
    return posting


@transaction.atomic
def posting_update(*, actor: User | None, posting: Posting, **data: Any) -> Posting:
    require_visible(posting, actor)
    for name in POSTING_FIELDS:
        if name in data:
            setattr(posting, name, data[name])
    posting.full_clean()
    _check_posting(posting, actor)
    posting.save()
    require_visible(posting, actor)
    return posting


@transaction.atomic
def posting_delete(*, actor: User | None, posting: Posting) -> None:
    require_visible(posting, actor)
    posting.delete()


# --- qualifications and trainings ---------------------------------------------------------
def _not_future(obj: Any, field: str) -> None:
    if getattr(obj, field) and getattr(obj, field) > today():
        raise invalid(field, _("The date is in the future."), "future_date")


@transaction.atomic
def qualification_create(*, actor: User | None, **data: Any) -> Qualification:
    qualification = create(Qualification, actor=actor, fields=QUALIFICATION_FIELDS, data=data)
    _not_future(qualification, "issued_on")
    require_visible(qualification, actor, "worker")
    return qualification


@transaction.atomic
def qualification_update(
    *, actor: User | None, qualification: Qualification, **data: Any
) -> Qualification:
    require_visible(qualification, actor)
    model_update(instance=qualification, fields=QUALIFICATION_FIELDS, data=data)
    _not_future(qualification, "issued_on")
    require_visible(qualification, actor, "worker")
    return qualification


@transaction.atomic
def qualification_delete(*, actor: User | None, qualification: Qualification) -> None:
    require_visible(qualification, actor)
    qualification.delete()


@transaction.atomic
def training_create(*, actor: User | None, **data: Any) -> Training:
    training = create(Training, actor=actor, fields=TRAINING_FIELDS, data=data)
    _not_future(training, "started_on")
    require_visible(training, actor, "worker")
    return training


@transaction.atomic
def training_update(*, actor: User | None, training: Training, **data: Any) -> Training:
    require_visible(training, actor)
    model_update(instance=training, fields=TRAINING_FIELDS, data=data)
    _not_future(training, "started_on")
    require_visible(training, actor, "worker")
    return training


@transaction.atomic
def training_delete(*, actor: User | None, training: Training) -> None:
    require_visible(training, actor)
    training.delete()


__all__ = [
    "posting_create",
    "posting_delete",
    "posting_update",
    "qualification_create",
    "qualification_delete",
    "qualification_update",
    "socialworker_create",
    "socialworker_delete",
    "socialworker_update",
    "training_create",
    "training_delete",
    "training_update",
]
