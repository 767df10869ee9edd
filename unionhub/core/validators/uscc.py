"""统一社会信用代码 (Unified Social Credit Code, GB 32100-2015), domain.md §10.1.

``normalise_uscc`` cleans what people type or paste (spaces, full-width characters,
lower case); ``uscc_errors`` lists the hard errors (length, character set, check
character); ``validate_uscc`` is the Django validator. Warnings (unknown authority,
organisation-code check) are reported by ``uscc_warnings`` and never block a save.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = [
    "CHARSET",
    "WEIGHTS",
    "check_char",
    "normalise_uscc",
    "uscc_errors",
    "uscc_warnings",
    "check_char_is_wrong",
    "validate_uscc",
    "validate_uscc_form",
]

#: The 31 characters of the code; a character's value is its index (no I, O, S, V, Z).
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: W[i] = 3**i mod 31
WEIGHTS = [pow(3, i, 31) for i in range(17)]
FORMAT = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
# Registration authority → known entity categories (domain.md §10.1; "8x" list is [M]).
KNOWN_CATEGORIES = {
    "1": "1239",
    "2": "19",
    "3": "1234589",
    "4": "19",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "1239",
    "Y": "1",
}
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
# GB/T 2260 province-level codes (positions 3–4 of the division code), plus "10" which the
# national registration authorities use ("100000").
PROVINCES = frozenset(
    "10 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82".split()
)


def normalise_uscc(value: object) -> str:
    """Strip every kind of space, turn full-width characters into half-width, uppercase."""
    text = "" if value is None else str(value)
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            continue
        if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
            ch = chr(code - 0xFEE0)
        if ch.isspace():
            continue
        out.append(ch)
    return "".join(out).upper()


def check_char(first17: str) -> str:
    """The 18th character for the first 17 (which must be in ``CHARSET``)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    value = 31 - total % 31
    return CHARSET[0 if value == 31 else value]


def uscc_errors(value: object, *, check_char_waived: bool = False) -> list[str]:
    """Hard errors of an (already normalised or raw) code, in Chinese; [] when valid.
    ``check_char_waived``: an administrator accepted a genuine code that fails its checksum
    (early pilot areas, domain.md §10.1 policy 4); length and characters still count."""
    code = normalise_uscc(value)
    if not code:
        return [_("The unified social credit code is required.")]
    if len(code) != 18:
        return [
            _("The unified social credit code must have 18 characters, not %(n)d.")
            % {"n": len(code)}
        ]
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return [
            _("The unified social credit code contains invalid characters: %(chars)s.")
            % {"chars": " ".join(bad)}
        ]
    if not FORMAT.match(code):
        return [_("Characters 3–8 of the unified social credit code must be digits.")]
    expected = check_char(code[:17])
    if code[17] != expected and not check_char_waived:
        return [
            _("The check character of the unified social credit code is wrong (expected %(c)s).")
            % {"c": expected}
        ]
    return []


def _org_code_check(body: str) -> str | None:
    try:
        values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    except TypeError:
        return None
    rest = 11 - sum(v * w for v, w in zip(values, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


def uscc_warnings(value: object, *, checked: bool = False) -> list[str]:
    """Soft findings on a code that passed ``uscc_errors`` (shown, never blocking).
    ``checked``: the caller already normalised the code and found no hard error."""
    code = value if checked else normalise_uscc(value)
    if not checked and uscc_errors(code):
        return []
    warnings = []
    if code[1] not in KNOWN_CATEGORIES.get(code[0], ""):
        warnings.append(
            _("Unknown registration authority / category pair %(p)s.") % {"p": code[:2]}
        )
    if code[2:4] not in PROVINCES:
        warnings.append(
            _("Characters 3–8 (%(d)s) are not a known administrative division code.")
            % {"d": code[2:8]}
        )
    if _org_code_check(code[8:16]) != code[16]:
        warnings.append(_("The organisation code inside the credit code fails its own check."))
    return warnings


def check_char_is_wrong(value: object) -> bool:
    """Whether the only hard error of the code is its check character."""
    code = normalise_uscc(value)
    return bool(uscc_errors(code)) and not uscc_errors(code, check_char_waived=True)


def validate_uscc(value: object) -> None:
    errors = uscc_errors(value)
    if errors:
        raise ValidationError(errors[0], code="invalid_uscc")


def validate_uscc_form(value: object) -> None:
    """Length, characters and digits only: the check character is judged by the model,
    which knows whether an administrator waived it."""
    errors = uscc_errors(value, check_char_waived=True)
    if errors:
        raise ValidationError(errors[0], code="invalid_uscc")
