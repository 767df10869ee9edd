"""Citizen identity numbers (公民身份号码, GB 11643-1999) and mainland mobile numbers.

Rules: domain.md §10.2. An ID number is 6-digit address code + 8-digit birth date +
3-digit sequence (17th digit odd = male, even = female) + check character computed with
ISO 7064 MOD 11-2. Historical address codes (e.g. 320982, the former 大丰市) stay valid, so
only the province prefix is checked, never the full current division list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: 2**(17-i) mod 11 for i = 0..16 (domain.md §10.2).
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

#: Province-level prefixes; 83 = Taiwan residents' residence permits [M].
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {str(c) for c in range(31, 38)}
    | {str(c) for c in range(41, 47)}
    | {str(c) for c in range(50, 55)}
    | {str(c) for c in range(61, 66)}
    | {"71", "81", "82", "83"}
)

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
MALE, FEMALE = "male", "female"

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_SPACES = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class IdNumberInfo:
    """What an ID number tells: the normalised number, birth date and sex."""

    number: str
    birth_date: dt.date
    gender: str
    address_code: str


def normalise_id_number(value: str | None) -> str:
    """Strip spaces and dashes; a lowercase ``x`` becomes ``X`` (domain.md §10.2)."""
    return _SPACES.sub("", value or "").upper()


def id_check_char(first17: str) -> str:
    """The check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def parse_id_number(value: str | None, *, today: dt.date | None = None) -> IdNumberInfo:
    """Validate an ID number and derive sex and birth date; raise ``ValidationError``
    with a Chinese reason otherwise."""
    number = normalise_id_number(value)
    if not number:
        raise ValidationError(_("Enter the ID number."), code="required")
    if len(number) == 15 and number.isdigit():
        raise ValidationError(
            _(
                "15-digit first-generation ID numbers are no longer valid; enter the 18-digit number."
            ),
            code="first_generation",
        )
    if (
        len(number) != 18
        or not number[:17].isdigit()
        or not (number[17].isdigit() or number[17] == "X")
    ):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a digit or X."), code="format"
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The ID number does not start with a valid province code."), code="province"
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The birth date in the ID number does not exist."), code="birth_date"
        ) from None
    today = today or timezone.localdate()
    if birth < EARLIEST_BIRTH_DATE or birth > today:
        raise ValidationError(
            _("The birth date in the ID number must be between 1900-01-01 and today."),
            code="birth_date_range",
        )
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("The check digit of the ID number is wrong; please check the number."),
            code="check_digit",
        )
    gender = MALE if int(number[16]) % 2 == 1 else FEMALE
    return IdNumberInfo(number=number, birth_date=birth, gender=gender, address_code=number[:6])


def validate_id_number(value: str) -> None:
    """Django field validator."""
    parse_id_number(value)


def normalise_phone(value: str | None) -> str:
    """Drop spaces and dashes and a leading +86 / 86 country code."""
    phone = _SPACES.sub("", value or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    elif phone.startswith("86") and len(phone) == 13:
        phone = phone[2:]
    return phone


def parse_phone(value: str | None) -> str:
    """Validate a mainland mobile number (11 digits, ``1[3-9]…``) and return it normalised."""
    phone = normalise_phone(value)
    if not phone:
        raise ValidationError(_("Enter the mobile phone number."), code="required")
    if not MOBILE_RE.match(phone):
        raise ValidationError(
            _("A mobile phone number has 11 digits and starts with 13–19."), code="phone"
        )
    return phone


def validate_phone(value: str) -> None:
    parse_phone(value)


def looks_like_id_number(value: str) -> bool:
    number = normalise_id_number(value)
    return len(number) == 18 and number[:17].isdigit()


def looks_like_phone(value: str) -> bool:
    return bool(MOBILE_RE.match(normalise_phone(value)))
