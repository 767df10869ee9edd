"""The contract's vote check (contract.md "Workers' congress vote")."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/congress/vote-check/"


@pytest.mark.parametrize(
    ("total", "present", "yes", "quorum", "adopted"),
    [
        (180, 120, 91, True, True),
        (180, 119, 119, False, False),
        (180, 120, 90, True, False),
        (3, 2, 2, True, True),
        (10, 7, 6, True, True),
        (10, 6, 6, False, False),
    ],
)
def test_vote_check(api_as, total, present, yes, quorum, adopted):
    response = api_as("sheyang_admin").post(
        URL, {"total": total, "present": present, "yes": yes}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["quorum_met"], body["adopted"]) == (quorum, adopted)
    assert body["reason"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"total": 10, "present": 11, "yes": 5}, "present"),
        ({"total": 10, "present": 8, "yes": 9}, "yes"),
        ({"total": -1, "present": 0, "yes": 0}, "total"),
        ({"total": 10, "present": 8}, "yes"),
        ({"total": "x", "present": 8, "yes": 1}, "total"),
    ],
)
def test_inconsistent_numbers_are_400(api_as, payload, field):
    response = api_as("sheyang_admin").post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_anonymous_is_refused(client):
    assert client.post(URL, {"total": 1, "present": 1, "yes": 1}).status_code in (401, 403)


def test_htmx_gets_the_tally_fragment(client_as):
    response = client_as("sheyang_admin").post(
        URL, {"total": 10, "present": 6, "yes": 6}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "tally-outcome" in response.content.decode()


def test_session_list_query_count_is_constant(client_as, django_assert_max_num_queries):
    from unionhub.congress.tests.samples import session_in

    for slug in ("sheyang", "funing"):
        session_in(slug)
    client = client_as("city_admin")
    client.get("/congress/sessions/")
    with django_assert_max_num_queries(25):
        assert client.get("/congress/sessions/").status_code == 200
