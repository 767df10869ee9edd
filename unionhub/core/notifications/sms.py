"""SMS through a provider interface (``settings.SMS_BACKEND``, a dotted class path).

A backend is a class with ``send(*, phone: str, text: str) -> str`` that hands one message
to the gateway and returns the gateway's message id (or raises ``SmsError``). The platform
ships :class:`RecordingSmsBackend` (development and tests: the message is stored in
``notifications.SmsMessage`` with the number masked, nothing leaves the machine);
docs/notifications.md shows how a real gateway (Aliyun, Tencent Cloud) plugs in.

SMS travel through operators' systems and end up on lock screens, so their text never carries
a citizen ID number or a mobile number (domain.md §11): :func:`sms_text_clean` strips both
(checked with the platform's validators) and :func:`sms_send` refuses any text that still
carries one, whatever the backend."""

from __future__ import annotations

import re
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from unionhub.core.pii import mask_phone
from unionhub.core.validators.idcard import looks_like_id_number, looks_like_phone

#: the longest text sent as one message (70 characters is one SMS in Chinese; the gateway
#: splits longer ones, and they cost more)
MAX_LENGTH = 140
REDACTED = "***"

# Candidates: an 18-character run of digits (the last may be X), and an 11-digit mobile with
# optional +86 and spaces or dashes between the groups. Each is confirmed by the validators.
_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{6}[\s-]?\d{8}[\s-]?\d{3}[\dXx](?![0-9A-Za-z])")
_MOBILE_CANDIDATE = re.compile(r"(?<![\d+])(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
# Whatever the validators say, a run of 11 or more digits has no place in a notification.
_LONG_DIGITS = re.compile(r"\d{11,}")


class SmsError(Exception):
    """The gateway did not accept the message (the reason, without the number)."""


class SmsContentError(SmsError):
    """The text carries an ID or a mobile number: it is never handed to a gateway."""


class SmsBackend(Protocol):
    def send(self, *, phone: str, text: str) -> str: ...


def _is_id(match: re.Match[str]) -> bool:
    return looks_like_id_number(re.sub(r"[\s-]", "", match.group(0)))


def _is_mobile(match: re.Match[str]) -> bool:
    return looks_like_phone(match.group(0))


def sms_pii_found(text: str) -> bool:
    """Whether ``text`` carries an ID number, a mobile number or a long run of digits."""
    return bool(
        any(_is_id(m) for m in _ID_CANDIDATE.finditer(text))
        or any(_is_mobile(m) for m in _MOBILE_CANDIDATE.finditer(text))
        or _LONG_DIGITS.search(text)
    )


def sms_text_clean(text: str) -> str:
    """``text`` with every ID number and mobile number replaced by ``***``, squeezed to one
    line and cut to ``MAX_LENGTH`` characters."""
    text = _ID_CANDIDATE.sub(lambda m: REDACTED if _is_id(m) else m.group(0), text)
    text = _MOBILE_CANDIDATE.sub(lambda m: REDACTED if _is_mobile(m) else m.group(0), text)
    text = _LONG_DIGITS.sub(REDACTED, text)
    text = " ".join(text.split())
    return text[:MAX_LENGTH]


def sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()


def sms_send(*, phone: str, text: str) -> str:
    """Hand one cleaned message to the configured backend; a text that still carries
    personal numbers is refused (``SmsContentError``)."""
    signature = getattr(settings, "SMS_SIGNATURE", "")
    body = sms_text_clean(text)
    if signature and not body.startswith(f"【{signature}】"):
        body = f"【{signature}】{body}"
    if sms_pii_found(body):
        raise SmsContentError("SMS text carries an ID or mobile number")
    return sms_backend().send(phone=phone, text=body)


class RecordingSmsBackend:
    """Development backend: records each message (number masked) in ``SmsMessage``; visible
    in the admin site and in ``manage.py shell``. Sends nothing."""

    def send(self, *, phone: str, text: str) -> str:
        from unionhub.core.notifications.models import SmsMessage

        if sms_pii_found(text):  # a backend checks too: it may be called directly
            raise SmsContentError("SMS text carries an ID or mobile number")
        message = SmsMessage.objects.create(phone_masked=mask_phone(phone), text=text[:300])
        return f"dev-{message.pk}"
