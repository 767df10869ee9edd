"""The done-when figures: from the demo records, ``GET /api/v1/kpis/?region=320922`` and
``=320904`` give 滨海's and 大丰's figures, each ``records_url`` count equal to the value; the
lists and pages keep a constant number of queries."""

from __future__ import annotations

import pytest

from unionhub.activities import demo as activities_demo
from unionhub.core.middleware import acting_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(demo):
    with acting_as(None):
        activities_demo.load()


def _kpis(api, region: str) -> dict:
    body = api.get("/api/v1/kpis/", {"region": region}).json()
    return {r["code"]: r for r in body["results"]}


def _listed(api, url: str) -> dict:
    return api.get(url + ("&" if "?" in url else "?") + "page_size=500").json()


def test_binhai_figures_are_changfa_records(figures, api_as):
    api = api_as("binhai_admin")
    kpis = _kpis(api, "320922")
    expected = {
        "activities.trainings": 11,
        "activities.training_person_times": 2340,
        "activities.lectures": 4,
        "activities.visits": 4,
        "activities.visit_person_times": 34 + 73,
    }
    for code, value in expected.items():
        assert kpis[code]["value"] == value, code
    for code in ("activities.trainings", "activities.lectures", "activities.visits"):
        assert _listed(api, kpis[code]["records_url"])["count"] == kpis[code]["value"]
    targets = _listed(api, kpis["activities.visit_person_times"]["records_url"])
    assert targets["count"] == 107
    categories = [t["category"] for t in targets["results"]]
    party = sum(c in ("old_party_member", "party_member_in_difficulty") for c in categories)
    assert (party, len(categories) - party) == (34, 73)
    trainings = _listed(api, kpis["activities.training_person_times"]["records_url"])
    assert sum(t["person_times"] for t in trainings["results"]) == 2340
    lectures = _listed(api, kpis["activities.lectures"]["records_url"])["results"]
    assert {r["series"] for r in lectures} == {"新思想 职工讲"}


def test_dafeng_figures_are_the_shows_records(figures, api_as):
    api = api_as("dafeng_admin")
    kpis = _kpis(api, "320904")
    assert kpis["culture.shows"]["value"] == 15
    assert kpis["culture.programmes"]["value"] > 100
    assert kpis["culture.performers"]["value"] > 1500
    assert kpis["culture.shows_planned"]["value"] == 15
    for code in ("culture.shows", "culture.programmes", "culture.performers"):
        assert _listed(api, kpis[code]["records_url"])["count"] == kpis[code]["value"], code
    plans = _listed(api, kpis["culture.shows_planned"]["records_url"])["results"]
    assert sum(p["shows_planned"] for p in plans) == 15
    year = api.get("/api/v1/kpis/").json()["year"]
    next_year = api.get("/api/v1/kpis/", {"region": "320904", "year": year + 1})
    if next_year.status_code == 200:  # a future year may be refused by the KPI service
        values = {r["code"]: r["value"] for r in next_year.json()["results"]}
        assert values["culture.shows_planned"] == 15
    shows = _listed(api, "/api/v1/culture/shows/?region=320904&is_special=true")
    assert shows["count"] >= 5  # themed specials


def test_another_county_sees_none_of_it(figures, api_as):
    api = api_as("sheyang_admin")
    assert api.get("/api/v1/kpis/", {"region": "320922"}).status_code == 404
    listed = _listed(api, "/api/v1/activities/activities/?region=320922")
    assert listed["count"] == 0


def test_demo_is_idempotent(figures):
    from unionhub.activities.models import Activity, Performer

    counts = (Activity.objects.count(), Performer.objects.count())
    with acting_as(None):
        activities_demo.load()
    assert (Activity.objects.count(), Performer.objects.count()) == counts


@pytest.mark.parametrize(
    "url",
    [
        "/activities/",
        "/activities/visit-targets/",
        "/activities/signins/",
        "/activities/culture/shows/",
        "/activities/culture/programmes/",
        "/activities/culture/performers/",
        "/activities/culture/plans/",
        "/activities/culture/plan/",
        "/activities/statistics/",
        "/api/v1/activities/activities/",
        "/api/v1/activities/signins/",
        "/api/v1/culture/performers/",
    ],
)
def test_lists_keep_a_constant_number_of_queries(
    figures, client_as, django_assert_max_num_queries, url
):
    client = client_as("city_admin")
    assert client.get(url + "?page_size=10").status_code == 200  # warm caches
    with django_assert_max_num_queries(25) as small:
        client.get(url + "?page_size=10")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url + "?page_size=100").status_code == 200
