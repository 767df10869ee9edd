"""Sign-in of participants: through the activity's signed link (no account) or added by the
host as a walk-in. The same phone signs in once per activity; a phone that belongs to a
member links the sign-in to that member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.activities.choices import ActivityKind, SignInSource
from unionhub.activities.models import PHONE_CONTEXT, Activity, SignIn
from unionhub.activities.services._common import in_scope, invalid
from unionhub.activities.services.activities import activity_recount
from unionhub.core import crypto
from unionhub.core.validators.idcard import parse_phone

if TYPE_CHECKING:
    from unionhub.accounts.models import User


@dataclass(frozen=True)
class SignInResult:
    signin: SignIn
    created: bool


def _member_by_phone(phone: str):
    from unionhub.members.choices import MemberStatus
    from unionhub.members.models import Member, phone_hashes

    return (
        Member.objects.filter(phone_hash__in=phone_hashes(phone), status=MemberStatus.ACTIVE)
        .select_related("employer")
        .first()
    )


def closed_message(activity: Activity) -> str:
    return _("Sign-in for this activity closed at the end of %(day)s; the link has expired.") % {
        "day": f"{activity.last_day.year}年{activity.last_day.month}月{activity.last_day.day}日"
    }


@transaction.atomic
def signin_record(
    *,
    actor: User | None,
    activity: Activity,
    name: str,
    phone: str = "",
    employer_name: str = "",
    source: str = SignInSource.QR,
    now: dt.datetime | None = None,
) -> SignInResult:
    """Record that someone came. ``actor`` is the signed-in host adding a walk-in (the
    activity must be in their scope) or None for the public link / host link.

    Refused: after the link expired (24:00 of the activity's last day), a visit (people
    visited are recorded as targets), no name, a malformed phone, or no phone on the QR page.
    A second sign-in of the same phone returns the first one (``created=False``)."""
    in_scope(actor=actor, obj=activity, field="name")
    # One sign-in at a time per activity, so two taps of the same phone cannot both count.
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    now = now or timezone.now()
    if not activity.signin_open(now):
        raise invalid(None, closed_message(activity), "signin_closed")
    if activity.kind == ActivityKind.VISIT:
        raise invalid(
            None, _("A visit has no sign-in; record the people visited instead."), "not_signable"
        )
    name = (name or "").strip()
    errors: dict[str, ValidationError] = {}
    if not name:
        errors["name"] = ValidationError(_("Enter your name."), code="required")
    phone = (phone or "").strip()
    if phone:
        try:
            phone = parse_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc
    elif source == SignInSource.QR:
        errors["phone"] = ValidationError(_("Enter the mobile phone number."), code="required")
    if errors:
        raise ValidationError(errors)

    phone_hash = crypto.pii_hash(phone, context=PHONE_CONTEXT) if phone else ""
    if phone:
        existing = activity.signins.filter(
            phone_hash__in=crypto.pii_hashes(phone, context=PHONE_CONTEXT)
        ).first()
        if existing is not None:
            return SignInResult(existing, created=False)
    member = _member_by_phone(phone) if phone else None
    employer_name = (employer_name or "").strip()
    if member is not None and not employer_name and member.employer_id:
        employer_name = member.employer.name
    signin = SignIn(
        activity=activity,
        name=name,
        phone_enc=crypto.encrypt(phone, context=PHONE_CONTEXT) if phone else "",
        phone_hash=phone_hash,
        employer_name=employer_name[:150],
        member=member,
        source=source,
        signed_at=now,
    )
    if actor is not None and getattr(actor, "pk", None):
        signin.created_by = actor
    signin.full_clean(exclude=["phone_enc", "phone_hash"])
    signin.save()
    activity_recount(activity=activity)
    return SignInResult(signin, created=True)


@transaction.atomic
def signin_delete(*, actor: User | None, signin: SignIn) -> None:
    """Remove a sign-in recorded by mistake (the person-times follow)."""
    in_scope(actor=actor, obj=signin, field="name")
    activity = signin.activity
    signin.delete()
    activity_recount(activity=activity)
