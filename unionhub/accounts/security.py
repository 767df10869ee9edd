"""Account security (issue #19): password expiry and history, the second factor (TOTP with
recovery codes, django-otp), sign-in records with the new-address notice, revocable
sessions, and expiring API tokens stored as digests.

Services take keyword arguments, the acting user first; revocations and second-factor
changes are written to the audit trail on the user concerned (``record_change``). Refusals
are ``ValidationError``s with a stable ``code``:

==================  =====================  ============================================
field               code                   why
==================  =====================  ============================================
``password``        ``password_reused``    one of the last ``PASSWORD_HISTORY_COUNT``
``code``            ``otp_invalid``        a wrong (or replayed) TOTP or recovery code
``code``            ``otp_throttled``      right after wrong codes (django-otp doubles
                                           the wait after each one)
``otp``             ``otp_required``       token request of a TOTP user without ``otp``
``otp``             ``otp_invalid``        token request with a wrong ``otp``
(none)              ``forbidden``          acting on another user's sessions or tokens
                                           without ``accounts.manage_security``
==================  =====================  ============================================
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.core.services import invalid as _invalid

# How often a session's "last seen" is written (seconds): not a write per request.
SESSION_TOUCH_SECONDS = 60
SESSION_SEEN_KEY = "_uh_seen"
RECOVERY_CODE_COUNT = 10


# --- passwords -------------------------------------------------------------------------


def _history_count() -> int:
    return int(getattr(settings, "PASSWORD_HISTORY_COUNT", 5))


def _max_age_days() -> int:
    return int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 90))


class PasswordHistoryValidator:
    """``AUTH_PASSWORD_VALIDATORS`` entry: refuses any of the user's last N passwords
    (``PASSWORD_HISTORY_COUNT``, the current one included) and, on every change, keeps the
    new hash in ``PasswordHistory``."""

    def __init__(self, count: int | None = None):
        self._count = count

    @property
    def count(self) -> int:
        return self._count if self._count is not None else _history_count()

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None) or self.count <= 0:
            return
        from unionhub.accounts.models import PasswordHistory

        hashes = list(
            PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[
                : self.count
            ]
        )
        from django.contrib.auth import get_user_model

        current = (
            get_user_model()._base_manager.filter(pk=user.pk).values_list("password", flat=True)
        )
        hashes += [h for h in current if h not in hashes]
        if any(check_password(password, h) for h in hashes if h):
            raise ValidationError(
                _("You used this password recently; choose one that differs from your last %(n)d.")
                % {"n": self.count},
                code="password_reused",
            )

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from unionhub.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user_id=user.pk, password=user.password)
        keep = max(self.count, 1)
        old = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(old)).delete()

    def get_help_text(self) -> str:
        return _("Your password cannot be one of your last %(n)d passwords.") % {"n": self.count}


def password_expired(user: Any, *, now: dt.datetime | None = None) -> bool:
    """The password is older than ``PASSWORD_MAX_AGE_DAYS`` days, counted in local calendar
    days (changed on day 0: day 90 is still fine, day 91 is expired). 0 switches it off."""
    max_age = _max_age_days()
    changed = getattr(user, "password_changed_at", None)
    if max_age <= 0 or changed is None or not user.has_usable_password():
        return False
    today = timezone.localdate(now or timezone.now())
    return (today - timezone.localdate(changed)).days > max_age


# --- second factor (TOTP + recovery codes) ----------------------------------------------


def otp_enabled(user: Any) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def otp_required(user: Any) -> bool:
    """The account must have a second factor: set for it by the security administrator, or
    obliged by one of its roles (``OTP_REQUIRED_ROLES``)."""
    if getattr(user, "otp_required", False):
        return True
    codes = list(getattr(settings, "OTP_REQUIRED_ROLES", ()))
    return bool(codes) and user.roles.filter(code__in=codes).exists()


@transaction.atomic
def otp_require_set(*, actor: Any, user: Any, required: bool) -> None:
    """The security administrator obliges one account to use a second factor (or lifts the
    obligation): the account's next page asks it to set one up. Never the account's own
    choice, so it also needs ``accounts.manage_security`` for oneself."""
    if not actor.has_perm("accounts.manage_security"):
        raise PermissionDenied(_("Only the security administrator may do this."))
    _check_manager(actor, user)
    if user.otp_required == required:
        return
    user.otp_required = required
    user.save(update_fields=["otp_required"])
    record_change(
        obj=user,
        action="update",
        actor=actor,
        changes={"otp_required": [not required, required]},
        note=_("Second factor required by the security administrator")
        if required
        else _("Second factor no longer required"),
    )


def otp_pending_device(*, user: Any):
    """The unconfirmed TOTP device being set up (created on first visit of the page)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="UnionHub", confirmed=False)
    return device


