"""SME classification (domain.md §5): every industry row of the standard, at and just
below each tier's bounds, using the seeded 2011 table (data, not code)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from unionhub.enterprises import sme

TABLE = sme.table_from_spec()


def _cases():
    for industry, (metrics, tiers) in sme.SME_2011.items():
        for tier, lower in (("large", "medium"), ("medium", "small"), ("small", "micro")):
            bounds = tiers[tier]
            # exactly at every bound → this tier
            yield industry, dict(zip(metrics, bounds, strict=True)), tier
            # one metric just below its bound → the next tier down (if it still meets that)
            for i, metric in enumerate(metrics):
                values = dict(zip(metrics, bounds, strict=True))
                step = Decimal("1") if metric == "employees" else Decimal("0.01")
                values[metric] = Decimal(bounds[i]) - step
                yield industry, values, lower
        # far above large bounds
        yield (
            industry,
            {m: Decimal(b) * 10 for m, b in zip(metrics, tiers["large"], strict=True)},
            "large",
        )
        # zero → micro
        yield industry, dict.fromkeys(metrics, 0), "micro"


CASES = list(_cases())


@pytest.mark.parametrize(("industry", "values", "expected"), CASES)
def test_classify_table(industry, values, expected):
    got = sme.classify(
        industry,
        employees=values.get("employees", 0),
        revenue=values.get("revenue", Decimal(0)),
        assets=values.get("assets", Decimal(0)),
        table=TABLE,
    )
    assert got == expected, (industry, values)


@pytest.mark.parametrize(
    ("industry", "employees", "revenue", "assets", "expected"),
    [
        # domain.md §5.2 examples
        ("industry", 1000, 40000, None, "large"),
        ("industry", 1000, 39999, None, "medium"),
        ("industry", 300, 1999, None, "small"),
        ("industry", 19, 5000, None, "micro"),
        ("real_estate", None, 150000, 50000, "medium"),
        # a missing metric the industry needs → no classification
        ("industry", 100, None, None, ""),
        ("construction", 100, 500, None, ""),
        ("unknown", 100, 100, 100, ""),
        (None, 100, 100, 100, ""),
        # metrics the industry does not use are ignored
        ("other", 10, None, None, "small"),
        ("other", 9, None, None, "micro"),
    ],
)
def test_classify_examples(industry, employees, revenue, assets, expected):
    assert (
        sme.classify(
            industry,
            employees=employees,
            revenue=None if revenue is None else Decimal(revenue),
            assets=None if assets is None else Decimal(assets),
            table=TABLE,
        )
        == expected
    )


@pytest.mark.django_db
def test_seeded_table_matches_the_standard():
    from_db = sme.table_for(dt.date(2026, 1, 1))
    assert from_db == TABLE


@pytest.mark.django_db
def test_version_in_force_is_used():
    from unionhub.enterprises.models import SmeStandard, SmeThreshold

    assert sme.table_for(dt.date(2011, 6, 17)) is None  # before the 2011 standard
    old = SmeStandard.objects.get(version_code="MIIT-2011-300")
    old.effective_to = dt.date(2029, 12, 31)
    old.save()
    new = SmeStandard.objects.create(
        version_code="TEST-2030", name="test", effective_from=dt.date(2030, 1, 1)
    )
    SmeThreshold.objects.create(
        standard=new, industry="other", tier="small", metric="employees", lower_bound=5
    )
    assert sme.table_for(dt.date(2029, 12, 31))["other"].bounds["small"] == (Decimal(10),)
    assert sme.table_for(dt.date(2030, 1, 1))["other"].bounds["small"] == (Decimal(5),)


@pytest.mark.django_db
def test_emptied_table_is_reseeded():
    from unionhub.enterprises.models import SmeStandard

    SmeStandard.objects.all().delete()
    assert sme.table_for(dt.date(2026, 1, 1)) == TABLE
    assert SmeStandard.objects.count() == 1
