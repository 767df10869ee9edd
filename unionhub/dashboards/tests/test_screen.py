"""The big screen may stand in a public hall: no count from 1 to 4 (domain.md §11.3.6), no
names, phones or ID numbers — only aggregates."""

from __future__ import annotations

import json
import re

import pytest

from unionhub.dashboards import selectors
from unionhub.members.models import Member
from unionhub.members.tests.samples import member_in
from unionhub.stations.tests.samples import checkin_in

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r'data-figure="[^"]*">([^<]*)<')
SCRIPT = re.compile(r'<script id="(c-[a-z]+)" type="application/json">(.*?)</script>', re.S)


@pytest.mark.parametrize(
    ("n", "shown"),
    [(0, "0"), (1, "<5"), (2, "<5"), (4, "<5"), (5, "5"), (1234, "1,234")],
)
def test_suppression_rule(n, shown):
    assert selectors.suppressed(n) == shown


@pytest.fixture
def few(demo):
    # 响水: three members and three station visits today — each a count below 5
    for _ in range(3):
        member_in("xiangshui")
    for _ in range(3):
        checkin_in("xiangshui")


def _bar_values(options: dict) -> list:
    values = []
    for series in options.get("series", []):
        if series.get("type") == "bar":
            for item in series["data"]:
                values.append(item["value"] if isinstance(item, dict) else item)
    return values


@pytest.mark.parametrize("username", ["city_admin", "xiangshui_admin"])
def test_screen_never_shows_a_count_from_1_to_4(few, client_as, username):
    response = client_as(username).get("/dashboards/screen/")
    assert response.status_code == 200
    text = response.content.decode()
    figures = FIGURE.findall(text)
    assert figures, "the screen shows figures"
    for figure in figures:
        assert figure.strip() not in {"1", "2", "3", "4"}, figure
    assert "<5" in text or "&lt;5" in text
    for chart_id, payload in SCRIPT.findall(text):
        for value in _bar_values(json.loads(payload)):
            assert value not in (1, 2, 3, 4), (chart_id, value)


def test_screen_shows_no_personal_data(few, client_as):
    text = client_as("city_admin").get("/dashboards/screen/").content.decode()
    for member in Member.objects.all():
        assert member.name not in text
    assert not re.search(r"1[3-9]\d{9}", text)  # no phone number
    assert not re.search(r"\d{17}[\dX]", text)  # no ID number


def test_htmx_refresh_returns_the_panel_only(few, client_as):
    response = client_as("city_admin").get("/dashboards/screen/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'data-testid="cockpit-figures"' in text


def test_county_screen_holds_only_its_county(few, client_as):
    text = client_as("xiangshui_admin").get("/dashboards/screen/").content.decode()
    assert "响水县" in text
    assert "射阳县" not in text and "东台市" not in text


@pytest.mark.parametrize(("visits", "shown"), [(4, "<5"), (5, "5")])
def test_every_visit_figure_hides_four_and_shows_five(demo, client_as, visits, shown):
    """The boundary of §11.3.6 on each figure the screen draws from station visits: the
    24-hour total, the bar of the hour and the county's bar of the week."""
    import datetime as dt

    from django.utils import timezone

    from unionhub.stations.models import CheckIn

    xiangshui = CheckIn.objects.filter(station__region__path__startswith="320900/320921/")
    if xiangshui.exists():
        pytest.skip("the demo already holds visits in 响水")
    at = (timezone.now() - dt.timedelta(hours=1)).replace(minute=30)
    for _ in range(visits):
        checkin_in("xiangshui")
    xiangshui.update(at=at)

    text = client_as("xiangshui_admin").get("/dashboards/screen/").content.decode()
    day = re.search(r'data-figure="checkins.day">([^<]*)<', text).group(1)
    assert day.replace("&lt;", "<") == shown
    charts = {chart_id: json.loads(payload) for chart_id, payload in SCRIPT.findall(text)}
    hour_bars = [b for b in charts["c-hours"]["series"][0]["data"] if b != {"value": 0}]
    (county_bar,) = charts["c-checkins"]["series"][0]["data"]
    for bar in (hour_bars[0], county_bar):
        if shown == "<5":
            assert bar["value"] == 0 and bar["label"]["formatter"] == "<5"
        else:
            assert bar["value"] == 5 and "formatter" not in bar.get("label", {})
    assert len(hour_bars) == 1
