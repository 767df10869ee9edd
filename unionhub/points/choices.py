"""Enumerations of the points system: stable English codes, Chinese labels in the catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CapPeriod(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Evidence(models.TextChoices):
    NONE = "none", _("None")
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")
    ATTENDANCE = "attendance", _("Attendance list")


class EntryKind(models.TextChoices):
    AWARD = "award", _("Award")
    REDEMPTION = "redemption", _("Redemption")
    REFUND = "refund", _("Refund")
    REVERSAL = "reversal", _("Reversal")
    EXPIRY = "expiry", _("Expiry")
    ADJUSTMENT = "adjustment", _("Adjustment")


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", pgettext_lazy("points submission", "Approved")
    REJECTED = "rejected", pgettext_lazy("points submission", "Rejected")


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Pending decision")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class RedemptionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    FULFILLED = "fulfilled", _("Fulfilled")
    CANCELLED = "cancelled", _("Cancelled")


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    EVALUATED = "evaluated", _("Evaluated")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", pgettext_lazy("suggestion", "Rejected")
    IMPLEMENTED = "implemented", _("Implemented")


class ExpiryPolicy(models.TextChoices):
    NEVER = "never", _("Points never expire")
    YEAR_END = "year_end", _("Points expire at the end of a later year")


class LeaderboardPeriod(models.TextChoices):
    WEEK = "week", _("This week")
    MONTH = "month", _("This month")
    YEAR = "year", _("This year")
    ALL = "all", _("All time")