def otp_secret_base32(device: Any) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


def otp_config_url(device: Any) -> str:
    from urllib.parse import quote

    label = quote(f"UnionHub:{device.user.username}")
    return (
        f"otpauth://totp/{label}?secret={otp_secret_base32(device)}"
        f"&issuer=UnionHub&digits={device.digits}&period={device.step}"
    )


def otp_qr_data_uri(device: Any) -> str:
    """The QR code of the ``otpauth://`` address as an SVG data URI (segno, as the station
    posters): an ``<img>``, so the CSP needs no inline style."""
    import segno

    return segno.make(otp_config_url(device), error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def otp_enable(*, actor: Any, code: str) -> list[str]:
    """Confirm the pending TOTP device with a code from the app; returns the recovery codes
    (shown once). Old devices of the user are replaced."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = otp_pending_device(user=actor)
    if not device.verify_token((code or "").strip()):
        raise _invalid(
            "code", _("The code is wrong; enter the 6 digits your app shows now."), "otp_invalid"
        )
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=actor).delete()
    static = StaticDevice.objects.create(user=actor, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    record_change(obj=actor, action="update", actor=actor, note=_("Second factor switched on"))
    return codes


def otp_verify(*, user: Any, code: str):
    """The device that accepts ``code`` (a TOTP code or an unused recovery code, which is
    used up), or a ``ValidationError``."""
    from django_otp import devices_for_user, match_token

    devices = list(devices_for_user(user))
    if devices and not any(d.verify_is_allowed()[0] for d in devices):
        raise _invalid(
            "code",
            _("Too many wrong codes; wait a few seconds and enter the code your app shows now."),
            "otp_throttled",
        )
    device = match_token(user, (code or "").replace(" ", "").strip()) if code else None
    if device is None:
        raise _invalid(
            "code",
            _(
                "The code is wrong or has been used; enter the code your app shows now or a recovery code."
            ),
            "otp_invalid",
        )
    return device


@transaction.atomic
def otp_disable(*, actor: Any, code: str) -> None:
    """The user switches their own second factor off (with a current code)."""
    otp_verify(user=actor, code=code)
    _otp_delete(actor)
    record_change(obj=actor, action="update", actor=actor, note=_("Second factor switched off"))


@transaction.atomic
def otp_reset(*, actor: Any, user: Any) -> None:
    """The security administrator removes a user's second factor (a lost phone)."""
    _check_manager(actor, user)
    _otp_delete(user)
    record_change(
        obj=user,
        action="update",
        actor=actor,
        note=_("Second factor reset by the security administrator"),
    )


def _otp_delete(user: Any) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# --- sign-in records and the new-address notice ------------------------------------------

_BROWSERS = [
    ("MicroMessenger", "微信"),
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("python", "Python"),
    ("curl", "curl"),
]
_SYSTEMS = [
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Mac OS", "macOS"),
    ("Linux", "Linux"),
]


def user_agent_label(user_agent: str) -> str:
    """A short name for a browser's User-Agent ("Chrome · Windows"); the full text is kept
    in the record and shown on hover."""
    browser = next((name for key, name in _BROWSERS if key in user_agent), "")
    system = next((name for key, name in _SYSTEMS if key in user_agent), "")
    return " · ".join(p for p in (browser, system) if p) or (user_agent[:40] or "—")


def _user_agent(request: Any) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:300] if request is not None else ""


