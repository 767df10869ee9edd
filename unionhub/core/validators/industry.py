"""GB/T 4754-2017 industrial classification (国民经济行业分类), domain.md §10.4 and §5.4.

The code table ships as data (``unionhub/enterprises/data/gbt4754_2017.json``): the 20
sections, the 97 divisions and the classes the SME classification needs. A code is either a
section letter (``"C"``) or a 2–4 digit code (``"52"``, ``"7020"``); a 3–4 digit code is
accepted when its division is in the table (the table does not list every group and class)
and named from the table where it is listed.

``sme_industry`` maps a code to the industry rows of the SME standard (§5.4) — also data.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = [
    "SME_INDUSTRY_BY_CODE",
    "industry_errors",
    "industry_name",
    "industry_section",
    "load_table",
    "normalise_industry_code",
    "section_choices",
    "sme_industry",
    "validate_industry_code",
]

TABLE_PATH = Path(__file__).resolve().parents[2] / "enterprises" / "data" / "gbt4754_2017.json"
_CODE = re.compile(r"^(?:[A-T]|\d{2,4})$")

# SME-standard industry rows (domain.md §5.1 numbering) for a code prefix; the longest
# matching prefix wins. Section letters map whole sections; divisions and classes refine.
SME_INDUSTRY_BY_CODE: dict[str, str] = {
    "A": "agriculture",
    "B": "industry",
    "C": "industry",
    "D": "industry",
    "E": "construction",
    "51": "wholesale",
    "52": "retail",
    **{f"{d}": "transport" for d in ("53", "54", "55", "56", "57", "58")},
    "59": "warehousing",
    "60": "postal",
    "61": "accommodation",
    "62": "catering",
    "63": "information",
    "64": "information",
    "65": "software",
    "7010": "real_estate",
    "7020": "property",
    "7030": "other",
    "7040": "other",
    "7090": "other",
    "L": "leasing",
    "J": "other",
    "M": "other",
    "N": "other",
    "O": "other",
    "P": "other",
    "Q": "other",
    "R": "other",
    "S": "other",
    "T": "other",
}


@cache
def load_table() -> dict:
    with TABLE_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def normalise_industry_code(value: object) -> str:
    text = "" if value is None else str(value).strip().upper()
    if re.fullmatch(r"\d+\.0", text):  # a number cell read as float
        text = text[:-2]
    if len(text) == 1 and text.isdigit():
        text = "0" + text  # "1" typed for division 01
    if len(text) >= 3 and text[0].isalpha() and text[1:].isdigit():
        text = text[1:]  # "C1311" style → "1311"
    return text


def industry_section(code: str) -> str:
    """The section letter of a valid code ('' when unknown)."""
    table = load_table()
    if code in table["sections"]:
        return code
    division = table["divisions"].get(code[:2])
    return division[0] if division else ""


def industry_name(code: str) -> str:
    table = load_table()
    if code in table["sections"]:
        return table["sections"][code]
    if code in table["classes"]:
        return table["classes"][code]
    division = table["divisions"].get(code[:2])
    return division[1] if division else ""


def industry_errors(value: object) -> list[str]:
    code = normalise_industry_code(value)
    if not code:
        return [_("The industry code is required.")]
    if not _CODE.match(code):
        return [
            _("“%(code)s” is not a GB/T 4754-2017 code (a section letter or 2–4 digits).")
            % {"code": code}
        ]
    if not industry_section(code):
        return [_("Industry code “%(code)s” is not in GB/T 4754-2017.") % {"code": code}]
    return []


def validate_industry_code(value: object) -> None:
    errors = industry_errors(value)
    if errors:
        raise ValidationError(errors[0], code="invalid_industry")


def sme_industry(code: str) -> str | None:
    """The SME-standard industry of a code, or None when the code is too coarse to tell
    (e.g. section ``F`` could be wholesale or retail; division ``70`` real estate
    development or property management)."""
    if not code:
        return None
    for length in (4, 3, 2):
        if len(code) >= length and code[:length] in SME_INDUSTRY_BY_CODE:
            return SME_INDUSTRY_BY_CODE[code[:length]]
    section = industry_section(code)
    if code in SME_INDUSTRY_BY_CODE:
        return SME_INDUSTRY_BY_CODE[code]
    if section in SME_INDUSTRY_BY_CODE and (code == section or section not in "FGHIK"):
        return SME_INDUSTRY_BY_CODE[section]
    if section == "K" and len(code) >= 2 and code[:2] == "70" and len(code) < 4:
        return None
    return None


def section_choices() -> list[tuple[str, str]]:
    return [(k, f"{k} {v}") for k, v in load_table()["sections"].items()]
