"""Rate limits of the public joining (page and API count together; core/throttling.py)."""

from __future__ import annotations

from unionhub.core.throttling import SettingThrottle

#: Anonymous join applications per client address; a mini-program user behind a carrier's
#: shared address still gets several tries. Override with ``MEMBERS_JOIN_THROTTLE_RATE``.
DEFAULT_JOIN_THROTTLE_RATE = "10/hour"
#: Anonymous status look-ups (phone + code) per client address, against code guessing.
DEFAULT_JOIN_STATUS_THROTTLE_RATE = "30/hour"


class JoinApplyThrottle(SettingThrottle):
    """Only anonymous callers are limited (staff filing on someone's behalf are not). The
    API and the public join page count together (core/throttling.py): per client address,
    the one the audit trail and the login lockout use."""

    scope = "members_join"
    setting, default = "MEMBERS_JOIN_THROTTLE_RATE", DEFAULT_JOIN_THROTTLE_RATE

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class JoinStatusThrottle(JoinApplyThrottle):
    scope = "members_join_status"
    setting, default = "MEMBERS_JOIN_STATUS_THROTTLE_RATE", DEFAULT_JOIN_STATUS_THROTTLE_RATE
