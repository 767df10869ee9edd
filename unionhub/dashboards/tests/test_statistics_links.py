"""Every figure of the statutory statistics leads to the records it counts: for every cell of
every table (each county row and each count column), the API list its link names answers a
``count`` equal to the figure, and the web list of the same filter opens — 女性, 党员, 八大群体
and the pending join applications included. A cell the platform cannot link exactly is named
in ``NOT_EXACT`` with the reason."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone

from unionhub.dashboards.statistics import statistics_tables
from unionhub.dashboards.tests.test_statistics import _member, records  # noqa: F401 — fixture
from unionhub.dashboards.views import statistics_regions
from unionhub.members.tests.samples import application_in
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db

#: (table number, column key) → why its link lists more than the figure counts
NOT_EXACT: dict[tuple[int, str], str] = {
    (5, "chairs"): "the enterprise-union list cannot filter by region or by a named chair yet",
    (5, "social_workers"): "the social-worker list cannot filter by registration date yet",
}
#: cells shown without a link: the sum of the linked cells beside it
NO_LINK: dict[tuple[int, str], str] = {
    (1, "total"): "the sum of the six kinds; the organisation list filters one kind at a time",
}
#: cells whose records have a web list but no API list of the same filter
NO_API: dict[tuple[int, str], str] = {}


@pytest.fixture
def more(records):  # noqa: F811 — the fixture of test_statistics
    day = dt.date(2025, 3, 1)
    for n in range(3):
        _member("sheyang", "320924", day, political_status="probationary" if n else "masses")
    _member("sheyang", "320924", day, is_new_employment=True, key_group="delivery_rider")
    application_in("xiangshui")
    application_in("xiangshui")
    application_in("sheyang")


def _cells(user, as_of):
    city = Region.objects.get(parent__isnull=True)
    tables = statistics_tables(user=user, regions=statistics_regions(user, city), as_of=as_of)
    for table in tables:
        for region, cells in table.rows:
            for column, cell in zip(table.columns, cells, strict=True):
                if column.rate_of is None:
                    yield table, region, column, cell


def _web_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    filterset = response.context["filterset"]
    params = {k for k, _v in parse_qsl(urlsplit(url).query)}
    unknown = params - set(filterset.form.fields) - {"page", "page_size"}
    assert not unknown, f"{url}: the list ignores {unknown}"
    assert filterset.form.is_valid(), f"{url}: {filterset.form.errors}"
    return response.context["page_obj"].paginator.count


@pytest.mark.parametrize("username", ["city_admin", "xiangshui_admin"])
def test_every_cell_links_to_as_many_records_as_it_counts(
    more, user_named, client_as, api_as, username
):
    user = user_named(username)
    client, api = client_as(username), api_as(username)
    as_of = timezone.localdate()
    checked = nonzero = 0
    for table, region, column, cell in _cells(user, as_of):
        where = f"表{table.number} {region.name} {column.label}"
        if (table.number, column.key) in NO_LINK:
            assert not cell.html_url and not cell.api_url, where
            continue
        assert cell.html_url, f"{where}: no link"
        if (table.number, column.key) in NOT_EXACT:
            continue
        listed = _web_count(client, cell.html_url)
        assert listed == cell.value, f"{where}: {cell.value} but {cell.html_url} lists {listed}"
        if cell.api_url:
            response = api.get(cell.api_url)
            assert response.status_code == 200, f"{where}: {cell.api_url} {response.status_code}"
            assert response.json()["count"] == cell.value, f"{where}: {cell.api_url}"
        checked += 1
        nonzero += bool(cell.value)
    assert checked > 20 and nonzero >= 8, (checked, nonzero)


def test_women_party_members_and_pending_figures(more, user_named, api_as):
    """The three cells the issue names, with figures the fixture makes non-zero."""
    user = user_named("city_admin")
    api = api_as("city_admin")
    figures = {}
    for _table, region, column, cell in _cells(user, timezone.localdate()):
        if column.key in ("female", "party", "pending"):
            figures[(column.key, region.code)] = cell
    assert figures[("party", "320924")].value == 2  # two probationary members in 射阳
    assert figures[("pending", "320921")].value == 2
    assert figures[("pending", "320924")].value == 1
    for key in ("female", "party", "pending"):
        assert sum(c.value for (k, _r), c in figures.items() if k == key) > 0, key
    for cell in figures.values():
        assert api.get(cell.api_url).json()["count"] == cell.value, cell.api_url
        assert (
            "gender=female" in cell.html_url
            or "party_member=true" in cell.html_url
            or ("status=pending" in cell.html_url)
        )
