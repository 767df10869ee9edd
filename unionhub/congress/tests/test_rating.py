"""The configurable star rubric and the yearly evaluation; the rating in force and its KPIs."""

import pytest
from django.core.exceptions import ValidationError

from unionhub.congress import services
from unionhub.congress.models import RubricItem
from unionhub.congress.rubric_default import ensure_default_rubric
from unionhub.congress.tests.samples import congress_in
from unionhub.core.testing.assertions import assert_invalid

pytestmark = pytest.mark.django_db


def _score(evaluation, total_share=1.0, veto=False):
    items = RubricItem.objects.filter(rubric=evaluation.rubric)
    points = {i.pk: int(i.max_points * total_share) for i in items if not i.is_veto}
    vetoes = {i.pk for i in items if i.is_veto} if veto else set()
    return services.evaluation_score(
        actor=None, evaluation=evaluation, points=points, vetoes=vetoes
    )


def test_evaluation_uses_the_rubric_in_force_and_computes_stars(demo):
    ensure_default_rubric()
    evaluation = services.evaluation_create(actor=None, congress=congress_in("sheyang"), year=2025)
    assert evaluation.scores.count() == RubricItem.objects.filter(rubric=evaluation.rubric).count()
    _score(evaluation)
    assert evaluation.total_points == 100
    final = services.evaluation_finalize(actor=None, evaluation=evaluation)
    assert final.stars == 5 and final.is_current
    with pytest.raises(ValidationError) as caught:
        _score(final)
    assert_invalid(caught, code="evaluation_final", field="status")


def test_veto_item_means_no_star(demo):
    ensure_default_rubric()
    evaluation = services.evaluation_create(actor=None, congress=congress_in("sheyang"), year=2024)
    _score(evaluation, veto=True)
    assert services.evaluation_finalize(actor=None, evaluation=evaluation).stars == 0


def test_points_above_an_items_maximum_are_refused(demo):
    ensure_default_rubric()
    evaluation = services.evaluation_create(actor=None, congress=congress_in("sheyang"), year=2025)
    item = RubricItem.objects.filter(rubric=evaluation.rubric, is_veto=False).first()
    with pytest.raises(ValidationError) as caught:
        services.evaluation_score(
            actor=None, evaluation=evaluation, points={item.pk: item.max_points + 1}
        )
    assert_invalid(caught, code="points_out_of_range", field=f"item_{item.pk}")


def test_no_rubric_for_the_year_is_refused(demo):
    ensure_default_rubric()  # valid from 2020
    with pytest.raises(ValidationError) as caught:
        services.evaluation_create(actor=None, congress=congress_in("sheyang"), year=2019)
    assert_invalid(caught, code="no_rubric", field="year")


def test_latest_final_evaluation_is_the_rating_in_force_and_counted(demo, api_as):
    ensure_default_rubric()
    congress = congress_in("sheyang")
    old = services.evaluation_create(actor=None, congress=congress, year=2024)
    _score(old)
    services.evaluation_finalize(actor=None, evaluation=old)
    new = services.evaluation_create(actor=None, congress=congress, year=2025)
    _score(new, total_share=0.95)  # 88 points: 4 stars
    services.evaluation_finalize(actor=None, evaluation=new)
    old.refresh_from_db()
    assert not old.is_current
    api = api_as("sheyang_admin")
    body = api.get("/api/v1/kpis/", {"region": "320924"}).json()
    figures = {r["code"]: r for r in body["results"]}
    assert figures["congress.four_star_plus"]["value"] == 1
    assert figures["congress.five_star"]["value"] == 0
    listed = api.get(figures["congress.four_star_plus"]["records_url"]).json()
    assert listed["count"] == 1
    assert listed["results"][0]["year"] == 2025
