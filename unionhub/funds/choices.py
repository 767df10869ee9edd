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
    REVERSAL = "reversal", _("Remittance reversed")


class FundKind(models.TextChoices):
    """工会经费 is paid by units that have a union; 建会筹备金 by units that have none yet
    (domain.md §1.5), refunded once the enterprise sets up a union (§6)."""

    UNION_FUNDS = "funds", _("Union funds")
    PREPARATION = "preparation", _("Union preparation fund")
