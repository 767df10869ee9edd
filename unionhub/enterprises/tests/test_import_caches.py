"""The importer's per-import caches (issue 20) give exactly what the uncached code gives:
``_Derive`` against ``services.derive``, ``_Warnings`` against ``uscc_warnings``."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from unionhub.core.validators.uscc import uscc_warnings
from unionhub.enterprises import services, sme
from unionhub.enterprises.importers import _Derive, _org_code_ok, _Warnings
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.scale import make_uscc

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)
DERIVED = ("industry_section", "size_class", "union_status", "target_reasons")


def _cases():
    industries = ["C", "C13", "C34", "F", "F51", "F52", "G", "H", "I", "K70", "K7010", "M", "Z9"]
    employees = [0, 7, 8, 19, 20, 24, 25, 99, 100, 299, 300, 999, 1000, 5000]
    money = [None, Decimal("0.00"), Decimal("49.99"), Decimal("50.00"), Decimal("300.00"),
             Decimal("2000.00"), Decimal("39999.99"), Decimal("40000.00"), Decimal("800000.00")]  # fmt: skip
    founded = [None, dt.date(2025, 3, 1), dt.date(2025, 3, 2), dt.date(2025, 2, 28),
               dt.date(2024, 2, 29), dt.date(2000, 1, 1), TODAY]  # fmt: skip
    other = itertools.product(
        ["operating", "suspended", "closed"], [True, False], ["private", "state", "foreign"], [True, False]
    )  # fmt: skip
    for i, (ind, emp, rev, asset, day, (status, party, own, high)) in enumerate(
        zip(
            itertools.cycle(industries),
            itertools.cycle(employees),
            itertools.cycle(money),
            itertools.cycle(reversed(money)),
            itertools.cycle(founded),
            itertools.cycle(list(other)),
        )
    ):
        if i >= 600:
            return
        yield dict(
            industry_code=ind, employees=emp, revenue_wan=rev, assets_wan=asset,
            founded_on=day, operating_status=status, has_party_org=party, ownership=own,
            is_high_profile=high,
        )  # fmt: skip


@pytest.mark.parametrize("term_ends", [[], [dt.date(2025, 1, 1)], [dt.date(2027, 1, 1)]])
def test_cached_derive_equals_services_derive(term_ends):
    sme.ensure_default_standard()
    table = sme.table_for(TODAY)
    assert table, "the SME standard is seeded"
    cached = _Derive(table, TODAY)
    sizes, reasons = set(), set()
    for fields in _cases():
        a, b = Enterprise(**fields), Enterprise(**fields)
        services.derive(a, table=table, term_ends=term_ends, today=TODAY)
        cached(b, term_ends)
        assert {f: getattr(b, f) for f in DERIVED} == {f: getattr(a, f) for f in DERIVED}, fields
        sizes.add(a.size_class)
        reasons.add(a.target_reasons)
    # the cases reach every size class and several reason combinations
    assert {"large", "medium", "small", "micro", ""} <= sizes or term_ends
    assert len(reasons) >= (4 if not term_ends else 1)
    assert len(cached.reasons) < 600 / 2  # what repeats is computed once


def test_cached_derive_without_a_table():
    cached = _Derive(None, TODAY)
    a, b = Enterprise(industry_code="C", employees=30), Enterprise(industry_code="C", employees=30)
    a.operating_status = b.operating_status = "operating"
    services.derive(a, table=None, term_ends=[], today=TODAY)
    cached(b, [])
    assert (
        (b.size_class, b.target_reasons)
        == (a.size_class, a.target_reasons)
        == ("", a.target_reasons)
    )


@pytest.mark.parametrize("n", range(0, 4000, 37))
def test_cached_warnings_equal_uscc_warnings(n):
    warnings = _Warnings()
    for county in ("320921", "320925", "110101", "990000"):
        code = make_uscc(n, county)
        assert warnings(code) == uscc_warnings(code, checked=True)
        assert warnings(code) == uscc_warnings(code, checked=True)  # from the cache


@pytest.mark.parametrize("n", range(0, 2000, 13))
def test_org_code_check_equals_the_validator(n):
    from unionhub.core.validators.uscc import _org_code_check

    for code in (make_uscc(n, "320921"), make_uscc(n, "320921")[:16] + "X" + "0"):
        assert _org_code_ok(code) == (_org_code_check(code[8:16]) == code[16])


def test_org_code_check_leaves_odd_characters_to_the_validator():
    assert _org_code_ok("91320921MA1M*XXX7Y") is None
