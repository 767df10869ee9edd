"""Writes of the notifications: send (in the platform at once, e-mail and SMS through the
outbox), deliver the outbox, mark read, and each person's channel settings."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.notifications.choices import Channel, DeliveryStatus
from unionhub.core.notifications.models import ChannelPreference, Delivery, Notification
from unionhub.core.notifications.sms import sms_send
from unionhub.core.pii import scrub
from unionhub.core.validators.idcard import parse_phone

log = logging.getLogger(__name__)

__all__ = [
    "deliveries_process",
    "notification_mark_read",
    "notification_send",
    "notifications_mark_all_read",
    "preference_for",
    "preference_update",
]


def preference_for(user: Any) -> ChannelPreference:
    """The person's settings (unsaved defaults when they never chose: in the platform only)."""
    try:
        return user.notification_preference
    except ChannelPreference.DoesNotExist:
        return ChannelPreference(user=user)


@transaction.atomic
def notification_send(
    *,
    recipient: Any,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = "",
    sms_text: str = "",
) -> Notification:
    """One notification to one person: shown in the platform at once; queued for e-mail and
    SMS when the person chose them (``deliveries_process`` sends them). ``sms_text`` is the
    short neutral wording for SMS (default: the title)."""
    now = timezone.now()
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind[:80],
        title=title[:200],
        body=body,
        url=url[:500],
        sms_text=(sms_text or title)[:200],
    )
    preference = preference_for(recipient)
    rows = [
        Delivery(
            notification=notification,
            channel=Channel.IN_APP,
            status=DeliveryStatus.SENT,
            attempts=1,
            sent_at=now,
        )
    ]
    for channel in (Channel.EMAIL, Channel.SMS):
        if preference.wants(channel):
            rows.append(Delivery(notification=notification, channel=channel))
    Delivery.objects.bulk_create(rows)
    return notification


def _deliver(delivery: Delivery) -> None:
    notification = delivery.notification
    preference = preference_for(notification.recipient)
    address = preference.address_for(delivery.channel)
    if not address:
        raise ValueError("no address for this channel")
    if delivery.channel == Channel.EMAIL:
        link = notification.url
        if link and getattr(settings, "SITE_URL", ""):
            link = settings.SITE_URL.rstrip("/") + link
        body = "\n\n".join(part for part in (notification.body, link) if part)
        send_mail(
            subject=notification.title,
            message=body,
            from_email=None,
            recipient_list=[address],
            fail_silently=False,
        )
    elif delivery.channel == Channel.SMS:
        sms_send(phone=address, text=notification.sms_text or notification.title)


def deliveries_process(*, now: dt.datetime | None = None, limit: int = 500) -> str:
    """Send what waits in the outbox (e-mail, SMS). A failed attempt is retried on the next
    run, up to ``Delivery.MAX_ATTEMPTS``; the error kept on the row carries no personal data.
    Returns a summary for the job page."""
    now = now or timezone.now()
    sent = failed = 0
    ids = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING)
        .exclude(channel=Channel.IN_APP)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update()
                .select_related("notification__recipient")
                .filter(pk=pk, status=DeliveryStatus.PENDING)
                .first()
            )
            if delivery is None:  # another worker took it
                continue
            delivery.attempts = F("attempts") + 1
            try:
                _deliver(delivery)
            except Exception as exc:  # noqa: BLE001 — any gateway failure is a failed attempt
                delivery.error = scrub(f"{type(exc).__name__}: {exc}")[:300]
                delivery.save(update_fields=["attempts", "error"])
                delivery.refresh_from_db(fields=["attempts"])
                if delivery.attempts >= Delivery.MAX_ATTEMPTS:
                    delivery.status = DeliveryStatus.FAILED
                    delivery.save(update_fields=["status"])
                failed += 1
                log.warning("delivery %s (%s) failed", delivery.pk, delivery.channel)
            else:
                delivery.status = DeliveryStatus.SENT
                delivery.sent_at = now
                delivery.error = ""
                delivery.save(update_fields=["attempts", "status", "sent_at", "error"])
                sent += 1
    return f"sent {sent}, failed {failed}"


def _own(actor: Any, notification: Notification) -> Notification:
    own = Notification.objects.for_recipient(actor).filter(pk=notification.pk).first()
    if own is None:
        raise PermissionDenied
    return own


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (again: nothing changes)."""
    notification = _own(actor, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.for_recipient(actor).unread().update(read_at=timezone.now())


@transaction.atomic
def preference_update(
    *,
    actor: Any,
    email: bool,
    sms: bool,
    email_address: str = "",
    sms_phone: str = "",
) -> ChannelPreference:
    """The actor's own channel settings. E-mail needs an address (the account's when none is
    given); SMS needs a mainland mobile number (an empty field keeps the stored one)."""
    preference, _created = ChannelPreference.objects.get_or_create(user=actor)
    errors: dict[str, ValidationError] = {}
    email_address = (email_address or "").strip()
    if email_address:
        try:
            validate_email(email_address)
        except ValidationError:
            errors["email_address"] = ValidationError(
                _("Enter a valid e-mail address."), code="invalid_email"
            )
    if email and not (email_address or actor.email):
        errors["email_address"] = ValidationError(
            _("Enter the e-mail address to send notifications to."), code="email_required"
        )
    phone = ""
    if sms_phone.strip():
        try:
            phone = parse_phone(sms_phone)
        except ValidationError:
            errors["sms_phone"] = ValidationError(
                _("A mobile phone number has 11 digits and starts with 13–19."), code="phone"
            )
    elif sms and not preference.sms_phone_enc:
        errors["sms_phone"] = ValidationError(
            _("Enter the mobile phone number for SMS notifications."), code="phone_required"
        )
    if errors:
        raise ValidationError(errors)
    preference.email = email
    preference.email_address = email_address
    preference.sms = sms
    # An empty number field keeps the stored number while SMS stays on, and clears it otherwise.
    if phone or not sms:
        preference.sms_phone = phone
    preference.save()
    return preference
