"""Pages of the notifications: the person's message list (read / unread, mark read, mark
all read) and their channel settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from unionhub.core.notifications import selectors, services
from unionhub.core.notifications.forms import PreferenceForm

OWN = "shows only the caller's own notifications"


class NotificationListView(LoginRequiredMixin, ListView):
    scope_exempt = OWN
    template_name = "notifications/notification_list.html"
    paginate_by = 25
    context_object_name = "notifications"

    def unread_only(self) -> bool:
        return self.request.GET.get("show") != "all"

    def get_queryset(self):
        return selectors.notification_list(user=self.request.user, unread_only=self.unread_only())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unread_only"] = self.unread_only()
        ctx["unread_count"] = selectors.notification_unread_count(user=self.request.user)
        ctx["querystring"] = "" if self.unread_only() else "show=all"
        return ctx


class NotificationReadView(LoginRequiredMixin, View):
    """POST: mark one read and follow its link (or come back to the list)."""

    scope_exempt = OWN
    http_method_names = ["post"]

    def post(self, request, pk: int):
        notification = selectors.notification_list(user=request.user).filter(pk=pk).first()
        if notification is None:
            raise Http404
        services.notification_mark_read(actor=request.user, notification=notification)
        target = request.POST.get("next") or notification.url or reverse("notifications:list")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("notifications:list")
        return HttpResponseRedirect(target)


class NotificationReadAllView(LoginRequiredMixin, View):
    scope_exempt = OWN
    http_method_names = ["post"]

    def post(self, request):
        count = services.notifications_mark_all_read(actor=request.user)
        messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
        return HttpResponseRedirect(reverse("notifications:list"))


class PreferenceView(LoginRequiredMixin, View):
    scope_exempt = "the caller's own notification settings"
    template_name = "notifications/preferences.html"

    def _context(self, form):
        preference = services.preference_for(self.request.user)
        return {"form": form, "preference": preference, "account_email": self.request.user.email}

    def get(self, request):
        preference = services.preference_for(request.user)
        form = PreferenceForm(
            initial={
                "email": preference.email,
                "email_address": preference.email_address,
                "sms": preference.sms,
            }
        )
        return render(request, self.template_name, self._context(form))

    def post(self, request):
        form = PreferenceForm(request.POST)
        if form.is_valid():
            try:
                services.preference_update(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.error_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Your notification settings were saved."))
                return HttpResponseRedirect(reverse("notifications:preferences"))
        return render(request, self.template_name, self._context(form), status=400)
