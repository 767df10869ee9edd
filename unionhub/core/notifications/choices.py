"""Enumerations of the notifications: stable English codes, Chinese labels in the catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the platform")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("delivery", "Waiting")
    SENT = "sent", pgettext_lazy("delivery", "Sent")
    FAILED = "failed", pgettext_lazy("delivery", "Failed")
