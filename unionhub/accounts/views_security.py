"""Pages of account security (issue #19): the second step of the login (TOTP or recovery
code), the person's own security settings, sign-ins, sessions and API tokens, and the
security administrator's page of one user."""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from unionhub.accounts import security
from unionhub.accounts.models import ApiToken, LoginRecord, User, UserSession
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import ScopedMixin

PENDING_KEY = "_uh_otp_pending"
PENDING_SECONDS = 300
OWN = "the caller's own account security"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )


def _safe_next(request, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:home")


def otp_login_start(request, user, next_url: str) -> HttpResponseRedirect:
    """The password was right and the user has a second factor: remember who is half
    signed in (five minutes) and ask for the code."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "next": next_url,
        "at": int(time.time()),
    }
    return HttpResponseRedirect(reverse("accounts:login_otp"))


class LoginOtpView(View):
    """Second step of the login: the code from the authenticator app or a recovery code."""

    scope_exempt = "second step of the login form"
    template_name = "accounts/login_otp.html"

    def _pending(self, request):
        pending = request.session.get(PENDING_KEY)
        if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
            return None, None
        user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
        return user, pending

    def get(self, request):
        user, _pending = self._pending(request)
        if user is None:
            return redirect_to_login(reverse("core:home"))
        return render(request, self.template_name, {"form": CodeForm()})

    def post(self, request):
        user, pending = self._pending(request)
        if user is None:
            messages.info(request, _("Please log in again."))
            return HttpResponseRedirect(reverse("accounts:login"))
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                security.otp_verify(user=user, code=form.cleaned_data["code"])
            except ValidationError as exc:
                form.add_error(None, exc.message_dict.get("code", exc.messages))
            else:
                del request.session[PENDING_KEY]
                auth_login(request, user, backend=pending["backend"] or None)
                return HttpResponseRedirect(_safe_next(request, pending.get("next", "")))
        return render(request, self.template_name, {"form": form}, status=400)


class OtpView(LoginRequiredMixin, View):
    """安全设置: switch the second factor on (scan, confirm, recovery codes once) or off."""

    scope_exempt = OWN
    template_name = "accounts/otp.html"

    def _context(self, request, form=None):
        enabled = security.otp_enabled(request.user)
        ctx = {"enabled": enabled, "form": form or CodeForm()}
        if not enabled:
            device = security.otp_pending_device(user=request.user)
            ctx["qr"] = security.otp_qr_data_uri(device)
            ctx["secret"] = security.otp_secret_base32(device)
        ctx["required"] = security.otp_required(request.user)
        return ctx

    def get(self, request):
        return render(request, self.template_name, self._context(request))

    def post(self, request):
        form = CodeForm(request.POST)
        action = request.POST.get("action")
        if form.is_valid():
            try:
                if action == "disable":
                    security.otp_disable(actor=request.user, code=form.cleaned_data["code"])
                    messages.success(request, _("The second factor is off."))
                    return HttpResponseRedirect(reverse("accounts:otp"))
                codes = security.otp_enable(actor=request.user, code=form.cleaned_data["code"])
            except ValidationError as exc:
                for message in exc.message_dict.get("code", exc.messages):
                    form.add_error("code", message)
            else:
                response = render(request, "accounts/otp_codes.html", {"codes": codes})
                response["Cache-Control"] = "no-store"  # shown once, never from a cache
                return response
        return render(request, self.template_name, self._context(request, form), status=400)


class LoginRecordListView(LoginRequiredMixin, View):
    """登录记录: the person's last 50 sign-ins (successful or not)."""

    scope_exempt = OWN

    def get(self, request):
        records = LoginRecord.objects.filter(user=request.user)[:50]
        return render(request, "accounts/logins.html", {"records": records})


class SessionListView(LoginRequiredMixin, View):
    """在线会话: the person's signed-in sessions, each revocable, and "sign out all others"."""

    scope_exempt = OWN

    def get(self, request):
        sessions = security_sessions(request.user)
        return render(
            request,
            "accounts/sessions.html",
            {"sessions": sessions, "current_key": request.session.session_key},
        )


def security_sessions(user):
    """The user's sessions that are still alive (the Django session exists and has not
    expired); the others are leftovers of sessions that ended on their own."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return list(UserSession.objects.filter(user=user, session_key__in=alive))


class SessionRevokeView(LoginRequiredMixin, View):
    """POST ``session`` (an id): sign that session out; ``others=1``: every other one."""

    scope_exempt = OWN
    http_method_names = ["post"]

    def post(self, request):
        if request.POST.get("others"):
            n = security.sessions_revoke_others(
                actor=request.user, user=request.user, keep=request.session.session_key
            )
            messages.success(request, _("%(n)d other sessions signed out.") % {"n": n})
            return HttpResponseRedirect(reverse("accounts:sessions"))
        session = UserSession.objects.filter(
            user=request.user, pk=_int(request.POST.get("session"))
        ).first()
        if session is None:
            raise Http404
        current = session.session_key == request.session.session_key
        security.session_revoke(actor=request.user, session=session)
        if current:
            return HttpResponseRedirect(reverse("accounts:login"))
        messages.success(request, _("The session has been signed out."))
        return HttpResponseRedirect(reverse("accounts:sessions"))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class TokenListView(LoginRequiredMixin, View):
    """API 令牌: the person's tokens (issued, expires, last used), issue one, revoke one."""

    scope_exempt = OWN

    def get(self, request):
        tokens = ApiToken.objects.filter(user=request.user)
        return render(request, "accounts/tokens.html", {"tokens": tokens})

    def post(self, request):
        if request.POST.get("action") == "issue":
            key = security.token_issue(actor=request.user)
            tokens = ApiToken.objects.filter(user=request.user)
            response = render(request, "accounts/tokens.html", {"tokens": tokens, "new_key": key})
            response["Cache-Control"] = "no-store"
            return response
        token = ApiToken.objects.filter(
            user=request.user, pk=_int(request.POST.get("token"))
        ).first()
        if token is None:
            raise Http404
        security.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token has been revoked."))
        return HttpResponseRedirect(reverse("accounts:tokens"))


@register_model_view(User, "security")
class UserSecurityView(ScopedMixin, View):
    """The security administrator's page of one user: second factor, sessions, tokens and
    recent sign-ins, with revoke and reset buttons."""

    model = User
    permission_required = "accounts.manage_security"
    fields: list[str] = []

    def get(self, request, pk: int):
        user = get_object_or_404(self.get_queryset(), pk=pk)
        return render(
            request,
            "accounts/user_security.html",
            {
                "object": user,
                "otp_enabled": security.otp_enabled(user),
                "otp_required": security.otp_required(user),
                "sessions": security_sessions(user),
                "tokens": list(ApiToken.objects.filter(user=user)),
                "records": list(LoginRecord.objects.filter(user=user)[:20]),
            },
        )


class UserSecurityActionView(ScopedMixin, View):
    """POST ``action`` = ``revoke_session`` (+ ``session``), ``revoke_all``,
    ``revoke_token`` (+ ``token``), ``require_otp`` / ``release_otp`` or ``reset_otp`` on
    one user; audited."""

    model = User
    permission_required = "accounts.manage_security"
    http_method_names = ["post"]

    def post(self, request, pk: int):
        user = get_object_or_404(self.get_queryset(), pk=pk)
        action = request.POST.get("action")
        if action == "revoke_session":
            session = get_object_or_404(
                UserSession, user=user, pk=_int(request.POST.get("session"))
            )
            security.session_revoke(actor=request.user, session=session)
            messages.success(request, _("The session has been signed out."))
        elif action == "revoke_all":
            n = security.sessions_revoke_others(
                actor=request.user,
                user=user,
                keep=request.session.session_key if user.pk == request.user.pk else None,
            )
            messages.success(request, _("%(n)d sessions signed out.") % {"n": n})
        elif action == "revoke_token":
            token = get_object_or_404(ApiToken, user=user, pk=_int(request.POST.get("token")))
            security.token_revoke(actor=request.user, token=token)
            messages.success(request, _("The token has been revoked."))
        elif action in ("require_otp", "release_otp"):
            required = action == "require_otp"
            security.otp_require_set(actor=request.user, user=user, required=required)
            messages.success(
                request,
                _("This account must now set up a second factor.")
                if required
                else _("This account no longer has to use a second factor."),
            )
        elif action == "reset_otp":
            security.otp_reset(actor=request.user, user=user)
            messages.success(request, _("The second factor of this account has been reset."))
        else:
            raise PermissionDenied
        return HttpResponseRedirect(reverse("accounts:user_security", args=[user.pk]))


__all__ = [
    "LoginOtpView",
    "LoginRecordListView",
    "OtpView",
    "SessionListView",
    "SessionRevokeView",
    "TokenListView",
    "UserSecurityActionView",
    "UserSecurityView",
    "otp_login_start",
]
