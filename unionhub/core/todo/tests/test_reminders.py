"""Reminders: at each configured lead time before the due date, once when overdue and once
per escalation level; each sent once whoever runs the job; through the channels the person
chose; SMS carry no names, ID or phone numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from unionhub.core.notifications.models import Delivery, Notification, SmsMessage
from unionhub.core.notifications.services import preference_update
from unionhub.core.todo import registry
from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.core.todo.services import reminders_send

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 6, 20)


def at(day: int, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 6, day, hour, 0))


@pytest.fixture
def one_item(monkeypatch, user_named, settings):
    """One to-do item for xiangshui_admin, due 20 June, whose due and escalation the test
    sets; no other provider runs."""
    from django.contrib.auth import get_user_model

    settings.TODO_REMINDER_LEAD_DAYS = [3, 1, 0]
    state = {"due": DUE, "escalation": 0}
    admin = user_named("xiangshui_admin")
    User = get_user_model()
    provider = TodoProvider(
        kind="test.thing",
        title="测试事项",
        queryset=lambda user: User.objects.filter(pk=admin.pk, pk__in=[user.pk]),
        item=lambda u: Item(
            title="张三 320923199001011234 13812345678 的申请",
            due=state["due"],
            url="/todo/",
            escalation=state["escalation"],
        ),
        module="test",
    )
    monkeypatch.setattr(registry, "_providers", {provider.kind: provider})
    return admin, state


def reminders(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind="test.thing")
        .order_by("pk")
        .values_list("title", flat=True)
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (16, 0),  # 4 days before: nothing yet
        (17, 1),  # 3 days before
        (19, 1),  # 1 day before
        (20, 1),  # on the day
        (21, 1),  # overdue
    ],
)
def test_a_reminder_at_each_lead_time(one_item, day, expected):
    admin, _state = one_item
    reminders_send(now=at(day))
    assert len(reminders(admin)) == expected


def test_each_reminder_is_sent_once(one_item):
    admin, _state = one_item
    for day, hour in [(17, 9), (17, 10), (18, 9), (19, 9), (19, 18), (20, 8), (21, 9), (22, 9)]:
        reminders_send(now=at(day, hour))
    titles = reminders(admin)
    assert len(titles) == 4  # 3 days, 1 day, on the day, overdue
    assert titles[-1].startswith(("已逾期", "Overdue"))


def test_a_late_first_run_sends_only_the_nearest_reminder(one_item):
    admin, _state = one_item
    reminders_send(now=at(20))  # the 3-day and 1-day moments were missed
    reminders_send(now=at(20, 15))
    assert len(reminders(admin)) == 1


def test_a_moved_due_date_starts_its_reminders_again(one_item):
    admin, state = one_item
    reminders_send(now=at(21))  # overdue
    state["due"] = dt.date(2026, 6, 25)
    reminders_send(now=at(22))  # 3 days before the new date
    assert len(reminders(admin)) == 2


def test_escalation_is_reminded_once_per_level(one_item):
    admin, state = one_item
    state["escalation"] = 1
    reminders_send(now=at(10))
    reminders_send(now=at(10, 11))
    state["escalation"] = 2
    reminders_send(now=at(10, 12))
    assert len(reminders(admin)) == 2


def test_in_app_only_by_default(one_item):
    admin, _state = one_item
    reminders_send(now=at(21))
    n = Notification.objects.get(recipient=admin, kind="test.thing")
    assert list(n.deliveries.values_list("channel", "status")) == [("in_app", "sent")]
    assert mail.outbox == [] and not SmsMessage.objects.exists()


def test_chosen_channels_are_used_and_sms_carries_no_personal_numbers(one_item):
    admin, _state = one_item
    preference_update(
        actor=admin, email=True, email_address="admin@example.cn", sms=True, sms_phone="13912345678"
    )
    reminders_send(now=at(21))
    assert [m.to for m in mail.outbox] == [["admin@example.cn"]]
    sms = SmsMessage.objects.get()
    assert sms.phone_masked == "139****5678"
    assert "13812345678" not in sms.text and "320923199001011234" not in sms.text
    assert "张三" not in sms.text  # only the kind of item and the date
    assert "测试事项" in sms.text
    assert set(Delivery.objects.values_list("channel", "status")) == {
        ("in_app", "sent"),
        ("email", "sent"),
        ("sms", "sent"),
    }


def test_email_only_when_chosen(one_item):
    admin, _state = one_item
    preference_update(actor=admin, email=False, sms=True, sms_phone="13912345678")
    reminders_send(now=at(21))
    assert mail.outbox == [] and SmsMessage.objects.count() == 1
