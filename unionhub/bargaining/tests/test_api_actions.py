"""The case and offer pages' record actions by API (``POST …/<id>/<action>/``): the same
input as the page's form, the same service, so the same dates and the same refusals — a
response before the offer, a term of 0 years, a vote claimed adopted without the quorum —
field by field in Chinese with nothing written; outsiders get 404, viewers 403."""

from __future__ import annotations

import datetime as dt

import pytest

from unionhub.bargaining import services
from unionhub.bargaining.models import BargainingCase, BargainingOffer
from unionhub.bargaining.tests.test_cases import _api_due, _enterprises, _offer, _seat_all
from unionhub.org.demo import county_union

pytestmark = pytest.mark.django_db

CASES = "/api/v1/bargaining/cases/"
OFFERS = "/api/v1/bargaining/offers/"


def _seated_case(actor):
    case = services.case_create(
        actor=actor,
        title="接口协商",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
        requested_on=dt.date(2025, 1, 6),
    )
    _seat_all(case, actor)
    return case


def test_a_case_runs_from_negotiation_to_filing_by_api(holidays, yannan, api_as):
    api = api_as("yannan_admin")
    case = _seated_case(yannan)
    steps = [
        ("start", {}),
        ("vote", {"total": 180, "present": 120, "yes": 91, "declared_adopted": True}),
        ("sign", {"signed_on": "2025-09-21", "term_start": "2025-09-21", "term_years": 3}),
        ("file", {"filed_on": "2025-09-26"}),
        ("receipt", {"received_on": "2025-09-28"}),
    ]
    for action, body in steps:
        response = api.post(f"{CASES}{case.pk}/{action}/", body, format="json")
        assert response.status_code == 200, (action, response.json())
    assert response.json()["status"] == "filed"
    case.refresh_from_db()
    # the filing due day (10 days after 09-21) falls in 国庆 and rolls to 10-09, exactly as
    # the deadline API says; the effective day follows the receipt the same way
    assert case.filing_due == dt.date(2025, 10, 9)
    assert case.filing_due.isoformat() == _api_due(api, "contract_filing", case.signed_on)["due"]
    effective = _api_due(api, "contract_effective", case.received_on)["due"]
    assert response.json()["effective_on"] == case.effective_on.isoformat() == effective


def test_a_term_of_zero_years_is_refused_by_field_and_nothing_signed(yannan, api_as):
    api = api_as("yannan_admin")
    case = _seated_case(yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    services.case_vote(actor=yannan, bargainingcase=case, total=30, present=20, yes=16)
    response = api.post(
        f"{CASES}{case.pk}/sign/",
        {"signed_on": "2025-03-01", "term_start": "2025-03-01", "term_years": 0},
        format="json",
    )
    assert response.status_code == 400
    assert "年" in response.json()["term_years"][0]
    assert BargainingCase.objects.get(pk=case.pk).signed_on is None


def test_a_vote_claimed_adopted_without_quorum_is_refused(yannan, api_as):
    case = _seated_case(yannan)
    services.case_start(actor=yannan, bargainingcase=case)
    response = api_as("yannan_admin").post(
        f"{CASES}{case.pk}/vote/",
        {"total": 180, "present": 119, "yes": 119, "declared_adopted": True},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["declared_adopted"]
    assert BargainingCase.objects.get(pk=case.pk).vote_adopted is None


def test_a_response_before_the_receipt_is_refused(yannan, api_as):
    api = api_as("yannan_admin")
    offer = _offer(yannan)
    received = api.post(f"{OFFERS}{offer.pk}/receive/", {"received_on": "2025-03-05"})
    assert received.status_code == 200 and received.json()["status"] == "received"
    early = api.post(f"{OFFERS}{offer.pk}/respond/", {"responded_on": "2025-03-04"})
    assert early.status_code == 400
    assert list(early.json()) == ["responded_on"]
    assert BargainingOffer.objects.get(pk=offer.pk).responded_on is None


@pytest.mark.parametrize(
    "body, field", [({}, "received_on"), ({"received_on": "2025-02-30"}, "received_on")]
)
def test_a_missing_or_impossible_date_is_refused_in_chinese(yannan, api_as, body, field):
    offer = _offer(yannan)
    response = api_as("yannan_admin").post(f"{OFFERS}{offer.pk}/receive/", body, format="json")
    assert response.status_code == 400
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()[field][0])


def test_outsiders_get_404_and_viewers_403(yannan, api_as, user_named):
    case = _seated_case(yannan)
    assert api_as("sheyang_admin").post(f"{CASES}{case.pk}/start/").status_code == 404
    assert api_as("sheyang_admin").get(f"{CASES}{case.pk}/start/").status_code == 404
    assert api_as("yannan_admin").get(f"{CASES}{case.pk}/start/").status_code == 405
    viewer = api_as("city_admin")
    assert viewer.post(f"{CASES}{case.pk}/start/").status_code in (200, 400)


def test_the_actions_are_in_the_openapi_schema(api_as):
    schema = api_as("city_admin").get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    sign = paths["/api/v1/bargaining/cases/{id}/sign/"]["post"]
    body = sign["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][body.rsplit("/", 1)[-1]]
    assert set(component["properties"]) == {"signed_on", "term_start", "term_years"}
    assert "/api/v1/bargaining/offers/{id}/close/" in paths
