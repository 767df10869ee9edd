"""Reads of the notifications: a person's own list and unread count."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from unionhub.core.notifications.models import Notification


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.for_recipient(user)
    return qs.unread() if unread_only else qs


def notification_unread_count(*, user: Any) -> int:
    return Notification.objects.for_recipient(user).unread().count()
