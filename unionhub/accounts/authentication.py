"""``Authorization: Token <key>`` against the digests of ``accounts.ApiToken``: an unknown
or revoked key and a key older than ``API_TOKEN_MAX_AGE_HOURS`` are 401 with a Chinese
reason; a key of the hall display account (``security.token_allowed``) is 403
``token_not_allowed``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from unionhub.accounts import security

# "last used" is written at most this often per token
TOKEN_TOUCH = dt.timedelta(minutes=5)


class TokenRefused(exceptions.APIException):
    """401 with ``WWW-Authenticate: Token`` whatever the view's first authentication class
    (DRF turns an ``AuthenticationFailed`` into 403 when that class is the session)."""

    status_code = 401
    default_code = "authentication_failed"

    def __init__(self, detail):
        super().__init__(detail)
        self.auth_header = "Token"


class TokenNotAllowed(exceptions.APIException):
    """403 ``{"detail": "…", "code": "token_not_allowed"}``: a token of the hall display
    account (issued before it became one, or written into the database) is never accepted."""

    status_code = 403
    default_code = security.TOKEN_NOT_ALLOWED

    def __init__(self):
        super().__init__({"detail": security.token_refusal(), "code": self.default_code})


class ExpiringTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        from unionhub.accounts.models import ApiToken

        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=security.token_digest(key))
            .first()
        )
        if token is None:
            raise TokenRefused(_("Invalid token; obtain a new one."))
        now = timezone.now()
        if now - token.created_at > security.token_max_age():
            raise TokenRefused(_("The token has expired; obtain a new one."))
        if not token.user.is_active:
            raise TokenRefused(_("The account is disabled."))
        if not security.token_allowed(token.user):
            raise TokenNotAllowed
        if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
