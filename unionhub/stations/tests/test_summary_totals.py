"""The city roll-up of visit statistics ends with a 合计 row (issue #21)."""

from __future__ import annotations

import re

import pytest

from unionhub.stations.models import Station
from unionhub.stations.tests.samples import SAMPLES

pytestmark = pytest.mark.django_db


def test_county_rollup_has_a_total_row(client_as):
    SAMPLES[Station]("xiangshui")
    SAMPLES[Station]("sheyang")
    response = client_as("city_admin").get("/stations/statistics/")
    rollup = response.context["rollup"]
    page = response.content.decode()
    footer = re.search(r'<tr class="fw-bold" data-testid="total-row">(.*?)</tr>', page, re.S)
    assert footer, "no 合计 row"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", footer.group(1))
    assert cells[0] == "合计"
    assert cells[1] == f"{sum(r['stations'] for r in rollup):,}"
