"""Stable English codes (API) with Chinese labels (UI) of the social-worker archives."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerStatus(models.TextChoices):
    ACTIVE = "active", _("In post")
    LEFT = "left", _("Left")


class PostingKind(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")


class QualificationKind(models.TextChoices):
    """The national social-work titles (助理社会工作师 / 社会工作师 / 高级社会工作师) and others."""

    ASSISTANT = "assistant_social_worker", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR = "senior_social_worker", _("Senior social worker")
    OTHER = "other", _("Other certificate")


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class SessionKind(models.TextChoices):
    """Collective growth sessions of the archive, each linked to an activity of the ledger
    (an exchange is an ``exchange`` activity, a class a ``class`` activity)."""

    EXCHANGE = "quarterly_exchange", _("Quarterly exchange")
    POLITICAL_CLASS = "political_class", _("Political-theory class")
    PROFESSIONAL_CLASS = "professional_class", _("Professional class")
