"""Reminders of to-do items (待办提醒): before the due date at the lead times of
``settings.TODO_REMINDER_LEAD_DAYS`` (e.g. ``[3, 1, 0]`` days), once when the item becomes
overdue, and once per escalation level. Each reminder is a notification (so it reaches the
person's chosen channels) and is sent once: a ``Reminder`` row per person, item, due date and
stage guards it, whoever runs the job and however often."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from unionhub.core.notifications.services import deliveries_process, notification_send
from unionhub.core.todo.models import Reminder
from unionhub.core.todo.registry import TodoItem, TodoList, providers

__all__ = ["reminder_stages", "reminders_send"]

#: at most this many items per person are looked at per run (the most urgent first)
MAX_ITEMS_PER_USER = 200


def _lead_days() -> list[int]:
    return sorted({int(d) for d in getattr(settings, "TODO_REMINDER_LEAD_DAYS", [3, 1, 0])})


def reminder_stages(item: TodoItem, now: dt.datetime) -> tuple[str | None, list[str]]:
    """``(stage to send, stages to record)`` for ``item`` at ``now``.

    Before the due date, every lead time already reached is recorded but only the nearest is
    sent (a job that was down does not send "3 days left" and "1 day left" together); once
    overdue, the ``overdue`` stage is sent and the lead times are recorded as passed."""
    if item.due is None:
        return None, []
    due_key = timezone.localtime(item.due).isoformat(timespec="minutes")
    leads = _lead_days()
    if item.overdue:
        stages = [f"overdue@{due_key}"] + [f"lead:{d}@{due_key}" for d in leads]
        return stages[0], stages
    days_left = (timezone.localdate(item.due) - timezone.localdate(now)).days
    reached = [d for d in leads if days_left <= d]
    if not reached:
        return None, []
    return f"lead:{reached[0]}@{due_key}", [f"lead:{d}@{due_key}" for d in reached]


def _record(user: Any, key: str, stage: str) -> bool:
    """True when this reminder was not sent before (and is now recorded as sent)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(user=user, item_key=key, stage=stage)
    except IntegrityError:
        return False
    return True


def _already(user: Any, key: str, stages: list[str]) -> set[str]:
    return set(
        Reminder.objects.filter(user=user, item_key=key, stage__in=stages).values_list(
            "stage", flat=True
        )
    )


def _due_text(item: TodoItem) -> str:
    return timezone.localtime(item.due).strftime("%Y-%m-%d %H:%M") if item.due else ""


def _send(user: Any, item: TodoItem, what: str) -> None:
    with override(settings.LANGUAGE_CODE):
        if what == "overdue":
            title = _("Overdue: %(title)s") % {"title": item.title}
            sms = _(
                "You have an overdue to-do (%(kind)s), due %(due)s. Please sign in to UnionHub."
            )
        elif what == "escalation":
            title = _("Escalated: %(title)s") % {"title": item.title}
            sms = _("A to-do of yours (%(kind)s) was escalated. Please sign in to UnionHub.")
        else:
            title = _("Due soon: %(title)s") % {"title": item.title}
            sms = _("You have a to-do (%(kind)s) due %(due)s. Please sign in to UnionHub.")
        kind = str(item.provider_title)
        due = _due_text(item)
        body_parts = [kind, _("Due: %(due)s") % {"due": due} if due else "", item.detail]
        notification_send(
            recipient=user,
            title=title,
            body="\n".join(p for p in body_parts if p),
            url=item.url,
            kind=item.kind,
            # Only the kind of item and the date: names, ID and phone numbers never go by SMS.
            sms_text=sms % {"kind": kind, "due": due},
        )


def _remind_user(user: Any, now: dt.datetime) -> int:
    sent = 0
    for item in TodoList(user, now=now)[:MAX_ITEMS_PER_USER]:
        stage, stages = reminder_stages(item, now)
        if item.escalation:
            esc = f"escalation:{item.escalation}"
            if _record(user, item.key, esc):
                _send(user, item, "escalation")
                sent += 1
        if stage is None:
            continue
        done = _already(user, item.key, stages)
        if stage in done:
            continue
        send = _record(user, item.key, stage)
        for other in stages:
            if other != stage and other not in done:
                _record(user, item.key, other)
        if send:
            _send(user, item, stage.split("@")[0].split(":")[0])
            sent += 1
    return sent


def reminders_send(now: dt.datetime | None = None) -> str:
    """The periodic job (``todo/jobs.py``): remind every active person of their due, overdue
    and escalated items, then deliver the outbox. Returns a summary for the job page."""
    now = now or timezone.now()
    if not providers():
        return "no providers"
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    sent = sum(_remind_user(user, now) for user in users.iterator())
    delivered = deliveries_process(now=now)
    return f"reminders {sent}; {delivered}"
