"""The activities overview's town × type table (#17 "person-times, distinct participants,
per county and town, per type"): each cell's person-times is the sum of the activity list it
links to, each distinct-participants figure the count of the people list it links to; the
table is scoped and keeps a constant number of queries; the Excel download has the same
figures."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.utils import timezone

from unionhub.activities import demo as activities_demo
from unionhub.activities import services
from unionhub.activities.choices import ActivityKind, SignInSource
from unionhub.activities.tests.samples import organiser_in
from unionhub.core.middleware import acting_as

pytestmark = pytest.mark.django_db

CELL = re.compile(
    r'<a data-testid="pt" href="(?P<pt_url>[^"]+)">(?P<pt>\d+)</a> / '
    r'(?:<a data-testid="people" href="(?P<people_url>[^"]+)">(?P<people>\d+)</a>'
    r'|<span data-testid="no-people"[^>]*>—</span>)'
)


@pytest.fixture
def figures(demo):
    with acting_as(None):
        activities_demo.load()


def _cells(client, year=None):
    page = client.get("/activities/statistics/", {"year": year} if year else {})
    assert page.status_code == 200
    return [m.groupdict() for m in CELL.finditer(page.content.decode())]


def _list_count(client, url: str) -> int:
    response = client.get(html.unescape(url))
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def _person_times_of(user, url: str) -> int:
    """What the linked activity list holds: its filterset over the visible activities."""
    from django.http import QueryDict

    from unionhub.activities.filtersets import ActivityFilterSet
    from unionhub.activities.models import Activity

    query = QueryDict(html.unescape(url).split("?", 1)[1])
    qs = ActivityFilterSet(query, queryset=Activity.objects.visible_to(user), user=user).qs
    return sum(qs.values_list("person_times", flat=True))


def _people_of(user, url: str) -> int:
    from django.http import QueryDict

    from unionhub.activities.filtersets import SignInFilterSet, VisitTargetFilterSet
    from unionhub.activities.models import SignIn, VisitTarget

    path, query = html.unescape(url).split("?", 1)
    fs, model = (
        (VisitTargetFilterSet, VisitTarget)
        if "visit-targets" in path
        else (SignInFilterSet, SignIn)
    )
    return fs(QueryDict(query), queryset=model.objects.visible_to(user), user=user).qs.count()


def test_every_cell_is_its_list(figures, client_as, django_user_model):
    client = client_as("binhai_admin")
    user = django_user_model.objects.get(username="binhai_admin")
    cells = _cells(client)
    assert cells, "the table has cells"
    for cell in cells:
        assert _person_times_of(user, cell["pt_url"]) == int(cell["pt"]), cell
        # the pages themselves open and list as many records as the filterset
        assert client.get(html.unescape(cell["pt_url"])).status_code == 200
        if cell["people_url"] is None:  # head counts only: a dash, not a link to no one
            continue
        assert _people_of(user, cell["people_url"]) == int(cell["people"]), cell
        assert _list_count(client, cell["people_url"]) == int(cell["people"]), cell
    # 坎北街道's trainings (长法村's 11 sessions fold into their town): 2,340 person-times
    page = client.get("/activities/statistics/").content.decode()
    row = page[page.index('data-testid="town-320922003"') :]
    row = row[: row.index("</tr>")]
    assert ">2340</a>" in row


def test_distinct_participants_count_a_phone_once_and_head_counts_not(demo, client_as):
    organiser = organiser_in("binhai")
    today = timezone.localdate()
    with acting_as(None):
        first, second = (
            services.activity_create(
                actor=None,
                kind=ActivityKind.CLASS,
                title=f"班{i}",
                organiser=organiser,
                held_on=today,
                head_count=5,
            )
            for i in (1, 2)
        )
        for activity in (first, second):  # the same phone in two classes: one person
            services.signin_record(actor=None, activity=activity, name="王芳", phone="13800000001")
        services.signin_record(actor=None, activity=second, name="李强", phone="13800000002")
        for name in ("赵一", "钱二"):  # walk-ins without a phone: a person each
            services.signin_record(
                actor=None, activity=second, name=name, source=SignInSource.WALK_IN
            )
    client = client_as("binhai_admin")
    cells = [c for c in _cells(client) if "kind=class" in c["pt_url"]]
    assert len(cells) == 1
    cell = cells[0]
    # person-times: 5 + 1 head count and sign-in, 5 + 4 → 15; people: 王芳, 李强, 赵一, 钱二
    assert (int(cell["pt"]), int(cell["people"])) == (15, 4)
    assert _list_count(client, cell["people_url"]) == 4


def test_a_cell_of_head_counts_only_shows_a_dash_for_its_people(demo, client_as):
    with acting_as(None):
        services.activity_create(
            actor=None,
            kind=ActivityKind.PERFORMANCE,
            title="广场演出",
            organiser=organiser_in("binhai"),
            held_on=timezone.localdate(),
            head_count=120,
        )
    cells = [c for c in _cells(client_as("binhai_admin")) if "kind=performance" in c["pt_url"]]
    assert [(c["pt"], c["people_url"]) for c in cells] == [("120", None)]


def test_another_county_sees_none_of_binhai(figures, client_as):
    cells = _cells(client_as("sheyang_admin"))
    assert not any("320922" in c["pt_url"] for c in cells)
    page = client_as("sheyang_admin").get("/activities/statistics/").content.decode()
    assert 'data-testid="town-320922003"' not in page


def test_the_table_keeps_a_constant_number_of_queries(
    figures, client_as, django_assert_max_num_queries
):
    from unionhub.accounts.models import User
    from unionhub.activities.selectors import person_times_by_town

    year = timezone.localdate().year
    small_user = User.objects.get(username="binhai_admin")
    city = User.objects.get(username="city_admin")
    for user in (small_user, city):  # warm the users' scope caches
        person_times_by_town(user=user, year=year)
    with django_assert_max_num_queries(5) as small:
        small_table = person_times_by_town(user=small_user, year=year)
    with django_assert_max_num_queries(len(small.captured_queries)):
        big = person_times_by_town(user=city, year=year)
    assert len(big["rows"]) > len(small_table["rows"]) > 0
    assert len(small.captured_queries) == 5


def test_excel_has_the_table(figures, client_as):
    from openpyxl import load_workbook

    client = client_as("binhai_admin")
    response = client.get("/activities/statistics/towns.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "滨海县" in rows[0][0] and "乡镇" not in rows[0][0]
    header = rows[1]
    kanbei = next(r for r in rows if r[1] == "坎北街道")
    training = header.index("培训 人次")
    assert kanbei[training] == 2340
    assert rows[-1][0] == "合计"
    cells = _cells(client)
    assert rows[-1][header.index("全部人次")] == sum(int(c["pt"]) for c in cells)


def test_the_download_needs_the_activity_permission(figures, client):
    from unionhub.accounts.demo import ensure_user
    from unionhub.org.demo import county_union

    worker = ensure_user("binhai_worker_t", "测试职工", county_union("binhai"), ["worker"])
    client.force_login(worker)
    assert client.get("/activities/statistics/towns.xlsx").status_code == 403


def test_another_county_downloads_none_of_binhai(figures, client_as):
    from openpyxl import load_workbook

    response = client_as("sheyang_admin").get("/activities/statistics/towns.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {str(v) for row in sheet.iter_rows(values_only=True) for v in row}
    assert "坎北街道" not in cells and "滨海县" not in cells
