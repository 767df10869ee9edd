from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")


class EntryKind(models.TextChoices):
    REMITTANCE = "remittance", _("Remittance received")
    REFUND = "refund", _("Refund paid")
