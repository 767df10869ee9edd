"""Wage standards across tiers: a floor below the statutory minimum wage is refused (LCL
art. 55); an enterprise rate below the industry rate of a contract in force that binds the
same enterprise is flagged (区域谈底线、行业谈标准、企业谈增长)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from unionhub.bargaining import services, standards
from unionhub.bargaining.tests.test_cases import _enterprises, _seat_all
from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.demo import county_union
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def minimum(db):
    return standards.minimum_wage_create(
        actor=None,
        region=Region.objects.get(code="3209YN"),
        wage_class="二类",
        monthly=Decimal("2070.00"),
        hourly=Decimal("20.00"),
        valid_from=dt.date(2021, 8, 1),
        source="苏人社发〔2021〕72号",
    )


def _case(yannan, **extra):
    return services.case_create(
        actor=yannan, title="工资协商", union=county_union("yannan"), **extra
    )


@pytest.mark.parametrize(
    "kind, amount, refused",
    [
        ("monthly_floor", "2069.99", True),
        ("monthly_floor", "2070.00", False),  # equal to the minimum is allowed
        ("hourly_floor", "19.99", True),
        ("hourly_floor", "20.00", False),
        ("piece_rate", "1.00", False),  # a piece rate is not compared with the minimum
    ],
)
def test_floor_below_the_minimum_wage_is_refused(yannan, minimum, kind, amount, refused):
    case = _case(yannan, tier="enterprise", enterprise=_enterprises(1)[0])
    data = {
        "case": case,
        "kind": kind,
        "amount": Decimal(amount),
        "item": "每单" if kind == "piece_rate" else "",
    }
    if refused:
        with pytest.raises(Exception) as caught:
            standards.wage_standard_create(actor=yannan, **data)
        assert_invalid(caught, code="below_minimum_wage", field="amount")
        assert not case.wage_standards.exists()
    else:
        assert standards.wage_standard_create(actor=yannan, **data).pk


def test_minimum_wage_of_a_street_comes_from_its_county(minimum):
    street = Region.objects.filter(parent__code="3209YN").first()
    assert standards.minimum_wage_for(street, dt.date(2025, 1, 1)) == minimum
    assert standards.minimum_wage_for(street, dt.date(2021, 7, 31)) is None


def _in_force_industry(yannan, enterprise, rate):
    case = _case(
        yannan,
        tier="industry",
        industry_code="6242",
        key_group="delivery_rider",
        covered_enterprises=[enterprise],
    )
    standards.wage_standard_create(
        actor=yannan, case=case, kind="piece_rate", item="每单配送费", amount=Decimal(rate)
    )
    _seat_all(case, yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    services.case_vote(actor=yannan, bargainingcase=case, total=50, present=40, yes=30)
    services.case_sign(
        actor=yannan,
        bargainingcase=case,
        signed_on=dt.date(2025, 3, 3),
        term_start=dt.date(2025, 3, 3),
        term_years=3,
    )
    services.case_file(actor=yannan, bargainingcase=case, filed_on=dt.date(2025, 3, 5))
    return services.case_receipt(actor=yannan, bargainingcase=case, received_on=dt.date(2025, 3, 6))


@pytest.mark.parametrize("rate, flagged", [("5.49", True), ("5.50", False), ("6.00", False)])
def test_enterprise_rate_below_the_industry_rate_is_flagged(yannan, rate, flagged, client_as):
    enterprise = _enterprises(1)[0]
    _in_force_industry(yannan, enterprise, "5.50")
    case = _case(yannan, tier="enterprise", enterprise=enterprise)
    case.term_start = dt.date(2025, 6, 1)  # the day its standards are compared on
    case.save(update_fields=["term_start"])
    standard = standards.wage_standard_create(
        actor=yannan, case=case, kind="piece_rate", item="每单配送费", amount=Decimal(rate)
    )
    flags = standards.standard_flags(standard)
    assert [f.code for f in flags] == (["below_industry"] if flagged else [])
    page = client_as("yannan_admin").get(f"/bargaining/cases/{case.pk}/")
    assert ('data-code="below_industry"' in page.content.decode()) is flagged
