"""Authentication hardening (issue 3): lockout after 5 failures for 15 minutes per account
and address, password rules, session expiry, password change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from unionhub.accounts.models import User

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _attempt(client, username="xiangshui_admin", password="wrong-password!", ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _logged_in(response) -> bool:
    return response.status_code == 302 and response.url == "/"


def test_settings_match_the_rules():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_TOUCH_INTERVAL == 300  # idle time, not time since login
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.parametrize("failures, locked", [(4, False), (5, True)])
def test_lockout_after_five_failures(demo, failures, locked):
    client = Client()
    for attempt in range(1, failures + 1):
        response = _attempt(client)
        if attempt < 5:
            assert response.status_code == 200
            assert "请输入一个正确的用户名和密码" in response.content.decode()
        else:  # the fifth failure already answers with the lockout page
            assert response.status_code == 429
    response = _attempt(client, password="Demo-2026!")
    assert _logged_in(response) is not locked
    if locked:
        assert response.status_code in (403, 429)
        assert "15 分钟后再试" in response.content.decode()


def test_lockout_is_per_account_and_address(demo):
    client = Client()
    for _ in range(5):
        _attempt(client)
    # Same account from another address, or another account from the same address: fine.
    assert _logged_in(_attempt(Client(), password="Demo-2026!", ip="10.0.0.2"))
    assert _logged_in(_attempt(Client(), username="sheyang_admin", password="Demo-2026!"))
    assert not _logged_in(_attempt(Client(), password="Demo-2026!"))


def test_lockout_ends_after_15_minutes(demo):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(5):
        _attempt(client)
    assert not _logged_in(_attempt(client, password="Demo-2026!"))
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _logged_in(_attempt(Client(), password="Demo-2026!"))


def test_api_token_is_locked_out_too(demo, settings):
    settings.AXES_LOCKOUT_CALLABLE = "unionhub.accounts.lockout.lockout_response"
    api = APIClient(REMOTE_ADDR="10.9.9.9")
    for _ in range(5):
        api.post("/api/v1/auth/token/", {"username": "funing_admin", "password": "nope-nope-nope"})
    response = api.post(
        "/api/v1/auth/token/", {"username": "funing_admin", "password": "Demo-2026!"}
    )
    assert response.status_code == 429
    assert response.json() == {"detail": "登录失败次数过多，请 15 分钟后再试。"}


def test_browser_lockout_page_with_the_callable(demo, settings):
    settings.AXES_LOCKOUT_CALLABLE = "unionhub.accounts.lockout.lockout_response"
    client = Client()
    for _ in range(5):
        response = _attempt(client)
    assert response.status_code == 429
    assert "15 分钟后再试" in response.content.decode()


@pytest.mark.parametrize(
    "password, code",
    [
        ("Ab3-xyz", "password_too_short"),  # 7 characters
        ("Ab3-xyzuv", "password_too_short"),  # 9 characters: one short of the minimum
        ("Ab3-xyzuvw", None),  # exactly 10
        ("qwertyuiop", "password_too_common"),
        ("password123", "password_too_common"),
        ("9182736450", "password_entirely_numeric"),
        ("91827364501827", "password_entirely_numeric"),  # all digits, long
        ("xiangshui_admin1", "password_too_similar"),  # too close to the username
        ("Hill-crane-42", None),
    ],
)
def test_password_rules(demo, password, code):
    user = User.objects.get(username="xiangshui_admin")
    if code is None:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError) as exc:
            validate_password(password, user)
        assert code in [e.code for e in exc.value.error_list]
        # every rule is worded in Chinese (Django's catalogue or ours)
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in exc.value.messages)


def test_password_change_page(client_as):
    client = client_as("binhai_admin")
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    short = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Demo-2026!", "new_password1": "short1", "new_password2": "short1"},
    )
    assert short.status_code == 200 and "密码" in short.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "Demo-2026!",
            "new_password1": "Heron-lake-2031",
            "new_password2": "Heron-lake-2031",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="binhai_admin").check_password("Heron-lake-2031")
    # The session survives the change (no forced re-login on this device).
    assert client.get("/").status_code == 200


def test_logout_needs_post_and_ends_the_session(client_as):
    client = client_as("binhai_admin")
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_session_expires_after_two_idle_hours(client_as):
    client = client_as("binhai_admin")
    client.get("/")
    session = client.session
    assert 2 * 60 * 60 - 5 <= session.get_expiry_age() <= 2 * 60 * 60


def test_lockout_uses_the_forwarded_address_behind_the_proxy(demo, settings):
    """With the platform's client-IP callable, two people behind the same nginx are two
    addresses, not one."""
    settings.AXES_CLIENT_IP_CALLABLE = "unionhub.core.middleware.axes_client_ip"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client = Client()
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "jianhu_admin", "password": "wrong-password!"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    other = Client().post(
        LOGIN,
        {"username": "jianhu_admin", "password": "Demo-2026!"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert _logged_in(other)
    same = Client().post(
        LOGIN,
        {"username": "jianhu_admin", "password": "Demo-2026!"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert same.status_code == 429


def test_a_forged_forwarded_address_does_not_escape_the_lockout(demo, settings):
    """Without a trusted proxy in front, rotating X-Forwarded-For changes nothing: the
    lockout counts the connection's own address."""
    settings.AXES_CLIENT_IP_CALLABLE = "unionhub.core.middleware.axes_client_ip"
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        Client().post(
            LOGIN,
            {"username": "jianhu_admin", "password": "wrong-password!"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    rotated = Client().post(
        LOGIN,
        {"username": "jianhu_admin", "password": "Demo-2026!"},
        REMOTE_ADDR="203.0.113.50",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert rotated.status_code == 429


def _session_writes(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum('UPDATE "django_session"' in q["sql"] for q in ctx.captured_queries)


def test_idle_timeout_counts_from_the_last_request_without_a_write_per_request(client_as):
    """SESSION_COOKIE_AGE is an idle timeout: a request pushes the expiry forward, but at
    most every SESSION_TOUCH_INTERVAL seconds (no session write on every page)."""
    import time

    from django.contrib.sessions.models import Session
    from django.urls import reverse

    client = client_as("city_admin")
    url = reverse("core:home")
    client.get(url)
    assert _session_writes(client, url) == 0  # touched a moment ago: no write

    session = client.session
    session["_touched"] = int(time.time()) - settings.SESSION_TOUCH_INTERVAL
    session.save()
    row = Session.objects.get(session_key=session.session_key)
    Session.objects.filter(pk=row.pk).update(expire_date=row.expire_date - dt.timedelta(hours=1))
    assert _session_writes(client, url) == 1
    pushed = Session.objects.get(session_key=session.session_key).expire_date
    assert pushed > row.expire_date - dt.timedelta(minutes=1)
