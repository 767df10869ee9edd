"""The "我的待办" page and the top bar's badge (loaded by htmx after the page, so the page
shell runs no provider query)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from unionhub.core.todo.registry import todo_badge_count, todo_groups

EXEMPT = "items come from the providers, each scoped through visible_to (tested per provider)"


class TodoListView(LoginRequiredMixin, TemplateView):
    scope_exempt = EXEMPT
    template_name = "todo/todo_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = todo_groups(user=self.request.user)
        ctx["groups"] = groups
        ctx["total"] = sum(g.count for g in groups)
        ctx["now"] = timezone.now()
        return ctx


class TodoBadgeView(LoginRequiredMixin, View):
    """The counts in the top bar (an htmx fragment): open to-do items (cached per person for
    a minute) and unread notifications (one indexed count)."""

    scope_exempt = EXEMPT

    def get(self, request):
        from unionhub.core.notifications.selectors import notification_unread_count

        context = {
            "todo_count": todo_badge_count(user=request.user),
            "unread_count": notification_unread_count(user=request.user),
        }
        response = render(request, "todo/_badge.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    def handle_no_permission(self):
        return HttpResponse("", status=204)  # signed out: no badge, no login redirect
