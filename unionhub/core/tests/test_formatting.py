"""One number format everywhere (issue #21): counts with thousands separators, money in 元
with two decimals or in 万元 with one, rounded half up; template filters give the same."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from unionhub.core import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (999, "999"), (1000, "1,000"), (1234567, "1,234,567"), (None, ""), ("—", "—")],
)
def test_counts_have_thousands_separators(value, expected):
    assert formatting.number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0"), "0.00"),
        (Decimal("12345.6"), "12,345.60"),
        (Decimal("0.005"), "0.01"),  # half up, not banker's rounding
        (Decimal("-1500"), "-1,500.00"),
        (800, "800.00"),
    ],
)
def test_yuan_has_two_decimals(value, expected):
    assert formatting.yuan(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("123456"), "12.3"),
        (Decimal("125000"), "12.5"),
        (Decimal("15000"), "1.5"),
        (Decimal("12345678"), "1,234.6"),
        (0, "0.0"),
    ],
)
def test_wanyuan_has_one_decimal(value, expected):
    assert formatting.wanyuan(value) == expected


def test_template_filters():
    out = Template(
        "{% load unionhub %}{{ n|num }}|{{ m|yuan }}|{{ m|wanyuan }}|{{ rows|sum_of:'v'|num }}"
    )
    text = out.render(
        Context({"n": 12345, "m": Decimal("98765.4"), "rows": [{"v": 999}, {"v": 2}]})
    )
    assert text == "12,345|98,765.40|9.9|1,001"
