"""Pages: the overview with coverage and the cycle, lists with constant query counts, and
the API read-only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhub.partybuild import services

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _enrol(enterprise_of, n):
    for _ in range(n):
        ent = enterprise_of("jingkai")
        services.participation_create(
            actor=None, enterprise=ent, year=YEAR, launched_on=dt.date(YEAR, 1, 2)
        )
        services.cultivation_create(
            actor=None, enterprise=ent, name="骨干", backbone_on=dt.date(YEAR - 2, 1, 1)
        )


def test_overview_shows_coverage_and_the_cycle_with_due_dates(enterprise_of, client_as):
    _enrol(enterprise_of, 2)
    response = client_as("jingkai_admin").get(reverse("partybuild:overview"))
    assert response.status_code == 200
    codes = [v.code for v in response.context["kpis"]]
    assert "partybuild.party_org_coverage" in codes and "partybuild.union_coverage_25plus" in codes
    board = response.context["board"]
    assert len(board) == 2
    assert all(r.due_on for row in board for r in row["reports"])


@pytest.mark.parametrize(
    "url_name",
    [
        "partybuild:overview",
        "partybuild:participation_list",
        "partybuild:cyclereport_list",
        "partybuild:cultivation_list",
    ],
)
def test_list_pages_take_constant_queries(
    url_name, enterprise_of, client_as, django_assert_max_num_queries
):
    client = client_as("jingkai_admin")
    _enrol(enterprise_of, 2)
    client.get(reverse(url_name))  # warm caches (holiday calendar, scope)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url_name))
    _enrol(enterprise_of, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(url_name)).status_code == 200


def test_api_is_read_only(api_as):
    api = api_as("jingkai_admin")
    assert api.get("/api/v1/partybuild/facts/").status_code == 200
    assert api.post("/api/v1/partybuild/facts/", {}, format="json").status_code == 405
