"""Hygiene check and station form defects (issue #21): the form shows exactly the chosen
station's checklist and stores what was ticked, the detail shows a readable table, date and
time inputs get ISO values, a patrol starts at now, and the 服务设施 tick boxes are laid out
one label per box."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhub.stations import schedule
from unionhub.stations.models import HygieneCheck
from unionhub.stations.tests.conftest import make_station

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_list_station(demo):
    return make_station("T-HYG", hygiene_checklist=["地面清洁", "饮水机正常", "药箱齐全"])


def test_form_shows_exactly_the_station_checklist(own_list_station, client_as):
    url = reverse("stations:hygienecheck_add")
    page = client_as("xiangshui_admin").get(url, {"station": own_list_station.pk}).content.decode()
    items = re.findall(r'name="items" value="([^"]*)"', page)
    assert items == ["地面清洁", "饮水机正常", "药箱齐全"]
    assert "微波炉" not in page  # nothing of the default list


def test_station_select_refetches_only_the_checklist(own_list_station, client_as):
    url = reverse("stations:hygienecheck_add")
    response = client_as("xiangshui_admin").get(
        url, {"station": own_list_station.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<fieldset id="checklist"')
    assert "药箱齐全" in html


def test_record_stores_what_was_ticked(own_list_station, client_as):
    today = schedule.local(timezone.now()).date()
    response = client_as("xiangshui_admin").post(
        reverse("stations:hygienecheck_add"),
        {
            "station": own_list_station.pk,
            "date": today.isoformat(),
            "note": "",
            "items": ["地面清洁", "药箱齐全"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    check = HygieneCheck.objects.get(station=own_list_station, date=today)
    assert check.results == {"地面清洁": True, "饮水机正常": False, "药箱齐全": True}
    assert check.passed is False
    detail = client_as("xiangshui_admin").get(response["Location"]).content.decode()
    assert "{'" not in detail and "&#x27;" not in detail  # no raw Python dict
    table = re.search(r'data-testid="hygiene-results">(.*?)</table>', detail, re.S).group(1)
    assert re.findall(r"<tr><td>([^<]+)</td>", table) == ["地面清洁", "饮水机正常", "药箱齐全"]
    assert "未完成" in table


def test_date_input_gets_an_iso_value(own_list_station, client_as):
    page = client_as("xiangshui_admin").get(reverse("stations:hygienecheck_add")).content.decode()
    value = re.search(r'<input type="date" name="date" value="([^"]*)"', page).group(1)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value


def test_patrol_time_starts_at_now(own_list_station, client_as):
    page = client_as("xiangshui_admin").get(reverse("stations:patrollog_add")).content.decode()
    value = re.search(r'<input type="datetime-local" name="at" value="([^"]*)"', page).group(1)
    now = schedule.local(timezone.now())
    assert value.startswith(now.strftime("%Y-%m-%dT")), value
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value)


def test_facility_boxes_sit_inside_their_own_labels(demo, client_as):
    page = client_as("xiangshui_admin").get(reverse("stations:station_add")).content.decode()
    group = re.search(r'<div id="id_facilities" class="check-choices[^"]*".*?</div>', page, re.S)
    assert group, "facilities are not laid out as a tick-box group"
    labels = re.findall(r'<label class="form-check[^"]*"[^>]*>(.*?)</label>', group.group(0), re.S)
    assert len(labels) >= 5
    for label in labels:
        assert label.count('type="checkbox"') == 1
        assert "form-control" not in label


def test_ticket_list_shows_the_sla_clock(own_list_station, client_as):
    """Issue #21: the ticket list had no 受理截止 / 剩余 / 已超时 columns."""
    import datetime as dt

    from unionhub.stations import choices, services
    from unionhub.stations.models import Ticket

    late = services.ticket_raise(
        actor=None, station=own_list_station, category=choices.TicketCategory.HYGIENE, title="迟了"
    )
    Ticket.objects.filter(pk=late.pk).update(
        acknowledge_due=timezone.now() - dt.timedelta(minutes=35)
    )
    services.ticket_raise(
        actor=None, station=own_list_station, category=choices.TicketCategory.HYGIENE, title="新的"
    )
    page = client_as("xiangshui_admin").get(reverse("stations:ticket_list")).content.decode()
    for header in ("受理截止", "剩余", "已超时"):
        assert f">{header}<" in page
    assert "已超时 35分" in page or "已超时 34分" in page
    assert '<span class="badge bg-red-lt">是</span>' in page
