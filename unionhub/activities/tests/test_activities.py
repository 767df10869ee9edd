"""The activity ledger's rules: bad input refused with a stable code on the right field and
nothing written; person-times follow the sign-ins and head counts; scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from unionhub.activities import services
from unionhub.activities.choices import ActivityKind, SignInSource
from unionhub.activities.models import Activity, VisitTarget
from unionhub.activities.tests.samples import activity_in, organiser_in, visit_in
from unionhub.core.testing.assertions import assert_invalid

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 1)


def _data(**overrides):
    return {
        "kind": ActivityKind.TRAINING,
        "title": "技能培训",
        "organiser": organiser_in("binhai"),
        "held_on": DAY,
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"head_count": -1}, "head_count", "negative_head_count"),
        ({"cost": Decimal("-0.01")}, "cost", "negative_cost"),
        ({"ends_on": DAY - dt.timedelta(days=1)}, "ends_on", "ends_before_start"),
        ({"kind": "party"}, "kind", "invalid_choice"),
        ({"title": ""}, "title", "blank"),
    ],
)
def test_bad_activity_is_refused_and_nothing_written(demo, overrides, field, code):
    before = Activity.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.activity_create(actor=None, **_data(**overrides))
    assert_invalid(caught, code=code, field=field)
    assert Activity.objects.count() == before


@pytest.mark.parametrize(
    ("head_count", "cost", "ends_on"),
    [(0, Decimal("0.00"), None), (1, Decimal("0.01"), DAY)],  # the boundaries are allowed
)
def test_boundaries_are_accepted(demo, head_count, cost, ends_on):
    activity = services.activity_create(
        actor=None, **_data(head_count=head_count, cost=cost, ends_on=ends_on)
    )
    assert activity.person_times == head_count


def test_person_times_are_sign_ins_once_each_plus_the_head_count(demo):
    activity = services.activity_create(actor=None, **_data(held_on=dt.date.today(), head_count=5))
    for phone in ("13800000001", "13800000002", "13800000001"):  # the first phone twice
        services.signin_record(actor=None, activity=activity, name="张三", phone=phone)
    services.signin_record(actor=None, activity=activity, name="现场", source=SignInSource.WALK_IN)
    activity.refresh_from_db()
    assert activity.signins.count() == 3
    assert activity.person_times == 3 + 5
    services.activity_update(actor=None, activity=activity, head_count=10)
    activity.refresh_from_db()
    assert activity.person_times == 13


def test_visit_person_times_are_the_people_visited(demo):
    visit = visit_in("binhai")
    before = visit.targets.count()
    services.visittarget_create(
        actor=None, activity=visit, name="李四", category="model_worker", given="慰问金"
    )
    visit.refresh_from_db()
    assert visit.person_times == before + 1


def test_people_visited_only_on_a_visit(demo):
    with pytest.raises(ValidationError) as caught:
        services.visittarget_create(
            actor=None, activity=activity_in("binhai"), name="王五", category="other"
        )
    assert_invalid(caught, code="not_a_visit", field="activity")
    with pytest.raises(ValidationError) as caught:
        services.visittarget_create(
            actor=None,
            activity=visit_in("binhai"),
            name="王五",
            category="other",
            amount=Decimal("-1"),
        )
    assert_invalid(caught, code="negative_amount", field="amount")


def test_a_visit_with_targets_stays_a_visit(demo):
    visit = visit_in("binhai")
    if not visit.targets.exists():
        services.visittarget_create(actor=None, activity=visit, name="赵六", category="other")
    with pytest.raises(ValidationError) as caught:
        services.activity_update(actor=None, activity=visit, kind=ActivityKind.TRAINING)
    assert_invalid(caught, code="has_visit_targets", field="kind")
    visit.refresh_from_db()
    assert visit.kind == ActivityKind.VISIT


def test_county_admin_writes_only_in_own_county(user_named):
    admin = user_named("sheyang_admin")
    own = services.activity_create(actor=admin, **_data(organiser=organiser_in("sheyang")))
    assert Activity.objects.visible_to(admin).filter(pk=own.pk).exists()
    with pytest.raises(ValidationError) as caught:
        services.activity_create(actor=admin, **_data(organiser=organiser_in("xiangshui")))
    assert_invalid(caught, code="out_of_scope", field="organiser")
    assert not Activity.objects.filter(
        organiser=organiser_in("xiangshui"), title="技能培训"
    ).exists()
    with pytest.raises(ValidationError):
        services.visittarget_create(
            actor=admin, activity=visit_in("xiangshui"), name="外县", category="other"
        )
    assert not VisitTarget.objects.filter(name="外县").exists()


def test_a_held_visit_without_people_visited_is_a_to_do(api_as):
    visit = services.activity_create(
        actor=None,
        kind=ActivityKind.VISIT,
        title="重阳节走访老党员",
        organiser=organiser_in("binhai"),
        held_on=dt.date.today() - dt.timedelta(days=10),
    )
    items = api_as("binhai_admin").get("/api/v1/todos/", {"page_size": 500}).json()["results"]
    mine = [i for i in items if i["kind"] == "activities.visit_targets" and "重阳节" in i["title"]]
    assert len(mine) == 1 and mine[0]["overdue"]  # 7 days to record them have passed
    assert not any(
        "重阳节" in i["title"]
        for i in api_as("sheyang_admin").get("/api/v1/todos/", {"page_size": 500}).json()["results"]
    )
    services.visittarget_create(
        actor=None, activity=visit, name="孙老", category="old_party_member"
    )
    items = api_as("binhai_admin").get("/api/v1/todos/", {"page_size": 500}).json()["results"]
    assert not any("重阳节" in i["title"] for i in items)
