"""Probe finding 9: an anonymous visit of a station's public pages leaves no session row
(a QR scan per worker per day would otherwise fill django_session); which station the
phone opened rides in a signed cookie, and the phone check-in still works with it."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from unionhub.stations.tests.samples import station_in, ticket_in

pytestmark = pytest.mark.django_db


def test_anonymous_station_pages_create_no_session(demo, client):
    station = station_in("xiangshui")
    ticket = ticket_in("xiangshui")
    for url in (
        f"/stations/s/{station.code}/",
        f"/stations/s/{station.code}/done/",
        f"/stations/t/{ticket.ref}/",
        "/stations/nearby/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_the_phone_check_in_works_with_the_signed_cookie(demo, client):
    station = station_in("xiangshui")
    client.get(f"/stations/s/{station.code}/")
    assert "uh_station_entry" in client.cookies
    response = client.post(
        f"/api/v1/stations/{station.pk}/checkins/",
        {"event_id": "6f0d3c1e-4c2b-4d55-9a43-7d8c1f7f2a10", "occupation": "courier"},
        content_type="application/json",
    )
    assert response.status_code in (201, 400), response.content  # accepted past the gate
    assert response.status_code != 401


def test_a_forged_entry_cookie_does_not_open_the_gate(demo, client):
    station = station_in("xiangshui")
    client.cookies["uh_station_entry"] = f'{{"{station.pk}": "2030-01-01T00:00:00"}}'
    response = client.post(
        f"/api/v1/stations/{station.pk}/checkins/",
        {"event_id": "6f0d3c1e-4c2b-4d55-9a43-7d8c1f7f2a11", "occupation": "courier"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert Session.objects.count() == 0
