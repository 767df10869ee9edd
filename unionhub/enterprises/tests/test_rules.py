"""Union status, committee terms and the four target rules, with their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from unionhub.enterprises import dates, rules
from unionhub.enterprises.models import term_state

D = dt.date
TODAY = D(2026, 6, 15)


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2023, 6, 15), 5, D(2028, 6, 14)),  # domain.md §2.1 example
        (D(2023, 6, 15), 3, D(2026, 6, 14)),
        (D(2024, 2, 29), 3, D(2027, 2, 27)),  # Feb 29 → Feb 28 (art. 202), minus one day
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # leap target year keeps Feb 29
        (D(2023, 3, 1), 5, D(2028, 2, 29)),
        (D(2023, 1, 1), 3, D(2025, 12, 31)),
    ],
)
def test_term_end(start, years, end):
    assert dates.term_end(start, years) == end


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
    ],
)
def test_add_months(day, months, result):
    assert dates.add_months(day, months) == result


END = D(2026, 6, 14)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (END - dt.timedelta(days=91), "normal"),
        (END - dt.timedelta(days=90), "normal"),  # exactly 90 days before: still normal
        (END - dt.timedelta(days=89), "due_soon"),
        (END, "due_soon"),
        (END + dt.timedelta(days=1), "overdue"),
        (D(2026, 12, 14), "overdue"),  # end + 6 months: not yet severe
        (D(2026, 12, 15), "severely_overdue"),
    ],
)
def test_term_state(today, state):
    assert term_state(END, today) == state


DELAY = D(2026, 10, 31)  # an approved delay to the end of October


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (END, "due_soon"),  # the delay only counts once the term has ended
        (END + dt.timedelta(days=1), "delay_approved"),
        (DELAY, "delay_approved"),  # the last day of the delay is covered
        (DELAY + dt.timedelta(days=1), "overdue"),
        (D(2026, 12, 15), "severely_overdue"),
    ],
)
def test_term_state_with_an_approved_delay(today, state):
    assert term_state(END, today, DELAY) == state


@pytest.mark.parametrize(
    ("operating_status", "ends", "status"),
    [
        ("operating", [], "not_built"),
        ("suspended", [], "not_built"),
        ("operating", [TODAY], "built"),  # the last day of the term is still in term
        ("operating", [TODAY - dt.timedelta(days=1)], "term_overdue"),
        ("operating", [TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=9)], "built"),
        ("suspended", [TODAY + dt.timedelta(days=100)], "dormant"),
        ("closed", [TODAY - dt.timedelta(days=100)], "dormant"),
    ],
)
def test_union_status(operating_status, ends, status):
    assert (
        rules.union_status(operating_status=operating_status, union_term_ends=ends, today=TODAY)
        == status
    )


BASE = dict(
    status="not_built",
    operating_status="operating",
    founded_on=TODAY,  # brand new: no reason by age
    has_party_org=False,
    ownership="private",
    employees=0,
    is_high_profile=False,
    today=TODAY,
)


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({}, []),
        # one full year: the anniversary counts, the day before does not
        ({"founded_on": D(2025, 6, 15)}, ["operating_1y_no_union"]),
        ({"founded_on": D(2025, 6, 16)}, []),
        ({"founded_on": D(2024, 2, 29), "today": D(2025, 2, 28)}, ["operating_1y_no_union"]),
        ({"founded_on": D(2024, 2, 29), "today": D(2025, 2, 27)}, []),
        ({"has_party_org": True}, ["party_org_no_union"]),
        # 25 employees counts, 24 does not; public ownership never by this rule
        ({"employees": 25}, ["nonpublic_25_no_union"]),
        ({"employees": 24}, []),
        ({"employees": 25, "ownership": "foreign"}, ["nonpublic_25_no_union"]),
        ({"employees": 25, "ownership": "hmt"}, ["nonpublic_25_no_union"]),
        ({"employees": 25, "ownership": "other"}, ["nonpublic_25_no_union"]),
        ({"employees": 500, "ownership": "state"}, []),
        ({"employees": 500, "ownership": "collective"}, []),
        ({"is_high_profile": True}, ["high_profile_no_union"]),
        (
            {
                "founded_on": D(2010, 1, 1),
                "has_party_org": True,
                "employees": 80,
                "is_high_profile": True,
            },
            [
                "operating_1y_no_union",
                "party_org_no_union",
                "nonpublic_25_no_union",
                "high_profile_no_union",
            ],
        ),
        # with a union (of any state) or not operating: never a target
        ({"status": "built", "has_party_org": True}, []),
        ({"status": "term_overdue", "employees": 100}, []),
        ({"status": "dormant", "employees": 100}, []),
        ({"operating_status": "suspended", "employees": 100}, []),
        ({"operating_status": "closed", "is_high_profile": True}, []),
    ],
)
def test_target_rules(changes, reasons):
    assert rules.target_reasons(**{**BASE, **changes}) == reasons


@pytest.mark.django_db
def test_term_state_filter_matches_term_state(demo):
    from django.utils import timezone

    from unionhub.enterprises.filtersets import EnterpriseUnionFilterSet
    from unionhub.enterprises.models import EnterpriseUnion
    from unionhub.enterprises.tests.factories import make_enterprise, make_union

    today = timezone.localdate()
    offsets = [-400, -200, -184, -183, -182, -30, -1, 0, 1, 89, 90, 91, 500]
    for offset in offsets:
        end = today + dt.timedelta(days=offset)
        start = dates.add_years(end + dt.timedelta(days=1), -3)
        make_union([make_enterprise()], founded_on=start, term_start=start, term_years=3)
    unions = list(EnterpriseUnion.objects.all())
    # two overdue unions with an approved delay: one still covering today, one ended
    for until in (today, today - dt.timedelta(days=1)):
        end = today - dt.timedelta(days=30)
        start = dates.add_years(end + dt.timedelta(days=1), -3)
        union = make_union([make_enterprise()], founded_on=start, term_start=start, term_years=3)
        EnterpriseUnion.objects.filter(pk=union.pk).update(delay_until=until)
    unions = list(EnterpriseUnion.objects.all())
    assert {u.term_state(today) for u in unions} >= {"delay_approved", "overdue"}
    for state in ("normal", "due_soon", "delay_approved", "overdue", "severely_overdue"):
        fs = EnterpriseUnionFilterSet({"term_state": state}, queryset=EnterpriseUnion.objects.all())
        assert set(fs.qs) == {u for u in unions if u.term_state(today) == state}, state
