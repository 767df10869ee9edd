"""Annual assessments: the scoring scheme is data (weighted criteria summing to 100), a
round is held only after its year has ended, totals are the weighted sums, and the ranking
(ties share a place) rates the first places excellent — the awards."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.socialwork import selectors, services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("held_on", "code"),
    [
        (dt.date(2024, 12, 31), "year_not_ended"),  # the last day of the year itself
        (dt.date(2024, 6, 30), "year_not_ended"),
        (dt.date(2025, 1, 1), None),  # the first day after the year
        (dt.date(2025, 1, 20), None),
    ],
)
def test_round_only_after_the_year_has_ended(tinghu_round, held_on, code):
    if code:
        with pytest.raises(ValidationError) as caught:
            tinghu_round(2024, held_on)
        assert_invalid(caught, code=code, field="held_on")
    else:
        assert tinghu_round(2024, held_on).year == 2024


def test_round_cannot_be_dated_in_the_future(tinghu_round, today):
    with pytest.raises(ValidationError) as caught:
        tinghu_round(today.year - 1, today + dt.timedelta(days=1))
    assert_invalid(caught, code="future_date", field="held_on")


def test_one_round_a_year_per_union(tinghu_round):
    tinghu_round(2023, dt.date(2024, 1, 10))
    with pytest.raises(ValidationError) as caught:
        tinghu_round(2023, dt.date(2024, 2, 10))
    assert_invalid(caught, code="duplicate_round", field="year")


@pytest.mark.parametrize(
    ("criteria", "code"),
    [
        ([], None),  # empty → the default scheme
        ([{"name": "县总工会评价", "weight": 60}, {"name": "岗位评价", "weight": 40}], None),
        (
            [{"name": "县总工会评价", "weight": 60}, {"name": "岗位评价", "weight": 39}],
            "weights_sum",
        ),
        (
            [{"name": "县总工会评价", "weight": 60}, {"name": "岗位评价", "weight": 41}],
            "weights_sum",
        ),
        (
            [{"name": "县总工会评价", "weight": 100}, {"name": "岗位评价", "weight": 0}],
            "criterion_weight",
        ),
        ([{"name": "A", "weight": 50}, {"name": "A", "weight": 50}], "criterion_twice"),
        ([{"name": "", "weight": 100}], "criterion_name"),
        ([{"name": "A", "weight": "多"}], "criterion_weight"),
    ],
)
def test_scoring_scheme_rules(tinghu_round, criteria, code):
    if code:
        with pytest.raises(ValidationError) as caught:
            tinghu_round(2022, dt.date(2023, 1, 5), criteria=criteria)
        assert_invalid(caught, code=code, field="criteria")
    else:
        round_ = tinghu_round(2022, dt.date(2023, 1, 5), criteria=criteria)
        assert sum(c["weight"] for c in round_.criteria) == 100


@pytest.mark.parametrize(
    ("scores", "total"),
    [
        (
            {"县总工会评价": 90, "岗位（镇街）评价": 80, "竞赛比武": 70, "荣誉表彰": 60},
            Decimal("79.50"),
        ),
        (
            {"县总工会评价": 100, "岗位（镇街）评价": 100, "竞赛比武": 100, "荣誉表彰": 100},
            Decimal("100.00"),
        ),
        ({"县总工会评价": 0, "岗位（镇街）评价": 0, "竞赛比武": 0, "荣誉表彰": 0}, Decimal("0.00")),
        # 34.2 + 23.1 + 13.5 + 9.975 = 80.775: half up to 80.78
        (
            {"县总工会评价": 85.5, "岗位（镇街）评价": 77, "竞赛比武": 90, "荣誉表彰": 66.5},
            Decimal("80.78"),
        ),
    ],
)
def test_total_is_the_weighted_sum(tinghu_round, make_worker, scores, total):
    round_ = tinghu_round(2024, dt.date(2025, 1, 10))  # default: 40 / 30 / 15 / 15
    worker = make_worker()
    assessment = services.assessment_record(
        actor=None, assessmentround=round_, worker=worker, scores=scores
    )
    assert assessment.total == total


@pytest.mark.parametrize(
    ("score", "code"), [(101, "score_range"), (-1, "score_range"), ("", "score_missing")]
)
def test_scores_outside_0_100_or_missing_are_refused(tinghu_round, make_worker, score, code):
    round_ = tinghu_round(2024, dt.date(2025, 1, 10))
    scores = {c["name"]: 80 for c in round_.criteria}
    scores["竞赛比武"] = score
    with pytest.raises(ValidationError) as caught:
        services.assessment_record(
            actor=None, assessmentround=round_, worker=make_worker(), scores=scores
        )
    assert_invalid(caught, code=code, field="scores")
    assert not round_.assessments.exists()


def test_worker_of_another_county_cannot_be_scored(tinghu_round, make_worker):
    round_ = tinghu_round(2024, dt.date(2025, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.assessment_record(
            actor=None,
            assessmentround=round_,
            worker=make_worker(slug="xiangshui"),
            scores={c["name"]: 80 for c in round_.criteria},
        )
    assert_invalid(caught, code="worker_outside_round", field="worker")


def test_worker_hired_after_the_year_is_not_assessed(tinghu_round, make_worker):
    round_ = tinghu_round(2024, dt.date(2025, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.assessment_record(
            actor=None,
            assessmentround=round_,
            worker=make_worker(hired_on=dt.date(2025, 1, 2)),
            scores={c["name"]: 80 for c in round_.criteria},
        )
    assert_invalid(caught, code="hired_after_year", field="worker")


def test_ranking_shares_places_on_ties_and_rates_the_first_excellent(tinghu_round, make_worker):
    round_ = tinghu_round(
        2024,
        dt.date(2025, 1, 10),
        excellent_quota=2,
        criteria=[{"name": "县总工会评价", "weight": 100}],
    )
    totals = {"甲": 95, "乙": 90, "丙": 90, "丁": 70, "戊": 55}
    for name, score in totals.items():
        services.assessment_record(
            actor=None,
            assessmentround=round_,
            worker=make_worker(name=name),
            scores={"县总工会评价": score},
        )
    ranking = selectors.assessment_ranking(round_)
    assert [(r.assessment.worker.name, r.rank) for r in ranking] == [
        ("甲", 1),
        ("丙", 2),
        ("乙", 2),
        ("丁", 4),
        ("戊", 5),
    ]
    # two excellent places: the tie on the second place takes both
    assert [r.excellent for r in ranking] == [True, True, True, False, False]
    assert [r.passed for r in ranking] == [True, True, True, True, False]
    assert all(r.of == 5 for r in ranking)


def test_correcting_scores_updates_the_same_assessment(tinghu_round, make_worker):
    round_ = tinghu_round(2024, dt.date(2025, 1, 10), criteria=[{"name": "A", "weight": 100}])
    worker = make_worker()
    services.assessment_record(actor=None, assessmentround=round_, worker=worker, scores={"A": 70})
    services.assessment_record(actor=None, assessmentround=round_, worker=worker, scores={"A": 88})
    assert round_.assessments.get().total == Decimal("88.00")


def test_scheme_is_locked_once_scores_exist(tinghu_round, make_worker):
    round_ = tinghu_round(2024, dt.date(2025, 1, 10), criteria=[{"name": "A", "weight": 100}])
    services.assessment_record(
        actor=None, assessmentround=round_, worker=make_worker(), scores={"A": 70}
    )
    with pytest.raises(ValidationError) as caught:
        services.assessmentround_update(
            actor=None,
            assessmentround=round_,
            criteria=[{"name": "A", "weight": 50}, {"name": "B", "weight": 50}],
        )
    assert_invalid(caught, code="criteria_locked", field="criteria")
