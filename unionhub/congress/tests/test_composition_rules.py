"""The dated composition-rule table (domain.md §4): the seeded row, the rule in force on the
day a list is confirmed, the front-line boundary (refused) and the managers ceiling
(warned) — table-driven."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.congress import services
from unionhub.congress.models import CompositionRule
from unionhub.congress.tests.samples import open_congress_in
from unionhub.core.testing.assertions import assert_invalid

pytestmark = pytest.mark.django_db

STRICTER_FROM = dt.date(2027, 1, 1)


def _reps(congress, **counts):
    for category, n in counts.items():
        for i in range(n):
            services.representative_create(
                actor=None, congress=congress, name=f"{category}{i}", category=category
            )


def test_the_migration_seeds_the_rule_of_domain_md():
    rule = CompositionRule.in_force_on(dt.date(2026, 12, 1))
    assert (rule.valid_from, rule.frontline_min_percent, rule.managers_max_percent) == (
        dt.date(2012, 4, 1),
        50,
        20,
    )
    assert CompositionRule.in_force_on(dt.date(2012, 3, 31)) is None


@pytest.mark.parametrize(
    ("frontline", "others", "on", "refused"),
    [
        (5, 5, dt.date(2026, 12, 31), False),  # 50 % under the 50 % rule: at the boundary
        (4, 5, dt.date(2026, 12, 31), True),  # 44.4 %
        (5, 5, STRICTER_FROM, True),  # 50 % under the 60 % rule from 2027-01-01
        (6, 4, STRICTER_FROM, False),  # 60 %: at the new boundary
        (6, 4, STRICTER_FROM - dt.timedelta(days=1), False),  # the day before: still 50 %
        (59, 41, STRICTER_FROM, True),  # 59 %
    ],
)
def test_the_rule_in_force_on_the_confirmation_day_applies(demo, frontline, others, on, refused):
    CompositionRule.objects.create(
        valid_from=STRICTER_FROM, frontline_min_percent=60, managers_max_percent=20
    )
    congress = open_congress_in("sheyang")
    _reps(congress, frontline=frontline, technician=others)
    if refused:
        with pytest.raises(ValidationError) as caught:
            services.congress_confirm_list(actor=None, congress=congress, on=on)
        assert_invalid(caught, code="frontline_share_low", field="representatives")
        message = str(caught.value.error_dict["representatives"][0].message)
        assert ("不得低于 60%" if on >= STRICTER_FROM else "不得低于 50%") in message
        congress.refresh_from_db()
        assert congress.list_status == "draft"
    else:
        services.congress_confirm_list(actor=None, congress=congress, on=on)
        congress.refresh_from_db()
        assert congress.list_status == "confirmed"


@pytest.mark.parametrize(
    ("managers", "frontline", "cap", "warned"),
    [
        (2, 8, 20, False),  # 20 % at a 20 % ceiling
        (3, 7, 20, True),  # 30 %
        (3, 7, 30, False),  # 30 % at a 30 % ceiling
    ],
)
def test_the_managers_ceiling_is_the_rule_of_the_day(demo, managers, frontline, cap, warned):
    CompositionRule.objects.create(
        valid_from=STRICTER_FROM, frontline_min_percent=50, managers_max_percent=cap
    )
    congress = open_congress_in("sheyang")
    _reps(congress, frontline=frontline, manager=managers)
    result = services.congress_confirm_list(actor=None, congress=congress, on=STRICTER_FROM)
    codes = {w.code for w in result.warnings}
    assert ("managers_share_high" in codes) is warned
