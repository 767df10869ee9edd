"""What the to-do app stores: only which reminders were sent (the items themselves are
computed from the modules' live records)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """One reminder sent to one person about one to-do item at one stage (``lead:3`` = three
    days before the due date, ``overdue``, ``escalation:2``). Unique, so each is sent once
    however often the job runs. ``due`` is part of the key: when a record's due date moves
    (a ticket acknowledged now runs against its resolve deadline), its reminders start again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    item_key = models.CharField(_("to-do item"), max_length=120)
    stage = models.CharField(_("stage"), max_length=60)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    audit_exclude = "reminder bookkeeping (the notification itself is the record)"

    class Meta:
        verbose_name = _("to-do reminder")
        verbose_name_plural = _("to-do reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "item_key", "stage"], name="todo_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_key} {self.stage}"
