"""Exports a cadre hands on (issue #21): every workbook opens with a title row (place, list,
filter, export time, row count) merged across the columns above the header row, ends with a
合计 row where columns are summable (the computed sum of the rows, no formula), is scoped like
its list — and an exported enterprise workbook can be imported again."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from unionhub.core.exporting import ExportColumn, export_heading, write_xlsx
from unionhub.core.models import ChangeRecord
from unionhub.enterprises import services as enterprise_services
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.samples import enterprise_in, make_uscc
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db

STAMP = r"导出时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}"


def _book(response):
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _merged_title(sheet) -> str:
    """The title cell, which must be merged across every column of the header row."""
    ranges = [str(r) for r in sheet.merged_cells.ranges]
    width = sum(1 for v in _rows(sheet)[1] if v is not None)
    last = sheet.cell(2, width).column_letter
    assert f"A1:{last}1" in ranges, ranges
    return sheet.cell(1, 1).value


# --- the writer ------------------------------------------------------------------------


def test_row_order_and_totals_of_the_writer(demo, user_named):
    """Watermark, title, header, records, 合计; the totals are plain numbers (no formula),
    money rounded to two decimals; the panes freeze below the header."""
    buffer = io.BytesIO()
    rows = [
        {"name": "甲", "n": 3, "money": Decimal("1.005")},
        {"name": "乙", "n": 4, "money": Decimal("2.10")},
    ]
    write_xlsx(
        buffer,
        columns=[
            ExportColumn("名称", lambda r: r["name"]),
            ExportColumn("人数", lambda r: r["n"], total=True),
            ExportColumn("金额", lambda r: r["money"], total=True),
        ],
        rows=rows,
        watermark="不脱敏导出 · 测试",
        heading="射阳县 测试（导出时间 2026-12-02 20:15，共 2 条）",
        user=user_named("sheyang_admin"),
    )
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    values = _rows(sheet)
    assert values[0][0] == "不脱敏导出 · 测试"
    assert values[1][0] == "射阳县 测试（导出时间 2026-12-02 20:15，共 2 条）"
    assert "A2:C2" in [str(r) for r in sheet.merged_cells.ranges]
    assert values[2] == ("名称", "人数", "金额")
    assert [v[0] for v in values[3:5]] == ["甲", "乙"]
    assert values[5] == ("合计", 7, 3.11)
    assert sheet.cell(6, 2).data_type == "n" and sheet.cell(6, 3).number_format == "#,##0.00"
    assert sheet.freeze_panes == "A4"


def test_no_total_row_without_summable_columns():
    buffer = io.BytesIO()
    write_xlsx(buffer, columns=[ExportColumn("名称", lambda r: r)], rows=["甲"], heading="标题")
    buffer.seek(0)
    assert _rows(load_workbook(buffer).active) == [("标题",), ("名称",), ("甲",)]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"count": 1234, "place": "射阳县"},
            "射阳县 企业名录（导出时间 2026-12-02 20:15，共 1,234 条）",
        ),
        ({"count": 0}, "企业名录（导出时间 2026-12-02 20:15，共 0 条）"),
        (
            {"count": 3, "place": "盐城市", "conditions": ["建会状态：未建会", "关键字：光伏"]},
            "盐城市 企业名录（建会状态：未建会；关键字：光伏；导出时间 2026-12-02 20:15，共 3 条）",
        ),
    ],
)
def test_heading_words(kwargs, expected):
    at = dt.datetime(2026, 12, 2, 12, 15, tzinfo=dt.UTC)  # 20:15 in Asia/Shanghai
    assert export_heading("企业名录", at=at, **kwargs) == expected


# --- enterprises: title, 合计, scope, filter in the title, import again ------------------


@pytest.fixture
def sheyang_enterprises(demo):
    town = Region.objects.filter(parent__code="320924", level="town").order_by("code").first()
    made = []
    for i, (employees, revenue) in enumerate([(30, "1200.50"), (8, "99.99"), (120, "5000.00")]):
        made.append(
            enterprise_services.enterprise_create(
                actor=None,
                uscc=make_uscc(f"TITLE{i}", "320924"),
                name=f"标题测试{i}有限公司",
                region=town,
                industry_code="C",
                ownership="private",
                employees=employees,
                revenue_wan=Decimal(revenue),
                assets_wan=Decimal("10.25") * (i + 1),
                founded_on=dt.date(2015, 1, 1),
            )
        )
    enterprise_in("xiangshui")
    return town, made


def test_enterprise_export_title_header_totals_and_scope(sheyang_enterprises, client_as):
    town, _made = sheyang_enterprises
    sheet = _book(
        client_as("sheyang_admin").get(reverse("enterprises:enterprise_export", args=["xlsx"]))
    )
    rows = _rows(sheet)
    mine = Enterprise.objects.filter(region__path__startswith="320900/320924/")
    title = _merged_title(sheet)
    assert re.fullmatch(rf"射阳县 企业名录（{STAMP}，共 {mine.count():,} 条）", title), title
    assert rows[1][:3] == ("统一社会信用代码", "企业名称", "所在地区代码")
    records, total = rows[2:-1], rows[-1]
    assert len(records) == mine.count()
    assert all(r[2].startswith("320924") for r in records)  # another county's rows absent
    assert "范围样本xiangshui企业有限公司" not in {r[1] for r in records}
    header = rows[1]
    employees, revenue, assets = (
        header.index(h) for h in ("从业人员数", "营业收入(万元)", "资产总额(万元)")
    )
    assert total[0] == "合计"
    assert total[employees] == sum(r[employees] for r in records)
    assert total[revenue] == pytest.approx(float(sum(Decimal(str(r[revenue])) for r in records)))
    assert total[assets] == pytest.approx(float(sum(Decimal(str(r[assets])) for r in records)))
    assert sheet.cell(len(rows), revenue + 1).number_format == "#,##0.00"
    assert sheet.freeze_panes == "A3"
    assert ChangeRecord.objects.filter(action="export", model_name="enterprise").exists()


def test_enterprise_export_title_names_the_chosen_region_and_filter(sheyang_enterprises, client_as):
    town, made = sheyang_enterprises
    response = client_as("sheyang_admin").get(
        reverse("enterprises:enterprise_export", args=["xlsx"]),
        {"region_id": town.pk, "union_status": "not_built"},
    )
    rows = _rows(_book(response))
    expected = Enterprise.objects.filter(
        region__path__startswith=town.path, union_status="not_built"
    )
    assert re.fullmatch(
        rf"{town.name} 企业名录（建会状态：未建会；{STAMP}，共 {expected.count()} 条）", rows[0][0]
    ), rows[0][0]
    assert {r[1] for r in rows[2:-1]} == set(expected.values_list("name", flat=True))
    assert rows[-1][rows[1].index("从业人员数")] == sum(e.employees for e in expected)


def test_an_exported_enterprise_workbook_imports_again(sheyang_enterprises, user_named, tmp_path):
    """Title row above the header and 合计 row below the records: the importer finds the
    header in row 2, skips 合计, and reports rows by their sheet row numbers."""
    from django.test import Client

    from unionhub.enterprises.importers import EnterpriseImporter

    client = Client()
    client.force_login(user_named("sheyang_admin"))
    response = client.get(
        reverse("enterprises:enterprise_export", args=["xlsx"]), {"q": "标题测试"}
    )
    content = b"".join(response.streaming_content)
    # as is: every row already exists (a plain import refuses them, by sheet row number)
    plain = EnterpriseImporter(actor=user_named("sheyang_admin")).run(
        io.BytesIO(content), dry_run=True
    )
    assert sorted(plain.rejected_rows) == [3, 4, 5]
    assert all("已存在" in e.reason for e in plain.errors)
    # update mode: all three rows accepted, the 合计 row is no record
    updated = EnterpriseImporter(actor=user_named("sheyang_admin"), update=True).run(
        io.BytesIO(content)
    )
    assert not updated.errors and not updated.rejected_rows


def test_error_workbook_of_an_exported_file_keeps_its_title_row(sheyang_enterprises, user_named):
    import openpyxl
    import xlsxwriter  # noqa: F401 — the error workbook's writer
    from django.test import Client

    from unionhub.core.importing.xlsx import write_error_workbook
    from unionhub.enterprises.importers import EnterpriseImporter

    client = Client()
    client.force_login(user_named("sheyang_admin"))
    response = client.get(
        reverse("enterprises:enterprise_export", args=["xlsx"]), {"q": "标题测试"}
    )
    content = b"".join(response.streaming_content)
    result = EnterpriseImporter(actor=user_named("sheyang_admin")).run(
        io.BytesIO(content), dry_run=True
    )
    target = io.BytesIO()
    assert write_error_workbook(io.BytesIO(content), result.errors, target) == 3
    target.seek(0)
    sheet = openpyxl.load_workbook(target).active
    assert sheet.cell(1, 1).value.startswith("射阳县 企业名录")
    assert sheet.cell(2, sheet.max_column).value == "错误原因"
    assert "已存在" in sheet.cell(3, sheet.max_column).value


# --- the new exports: audit log, tickets, check-ins, points claims -----------------------


def test_audit_log_export(sheyang_enterprises, client_as):
    sheet = _book(
        client_as("sheyang_admin").get(
            reverse("core:changerecord_export", args=["xlsx"]), {"action": "create"}
        )
    )
    rows = _rows(sheet)
    assert re.fullmatch(
        rf"射阳县 操作日志（操作：新增；{STAMP}，共 \d+ 条）", _merged_title(sheet)
    ), rows[0][0]
    assert rows[1][:3] == ("时间", "摘要", "操作人")
    records = rows[2:]
    assert any("标题测试0有限公司" in (r[8] or "") for r in records)
    assert not any("范围样本xiangshui" in (r[8] or "") for r in records)  # 响水's log absent
    assert {r[4] for r in records} == {"新增"}


def test_ticket_and_checkin_exports(demo, client_as):
    from unionhub.stations.tests.samples import checkin_in, ticket_in

    mine, theirs = ticket_in("sheyang"), ticket_in("xiangshui")
    visit, other_visit = checkin_in("sheyang"), checkin_in("xiangshui")
    client = client_as("sheyang_admin")
    sheet = _book(client.get(reverse("stations:ticket_export", args=["xlsx"])))
    rows = _rows(sheet)
    assert re.fullmatch(rf"射阳县 服务工单（{STAMP}，共 \d+ 条）", _merged_title(sheet)), rows[0][0]
    assert rows[1][:3] == ("记录", "驿站", "所在地区")
    titles = {r[0] for r in rows[2:]}
    assert str(mine) in titles and theirs.station.name not in {r[1] for r in rows[2:]}
    assert rows[-1][0] != "合计"  # nothing to sum
    # times in Asia/Shanghai, to the minute
    raised = next(r for r in rows[2:] if r[0] == str(mine))[rows[1].index("提交时间")]
    from django.utils import timezone

    local = timezone.localtime(mine.raised_at).replace(tzinfo=None)
    assert raised.replace(second=0, microsecond=0) == local.replace(second=0, microsecond=0)

    sheet = _book(client.get(reverse("stations:checkin_export", args=["xlsx"])))
    rows = _rows(sheet)
    assert re.fullmatch(rf"射阳县 到站登记（{STAMP}，共 \d+ 条）", _merged_title(sheet)), rows[0][0]
    assert rows[1][:3] == ("记录", "时间", "驿站")
    stations = {r[2] for r in rows[2:]}
    assert visit.station.name in stations and other_visit.station.name not in stations


def test_points_claims_export_sums_the_awarded_points(demo, client_as, user_named):
    from unionhub.points import services as points_services
    from unionhub.points.tests.samples import submission_in

    reviewer = user_named("sheyang_admin")
    for points in (3, 5, 7):
        points_services.submission_approve(
            actor=reviewer, submission=submission_in("sheyang"), points=points
        )
    submission_in("sheyang")  # pending: no points yet, not in the total
    other = submission_in("xiangshui")
    sheet = _book(
        client_as("sheyang_admin").get(reverse("points:submission_export", args=["xlsx"]))
    )
    rows = _rows(sheet)
    title = _merged_title(sheet)
    assert re.fullmatch(rf"射阳县 积分申报（{STAMP}，共 4 条）", title), title
    header = rows[1]
    col = header.index("奖励积分")
    records = rows[2:-1]
    assert len(records) == 4
    assert rows[-1][0] == "合计" and rows[-1][col] == 15 == sum(r[col] or 0 for r in records)
    assert str(other) not in {r[0] for r in records}
