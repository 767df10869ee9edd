"""USCC (GB 32100-2015) and GB/T 4754-2017 code validation, table-driven."""

from __future__ import annotations

import pytest

from unionhub.core.validators.industry import industry_errors, normalise_industry_code, sme_industry
from unionhub.core.validators.uscc import (
    check_char,
    normalise_uscc,
    uscc_errors,
    uscc_warnings,
)

SAMPLE = "91350100M000100Y43"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        (SAMPLE, SAMPLE),
        ("91350100m000100y43", SAMPLE),
        (" 9135 0100 M000 100Y43 ", SAMPLE),
        ("９１３５０１００Ｍ０００１００Ｙ４３", SAMPLE),  # full-width
        ("91350100M000100Y43\u3000", SAMPLE),  # ideographic space
        (None, ""),
    ],
)
def test_normalise(raw, normalised):
    assert normalise_uscc(raw) == normalised


@pytest.mark.parametrize(
    ("code", "error_fragment"),
    [
        (SAMPLE, None),
        ("91350100m000100y43", None),
        ("", "required"),
        ("91350100M000100Y4", "18"),  # 17 chars
        ("91350100M000100Y433", "18"),  # 19 chars
        ("91350100M000100I43", "invalid characters"),  # I not allowed
        ("91350100M000100O43", "invalid characters"),
        ("91350100M000100S43", "invalid characters"),
        ("91350100M000100V43", "invalid characters"),
        ("91350100M000100Z43", "invalid characters"),
        ("9135010AM000100Y43", "digits"),  # positions 3–8 must be digits
        ("91350100M000100Y44", "check character"),
        ("91350100M000100Y40", "check character"),
    ],
)
def test_uscc_errors(code, error_fragment, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        errors = uscc_errors(code)
    if error_fragment is None:
        assert errors == []
    else:
        assert len(errors) == 1 and error_fragment in errors[0], errors


def test_check_char_worked_example():
    # domain.md §10.1: S = 1640, 1640 mod 31 = 28, 31 − 28 = 3
    assert check_char(SAMPLE[:17]) == "3"


def test_check_char_zero_case():
    # When S mod 31 == 0 the check value 31 becomes 0: find such a body and verify.
    from unionhub.core.validators.uscc import CHARSET, WEIGHTS

    body = "91320925MA1" + "000000"
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    expected = CHARSET[(31 - total % 31) % 31]
    assert check_char(body) == expected
    assert uscc_errors(body + expected) == []


def test_error_messages_are_chinese():
    assert "校验" in uscc_errors("91350100M000100Y44")[0]


def test_warnings_do_not_block():
    assert uscc_errors(SAMPLE) == []
    assert uscc_warnings(SAMPLE) == []  # the sample's organisation code checks too
    odd = "Y9350100M000100Y4"
    odd += check_char(odd)
    assert uscc_errors(odd) == [] and uscc_warnings(odd)


@pytest.mark.parametrize(
    ("raw", "code", "valid"),
    [
        ("C", "C", True),
        ("c", "C", True),
        ("T", "T", True),
        ("U", "U", False),
        ("52", "52", True),
        ("5", "05", True),
        ("7020", "7020", True),
        ("C1311", "1311", True),
        ("1311", "1311", True),
        (13.0, "13", True),
        ("99", "99", False),
        ("00", "00", False),
        ("12345", "12345", False),
        ("", "", False),
        ("CC", "CC", False),
    ],
)
def test_industry_codes(raw, code, valid):
    assert normalise_industry_code(raw) == code
    assert (industry_errors(raw) == []) is valid


@pytest.mark.parametrize(
    ("code", "sme"),
    [
        ("A", "agriculture"),
        ("01", "agriculture"),
        ("06", "industry"),
        ("C", "industry"),
        ("3311", "industry"),
        ("44", "industry"),
        ("E", "construction"),
        ("48", "construction"),
        ("51", "wholesale"),
        ("5211", "retail"),
        ("F", None),  # wholesale or retail: too coarse
        ("54", "transport"),
        ("58", "transport"),
        ("59", "warehousing"),
        ("60", "postal"),
        ("61", "accommodation"),
        ("62", "catering"),
        ("63", "information"),
        ("64", "information"),
        ("65", "software"),
        ("7010", "real_estate"),
        ("7020", "property"),
        ("7030", "other"),
        ("70", None),
        ("K", None),
        ("L", "leasing"),
        ("72", "leasing"),
        ("J", "other"),
        ("66", "other"),
        ("83", "other"),
        ("M", "other"),
    ],
)
def test_sme_industry_mapping(code, sme):
    assert sme_industry(code) == sme
