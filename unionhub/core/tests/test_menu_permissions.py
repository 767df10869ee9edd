"""The side menu follows the pages' own permissions (issue 21): an entry is shown only when
the user holds what its view requires, so station attendants see no 行政区划 or 法定期限计算器,
and no menu link of any role leads to a 403."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from unionhub.core.menu import menu_for, view_permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendant(demo):
    from unionhub.stations.tests.samples import staff_in

    return staff_in("xiangshui").user


def menu_links(html: str) -> set[str]:
    aside = html.split("<aside", 1)[1].split("</aside>", 1)[0]
    return set(re.findall(r'class="nav-link" href="([^"]+)"', aside))


def test_attendant_menu_lacks_pages_they_cannot_open(attendant, client):
    client.force_login(attendant)
    links = menu_links(client.get(reverse("stations:station_list")).content.decode())
    assert reverse("stations:station_list") in links  # their own work is there
    for url_name in ("org:region_list", "calendar:calculator"):
        url = reverse(url_name)
        assert url not in links, url_name
        assert client.get(url).status_code == 403, url_name


def test_city_admin_menu_has_them(client_as):
    client = client_as("city_admin")
    links = menu_links(client.get("/").content.decode())
    for url_name in ("org:region_list", "calendar:calculator"):
        url = reverse(url_name)
        assert url in links, url_name
        assert client.get(url).status_code == 200, url_name


def test_the_calculator_entry_declares_no_permission_yet_follows_its_view():
    from unionhub.core.menu import registered

    item = next(i for i in registered() if i.url_name == "calendar:calculator")
    assert item.permission is None
    assert view_permissions(reverse("calendar:calculator")) == ("calendar.use_calculator",)


@pytest.mark.parametrize("username", ["station", "xiangshui_town", "union_chair"])
def test_no_menu_link_of_a_role_answers_403(username, attendant, client, user_named):
    from unionhub.accounts.demo import ensure_user
    from unionhub.enterprises.tests.samples import union_in

    if username == "station":
        user = attendant
    elif username == "union_chair":
        user = ensure_user("menu_chair", "主席", union_in("xiangshui").org_unit, ["union_chair"])
    else:
        user = user_named(username)
    client.force_login(user)
    urls = [item["url"] for group in menu_for(user) for item in group["items"]]
    assert urls
    refused = [url for url in urls if client.get(url).status_code == 403]
    assert refused == []
