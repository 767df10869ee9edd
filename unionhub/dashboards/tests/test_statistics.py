"""Statutory statistics: the workbook's cells equal the records' counts on the date, a record
of a later date is not counted, every cell has its source, bad input is a Chinese 400/404."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from unionhub.enterprises.tests.factories import make_enterprise, make_union
from unionhub.members import services as member_services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import Member
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 12, 31)
_n = {"n": 0}


def _member(slug: str, county: str, joined_on: dt.date, **values) -> Member:
    _n["n"] += 1
    n = _n["n"]
    return member_services.member_create(
        actor=None,
        name=f"统计会员{n}",
        id_number=synthetic_id_number(county, dt.date(1980, 1 + n % 12, 1 + n % 28), 300 + n),
        phone=f"1390000{n:04d}",
        union=first_town_union(slug),
        joined_on=joined_on,
        **values,
    )


@pytest.fixture
def records(demo):
    _member("xiangshui", "320921", dt.date(2024, 5, 1))
    _member(
        "xiangshui",
        "320921",
        dt.date(2025, 6, 1),
        is_new_employment=True,
        key_group="courier",
        occupation="courier",
    )
    _member("xiangshui", "320921", dt.date(2025, 7, 1), political_status="party_member")
    # joined after the date: not counted
    _member("xiangshui", "320921", dt.date(2026, 1, 10), is_new_employment=True)
    _member("sheyang", "320924", dt.date(2020, 1, 1))
    big = make_enterprise(county="320921", employees=40, founded_on=dt.date(2015, 1, 1))
    make_enterprise(county="320921", employees=80, founded_on=dt.date(2018, 1, 1))
    make_union([big], founded_on=dt.date(2022, 3, 1), term_start=dt.date(2022, 3, 1))
    # founded after the date: neither the enterprise nor its union is counted
    late = make_enterprise(county="320921", employees=50, founded_on=dt.date(2026, 1, 5))
    make_union([late], founded_on=dt.date(2026, 1, 6), term_start=dt.date(2026, 1, 6))


def _sheet_rows(content: bytes, sheet: str) -> dict[str, dict[str, object]]:
    wb = load_workbook(io.BytesIO(content))
    ws = wb[sheet]
    header = [c.value for c in ws[3]]
    rows = {}
    for line in ws.iter_rows(min_row=4, values_only=True):
        if line[0] and not str(line[0]).startswith("注"):
            rows[line[0]] = dict(zip(header[1:], line[1:], strict=False))
    return rows


def _download(api, **params):
    response = api.get("/api/v1/reports/statistics/", {"as_of": AS_OF.isoformat(), **params})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_member_cells_equal_the_records_on_the_date(records, api_as):
    content = _download(api_as("city_admin"))
    rows = _sheet_rows(content, "表2")
    expected = Member.objects.filter(
        union__region__path__startswith="320900/320921/", status="active", joined_on__lte=AS_OF
    )
    assert rows["响水县"]["会员"] == expected.count() == 3
    assert rows["响水县"]["其中：新就业形态劳动者"] == 1
    assert rows["响水县"]["其中：中共党员"] == 1
    assert rows["射阳县"]["会员"] == 1
    assert rows["合计"]["会员"] == sum(r["会员"] for name, r in rows.items() if name != "合计")
    new = _sheet_rows(content, "表3")
    assert new["响水县"]["新就业形态会员"] == 1
    assert new["响水县"]["快递员"] == 1


def test_a_later_date_counts_the_later_records(records, api_as):
    content = _download(api_as("city_admin"), as_of="2026-01-31")
    assert _sheet_rows(content, "表2")["响水县"]["会员"] == 4
    coverage = _sheet_rows(content, "表4")["响水县"]
    assert coverage["25人以上企业"] == 3
    assert coverage["其中：已建会"] == 2


@pytest.mark.parametrize(
    ("left_on", "counted"),
    [
        (AS_OF - dt.timedelta(days=1), False),  # left before the day
        (AS_OF, False),  # left on the day: no longer a member at its end
        (AS_OF + dt.timedelta(days=1), True),  # left after the day: still a member on it
    ],
)
def test_a_member_who_left_later_is_counted_on_the_earlier_day(
    records, api_as, client_as, left_on, counted
):
    leaver = _member("xiangshui", "320921", dt.date(2024, 1, 1))
    member_services.member_update(actor=None, member=leaver, status="left", left_on=left_on)
    rows = _sheet_rows(_download(api_as("city_admin")), "表2")
    assert rows["响水县"]["会员"] == 3 + counted
    # the cell's link lists exactly these members
    from unionhub.org.models import Region

    county = Region.objects.get(code="320921")
    listed = (
        api_as("city_admin")
        .get("/api/v1/members/", {"member_on": AS_OF.isoformat(), "region": county.pk})
        .json()
    )
    assert listed["count"] == 3 + counted
    assert (leaver.pk in {m["id"] for m in listed["results"]}) is counted


def test_coverage_and_cadres_on_the_date(records, api_as):
    content = _download(api_as("city_admin"))
    coverage = _sheet_rows(content, "表4")["响水县"]
    assert coverage["25人以上企业"] == 2
    assert coverage["其中：已建会"] == 1
    assert coverage["建会率（%）"] == 50.0
    cadres = _sheet_rows(content, "表5")["响水县"]
    assert cadres["工会主席（组织员）"] == 1
    unions = _sheet_rows(content, "表1")["响水县"]
    assert unions["企业工会"] >= 1


def test_workbook_has_title_unit_total_and_sources(records, api_as):
    content = _download(api_as("city_admin"))
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["表1", "表2", "表3", "表4", "表5", "数据来源"]
    ws = wb["表2"]
    assert "会员（按类别）" in ws["A1"].value
    assert "单位：人" in [c.value for c in ws[2]]
    assert "截至 2025-12-31" in [c.value for c in ws[2]]
    names = [c.value for c in ws["A"]]
    assert "合计" in names
    assert any(v and "农民工" in str(v) for v in names)  # not recorded: said, not invented
    member_cell = next(c for c in ws[4] if c.hyperlink)
    assert "/members/?" in member_cell.hyperlink.target
    assert "member_on=2025-12-31" in member_cell.hyperlink.target
    sources = wb["数据来源"]
    refs = {row[0].value: row for row in sources.iter_rows(min_row=2)}
    assert "'表2'!B4" in refs
    assert "/api/v1/members/?" in refs["'表2'!B4"][7].value


def test_county_admin_gets_only_its_own_row(records, api_as):
    content = _download(api_as("xiangshui_admin"))
    rows = _sheet_rows(content, "表2")
    assert set(rows) == {"响水县", "合计"}
    assert rows["合计"]["会员"] == 3


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"as_of": "2025-13-01"}, 400, "as_of"),
        ({"as_of": "31.12.2025"}, 400, "as_of"),
        ({"as_of": "2999-01-01"}, 400, "as_of"),
        ({"region": "320924"}, 404, "detail"),
        ({"region": "999999"}, 404, "detail"),
    ],
)
def test_bad_input_is_refused_in_chinese(demo, api_as, params, status, field):
    response = api_as("xiangshui_admin").get("/api/v1/reports/statistics/", params)
    assert response.status_code == status
    message = response.json()[field]
    message = message[0] if isinstance(message, list) else message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_page_previews_the_tables_and_refuses_a_bad_date(records, client_as):
    client = client_as("city_admin")
    page = client.get("/dashboards/statistics/", {"as_of": AS_OF.isoformat()})
    assert page.status_code == 200
    text = page.content.decode()
    assert "会员（按类别）" in text and "下载 Excel" in text
    bad = client.get("/dashboards/statistics/", {"as_of": "2025-02-30"})
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in bad.content.decode()


def test_page_region_outside_the_scope_is_404(demo, client_as):
    response = client_as("xiangshui_admin").get("/dashboards/statistics/", {"region": "320924"})
    assert response.status_code == 404


def test_anonymous_api_is_refused(demo, client):
    assert client.get("/api/v1/reports/statistics/").status_code in (401, 403)
    assert client.get("/api/v1/dashboards/city/").status_code in (401, 403)
