"""Representative composition (domain.md §4) and the star count (§4.1): table-driven at the
boundaries, integer arithmetic."""

import pytest

from unionhub.congress import rules


def _codes(findings):
    return {f.code for f in findings}


@pytest.mark.parametrize(
    ("frontline", "technician", "manager", "refused"),
    [
        (50, 30, 20, False),  # exactly one half front-line: allowed
        (49, 31, 20, True),  # just below one half: refused
        (15, 15, 0, False),  # 15 of 30
        (14, 16, 0, True),
        (1, 0, 0, False),
        (0, 1, 0, True),
    ],
)
def test_frontline_share_at_least_half(frontline, technician, manager, refused):
    result = rules.composition(
        categories={"frontline": frontline, "technician": technician, "manager": manager},
        women=0,
        workforce=0,
        women_workforce=0,
    )
    assert ("frontline_share_low" in _codes(result.refusals)) is refused


@pytest.mark.parametrize(
    ("managers", "leaders", "total", "warned"),
    [(20, 0, 100, False), (19, 2, 100, True), (6, 0, 30, False), (6, 1, 30, True)],
)
def test_managers_and_leaders_at_most_a_fifth(managers, leaders, total, warned):
    result = rules.composition(
        categories={
            "frontline": total - managers - leaders,
            "manager": managers,
            "leader": leaders,
        },
        women=0,
        workforce=0,
        women_workforce=0,
    )
    assert ("managers_share_high" in _codes(result.warnings)) is warned
    assert not result.refusals


@pytest.mark.parametrize(
    ("women", "total", "women_workforce", "workforce", "warned"),
    [
        (30, 100, 300, 1000, False),  # 30 % = 30 %
        (29, 100, 300, 1000, True),
        (10, 30, 100, 300, False),  # 1/3 = 1/3 exactly (no float rounding)
        (9, 30, 100, 300, True),
    ],
)
def test_women_share_matches_workforce(women, total, women_workforce, workforce, warned):
    result = rules.composition(
        categories={"frontline": total},
        women=women,
        workforce=workforce,
        women_workforce=women_workforce,
    )
    assert ("women_share_low" in _codes(result.warnings)) is warned


@pytest.mark.parametrize(
    ("workforce", "needed"),
    [(99, 0), (100, 30), (999, 30), (1000, 100), (9999, 100), (10000, 150)],
)
def test_minimum_representatives_by_workforce(workforce, needed):
    assert rules.minimum_representatives(workforce) == needed


def test_empty_list_is_refused():
    result = rules.composition(categories={}, women=0, workforce=10, women_workforce=0)
    assert _codes(result.refusals) == {"no_representatives"}


THRESHOLDS = [(1, 60), (2, 70), (3, 80), (4, 88), (5, 95)]


@pytest.mark.parametrize(
    ("points", "veto", "stars"),
    [
        (59, False, 0),
        (60, False, 1),
        (87, False, 3),
        (88, False, 4),
        (94, False, 4),
        (95, False, 5),
        (100, False, 5),
        (100, True, 0),  # a veto item means no star whatever the points
    ],
)
def test_stars_from_points_and_vetoes(points, veto, stars):
    assert rules.stars_for(total_points=points, veto_hit=veto, thresholds=THRESHOLDS) == stars
