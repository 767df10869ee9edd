"""Small compatibility shims, applied once from ``CoreConfig.ready``."""

from __future__ import annotations

import inspect


def allow_router_include_root_view() -> None:
    """Let ``DefaultRouter(include_root_view=False)`` work, as the module convention
    writes it: DRF 3.18 only has ``include_root_view`` as a class attribute, and its
    ``__init__`` rejects the keyword (TypeError at URL import). ``SimpleRouter()`` is the
    plain equivalent."""
    from rest_framework import routers

    init = routers.DefaultRouter.__init__
    if "include_root_view" in inspect.signature(init).parameters or getattr(
        init, "_unionhub_shim", False
    ):
        return

    def __init__(self, *args, include_root_view=None, include_format_suffixes=None, **kwargs):
        init(self, *args, **kwargs)
        if include_root_view is not None:
            self.include_root_view = include_root_view
        if include_format_suffixes is not None:
            self.include_format_suffixes = include_format_suffixes

    __init__._unionhub_shim = True  # type: ignore[attr-defined]
    routers.DefaultRouter.__init__ = __init__
