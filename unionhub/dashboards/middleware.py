"""Accounts confined to one page (``settings.SINGLE_PAGE_ACCOUNTS``): the hall's big-screen
account holds nothing but ``dashboards.view_screen``. Signed in through the browser, it may
open that page (and its htmx refresh), sign out and change its own password; the home page
sends it to the screen, every other page answers 403. (Through the API it holds no
permission, so every list answers 403 or nothing of anyone; and it never gets or uses an API
token — ``accounts.security.token_allowed``.)"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

# the one page an account may open: accounts/security.py, which also refuses it API tokens
from unionhub.accounts.security import confined_page

#: paths every confined account still reaches (static files, health check, language switch)
PASSTHROUGH_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")


@lru_cache(maxsize=1)
def _own_paths() -> frozenset[str]:
    return frozenset(
        reverse(n) for n in ("accounts:login", "accounts:logout", "accounts:password_change")
    )


class SinglePageAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page = confined_page(getattr(request, "user", None))
        if page is not None:
            target = reverse(page)
            path = request.path
            if path == "/":
                return HttpResponseRedirect(target)
            if (
                path != target
                and path not in _own_paths()
                and not path.startswith(PASSTHROUGH_PREFIXES)
            ):
                raise PermissionDenied
        return self.get_response(request)
