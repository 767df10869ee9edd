"""people/0004 moves the old care-visit rows into the activity ledger: one visit activity per
(union, date, kind, visitor) with the people as registry-linked visit targets, amounts kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("people", "0003_protect_history"), ("activities", "0003_visit_target_model_worker")]
AFTER = [("people", "0004_care_visits_into_activity_ledger")]


@pytest.fixture
def back_to_latest_afterwards():
    """Going back to BEFORE also undoes later migrations of activities (0004 …): every test
    after this one needs the latest schema, whatever the run's order."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_care_visits_become_visit_activities(demo, back_to_latest_afterwards):
    from unionhub.people.tests.samples import modelworker_in

    first, second = modelworker_in("yandu"), modelworker_in("yandu", category="craftsman")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    CareVisit = old.get_model("people", "CareVisit")
    day = dt.date(2024, 2, 1)
    for person, amount in ((first, "800.00"), (second, "500.00")):
        CareVisit.objects.create(
            model_worker_id=person.pk,
            kind="festival",
            visited_on=day,
            visitor="区总工会",
            amount=amount,
        )
    CareVisit.objects.create(
        model_worker_id=first.pk, kind="illness", visited_on=day, visitor="区总工会", amount="0"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from unionhub.activities.models import Activity, VisitTarget

    visits = Activity.objects.filter(kind="visit", held_on=day).order_by("title")
    assert [(v.title, v.person_times) for v in visits] == [
        ("走访慰问劳模（看望病困）", 1),
        ("走访慰问劳模（节日慰问）", 2),
    ]
    # the federation of the person's own town (the nearest union above them)
    assert all(v.organiser.region_id == first.region_id for v in visits)
    festival = VisitTarget.objects.filter(activity=visits[1]).order_by("model_worker_id")
    assert [(t.model_worker_id, t.category, t.amount) for t in festival] == sorted(
        [
            (first.pk, "model_worker", Decimal("800.00")),
            (second.pk, "model_worker", Decimal("500.00")),
        ]
    )
