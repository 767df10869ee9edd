"""Account security (issue #19): password expiry and history, the TOTP second factor with
recovery codes, sign-in records and the new-address notice, revocable sessions, expiring
API tokens stored as digests, and the security administrator's page of a user."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from unionhub.accounts import security, services
from unionhub.accounts.models import ApiToken, LoginRecord, PasswordHistory, User, UserSession
from unionhub.core.models import ChangeRecord
from unionhub.core.notifications.models import Notification

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PASSWORD = "Demo-2026!"
TOKEN_URL = "/api/v1/auth/token/"


def _login(username="xiangshui_admin", ip="10.0.0.1", password=PASSWORD) -> Client:
    client = Client()
    response = client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT="pytest",
    )
    assert response.status_code == 302, response.content[:300]
    return client


def _code(device, drift=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _enable_otp(user) -> tuple[TOTPDevice, list[str]]:
    device = security.otp_pending_device(user=user)
    codes = security.otp_enable(actor=user, code=_code(device))
    device.refresh_from_db()
    return device, codes


# --- password expiry -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "sent_to_change"),
    [(0, False), (89, False), (90, False), (91, True), (400, True)],
)
def test_a_password_older_than_90_days_must_be_changed(client_as, user_named, days, sent_to_change):
    user = user_named("xiangshui_admin")
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=days)
    )
    client = client_as("xiangshui_admin")
    response = client.get("/")
    if sent_to_change:
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_change")
        page = client.get(reverse("accounts:password_change")).content.decode()
        assert "您的密码已使用超过 90 天，请先设置新密码再继续使用" in page
    else:
        assert response.status_code == 200


def test_after_the_change_the_user_goes_on(client_as, user_named):
    user = user_named("xiangshui_admin")
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=100)
    )
    client = client_as("xiangshui_admin")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Fresh-harbour-27",
            "new_password2": "Fresh-harbour-27",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    user.refresh_from_db()
    assert timezone.now() - user.password_changed_at < dt.timedelta(minutes=1)


def test_expiry_can_be_switched_off(client_as, user_named, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    user = user_named("xiangshui_admin")
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=900)
    )
    assert client_as("xiangshui_admin").get("/").status_code == 200


def test_demo_accounts_are_not_sent_to_change_their_password(user_named):
    from unionhub.accounts.demo import ensure_user

    user = user_named("city_secadmin")
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=300)
    )
    ensure_user("city_secadmin", "安全管理员", user.org_unit, ["security_admin"])
    user.refresh_from_db()
    assert not security.password_expired(user)


# --- password history ------------------------------------------------------------------

HISTORY = [f"Harbour-tidy-{n}x" for n in range(1, 7)]  # set in this order; the 6th is current


@pytest.fixture
def with_history(demo):
    user = User.objects.get(username="dafeng_admin")
    for password in HISTORY:
        user = services.user_save(
            actor=None,
            user=user,
            username=user.username,
            full_name=user.full_name,
            org_unit=user.org_unit,
            roles=list(user.roles.all()),
            password=password,
        )
    return user


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        (HISTORY[5], True),  # the current password
        (HISTORY[4], True),
        (HISTORY[1], True),  # the 5th most recent
        (HISTORY[0], False),  # the 6th most recent: allowed again
        ("Brand-new-one-9", False),
    ],
)
def test_the_last_five_passwords_cannot_be_reused(with_history, password, refused):
    if refused:
        with pytest.raises(ValidationError) as exc:
            validate_password(password, with_history)
        assert "password_reused" in [e.code for e in exc.value.error_list]
        assert "最近 5 次" in " ".join(exc.value.messages)
    else:
        validate_password(password, with_history)


def test_history_keeps_only_hashes_and_only_the_last_five(with_history):
    rows = list(PasswordHistory.objects.filter(user=with_history))
    assert len(rows) == 5
    assert all(r.password.startswith(("md5$", "pbkdf2", "argon2")) for r in rows)
    assert not any(p in r.password for r in rows for p in HISTORY)


def test_the_change_password_page_refuses_a_recent_password(client_as):
    client = client_as("xiangshui_admin")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "该密码最近使用过" in response.content.decode()


def test_an_admin_created_user_gets_a_history(demo):
    user = services.user_save(
        actor=User.objects.get(username="xiangshui_admin"),
        username="new_cadre_x",
        org_unit=User.objects.get(username="xiangshui_admin").org_unit,
        roles=[],
        password="Lq8-tidy-harbour",
    )
    assert PasswordHistory.objects.filter(user=user).count() == 1
    assert user.password_changed_at is not None


# --- second factor ---------------------------------------------------------------------


def test_enable_totp_with_a_code_and_get_ten_recovery_codes(client_as, user_named):
    client = client_as("xiangshui_admin")
    page = client.get(reverse("accounts:otp")).content.decode()
    assert 'data-testid="otp-qr"' in page and "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=user_named("xiangshui_admin"), confirmed=False)
    wrong = client.post(reverse("accounts:otp"), {"action": "enable", "code": "000000"})
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    response = client.post(reverse("accounts:otp"), {"action": "enable", "code": _code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert response.content.decode().count("<code>") == 10
    assert StaticToken.objects.filter(device__user=device.user).count() == 10
    assert ChangeRecord.objects.filter(
        object_id=str(device.user.pk), note="开启双因素认证"
    ).exists()
    # Shown once: the page now says it is on and shows no codes.
    assert "已开启" in client.get(reverse("accounts:otp")).content.decode()


@pytest.mark.parametrize("kind", ["totp", "recovery"])
def test_login_asks_for_the_code_after_the_password(user_named, kind, settings):
    # django-otp delays the next try after a wrong code (1 s, doubling); not measured here.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = user_named("xiangshui_admin")
    device, codes = _enable_otp(user)
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login_otp")
    assert client.get("/").status_code == 302  # not signed in yet
    wrong = client.post(reverse("accounts:login_otp"), {"code": "123456"})
    assert wrong.status_code == 400
    assert "验证码不正确或已使用过" in wrong.content.decode()
    code = _code(device, drift=1) if kind == "totp" else codes[0]
    response = client.post(reverse("accounts:login_otp"), {"code": code})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    if kind == "recovery":  # a recovery code works once
        other = Client()
        other.post(LOGIN, {"username": user.username, "password": PASSWORD})
        assert other.post(reverse("accounts:login_otp"), {"code": codes[0]}).status_code == 400


def test_the_second_step_without_a_password_goes_to_login(client):
    response = client.get(reverse("accounts:login_otp"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_user_switches_it_off_with_a_current_code(client_as, user_named):
    user = user_named("xiangshui_admin")
    device, _codes = _enable_otp(user)
    client = client_as("xiangshui_admin")
    assert (
        client.post(reverse("accounts:otp"), {"action": "disable", "code": "999999"}).status_code
        == 400
    )
    response = client.post(reverse("accounts:otp"), {"action": "disable", "code": _code(device, 1)})
    assert response.status_code == 302
    assert not security.otp_enabled(user)


def test_roles_in_otp_required_roles_must_set_it_up(client_as, settings):
    settings.OTP_REQUIRED_ROLES = ["security_admin"]
    response = client_as("city_secadmin").get("/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp")
    assert client_as("xiangshui_admin").get("/").status_code == 200


@pytest.mark.parametrize(
    ("otp", "status", "field"),
    [(None, 400, "otp"), ("000000", 400, "otp"), ("right", 200, "token")],
)
def test_token_api_needs_otp_when_the_second_factor_is_on(user_named, otp, status, field):
    device, _codes = _enable_otp(user_named("xiangshui_admin"))
    payload = {"username": "xiangshui_admin", "password": PASSWORD}
    if otp is not None:
        payload["otp"] = _code(device, 1) if otp == "right" else otp
    response = APIClient().post(TOKEN_URL, payload, format="json")
    assert response.status_code == status
    assert field in response.json()
    if status == 400:
        assert "验证码" in response.json()["otp"][0]


def test_security_admin_resets_a_second_factor_and_it_is_audited(client_as, user_named):
    user = user_named("xiangshui_admin")
    _enable_otp(user)
    client = client_as("city_secadmin")
    page = client.get(reverse("accounts:user_security", args=[user.pk]))
    assert page.status_code == 200
    assert 'data-testid="reset-otp"' in page.content.decode()
    response = client.post(
        reverse("accounts:user_security_action", args=[user.pk]), {"action": "reset_otp"}
    )
    assert response.status_code == 302
    assert not security.otp_enabled(user)
    record = ChangeRecord.objects.filter(object_id=str(user.pk)).latest("id")
    assert record.actor.username == "city_secadmin"
    assert record.note == "安全管理员重置了双因素认证"


@pytest.mark.parametrize(
    ("admin", "status", "required"),
    [("city_secadmin", 302, True), ("xiangshui_admin", 403, False), ("city_sysadmin", 403, False)],
)
def test_only_the_security_admin_requires_a_second_factor_for_one_account(
    client_as, user_named, admin, status, required
):
    user = user_named("xiangshui_town")
    response = client_as(admin).post(
        reverse("accounts:user_security_action", args=[user.pk]), {"action": "require_otp"}
    )
    assert response.status_code == status
    user.refresh_from_db()
    assert user.otp_required is required


def test_an_account_required_to_use_a_second_factor_is_sent_to_set_it_up(client_as, user_named):
    user = user_named("xiangshui_town")
    url = reverse("accounts:user_security_action", args=[user.pk])
    client_as("city_secadmin").post(url, {"action": "require_otp"})
    record = ChangeRecord.objects.filter(object_id=str(user.pk)).latest("id")
    assert (record.actor.username, record.changes) == (
        "city_secadmin",
        {"otp_required": [False, True]},
    )
    assert record.note == "安全管理员要求该账号开启双因素认证"
    town = client_as("xiangshui_town")
    response = town.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp")
    assert "您的账号要求开启双因素认证" in town.get(reverse("accounts:otp")).content.decode()
    # Another account with the same roles is not affected: the obligation is per account.
    assert client_as("sheyang_town").get("/").status_code == 200
    client_as("city_secadmin").post(url, {"action": "release_otp"})
    assert client_as("xiangshui_town").get("/").status_code == 200


def test_the_account_itself_cannot_lift_its_obligation(client_as, user_named):
    user = user_named("xiangshui_town")
    security.otp_require_set(actor=user_named("city_secadmin"), user=user, required=True)
    with pytest.raises(PermissionDenied):
        security.otp_require_set(actor=user, user=user, required=False)
    user.refresh_from_db()
    assert user.otp_required is True


# --- large-font mode (适老化) -------------------------------------------------------------


def test_large_font_is_kept_with_the_account_on_every_device(user_named):
    first = _login("xiangshui_admin")
    assert 'class="large-font"' not in first.get("/").content.decode()
    response = first.post(reverse("accounts:display"), {"large_font": "1", "next": "/enterprises/"})
    assert response.status_code == 302 and response["Location"] == "/enterprises/"
    assert user_named("xiangshui_admin").large_font is True
    record = ChangeRecord.objects.filter(object_id=str(user_named("xiangshui_admin").pk)).latest(
        "id"
    )
    assert record.note == "开启大字模式"
    # A second device, signed in afresh, shows the same mode on desk and phone pages.
    second = _login("xiangshui_admin", ip="10.0.0.2")
    page = second.get("/").content.decode()
    assert '<html lang="zh-hans" class="large-font">' in page
    assert "标准字号" in page
    second.post(reverse("accounts:display"), {"large_font": "0"})
    assert user_named("xiangshui_admin").large_font is False
    assert 'class="large-font"' not in first.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", ""])
def test_the_large_font_switch_never_leaves_the_site(client_as, target):
    response = client_as("xiangshui_admin").post(
        reverse("accounts:display"), {"large_font": "1", "next": target}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:home")


def test_the_large_font_switch_needs_a_signed_in_account(client):
    response = client.post(reverse("accounts:display"), {"large_font": "1"})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


# --- sign-in records and the new-address notice ----------------------------------------


def _notices(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind="accounts.new_ip"))


def test_a_new_address_is_notified_once(user_named):
    user = user_named("xiangshui_admin")
    _login(ip="10.0.0.1")  # the first sign-in: nothing to compare with
    assert _notices(user) == []
    _login(ip="10.0.0.2")
    notices = _notices(user)
    assert len(notices) == 1
    assert "您的账号于" in notices[0].body and "从新的地址 10.0.0.2 登录" in notices[0].body
    _login(ip="10.0.0.2")
    _login(ip="10.0.0.1")
    assert len(_notices(user)) == 1


def test_an_address_not_seen_for_n_days_counts_as_new(user_named, settings):
    user = user_named("xiangshui_admin")
    _login(ip="10.0.0.1")
    _login(ip="10.0.0.2")
    LoginRecord.objects.filter(user=user, ip="10.0.0.1").update(
        at=timezone.now() - dt.timedelta(days=settings.LOGIN_NEW_IP_DAYS + 1)
    )
    _login(ip="10.0.0.1")
    assert len(_notices(user)) == 2


def test_the_user_sees_their_sign_ins_in_local_time(user_named):
    user = user_named("xiangshui_admin")
    client = Client()
    client.post(
        LOGIN, {"username": user.username, "password": "wrong-wrong-1"}, REMOTE_ADDR="10.9.9.9"
    )
    client = _login(ip="10.0.0.7")
    LoginRecord.objects.filter(user=user, ip="10.0.0.7").update(
        at=dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    )
    page = client.get(reverse("accounts:logins")).content.decode()
    assert "10.0.0.7" in page and "2026-12-02 07:30" in page
    assert "10.9.9.9" in page and "失败" in page
    assert LoginRecord.objects.filter(user=user, success=False).count() == 1


# --- sessions --------------------------------------------------------------------------


def test_sessions_are_listed_and_revoking_one_ends_it(user_named):
    user = user_named("xiangshui_admin")
    mine, other = _login(ip="10.0.0.1"), _login(ip="10.0.0.2")
    page = mine.get(reverse("accounts:sessions")).content.decode()
    assert page.count('data-testid="session-row"') == 2
    assert "10.0.0.2" in page and "退出该会话" in page and "退出其他全部会话" in page
    target = UserSession.objects.get(user=user, ip="10.0.0.2")
    response = mine.post(reverse("accounts:session_revoke"), {"session": target.pk})
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=target.session_key).exists()
    after = other.get("/")
    assert after.status_code == 302 and after["Location"].startswith(LOGIN)
    assert mine.get("/").status_code == 200
    assert ChangeRecord.objects.filter(object_id=str(user.pk), note="退出会话（10.0.0.2）").exists()


def test_sign_out_all_other_sessions(user_named):
    mine, a, b = _login(ip="10.0.0.1"), _login(ip="10.0.0.2"), _login(ip="10.0.0.3")
    response = mine.post(reverse("accounts:session_revoke"), {"others": "1"})
    assert response.status_code == 302
    assert a.get("/").status_code == 302 and b.get("/").status_code == 302
    assert mine.get("/").status_code == 200
    assert UserSession.objects.filter(user=user_named("xiangshui_admin")).count() == 1


def test_a_user_cannot_revoke_someone_elses_session_from_their_page():
    _login("sheyang_admin")
    victim = UserSession.objects.get(user__username="sheyang_admin")
    mine = _login("xiangshui_admin")
    assert mine.post(reverse("accounts:session_revoke"), {"session": victim.pk}).status_code == 404
    assert Session.objects.filter(session_key=victim.session_key).exists()


def test_last_seen_is_written_at_most_once_a_minute(user_named):
    client = _login(ip="10.0.0.1")
    row = UserSession.objects.get(user=user_named("xiangshui_admin"))
    UserSession.objects.filter(pk=row.pk).update(
        last_seen_at=row.created_at - dt.timedelta(hours=1)
    )
    client.get("/")
    client.get("/")
    assert UserSession.objects.get(pk=row.pk).last_seen_at < row.created_at  # throttled
    session = client.session
    session[security.SESSION_SEEN_KEY] -= 120
    session.save()
    client.get("/")
    assert UserSession.objects.get(pk=row.pk).last_seen_at >= row.created_at


def test_logout_removes_the_session_row(user_named):
    client = _login(ip="10.0.0.1")
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user=user_named("xiangshui_admin")).exists()


@pytest.mark.parametrize(
    ("admin", "status"),
    [
        ("city_secadmin", 302),
        ("sheyang_admin", 403),
        ("xiangshui_admin", 403),
        ("city_auditor", 403),
    ],
)
def test_only_the_security_admin_revokes_others_sessions(client_as, admin, status):
    victim_client = _login("xiangshui_town", ip="10.0.0.5")
    victim = User.objects.get(username="xiangshui_town")
    session = UserSession.objects.get(user=victim)
    client = client_as(admin)
    page = client.get(reverse("accounts:user_security", args=[victim.pk]))
    assert page.status_code == (200 if status == 302 else 403)
    response = client.post(
        reverse("accounts:user_security_action", args=[victim.pk]),
        {"action": "revoke_session", "session": session.pk},
    )
    assert response.status_code == status
    killed = not Session.objects.filter(session_key=session.session_key).exists()
    assert killed is (status == 302)
    assert (victim_client.get("/").status_code == 302) is killed


def test_security_admin_signs_out_all_sessions_of_a_user(client_as):
    a, b = _login("xiangshui_town", ip="10.0.0.5"), _login("xiangshui_town", ip="10.0.0.6")
    victim = User.objects.get(username="xiangshui_town")
    page = client_as("city_secadmin").get(reverse("accounts:user_security", args=[victim.pk]))
    assert page.content.decode().count('data-testid="session-row"') == 2
    response = client_as("city_secadmin").post(
        reverse("accounts:user_security_action", args=[victim.pk]), {"action": "revoke_all"}
    )
    assert response.status_code == 302
    assert a.get("/").status_code == 302 and b.get("/").status_code == 302


# --- API tokens ------------------------------------------------------------------------


def _token(username="xiangshui_admin") -> str:
    response = APIClient().post(
        TOKEN_URL, {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    return response.json()["token"]


def _get(token: str):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get("/api/v1/org/units/")


@pytest.mark.parametrize(
    ("age", "status"),
    [
        (dt.timedelta(0), 200),
        (dt.timedelta(hours=168) - dt.timedelta(minutes=1), 200),
        (dt.timedelta(hours=168) + dt.timedelta(minutes=1), 401),
        (dt.timedelta(days=30), 401),
    ],
)
def test_a_token_expires_after_168_hours(demo, age, status):
    token = _token()
    ApiToken.objects.update(created_at=timezone.now() - age)
    response = _get(token)
    assert response.status_code == status
    if status == 401:
        assert response.json()["detail"] == "令牌已过期，请重新获取"


def test_an_expired_token_is_replaced_by_a_new_one(demo):
    token = _token()
    ApiToken.objects.update(created_at=timezone.now() - dt.timedelta(hours=169))
    fresh = _token()
    assert fresh != token and _get(fresh).status_code == 200


def test_tokens_are_stored_as_digests_only(demo):
    token = _token()
    row = ApiToken.objects.get()
    assert token not in (row.key_hash, row.salt) and row.key_hash == security.token_digest(token)
    assert row.prefix == token[:8]


def test_the_user_lists_issues_and_revokes_tokens(client_as, user_named):
    token = _token()
    client = client_as("xiangshui_admin")
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert token[:8] in page and token not in page
    issued = client.post(reverse("accounts:tokens"), {"action": "issue"}).content.decode()
    assert 'data-testid="new-token"' in issued
    row = ApiToken.objects.get(prefix=token[:8])
    response = client.post(reverse("accounts:tokens"), {"action": "revoke", "token": row.pk})
    assert response.status_code == 302
    assert _get(token).status_code == 401
    assert ApiToken.objects.filter(user=user_named("xiangshui_admin")).count() == 1


@pytest.mark.parametrize(("admin", "status"), [("city_secadmin", 302), ("sheyang_admin", 403)])
def test_only_the_security_admin_revokes_others_tokens(client_as, admin, status):
    token = _token("xiangshui_town")
    row = ApiToken.objects.get()
    response = client_as(admin).post(
        reverse("accounts:user_security_action", args=[row.user_id]),
        {"action": "revoke_token", "token": row.pk},
    )
    assert response.status_code == status
    assert (_get(token).status_code == 401) is (status == 302)


def test_a_user_cannot_revoke_another_users_token_from_their_page(client_as):
    _token("sheyang_admin")
    row = ApiToken.objects.get()
    client = client_as("xiangshui_admin")
    assert (
        client.post(reverse("accounts:tokens"), {"action": "revoke", "token": row.pk}).status_code
        == 404
    )
    assert ApiToken.objects.filter(pk=row.pk).exists()


def test_the_account_menu_links_the_security_pages(client_as):
    page = client_as("xiangshui_admin").get("/").content.decode()
    for name, label in [
        ("accounts:otp", "安全设置"),
        ("accounts:logins", "登录记录"),
        ("accounts:sessions", "在线会话"),
    ]:
        assert f'href="{reverse(name)}">{label}' in page


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
            "Chrome · Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) AppleWebKit/605 MicroMessenger/8.0.47",
            "微信 · iOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0 Edg/120.0",
            "Edge · Windows",
        ),
        ("", "—"),
    ],
)
def test_browsers_are_named_shortly(agent, label):
    assert security.user_agent_label(agent) == label


def test_right_after_a_wrong_code_the_user_is_asked_to_wait(user_named):
    user = user_named("xiangshui_admin")
    device, _codes = _enable_otp(user)
    with pytest.raises(ValidationError):
        security.otp_verify(user=user, code="000000")
    with pytest.raises(ValidationError) as exc:
        security.otp_verify(user=user, code=_code(device, 1))
    assert exc.value.error_dict["code"][0].code == "otp_throttled"
    assert "请稍候几秒" in exc.value.messages[0]


def test_the_openapi_schema_documents_otp_on_the_token_request(client_as):
    schema = client_as("city_admin").get("/api/schema/?format=json").json()
    body = schema["paths"]["/api/v1/auth/token/"]["post"]["requestBody"]["content"]
    ref = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    otp = schema["components"]["schemas"][ref]["properties"]["otp"]
    assert "双因素" in otp["description"]
    assert "otp" not in schema["components"]["schemas"][ref].get("required", [])


def test_the_user_page_links_the_security_page_for_the_security_admin(client_as, user_named):
    user = user_named("xiangshui_town")
    url = reverse("accounts:user", args=[user.pk])
    assert (
        'data-testid="user-security-link"' in client_as("city_secadmin").get(url).content.decode()
    )
    assert (
        'data-testid="user-security-link"'
        not in client_as("xiangshui_admin").get(url).content.decode()
    )
