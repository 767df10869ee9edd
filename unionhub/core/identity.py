"""Identity look-ups (probe findings 1 and 9): finding a person by a full 身份证号 or mobile
number, and learning that an ID number or 统一社会信用代码 is already registered outside
one's data scope, are throttled per user (``IDENTITY_LOOKUP_RATE``, e.g. "30/hour";
anonymous callers per address) and audited — one ``reveal`` entry per look-up naming what
kind of number was used, never the number itself."""

from __future__ import annotations

from typing import Any

from django.db import models

__all__ = ["KINDS", "RateLimited", "identity_lookup"]

KINDS = {
    "id_number": "按身份证号查找",
    "phone": "按手机号查找",
    "id_number_exists": "身份证号已登记（范围外）",
    "uscc_exists": "统一社会信用代码已登记（范围外）",
}


class RateLimited(Exception):  # noqa: N818 — a refusal, answered as 429
    """Too many look-ups: the page answers 429 with a sentence, the API DRF's 429."""

    def __init__(self, wait: float | None):
        super().__init__(wait)
        self.wait = wait


def identity_lookup(
    *, kind: str, model: type[models.Model], user: Any = None, matches: int | None = None
) -> None:
    """Count and audit one identity look-up of ``kind`` (a key of ``KINDS``) on ``model``;
    raise ``RateLimited`` past the limit (the look-up is then not answered)."""
    from unionhub.core.audit import record_change
    from unionhub.core.middleware import current_context
    from unionhub.core.throttling import IdentityLookupThrottle, allow

    context = current_context()
    request = getattr(context, "request", None)
    if request is not None:
        wait = allow(IdentityLookupThrottle, request)
        if wait is not None:
            raise RateLimited(wait)
    if user is None and context is not None:
        user = context.current_actor()
    changes: dict[str, Any] = {"lookup": kind}
    if matches is not None:
        changes["matches"] = matches
    # Scoped to the caller's organisation, so its county's auditors see the entry.
    org = getattr(user, "org_unit", None) if getattr(user, "pk", None) else None

    def write():
        record_change(
            model=model,
            action="reveal",
            actor=user,
            changes=changes,
            note=KINDS.get(kind, kind),
            org_path=getattr(org, "path", "") or "",
        )

    if request is not None:
        # After the view: a refused write's rollback must not take the entry with it.
        context.after_response.append(write)
    else:
        write()
