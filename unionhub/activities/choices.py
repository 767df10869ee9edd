"""Enumerations of the activity ledger and of workers' culture (stable lowercase API codes,
Chinese labels through the catalogue)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    CLASS = "class", _("Class")
    LECTURE = "lecture", _("Lecture")
    EXCHANGE = "exchange", _("Exchange")
    VISIT = "visit", _("Visit and condolence")
    PERFORMANCE = "performance", pgettext_lazy("activities", "Performance")
    OTHER = "other", _("Other activity")


class VisitCategory(models.TextChoices):
    OLD_PARTY_MEMBER = "old_party_member", _("Old party member")
    PARTY_MEMBER_IN_DIFFICULTY = "party_member_in_difficulty", _("Party member in difficulty")
    MODEL_WORKER = "model_worker", pgettext_lazy("activities", "Model worker")
    WORKER_IN_DIFFICULTY = "worker_in_difficulty", _("Worker in difficulty")
    FRONTLINE_WORKER = "frontline_worker", _("Frontline worker")
    OTHER = "other", _("Other")


class SignInSource(models.TextChoices):
    QR = "qr", _("Scanned the QR code")
    WALK_IN = "walk_in", _("Walk-in added by the host")


class ProgrammeKind(models.TextChoices):
    SONG = "song", _("Song")
    DANCE = "dance", _("Dance")
    OPERA = "opera", _("Local opera")
    SKETCH = "sketch", _("Sketch or crosstalk")
    INSTRUMENTAL = "instrumental", _("Instrumental music")
    RECITATION = "recitation", _("Recitation")
    OTHER = "other", _("Other programme")