def _ip(request: Any) -> str | None:
    from unionhub.core.middleware import client_ip

    return client_ip(request) if request is not None else None


def login_record(
    *, user: Any, request: Any, success: bool = True, username: str = "", method: str = "web"
):
    """Write one sign-in record; a successful sign-in from an address this user has not
    signed in from for ``LOGIN_NEW_IP_DAYS`` days (and who signed in before) gets an
    in-platform notice."""
    from unionhub.accounts.models import LoginRecord

    ip = _ip(request)
    now = timezone.now()
    notify = False
    if success and user is not None and ip:
        since = now - dt.timedelta(days=int(getattr(settings, "LOGIN_NEW_IP_DAYS", 90)))
        earlier = LoginRecord.objects.filter(user=user, success=True)
        notify = earlier.exists() and not earlier.filter(ip=ip, at__gte=since).exists()
    record = LoginRecord.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=(username or getattr(user, "username", ""))[:150],
        at=now,
        ip=ip,
        user_agent=_user_agent(request),
        success=success,
        method=method,
    )
    if notify:
        from django.urls import reverse

        from unionhub.core.formatting import local_datetime
        from unionhub.core.notifications.services import notification_send

        notification_send(
            recipient=user,
            title=_("Your account signed in from a new address %(ip)s") % {"ip": ip},
            body=_(
                "您的账号于 %(at)s 从新的地址 %(ip)s 登录。如果不是您本人，请立即修改密码，并在“在线会话”中退出该会话。"
            )
            % {"at": local_datetime(now), "ip": ip},
            url=reverse("accounts:logins"),
            kind="accounts.new_ip",
        )
    return record


# --- sessions ---------------------------------------------------------------------------


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_started(*, user: Any, request: Any) -> None:
    """After a sign-in: remember the session with its address and browser."""
    from unionhub.accounts.models import UserSession

    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip": _ip(request),
            "user_agent": _user_agent(request),
            "created_at": now,
            "last_seen_at": now,
        },
    )
    session[SESSION_SEEN_KEY] = int(now.timestamp())


def session_touch(request: Any) -> None:
    """Called on each signed-in request: writes "last seen" at most once a minute."""
    from unionhub.accounts.models import UserSession

    session = request.session
    now = timezone.now()
    seen = session.get(SESSION_SEEN_KEY)
    if seen is not None and now.timestamp() - seen < SESSION_TOUCH_SECONDS:
        return
    session[SESSION_SEEN_KEY] = int(now.timestamp())
    if session.session_key is None:
        return
    updated = UserSession.objects.filter(session_key=session.session_key).update(
        last_seen_at=now, ip=_ip(request)
    )
    if not updated:
        UserSession.objects.create(
            user=request.user,
            session_key=session.session_key,
            ip=_ip(request),
            user_agent=_user_agent(request),
            created_at=now,
            last_seen_at=now,
        )


def session_ended(*, request: Any) -> None:
    from unionhub.accounts.models import UserSession

    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def _check_manager(actor: Any, user: Any) -> None:
    """Acting on someone else's security needs ``accounts.manage_security`` and the user in
    the actor's data scope."""
    if actor.pk == user.pk:
        return
    from unionhub.accounts.models import User

    if not actor.has_perm("accounts.manage_security"):
        raise PermissionDenied(
            _("Only the security administrator may do this for another account.")
        )
    if not actor.is_superuser and not User.objects.visible_to(actor).filter(pk=user.pk).exists():
        raise PermissionDenied(_("The user is outside your data scope."))


