"""GB 11643 ID numbers and mobile numbers (domain.md §10.2): table-driven, with boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.validators.idcard import (
    id_check_char,
    normalise_id_number,
    parse_id_number,
    parse_phone,
)

TODAY = dt.date(2026, 11, 28)


def make(first17: str) -> str:
    return first17 + id_check_char(first17)


def test_standard_sample_sum_and_check():
    # domain.md worked example: weighted sum 167, 167 mod 11 = 2 → X
    assert id_check_char("11010519491231002") == "X"
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.gender == "female"  # 17th digit 2 is even


@pytest.mark.parametrize(
    "number, gender, birth",
    [
        ("11010519491231002X", "female", dt.date(1949, 12, 31)),
        ("11010519491231002x", "female", dt.date(1949, 12, 31)),  # lowercase x normalised
        (make("32098219800229101"), "male", dt.date(1980, 2, 29)),  # 320982 former 大丰市, leap day
        (make("32092419000101001"), "male", dt.date(1900, 1, 1)),  # earliest birth date allowed
        (make("32090220261128002"), "female", TODAY),  # born today: allowed
        (make("83000019900101003"), "male", dt.date(1990, 1, 1)),  # 83 Taiwan residence permit
        (make("65010119900101004"), "female", dt.date(1990, 1, 1)),
    ],
)
def test_valid_numbers(number, gender, birth):
    info = parse_id_number(number, today=TODAY)
    assert info.number == normalise_id_number(number)
    assert info.gender == gender
    assert info.birth_date == birth


def _wrong_check(first17: str) -> str:
    good = id_check_char(first17)
    return first17 + ("0" if good != "0" else "1")


@pytest.mark.parametrize(
    "number, code",
    [
        ("", "required"),
        ("110105491231002", "first_generation"),  # 15-digit first generation
        ("11010519491231002", "format"),  # 17 characters
        ("11010519491231002XX", "format"),
        ("1101051949123100AX", "format"),
        ("11010519491231002Y", "format"),
        (make("10010519491231002"), "province"),  # 10 is no province
        (make("16010519491231002"), "province"),
        (make("84010519491231002"), "province"),
        (make("32090219810229002"), "birth_date"),  # 1981 is no leap year
        (make("32090219801301002"), "birth_date"),  # month 13
        (make("32090218991231002"), "birth_date_range"),  # day before 1900-01-01
        (make("32090220261129002"), "birth_date_range"),  # tomorrow
        (_wrong_check("11010519491231002"), "check_digit"),
        (_wrong_check("32092419850615123"), "check_digit"),
    ],
)
def test_invalid_numbers(number, code):
    with pytest.raises(ValidationError) as exc:
        parse_id_number(number, today=TODAY)
    assert exc.value.code == code


def test_errors_are_chinese():
    with pytest.raises(ValidationError) as exc:
        parse_id_number(_wrong_check("11010519491231002"), today=TODAY)
    assert exc.value.code == "check_digit"
    # translated (the wording itself is the catalogue's business)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value.messages[0]))


@pytest.mark.parametrize(
    "phone, code",
    [
        ("13812345678", None),
        ("19912345678", None),
        ("138 1234 5678", None),
        ("+8613812345678", None),
        ("12812345678", "phone"),  # second digit 2
        ("10812345678", "phone"),
        ("1381234567", "phone"),  # 10 digits
        ("138123456789", "phone"),  # 12 digits
        ("23812345678", "phone"),
        ("1381234567a", "phone"),
        ("", "required"),
        ("  ", "required"),
    ],
)
def test_phone(phone, code):
    if code is None:
        assert len(parse_phone(phone)) == 11
    else:
        with pytest.raises(ValidationError) as exc:
            parse_phone(phone)
        assert exc.value.code == code
