"""Every figure of the statutory statistics leads to the records it counts: for every cell of
every table (each county row and each count column), the API list its link names answers a
``count`` equal to the figure, and the web list of the same filter opens — 女性, 党员, 八大群体
and the pending join applications included. A cell the platform cannot link exactly is named
in ``NOT_EXACT`` with the reason."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhub.dashboards.statistics import statistics_tables
from unionhub.dashboards.tests.test_statistics import (  # noqa: F401 — fixture
    AS_OF,
    _member,
    records,
)
from unionhub.dashboards.views import statistics_regions
from unionhub.enterprises.models import EnterpriseUnion
from unionhub.enterprises.tests.factories import make_enterprise, make_union
from unionhub.members.tests.samples import application_in
from unionhub.org.demo import first_town_union
from unionhub.org.models import Region
from unionhub.socialwork import services as socialwork_services
from unionhub.socialwork.models import SocialWorker

pytestmark = pytest.mark.django_db

#: (table number, column key) → why its link lists more than the figure counts
NOT_EXACT: dict[tuple[int, str], str] = {}
#: a date in the past (the fixture has records on both sides of it) and today
PAST = AS_OF
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
    # table 5: unions with and without a chair, before and after PAST, in two counties
    ent = make_enterprise(county="320921", employees=30, founded_on=dt.date(2016, 1, 1))
    no_chair = dt.date(2026, 3, 1)  # after PAST: would move the figure if it were counted
    chairless = make_union([ent], founded_on=no_chair, term_start=no_chair)
    # the form requires a chair; an imported record may lack one
    EnterpriseUnion.objects.filter(pk=chairless.pk).update(chair_name="")
    for founded in (dt.date(2021, 1, 1), dt.date(2026, 2, 1)):
        ent = make_enterprise(county="320924", employees=30, founded_on=dt.date(2016, 1, 1))
        make_union([ent], founded_on=founded, term_start=founded)
    # social workers registered just before and just after PAST ends (local time), today,
    # and one who left
    tz = timezone.get_current_timezone()
    registered = {
        "xiangshui": [dt.datetime(2025, 12, 31, 23, 30), dt.datetime(2026, 1, 1, 0, 10), None],
        "sheyang": [dt.datetime(2025, 6, 1, 9, 0)],
    }
    for slug, moments in registered.items():
        for moment in moments:
            worker = socialwork_services.socialworker_create(
                actor=None,
                name=f"统计社工{slug}{moment}",
                union=first_town_union(slug),
                hired_on=dt.date(2020, 1, 1),
            )
            if moment is not None:
                SocialWorker.objects.filter(pk=worker.pk).update(
                    created_at=timezone.make_aware(moment, tz)
                )
    left = socialwork_services.socialworker_create(
        actor=None,
        name="统计社工离职",
        union=first_town_union("xiangshui"),
        hired_on=dt.date(2020, 1, 1),
    )
    SocialWorker.objects.filter(pk=left.pk).update(
        status="left", created_at=timezone.make_aware(dt.datetime(2025, 1, 1), tz)
    )


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


@pytest.mark.parametrize("when", ["past", "today"])
@pytest.mark.parametrize("username", ["city_admin", "xiangshui_admin"])
def test_every_cell_links_to_as_many_records_as_it_counts(
    more, user_named, client_as, api_as, username, when
):
    user = user_named(username)
    client, api = client_as(username), api_as(username)
    as_of = PAST if when == "past" else timezone.localdate()
    checked = nonzero = 0
    cadres: set[str] = set()
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
        if table.number == 5 and cell.value:
            cadres.add(column.key)
    assert checked >= 14 and nonzero >= 8, (checked, nonzero)
    assert cadres == {"chairs", "social_workers"}, cadres  # table 5 walked with figures > 0


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


def test_cadre_cells_follow_the_date_the_county_and_the_chair(more, user_named):
    """Table 5 between PAST and today: 响水 gains the union founded 2026-01-06 (not the one
    without a chair) and the social workers registered 00:10 on 1 January and today (not the
    one who left); 射阳 gains the union founded 2026-02-01 and no social worker."""
    user = user_named("city_admin")

    def cadres(as_of):
        return {
            (region.code, column.key): cell.value
            for table, region, column, cell in _cells(user, as_of)
            if table.number == 5
        }

    past, today = cadres(PAST), cadres(timezone.localdate())
    assert today[("320921", "chairs")] - past[("320921", "chairs")] == 1
    assert today[("320924", "chairs")] - past[("320924", "chairs")] == 1
    assert today[("320921", "social_workers")] - past[("320921", "social_workers")] == 2
    assert today[("320924", "social_workers")] == past[("320924", "social_workers")] >= 1


@pytest.mark.parametrize(
    ("list_name", "api_path", "param", "value"),
    [
        (
            "enterprises:enterpriseunion_list",
            "/api/v1/enterprise-unions/",
            "founded_before",
            "2025-13-01",
        ),
        (
            "enterprises:enterpriseunion_list",
            "/api/v1/enterprise-unions/",
            "founded_before",
            "31.12.2025",
        ),
        ("enterprises:enterpriseunion_list", "/api/v1/enterprise-unions/", "region_id", "99999999"),
        (
            "socialwork:socialworker_list",
            "/api/v1/socialwork/workers/",
            "registered_before",
            "2025-02-30",
        ),
        ("members:member_list", "/api/v1/members/", "joined_before", "2025-13-01"),  # as before
        ("members:member_list", "/api/v1/members/", "member_on", "2025-12-32"),
    ],
)
def test_a_malformed_cadre_filter_is_refused_in_chinese(
    more, client_as, api_as, list_name, api_path, param, value
):
    """The API answers 400 naming the parameter in Chinese; the page shows the same error at
    the field and lists as if the filter were not given — as the members' date filters do."""
    refused = api_as("city_admin").get(api_path, {param: value})
    assert refused.status_code == 400
    message = refused.json()[param][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    client = client_as("city_admin")
    page = client.get(reverse(list_name), {param: value})
    assert page.status_code == 200
    errors = page.context["filterset"].form.errors
    assert list(errors) == [param] and errors[param][0] == message
    unfiltered = client.get(reverse(list_name)).context["page_obj"].paginator.count
    assert page.context["page_obj"].paginator.count == unfiltered > 0


@pytest.mark.parametrize(
    ("list_name", "api_path"),
    [
        ("enterprises:enterpriseunion_list", "/api/v1/enterprise-unions/"),
        ("socialwork:socialworker_list", "/api/v1/socialwork/workers/"),
        ("enterprises:enterprise_list", "/api/v1/enterprises/"),  # as before
    ],
)
def test_an_unknown_region_code_lists_nothing(more, client_as, api_as, list_name, api_path):
    """``?region=<code>`` names a place; a code that is no region lists no record (never all)."""
    assert api_as("city_admin").get(api_path, {"region": "320921"}).json()["count"] > 0
    assert api_as("city_admin").get(api_path, {"region": "999999"}).json()["count"] == 0
    page = client_as("city_admin").get(reverse(list_name), {"region": "999999"})
    assert page.status_code == 200 and page.context["page_obj"].paginator.count == 0
