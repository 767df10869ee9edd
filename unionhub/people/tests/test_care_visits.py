"""Care visits (走访慰问) of model workers live in the one activity ledger: recorded through
the activities service as visit targets linked to the registry, so the person's page and the
activities KPIs count the same rows; refusals carry their code and field and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.activities import services as activities
from unionhub.activities.models import Activity, VisitTarget
from unionhub.activities.tests.samples import activity_in
from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.demo import county_union
from unionhub.people import services
from unionhub.people.tests.samples import modelworker_in

pytestmark = pytest.mark.django_db

TODAY = object()  # placeholder: the boundary "today" is computed inside the test


def _record(**overrides):
    data = {
        "actor": None,
        "model_worker": modelworker_in("yandu"),
        "organiser": county_union("yandu"),
        "held_on": dt.date(2024, 2, 1),
        "kind": "festival",
        "amount": "500.00",
    }
    data.update(overrides)
    if data["held_on"] is TODAY:
        data["held_on"] = timezone.localdate()
    return services.carevisit_record(**data)


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"organiser": None}, "organiser_required", "organiser"),
        ({"held_on": None}, "date_required", "held_on"),
        ({"held_on": dt.date(2999, 1, 1)}, "in_future", "held_on"),
        ({"amount": "-0.01"}, "negative_amount", "amount"),
        ({"organiser": "binhai"}, "outside_organiser_area", "model_worker"),
        ({"activity": "training"}, "not_a_visit", "activity"),
    ],
)
def test_bad_care_visit_is_refused_and_nothing_written(demo, overrides, code, field):
    if overrides.get("organiser") == "binhai":
        overrides["organiser"] = county_union("binhai")
    if overrides.get("activity") == "training":
        overrides["activity"] = activity_in("yandu")
    modelworker_in("yandu")
    before = (Activity.objects.count(), VisitTarget.objects.count())
    with pytest.raises(ValidationError) as caught:
        _record(**overrides)
    assert_invalid(caught, code=code, field=field)
    assert (Activity.objects.count(), VisitTarget.objects.count()) == before


@pytest.mark.parametrize(("held_on", "amount"), [(TODAY, "0.00"), (dt.date(2024, 2, 1), "0.01")])
def test_boundaries_are_accepted(demo, held_on, amount):
    target = _record(held_on=held_on, amount=amount)
    assert target.activity.kind == "visit"
    assert target.category == "model_worker"
    assert target.name == target.model_worker.name


def test_a_person_is_visited_once_per_visit(demo):
    first = _record()
    with pytest.raises(ValidationError) as caught:
        _record(activity=first.activity)
    assert_invalid(caught, code="already_visited", field="model_worker")
    other = modelworker_in("yandu", category="craftsman")
    second = _record(activity=first.activity, model_worker=other)
    assert second.activity == first.activity
    first.activity.refresh_from_db()
    assert first.activity.person_times == 2


def test_the_activities_service_applies_the_same_rules(demo):
    visit = _record().activity
    with pytest.raises(ValidationError) as caught:
        activities.visittarget_create(
            actor=None,
            activity=visit,
            model_worker=modelworker_in("binhai"),
            category="model_worker",
            name="",
        )
    assert_invalid(caught, code="outside_organiser_area", field="model_worker")


def test_the_person_page_and_the_kpis_count_the_same_records(demo, api_as, client_as):
    api = api_as("yandu_admin")
    year = dt.date(2024, 2, 1).year

    def kpis():
        body = api.get("/api/v1/kpis/", {"region": "320903", "year": year}).json()
        return {r["code"]: r for r in body["results"]}

    before = kpis()
    target = _record()
    after = kpis()
    assert after["activities.visits"]["value"] == before["activities.visits"]["value"] + 1
    assert (
        after["activities.visit_person_times"]["value"]
        == before["activities.visit_person_times"]["value"] + 1
    )
    listed = api.get(
        "/api/v1/activities/visit-targets/", {"model_worker": target.model_worker_id}
    ).json()
    assert [r["id"] for r in listed["results"]] == [target.pk]
    assert listed["results"][0]["model_worker"] == target.model_worker_id
    page = client_as("yandu_admin").get(f"/people/{target.model_worker_id}/")
    visits = next(t for t in page.context["related_tables"] if t["title"] == "走访慰问")
    assert len(visits["rows"]) == 1
    assert visits["rows"][0][0] == target.activity.held_on


def test_the_page_records_a_visit_in_the_ledger(demo, client_as):
    person = modelworker_in("yandu")
    response = client_as("yandu_admin").post(
        f"/people/{person.pk}/visit/",
        {
            "organiser": county_union("yandu").pk,
            "held_on": "2024-02-01",
            "kind": "illness",
            "given": "慰问金",
            "amount": "300.00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target = VisitTarget.objects.get(model_worker=person)
    assert target.activity.organiser == county_union("yandu")
    assert target.amount == 300


def test_the_page_refuses_with_the_reason_on_the_field(demo, client_as):
    person = modelworker_in("yandu")
    response = client_as("yandu_admin").post(
        f"/people/{person.pk}/visit/", {"kind": "festival", "amount": "0"}
    )
    assert response.status_code == 400
    assert "organiser" in response.context["form"].errors


def test_another_county_cannot_visit_through_the_page(demo, client_as):
    person = modelworker_in("yandu")
    response = client_as("binhai_admin").get(f"/people/{person.pk}/visit/")
    assert response.status_code == 404


def test_the_menu_entry_opens_the_registry_visits(demo, client_as):
    target = _record()
    other = activities.visittarget_create(
        actor=None, activity=target.activity, name="非名册人员", category="other"
    )
    client = client_as("yandu_admin")
    response = client.get("/people/visits/")
    assert response.status_code == 302
    listed = client.get(response["Location"])
    rows = list(listed.context["page_obj"].object_list)
    assert target in rows and other not in rows
