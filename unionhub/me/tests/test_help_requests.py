"""我的求助 on /me/ (issue #21): a help request sent from a station's page by a signed-in worker
records the account (``Ticket.submitted_by``); /me/ lists the worker's own requests — also
those sent from a phone the station knows by the member's number (the station's HMAC visitor
token) — with their status and timeline, never another worker's; and the member code
refreshes itself before it expires."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from unionhub.members.models import Member
from unionhub.stations import choices, services
from unionhub.stations.models import Ticket
from unionhub.stations.tests.conftest import make_station

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(demo):
    from unionhub.accounts.models import User
    from unionhub.me import demo as me_demo
    from unionhub.points import demo as points_demo

    points_demo.load_core()
    me_demo.load()
    return User.objects.get(username="funing_worker")


@pytest.fixture
def other_worker(worker):
    from unionhub.accounts.demo import ensure_user

    return ensure_user("funing_worker2", "李四", worker.org_unit, ["worker"])


@pytest.fixture
def station(demo):
    return make_station("T-HELP")


def _ask(client, station, category=choices.TicketCategory.HYGIENE, text="厕所没有纸"):
    return client.post(
        reverse("stations:phone_help", args=[station.code]),
        {"category": category, "description": text},
    )


def _raise(station, **kwargs):
    return services.ticket_raise(
        actor=None,
        station=station,
        category=choices.TicketCategory.EQUIPMENT,
        source=choices.TicketSource.WORKER,
        title="求助：设备",
        **kwargs,
    )


def test_a_signed_in_workers_request_records_the_account(worker, station, client):
    client.force_login(worker)
    response = _ask(client, station)
    assert response.status_code == 302
    ticket = Ticket.objects.get(station=station)
    assert ticket.submitted_by == worker
    assert response.url == reverse("stations:public_ticket", args=[ticket.ref])


def test_an_anonymous_request_records_no_account(station, client):
    assert _ask(client, station).status_code == 302
    assert Ticket.objects.get(station=station).submitted_by is None


def test_my_page_lists_my_requests_with_status_and_timeline(worker, station, client):
    client.force_login(worker)
    _ask(client, station)
    ticket = Ticket.objects.get(station=station)
    services.ticket_acknowledge(actor=None, ticket=ticket, note="马上处理")
    html = client.get(reverse("me:home")).content.decode()
    section = html[html.index('data-testid="me-help"') :]
    assert ticket.title in section and station.name in section
    assert reverse("stations:public_ticket", args=[ticket.ref]) in section
    assert re.search(r'data-testid="me-help-status">已受理<', section)
    assert "马上处理" in section  # the timeline's note
    assert "办结 · 剩余" in section  # the clock of the step it waits for


def test_another_workers_requests_are_never_shown(worker, other_worker, station, client):
    mine = _raise(station, submitted_by=worker)
    theirs = _raise(station, submitted_by=other_worker)
    strangers_phone = _raise(station, visitor=services.visitor_token("phone", "13900000000"))
    anonymous = _raise(station)
    from unionhub.me.selectors import my_help_requests

    member = Member.objects.get(account=worker)
    assert [t.pk for t in my_help_requests(user=worker, member=member)] == [mine.pk]
    assert [t.pk for t in my_help_requests(user=other_worker)] == [theirs.pk]
    client.force_login(other_worker)
    html = client.get(reverse("me:home")).content.decode()
    for ticket in (mine, strangers_phone, anonymous):
        assert reverse("stations:public_ticket", args=[ticket.ref]) not in html
    assert reverse("stations:public_ticket", args=[theirs.ref]) in html


@pytest.mark.parametrize("kind", ["phone", "member"])
def test_a_request_from_my_phone_is_mine(worker, station, kind):
    """The station's page remembers a phone by the HMAC token of the number (or member id)
    it checked in with; a help request sent from it is the member's even when signed out."""
    from unionhub.me.selectors import my_help_requests

    member = Member.objects.get(account=worker)
    value = member.phone if kind == "phone" else str(member.pk)
    ticket = _raise(station, visitor=services.visitor_token(kind, value))
    assert [t.pk for t in my_help_requests(user=worker, member=member)] == [ticket.pk]


def test_no_help_requests_says_how(worker, client):
    client.force_login(worker)
    html = client.get(reverse("me:home")).content.decode()
    assert 'data-testid="me-help-empty"' in html


def test_query_count_does_not_grow_with_requests(
    worker, station, client, django_assert_max_num_queries
):
    client.force_login(worker)
    _raise(station, submitted_by=worker)
    with django_assert_max_num_queries(40) as first:
        assert client.get(reverse("me:home")).status_code == 200
    for _ in range(4):
        ticket = _raise(station, submitted_by=worker)
        services.ticket_acknowledge(actor=None, ticket=ticket)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(reverse("me:home")).status_code == 200


# --- the member code refreshes itself ---------------------------------------------------------


@pytest.mark.parametrize(
    ("max_age", "refresh"),
    [(600, 540), (120, 60), (30, 15), (10, 10)],
)
def test_code_refreshes_before_it_expires(max_age, refresh, settings):
    from unionhub.me.selectors import code_refresh_seconds

    settings.MEMBER_CODE_MAX_AGE = max_age
    assert code_refresh_seconds() == refresh
    assert code_refresh_seconds() <= max_age


def test_code_page_has_the_refresh_and_countdown(worker, client):
    client.force_login(worker)
    html = client.get(reverse("me:home")).content.decode()
    assert re.search(r'<img[^>]+data-me-code[^>]+data-refresh="540"', html)
    assert re.search(r"data-me-code-countdown>09:00<", html)
    assert '<script src="/static/me/code.js">' in html
    assert "<script>" not in html  # no inline script (CSP)
    assert finders.find("me/code.js")
