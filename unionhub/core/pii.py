"""Masking of personal information for display (domain.md §11.3)."""

from __future__ import annotations

import re


def mask_id_number(value: str | None) -> str:
    """公民身份号码: keep the first 3 and the last 4 → ``320***********1234``."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str | None) -> str:
    """Mobile number: first 3 + last 4 → ``138****5678``."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str | None) -> str:
    """Name: keep the first character → ``张*``, ``欧阳**``."""
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)


def mask_text(value: str | None) -> str:
    """A generic mask for any other personal field."""
    if not value:
        return ""
    return mask_phone(value) if len(value) >= 8 else "*" * len(value)


# Patterns used to keep personal data out of logs: 18-character ID numbers and mobiles.
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def scrub(text: str) -> str:
    text = ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group(0)), text)
    return MOBILE_RE.sub(lambda m: mask_phone(m.group(0)), text)
