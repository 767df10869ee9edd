"""Notifications: the in-app list (read/unread, mark read, mark all read) and its API, the
outbox with retries, and each person's channel settings."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.core.notifications.choices import DeliveryStatus
from unionhub.core.notifications.models import Delivery, Notification
from unionhub.core.notifications.services import (
    deliveries_process,
    notification_send,
    preference_update,
)

pytestmark = pytest.mark.django_db


def test_list_shows_only_the_callers_own_and_unread_by_default(client_as, user_named):
    mine = notification_send(
        recipient=user_named("xiangshui_admin"), title="甲乙提醒", url="/todo/"
    )
    notification_send(recipient=user_named("sheyang_admin"), title="丙丁提醒")
    client = client_as("xiangshui_admin")
    html = client.get(reverse("notifications:list")).content.decode()
    assert "甲乙提醒" in html and "丙丁提醒" not in html
    # Following it marks it read and goes to its link.
    response = client.post(reverse("notifications:read", args=[mine.pk]))
    assert response.status_code == 302 and response.url == "/todo/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "甲乙提醒" not in client.get(reverse("notifications:list")).content.decode()
    assert "甲乙提醒" in client.get(reverse("notifications:list") + "?show=all").content.decode()


def test_someone_elses_notification_is_404(client_as, user_named):
    other = notification_send(recipient=user_named("sheyang_admin"), title="丙丁提醒")
    response = client_as("xiangshui_admin").post(reverse("notifications:read", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(client_as, user_named):
    admin = user_named("xiangshui_admin")
    for n in range(3):
        notification_send(recipient=admin, title=f"消息{n}")
    keep = notification_send(recipient=user_named("sheyang_admin"), title="别人的")
    client_as("xiangshui_admin").post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=admin, read_at=None).exists()
    keep.refresh_from_db()
    assert keep.read_at is None


def test_api_lists_and_marks_read(api_as, user_named):
    admin = user_named("xiangshui_admin")
    first = notification_send(recipient=admin, title="一")
    notification_send(recipient=admin, title="二")
    other = notification_send(recipient=user_named("sheyang_admin"), title="别人的")
    api = api_as("xiangshui_admin")
    body = api.get("/api/v1/notifications/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert {"id", "title", "url", "read", "created_at", "read_at"} <= set(body["results"][0])
    assert api.get(f"/api/v1/notifications/{other.pk}/").status_code == 404
    assert api.post(f"/api/v1/notifications/{other.pk}/read/").status_code == 404
    response = api.post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    assert api.get("/api/v1/notifications/?unread=1").json()["count"] == 1
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert api.get("/api/v1/notifications/?unread=1").json()["count"] == 0


def test_failed_deliveries_are_retried_then_given_up(user_named, settings):
    settings.SMS_BACKEND = "unionhub.core.notifications.tests.test_notifications.BrokenGateway"
    admin = user_named("xiangshui_admin")
    preference_update(actor=admin, email=False, sms=True, sms_phone="13912345678")
    notification_send(recipient=admin, title="提醒")
    sms = Delivery.objects.get(channel="sms")
    for attempt in range(1, Delivery.MAX_ATTEMPTS + 1):
        deliveries_process()
        sms.refresh_from_db()
        assert sms.attempts == attempt
    assert sms.status == DeliveryStatus.FAILED
    assert "13912345678" not in sms.error  # the gateway's message is scrubbed
    deliveries_process()
    sms.refresh_from_db()
    assert sms.attempts == Delivery.MAX_ATTEMPTS


class BrokenGateway:
    def send(self, *, phone: str, text: str) -> str:
        raise RuntimeError(f"gateway down for {phone}")


def test_email_is_sent_once(user_named):
    admin = user_named("xiangshui_admin")
    preference_update(actor=admin, email=True, email_address="a@example.cn", sms=False)
    notification_send(recipient=admin, title="提醒", body="内容", url="/todo/")
    deliveries_process()
    deliveries_process()
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "提醒"


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"email": True, "email_address": "", "sms": False}, "email_address", "email_required"),
        (
            {"email": True, "email_address": "not-an-address", "sms": False},
            "email_address",
            "invalid_email",
        ),
        ({"email": False, "sms": True, "sms_phone": ""}, "sms_phone", "phone_required"),
        ({"email": False, "sms": True, "sms_phone": "12345"}, "sms_phone", "phone"),
        ({"email": False, "sms": True, "sms_phone": "12812345678"}, "sms_phone", "phone"),
    ],
)
def test_preference_rules(values, field, code, user_named):
    admin = user_named("xiangshui_admin")
    admin.email = ""
    admin.save(update_fields=["email"])
    with pytest.raises(ValidationError) as info:
        preference_update(actor=admin, **values)
    assert [e.code for e in info.value.error_dict[field]] == [code]


def test_preference_keeps_the_stored_number_and_encrypts_it(user_named):
    from unionhub.core.notifications.models import ChannelPreference

    admin = user_named("xiangshui_admin")
    preference_update(actor=admin, email=False, sms=True, sms_phone="139 1234 5678")
    preference_update(actor=admin, email=False, sms=True, sms_phone="")
    pref = ChannelPreference.objects.get(user=admin)
    assert pref.sms_phone == "13912345678" and "13912345678" not in pref.sms_phone_enc
    preference_update(actor=admin, email=False, sms=False)
    pref.refresh_from_db()
    assert pref.sms_phone == ""


def test_preferences_page_saves_and_reports_errors(client_as, user_named):
    client = client_as("xiangshui_admin")
    assert client.get(reverse("notifications:preferences")).status_code == 200
    bad = client.post(reverse("notifications:preferences"), {"sms": "on", "sms_phone": "123"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["sms_phone"]
    ok = client.post(
        reverse("notifications:preferences"), {"sms": "on", "sms_phone": "13912345678"}
    )
    assert ok.status_code == 302
    assert user_named("xiangshui_admin").notification_preference.sms is True
