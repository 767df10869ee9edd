"""domain.md §3.5: present ≥ 2/3 of all, yes > 1/2 of all, integer arithmetic, boundaries."""

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.core.votes import vote_outcome


@pytest.mark.parametrize(
    ("total", "present", "yes", "quorum_met", "adopted"),
    [
        (180, 120, 91, True, True),  # the handbook's example: both thresholds exactly met
        (180, 119, 119, False, False),  # one short of two thirds: no vote whatever the yes
        (180, 120, 90, True, False),  # exactly half of all is not more than half
        (180, 180, 180, True, True),
        (3, 2, 2, True, True),  # 2*3 >= 3*2: two of three is exactly two thirds
        (3, 1, 1, False, False),
        (4, 3, 2, True, False),  # 2 of 4 is not more than half
        (4, 3, 3, True, True),
        (7, 5, 4, True, True),  # 5*3=15 >= 14
        (7, 4, 4, False, False),  # 4*3=12 < 14
        (100, 67, 51, True, True),
        (100, 66, 66, False, False),  # 66 is below two thirds of 100 (66.67)
        (100, 67, 50, True, False),
        (1, 1, 1, True, True),
        (1, 1, 0, True, False),
    ],
)
def test_vote_rule(total, present, yes, quorum_met, adopted):
    outcome = vote_outcome(total=total, present=present, yes=yes)
    assert (outcome.quorum_met, outcome.adopted) == (quorum_met, adopted)


def test_reason_names_the_threshold_missed():
    assert "至少 120 人" in vote_outcome(total=180, present=119, yes=100).reason
    assert "至少 91 票" in vote_outcome(total=180, present=150, yes=90).reason
    assert "草案通过" in vote_outcome(total=180, present=150, yes=91).reason


@pytest.mark.parametrize(
    ("numbers", "field", "code"),
    [
        ({"total": 10, "present": 11, "yes": 5}, "present", "present_exceeds_total"),
        ({"total": 10, "present": 8, "yes": 9}, "yes", "yes_exceeds_present"),
        ({"total": -1, "present": 0, "yes": 0}, "total", "negative"),
        ({"total": 10, "present": -2, "yes": 0}, "present", "negative"),
        ({"total": 10, "present": 5, "yes": -1}, "yes", "negative"),
        ({"total": 0, "present": 0, "yes": 0}, "total", "zero_total"),
    ],
)
def test_inconsistent_numbers_are_refused(numbers, field, code):
    with pytest.raises(ValidationError) as exc:
        vote_outcome(**numbers)
    assert_invalid(exc.value, code=code, field=field)
