"""The hall display account (role ``screen_viewer``, demo ``city_screen``): the big screen of
its region and nothing else. Every registered page and API (the URL registry walked as the
scope matrix does) refuses it — 403, or a redirect away — except the screen and the pages
open to everybody; every write endpoint refuses it and writes nothing; the screen shows only
aggregates of its own region; the session stays alive while the screen refreshes."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from unionhub.core.testing.scope_matrix import UNSCOPED, endpoints
from unionhub.core.tests.test_write_matrix import CHECKED, _payload, _send, _state, _target
from unionhub.core.tests.test_write_matrix import _url as _url_of
from unionhub.dashboards import selectors

pytestmark = pytest.mark.django_db

HALL = "city_screen"
SCREEN = "dashboards:screen"

# Open to everybody, signed in or not (test_anonymous.py's list): public forms, the station
# finder, login/logout, the API description, the language switch.
PUBLIC = {name for name, reason in UNSCOPED.items() if "public" in reason or "no login" in reason}
PUBLIC |= {"healthz", "schema", "api-docs", "accounts:login", "accounts:logout", "set_language"}
PUBLIC |= {"members:join_employers", "api-token"}
#: the account's own password (the password policy applies to every account) and the
#: top bar's to-do count (204, nothing for an account without to-dos)
OWN = {"accounts:password_change", "todo:badge"}

REFUSED = (302, 400, 401, 403, 404, 405)


def _url(endpoint) -> str:
    kwargs = {p: 1 for p in endpoint.params}
    if endpoint.is_download:
        kwargs["format"] = "xlsx"
    if endpoint.name:
        return reverse(endpoint.name, kwargs=kwargs)
    route = "/" + endpoint.route
    for p in endpoint.params:
        route = re.sub(rf"<(?:\w+:)?{p}>", "1", route)
    return route


READS = [
    e
    for e in endpoints()
    if e.name not in PUBLIC
    and e.name not in OWN
    and e.name != SCREEN
    and not e.route.startswith("__")
]


@pytest.fixture
def hall(client_as):
    client = client_as(HALL)
    client.get(reverse(SCREEN))  # the first request after a login saves the session
    return client


def test_the_role_holds_the_screen_permission_only(user_named):
    user = user_named(HALL)
    assert list(user.roles.values_list("code", flat=True)) == ["screen_viewer"]
    assert user.get_all_permissions() == {"dashboards.view_screen"}
    assert user.scope_display  # its region: the city union's subtree
    assert not user.has_perm("accounts.view_personal_data")


@pytest.mark.parametrize("endpoint", READS, ids=lambda e: e.name or e.route)
def test_every_other_page_and_api_refuses_the_hall_account(endpoint, hall, api_as):
    url = _url(endpoint)
    client = api_as(HALL) if endpoint.is_api else hall
    response = client.get(url)
    if endpoint.is_api and response.status_code == 200:
        # the API holds no permission for it: nothing of anyone (an empty list)
        data = response.json()
        rows = data.get("results", data.get("kpis", [])) if isinstance(data, dict) else data
        assert rows == [], f"{url}: {str(data)[:200]}"
        return
    if response.status_code == 302:  # a redirect away, never a page of data
        location = response["Location"]
        assert location.startswith((reverse(SCREEN), reverse("accounts:login"))), location
        return
    assert response.status_code in REFUSED, f"{url}: {response.status_code}"


def test_home_sends_the_hall_account_to_the_screen(hall):
    response = hall.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(SCREEN)


def test_other_accounts_keep_their_home(client_as):
    assert client_as("city_admin").get(reverse("core:home")).status_code == 200


@pytest.mark.parametrize("endpoint", CHECKED, ids=lambda e: e.key)
def test_no_write_endpoint_accepts_the_hall_account(endpoint, hall, api_as):
    """The write matrix's own payloads, on a record inside the account's region."""
    obj = _target(endpoint, "xiangshui")
    url = _url_of(endpoint, obj)
    payload = _payload(endpoint, "xiangshui", obj)  # may create the records it refers to
    before = _state(endpoint, obj)
    client = api_as(HALL) if endpoint.is_api else hall
    response = _send(endpoint, client, url, payload)
    assert response.status_code in (403, 405), f"{endpoint.key}: {response.status_code}"
    assert _state(endpoint, obj) == before


def test_the_screen_shows_its_region_in_aggregates(hall, user_named):
    response = hall.get(reverse(SCREEN))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="cockpit"' in text
    assert reverse("dashboards:city") not in text  # no way out to pages it may not open
    # the same figures the city's administrator sees on the screen
    admin = selectors.screen_data(user=user_named("city_admin"))
    hall_data = selectors.screen_data(user=selectors.screen_reader(user_named(HALL)))
    assert hall_data["totals"].keys() == admin["totals"].keys()
    assert {c: t["display"] for c, t in hall_data["totals"].items()} == {
        c: t["display"] for c, t in admin["totals"].items()
    }
    assert hall_data["tiles"] == admin["tiles"]


def test_the_refresh_answers_the_panel(hall):
    response = hall.get(reverse(SCREEN), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="cockpit-figures"' in text and "<html" not in text


def test_the_reader_lends_no_permission_outside_the_screen(user_named):
    user = user_named(HALL)
    reader = selectors.screen_reader(user)
    assert reader.has_perm("members.view_member")  # the screen's own aggregates
    assert not user.has_perm("members.view_member")  # the account itself: nothing
    assert not reader.has_perm("members.change_member")
    assert not reader.has_perm("accounts.view_personal_data")
    # an administrator is read as itself
    admin = user_named("city_admin")
    assert selectors.screen_reader(admin) is admin


def test_the_session_lives_while_the_screen_refreshes(hall, settings):
    """The screen refreshes every 60 s; a request pushes the idle expiry (2 h) forward at
    least every SESSION_TOUCH_INTERVAL (5 min), so the session of an open screen never
    reaches its idle timeout. Here: a session 1 minute from expiry, last touched 5 minutes
    ago, is pushed back to 2 hours by one refresh."""
    import datetime as dt
    import time

    from django.utils import timezone

    assert 60 < settings.SESSION_TOUCH_INTERVAL < settings.SESSION_COOKIE_AGE
    page = hall.get(reverse(SCREEN)).content.decode()
    assert 'hx-trigger="every 60s"' in page
    session = hall.session
    session["_touched"] = int(time.time()) - settings.SESSION_TOUCH_INTERVAL
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + dt.timedelta(minutes=1)
    )
    assert hall.get(reverse(SCREEN), HTTP_HX_REQUEST="true").status_code == 200
    expiry = Session.objects.get(session_key=session.session_key).expire_date
    left = expiry - timezone.now()
    assert dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < left
