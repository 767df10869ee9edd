"""One throttle helper, settings-driven (issue #19, probe finding 5): the public join pages
count with the join API per address, login attempts per address across usernames, the
token endpoint, phone check-ins and help requests — each answers 429 with a Chinese
sentence (pages) or DRF's 429 (API) once its setting's rate is used up."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from unionhub.stations.tests.samples import station_in

pytestmark = pytest.mark.django_db


def test_the_join_page_is_throttled_like_the_api(demo, client, settings):
    settings.MEMBERS_JOIN_THROTTLE_RATE = "2/hour"
    assert client.get("/members/join/").status_code == 200
    for _ in range(2):  # invalid forms count too: every submission is an attempt
        assert client.post("/members/join/", {"name": "张三"}).status_code != 429
    refused = client.post("/members/join/", {"name": "张三"})
    assert refused.status_code == 429
    assert "操作过于频繁" in refused.content.decode()
    assert refused["Retry-After"]
    # the API shares the same allowance (same address, same scope)
    assert APIClient().post("/api/v1/members/applications/", {}, format="json").status_code == 429
    # the page itself still opens
    assert client.get("/members/join/").status_code == 200


def test_the_join_status_page_is_throttled(demo, client, settings):
    settings.MEMBERS_JOIN_STATUS_THROTTLE_RATE = "1/hour"
    client.post("/members/join/status/", {"phone": "13800000000", "code": "X"})
    assert (
        client.post("/members/join/status/", {"phone": "13800000000", "code": "Y"}).status_code
        == 429
    )


def test_login_is_limited_per_address_across_usernames(demo, client, settings):
    settings.LOGIN_IP_RATE = "3/hour"
    for name in ("a1", "a2", "a3"):
        assert (
            client.post("/accounts/login/", {"username": name, "password": "x"}).status_code == 200
        )
    refused = client.post("/accounts/login/", {"username": "a4", "password": "x"})
    assert refused.status_code == 429
    assert "操作过于频繁" in refused.content.decode()
    # another address is not affected
    other = client.post(
        "/accounts/login/", {"username": "a5", "password": "x"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 200


def test_the_token_endpoint_is_throttled(demo, settings):
    settings.API_TOKEN_RATE = "2/hour"
    api = APIClient()
    for _ in range(2):
        assert (
            api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code == 400
        )
    assert api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code == 429


def test_help_requests_from_a_station_page_are_throttled(demo, client, settings):
    settings.PUBLIC_HELP_RATE = "1/hour"
    station = station_in("xiangshui")
    url = f"/stations/s/{station.code}/help/"
    assert client.post(url, {"category": "emergency"}).status_code == 302
    refused = client.post(url, {"category": "emergency"})
    assert refused.status_code == 429 and "操作过于频繁" in refused.content.decode()


def test_phone_check_ins_are_throttled(demo, client, settings):
    settings.PUBLIC_CHECKIN_RATE = "1/hour"
    station = station_in("xiangshui")
    client.get(f"/stations/s/{station.code}/")
    api = f"/api/v1/stations/{station.pk}/checkins/"
    body = {"event_id": "6f0d3c1e-4c2b-4d55-9a43-7d8c1f7f2a12", "phone": "13912345678"}
    assert client.post(api, body, content_type="application/json").status_code != 429
    body["event_id"] = "6f0d3c1e-4c2b-4d55-9a43-7d8c1f7f2a13"
    assert client.post(api, body, content_type="application/json").status_code == 429
    page = client.post(f"/stations/s/{station.code}/", {"phone": "13912345678"})
    assert page.status_code == 429


def test_an_empty_rate_switches_a_limit_off(demo, client, settings):
    settings.LOGIN_IP_RATE = ""
    for n in range(5):
        assert (
            client.post("/accounts/login/", {"username": f"b{n}", "password": "x"}).status_code
            == 200
        )