@transaction.atomic
def session_revoke(*, actor: Any, session: Any) -> None:
    """End one session: the Django session is deleted, so its next request goes to the
    login page."""
    _check_manager(actor, session.user)
    _session_store()(session_key=session.session_key).delete()
    session.delete()
    record_change(
        obj=session.user,
        action="update",
        actor=actor,
        note=_("Session signed out (%(ip)s)") % {"ip": session.ip or "—"},
    )


@transaction.atomic
def sessions_revoke_others(*, actor: Any, user: Any, keep: str | None = None) -> int:
    """End every session of ``user`` except ``keep`` (the caller's own)."""
    from unionhub.accounts.models import UserSession

    _check_manager(actor, user)
    sessions = list(UserSession.objects.filter(user=user).exclude(session_key=keep or ""))
    store = _session_store()
    for s in sessions:
        store(session_key=s.session_key).delete()
    UserSession.objects.filter(pk__in=[s.pk for s in sessions]).delete()
    if sessions:
        record_change(
            obj=user,
            action="update",
            actor=actor,
            note=_("%(n)d sessions signed out") % {"n": len(sessions)},
        )
    return len(sessions)


# --- API tokens -------------------------------------------------------------------------


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_max_age() -> dt.timedelta:
    return dt.timedelta(hours=int(getattr(settings, "API_TOKEN_MAX_AGE_HOURS", 168)))


def _token_key(salt: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), salt.encode(), hashlib.sha256).hexdigest()[:40]


#: roles whose accounts never hold an API token: the hall display signs in at its screen in
#: the browser only (dashboards/middleware.py confines it there); a token would take it past
#: that confinement to the API
TOKENLESS_ROLES = ("screen_viewer",)
#: the ``code`` of the 403 that refuses them (token issue and token authentication)
TOKEN_NOT_ALLOWED = "token_not_allowed"


def confined_page(user: Any) -> str | None:
    """The one page ``user`` may open (``settings.SINGLE_PAGE_ACCOUNTS``: an account holding
    exactly that permission), or None for an account that is not confined."""
    if not getattr(user, "is_authenticated", False):
        return None
    held = user.get_all_permissions()
    for permission, page in getattr(settings, "SINGLE_PAGE_ACCOUNTS", {}).items():
        if held == {permission}:
            return page
    return None


def token_allowed(user: Any) -> bool:
    """False for the hall display account: an account holding a role of ``TOKENLESS_ROLES``
    (whatever else it holds) or confined to one page."""
    if user.roles.filter(code__in=TOKENLESS_ROLES).exists():
        return False
    return confined_page(user) is None


def token_refusal() -> str:
    return _(
        "A big-screen display account cannot use API tokens: it signs in in the browser to "
        "show the big screen only."
    )


@transaction.atomic
def token_issue(*, actor: Any, reuse: bool = False) -> str:
    """A token for the actor. With ``reuse`` (the token API: scripts and devices asking
    again get the same token), the newest token is returned while it has more than half of
    its validity left; otherwise, and from the page, a new one is issued. The hall display
    account gets none (``PermissionDenied``; the token API answers 403 ``token_not_allowed``)."""
    from unionhub.accounts.models import ApiToken

    if not token_allowed(actor):
        raise PermissionDenied(token_refusal())
    if reuse:
        fresh_since = timezone.now() - token_max_age() / 2
        for token in ApiToken.objects.filter(user=actor, created_at__gt=fresh_since)[:1]:
            key = _token_key(token.salt)
            if token_digest(key) == token.key_hash:  # not after a change of SECRET_KEY
                return key
    salt = secrets.token_hex(16)
    key = _token_key(salt)
    ApiToken.objects.create(user=actor, key_hash=token_digest(key), prefix=key[:8], salt=salt)
    record_change(obj=actor, action="update", actor=actor, note=_("API token issued"))
    return key


@transaction.atomic
def token_revoke(*, actor: Any, token: Any) -> None:
    _check_manager(actor, token.user)
    token.delete()
    record_change(
        obj=token.user,
        action="update",
        actor=actor,
        note=_("API token %(prefix)s… revoked") % {"prefix": token.prefix},
    )
