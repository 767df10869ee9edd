from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from unionhub.core import menu
from unionhub.core.scope import scope_label


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: the side menu and a description of the user's scope."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_menu": menu.menu_for(user, request.path),
        "scope_label": scope_label(user),
    }
