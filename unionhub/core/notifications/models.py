"""Notifications (消息通知): what the platform tells one person, and the outbox that carries
it over each channel the person chose (in the platform, e-mail, SMS)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core import crypto
from unionhub.core.notifications.choices import Channel, DeliveryStatus
from unionhub.core.pii import mask_phone

PHONE_CONTEXT = "notification_phone"


class NotificationQuerySet(models.QuerySet):
    def for_recipient(self, user: Any) -> NotificationQuerySet:
        """A person's own notifications: nobody else reads them, whatever their scope."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at=None)


class Notification(models.Model):
    """One message to one person (a to-do reminder, an escalation…), shown in their message
    list until they mark it read; ``deliveries`` carry it to e-mail and SMS."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The SMS wording: short and neutral (no names, ID or phone numbers; see sms.py).
    sms_text = models.CharField(_("SMS text"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()
    audit_exclude = "a person's own messages; the event behind each is audited where it happens"
    scope_exempt = "read only by its recipient (NotificationQuerySet.for_recipient)"

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """The outbox (发送记录): one notification on one channel, with its attempts."""

    MAX_ATTEMPTS = 3

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    audit_exclude = "outbox bookkeeping"

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="notifications_one_delivery_per_channel"
            )
        ]
        indexes = [models.Index(fields=["status", "channel"])]

    def __str__(self) -> str:
        return f"{self.notification} · {self.get_channel_display()}"


class ChannelPreference(models.Model):
    """The channels a person chose for their notifications besides the platform itself
    (always on): e-mail and SMS, with the addresses to use. The SMS number is stored
    encrypted, like every phone number."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("by e-mail"), default=False)
    email_address = models.EmailField(_("e-mail address"), blank=True)
    sms = models.BooleanField(_("by SMS"), default=False)
    sms_phone_enc = models.CharField(max_length=200, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    pii_fields = ("sms_phone_enc",)
    audit_exclude = "a person's own notification settings"

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def sms_phone(self) -> str:
        return (
            crypto.decrypt(self.sms_phone_enc, context=PHONE_CONTEXT) if self.sms_phone_enc else ""
        )

    @sms_phone.setter
    def sms_phone(self, value: str) -> None:
        self.sms_phone_enc = crypto.encrypt(value, context=PHONE_CONTEXT) if value else ""

    @property
    def sms_phone_masked(self) -> str:
        return mask_phone(self.sms_phone)

    def address_for(self, channel: str) -> str:
        if channel == Channel.EMAIL:
            return self.email_address or getattr(self.user, "email", "") or ""
        if channel == Channel.SMS:
            return self.sms_phone
        return ""

    def wants(self, channel: str) -> bool:
        if channel == Channel.IN_APP:
            return True
        return bool(getattr(self, channel, False) and self.address_for(channel))


class SmsMessage(models.Model):
    """What the development SMS backend "sent" (``sms.RecordingSmsBackend``): the text and
    the masked number, for a developer or the lead to look at. A real gateway keeps its own
    records (docs/notifications.md)."""

    phone_masked = models.CharField(_("mobile phone"), max_length=20)
    text = models.CharField(_("text"), max_length=300)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    audit_exclude = "development outbox of the SMS backend"

    class Meta:
        verbose_name = _("SMS (development record)")
        verbose_name_plural = _("SMS (development records)")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.phone_masked} {self.text[:20]}"
