"""Postings to town / street unions and the rule "at least one full-time social worker per
town, street and zone union": the gaps are the unions without one on the day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.choices import OrgKind
from unionhub.org.demo import county_union
from unionhub.org.models import OrgUnit
from unionhub.socialwork import selectors, services
from unionhub.socialwork.choices import PostingKind, WorkerStatus

pytestmark = pytest.mark.django_db


def _towns(slug):
    return list(
        OrgUnit.objects.filter(parent=county_union(slug), kind=OrgKind.TOWN_FEDERATION).order_by(
            "code"
        )
    )


def _post(worker, union, kind=PostingKind.FULL_TIME, started_on=dt.date(2022, 1, 1), **extra):
    return services.posting_create(
        actor=None, worker=worker, union=union, kind=kind, started_on=started_on, **extra
    )


def test_coverage_shows_every_town_union_and_its_gaps(make_worker, user_named):
    towns = _towns("tinghu")
    _post(make_worker(name="甲"), towns[0])
    _post(make_worker(name="乙"), towns[1], kind=PostingKind.PART_TIME)  # part-time: still a gap
    ended = make_worker(name="丙")
    _post(ended, towns[2], ended_on=dt.date(2024, 12, 31))  # posting over: a gap
    left = make_worker(name="丁", status=WorkerStatus.LEFT, left_on=dt.date(2025, 2, 1))
    _post(left, towns[3])  # the worker left: a gap
    rows = {r.union.pk: r for r in selectors.posting_coverage(user=user_named("tinghu_admin"))}
    assert set(rows) == {t.pk for t in towns}
    assert not rows[towns[0].pk].is_gap and rows[towns[0].pk].workers == ["甲"]
    assert rows[towns[1].pk].is_gap and rows[towns[1].pk].part_time == 1
    assert rows[towns[2].pk].is_gap
    assert rows[towns[3].pk].is_gap
    # the posting counted on its own dates
    on_2024 = selectors.posting_coverage(user=user_named("tinghu_admin"), on=dt.date(2024, 6, 1))
    assert not next(r for r in on_2024 if r.union.pk == towns[2].pk).is_gap


def test_coverage_is_scoped(user_named):
    rows = selectors.posting_coverage(user=user_named("tinghu_admin"))
    assert rows and all(r.union.path.startswith(county_union("tinghu").path) for r in rows)


def test_coverage_query_count_does_not_grow(make_worker, user_named, django_assert_max_num_queries):
    towns = _towns("tinghu")
    user = user_named("tinghu_admin")
    selectors.posting_coverage(user=user)
    for i, town in enumerate(towns):
        _post(make_worker(name=f"社工{i}"), town)
    with django_assert_max_num_queries(4):
        rows = selectors.posting_coverage(user=user)
    assert not any(r.is_gap for r in rows)


@pytest.mark.parametrize(
    ("kind", "code"),
    [(OrgKind.COUNTY_FEDERATION, "not_town_union"), (OrgKind.TOWN_FEDERATION, None)],
)
def test_postings_go_to_town_or_street_unions(make_worker, kind, code):
    union = county_union("tinghu") if kind == OrgKind.COUNTY_FEDERATION else _towns("tinghu")[0]
    if code:
        with pytest.raises(ValidationError) as caught:
            _post(make_worker(), union)
        assert_invalid(caught, code=code, field="union")
    else:
        assert _post(make_worker(), union).union == union


def test_posting_that_ends_before_it_starts_is_refused(make_worker):
    with pytest.raises(ValidationError) as caught:
        _post(make_worker(), _towns("tinghu")[0], ended_on=dt.date(2021, 12, 31))
    assert_invalid(caught, code="ends_before_start", field="ended_on")


def test_no_posting_into_another_county(make_worker, user_named):
    worker = make_worker(slug="sheyang")
    with pytest.raises(ValidationError) as caught:
        services.posting_create(
            actor=user_named("sheyang_admin"),
            worker=worker,
            union=_towns("xiangshui")[0],
            kind=PostingKind.FULL_TIME,
            started_on=dt.date(2022, 1, 1),
        )
    assert_invalid(caught, code="out_of_scope", field="union")
