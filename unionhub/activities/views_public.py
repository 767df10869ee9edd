"""Pages for people without an account: the participant's sign-in page (opened from the QR
code on a phone, WeChat's browser, 375 px, local scripts only) and the host's page (the QR
code, who came — live — and walk-ins). The signed token in the URL is the only key; the sign-in
link stops working after the activity. Phones are never shown in clear here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_protect

from unionhub.activities import hostlinks, services
from unionhub.activities.choices import ActivityKind, SignInSource
from unionhub.activities.forms import SignInForm
from unionhub.activities.services.signins import closed_message
from unionhub.activities.views import attendance_context, host_panel_context


def _activity(token: str, salt: str):
    activity = hostlinks.activity_for_token(token, salt=salt)
    if activity is None or activity.kind == ActivityKind.VISIT:
        raise Http404
    return activity


def _apply_errors(form: SignInForm, exc: ValidationError) -> str:
    """Field errors go onto the form; the others (the link expired) come back as text."""
    if hasattr(exc, "error_dict"):
        general = []
        for field, errors in exc.error_dict.items():
            if field in form.fields:
                for error in errors:
                    form.add_error(field, error)
            else:
                general.extend(e.messages[0] for e in errors)
        return "；".join(general)
    return "；".join(exc.messages)


@method_decorator(csrf_protect, name="dispatch")
class SignInView(View):
    """GET: the sign-in form (or why it is closed). POST: sign in; the same phone twice
    counts once."""

    scope_exempt = "public sign-in page of one activity, reached by its signed link"
    template_name = "activities/phone_signin.html"

    def get(self, request, token):
        activity = _activity(token, hostlinks.SIGNIN_SALT)
        return self._render(request, activity, SignInForm())

    def _render(self, request, activity, form, status=200, error=""):
        is_open = activity.signin_open()
        if not is_open and not error:
            error = str(
                closed_message(activity)  # the same sentence as a refused POST
            )
        return render(
            request,
            self.template_name,
            {"activity": activity, "form": form, "error": error, "is_open": is_open},
            status=status,
        )

    def post(self, request, token):
        activity = _activity(token, hostlinks.SIGNIN_SALT)
        form = SignInForm(request.POST)
        if not form.is_valid():
            return self._render(request, activity, form, status=400)
        try:
            result = services.signin_record(actor=None, activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            error = _apply_errors(form, exc)
            return self._render(request, activity, form, status=400, error=error)
        done = request.path + "done/" + ("?repeat=1" if not result.created else "")
        return HttpResponseRedirect(done)


class SignInDoneView(View):
    scope_exempt = "public confirmation page of one activity's sign-in; shows no records"

    def get(self, request, token):
        activity = _activity(token, hostlinks.SIGNIN_SALT)
        return render(
            request,
            "activities/phone_done.html",
            {
                "activity": activity,
                "repeat": request.GET.get("repeat") == "1",
                "now": timezone.now(),
            },
        )


def _host_attendance(activity) -> dict:
    """Who came, for the host: the names only while the link works; afterwards the count
    (the list stays with the union's own pages)."""
    ctx = attendance_context(activity)
    if not activity.signin_open():
        ctx["signins"] = []
    return ctx


class HostView(View):
    """The host's page (no account): the QR code to show, the live list, the walk-in form."""

    scope_exempt = "host page of one activity, reached by its signed host link"

    def get(self, request, token):
        activity = _activity(token, hostlinks.HOST_SALT)
        ctx = {
            **host_panel_context(request, activity),
            **_host_attendance(activity),
            "token": token,
            "form": SignInForm(),
        }
        return render(request, "activities/phone_host.html", ctx)


class HostAttendanceView(View):
    scope_exempt = "live attendance of one activity for its host, by the signed host link"

    def get(self, request, token):
        activity = _activity(token, hostlinks.HOST_SALT)
        return render(
            request,
            "activities/_attendance.html",
            {**_host_attendance(activity), "public": True, "token": token},
        )


@method_decorator(csrf_protect, name="dispatch")
class HostWalkInView(View):
    scope_exempt = "the host adds a walk-in to their own activity, by the signed host link"

    def post(self, request, token):
        activity = _activity(token, hostlinks.HOST_SALT)
        form = SignInForm(request.POST)
        error = ""
        if form.is_valid():
            try:
                services.signin_record(
                    actor=None, activity=activity, source=SignInSource.WALK_IN, **form.cleaned_data
                )
            except ValidationError as exc:
                error = _apply_errors(form, exc)
            else:
                return HttpResponseRedirect(request.path.rsplit("walkin/", 1)[0] + "?added=1")
        ctx = {
            **host_panel_context(request, activity),
            **_host_attendance(activity),
            "token": token,
            "form": form,
            "error": error,
        }
        return render(request, "activities/phone_host.html", ctx, status=400)
