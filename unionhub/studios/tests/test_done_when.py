"""The issue's "done when" for part A, on the demo records: the KPIs of 盐都 and 东台 with
``records_url`` counts equal to the values, the alliance page as yandu_admin (studios by
industry with achievements), the mentoring page as dongtai_admin, constant query counts."""

from __future__ import annotations

import time

import pytest

from unionhub.core.middleware import acting_as
from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.people import demo as people_demo
from unionhub.people.models import ModelWorker
from unionhub.studios import demo as studios_demo
from unionhub.studios.models import Studio

pytestmark = pytest.mark.django_db

CODES = {
    "people.model_workers",
    "studios.total",
    "studios.provincial",
    "studios.alliances",
    "studios.new_products_appraised",
    "mentoring.apprentices",
}


@pytest.fixture
def demo_world(demo):
    enterprise_in("yandu")  # a host enterprise (the enterprises demo is not loaded in tests)
    started = time.monotonic()
    with acting_as(None):
        people_demo.load()
        studios_demo.load()
    elapsed = time.monotonic() - started
    return elapsed


def _kpis(client, region):
    body = client.get("/api/v1/kpis/", {"region": region}).json()
    return {r["code"]: r for r in body["results"] if r["code"] in CODES}


def test_demo_is_fast_and_idempotent(demo_world):
    assert demo_world < 60, demo_world  # gross-regression guard (about 10 s on SQLite)
    counts = (ModelWorker.objects.count(), Studio.objects.count())
    with acting_as(None):
        people_demo.load()
        studios_demo.load()
    assert (ModelWorker.objects.count(), Studio.objects.count()) == counts


def test_yandu_figures_and_their_records(demo_world, api_as):
    client = api_as("yandu_admin")
    kpis = _kpis(client, "320903")
    assert set(kpis) == CODES
    assert kpis["studios.total"]["value"] == 22
    assert kpis["studios.provincial"]["value"] == 3
    assert kpis["studios.alliances"]["value"] == 4
    assert 1100 <= kpis["people.model_workers"]["value"] <= 1300
    for code, kpi in kpis.items():
        assert client.get(kpi["records_url"]).json()["count"] == kpi["value"], code


def test_dongtai_figures_and_their_records(demo_world, api_as):
    client = api_as("dongtai_admin")
    kpis = _kpis(client, "320981")
    assert kpis["studios.new_products_appraised"]["value"] >= 6
    assert kpis["mentoring.apprentices"]["value"] == 8
    for code, kpi in kpis.items():
        assert client.get(kpi["records_url"]).json()["count"] == kpi["value"], code
    # The craftsman who became a provincial model worker, with both honours.
    risen = client.get("/api/v1/people/model-workers/", {"q": people_demo.RISEN_CRAFTSMAN}).json()[
        "results"
    ][0]
    assert (risen["category"], risen["level"]) == ("model_worker", "provincial")
    honours = client.get("/api/v1/people/honours/", {"model_worker": risen["id"]}).json()
    assert {h["level"] for h in honours["results"]} == {"city", "provincial"}
    # 盐都 cannot reach 东台's figures.
    assert api_as("yandu_admin").get("/api/v1/kpis/", {"region": "320981"}).status_code == 404


def test_alliance_page_shows_studios_by_industry_with_achievements(
    demo_world, client_as, django_assert_max_num_queries
):
    client = client_as("yandu_admin")
    with django_assert_max_num_queries(25):
        page = client.get("/studios/board/")
    assert page.status_code == 200
    board = page.context["board"]
    (alliance,) = board
    industries = {b["alliance"].industry: b for b in alliance["industries"]}
    assert set(industries) == {"education", "rural_revitalisation", "health", "marine"}
    yandu_studios = {
        r["studio"].pk
        for b in industries.values()
        for r in b["studios"]
        if r["studio"].region.path.startswith("320900/320903/")
    }
    assert len(yandu_studios) == 22
    assert sum(b["totals"]["patents"] + b["totals"]["products"] for b in industries.values()) > 0
    html = page.content.decode()
    assert "海洋产业" in html and "东强劳模创新工作室" in html  # a 东台 studio in 盐都's alliance


def test_mentoring_page_counts_the_pioneers_apprentices(
    demo_world, client_as, django_assert_max_num_queries
):
    client = client_as("dongtai_admin")
    with django_assert_max_num_queries(15):
        page = client.get("/people/mentoring/")
    rows = {r["mentor__name"]: r for r in page.context["counts"]["per_mentor"]}
    assert rows[people_demo.PIONEER]["apprentices"] == 8
    assert rows[people_demo.PIONEER]["lead_operators"] == 8
    assert list(rows) == [people_demo.PIONEER]  # 盐都's mentors are not shown to 东台


@pytest.mark.parametrize("url", ["/people/", "/studios/", "/people/mentorships/"])
def test_list_pages_have_constant_query_counts(
    demo_world, client_as, url, django_assert_max_num_queries
):
    client = client_as("yandu_admin")
    with django_assert_max_num_queries(20):
        assert client.get(url, {"page_size": 100}).status_code == 200


def test_city_sees_the_roll_up_per_county(demo_world, client_as, django_assert_max_num_queries):
    client = client_as("city_admin")
    client.get("/studios/board/")  # warm the per-user caches (menu, scope, to-do badge)
    with django_assert_max_num_queries(30):
        page = client.get("/studios/board/")
    rows = {r["county"].code: r for r in page.context["rollup"]}
    assert (rows["320903"]["studios"], rows["320903"]["demonstration"]) == (22, 3)
    assert rows["320903"]["alliances"] == 4
    assert rows["320981"]["studios"] == 1
    # A county administrator sees no roll-up (one county only).
    assert client_as("yandu_admin").get("/studios/board/").context["rollup"] == []
