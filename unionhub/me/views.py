"""我的 (/me/): the worker's phone page — member code and card, join status, points and the
leaderboard, rewards, sign-ins, nearby stations. Signed-in only; it shows the worker their
own records, so it needs no permission beyond being signed in."""

from __future__ import annotations

import io

import segno
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.cache import never_cache

from unionhub.me import selectors


class MeView(LoginRequiredMixin, generic.TemplateView):
    template_name = "me/home.html"
    scope_exempt = "the signed-in worker's own card, points and sign-ins (read from themself)"

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        ctx = super().get_context_data(**kwargs)
        ctx["day"] = selectors.my_day(user=self.request.user)
        refresh = selectors.code_refresh_seconds()
        ctx["code_refresh_seconds"] = refresh
        ctx["code_refresh_clock"] = f"{refresh // 60:02d}:{refresh % 60:02d}"
        ctx["now"] = timezone.now()
        return ctx


@method_decorator(never_cache, name="dispatch")
class MyCodeView(LoginRequiredMixin, generic.View):
    """My member code as an SVG QR: the same signed, expiring token a station scans."""

    scope_exempt = "the signed-in worker's own member code"

    def get(self, request):
        from unionhub.members.selectors import member_code_token

        member = selectors.my_member(user=request.user)
        if member is None:
            raise Http404
        buffer = io.BytesIO()
        segno.make(member_code_token(member=member), error="m").save(
            buffer, kind="svg", scale=6, border=2
        )
        return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
