"""Issue #21 item 10 and probe finding 3: the region column takes a code or a name (with a
code sheet and a drop-down in the template), every problem of a row is reported in one pass,
the uploader gets the file back with a 错误原因 column and the bad cells marked, and a file
whose size lies about its rows never runs inside the request."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from unionhub.core.models import ImportJob
from unionhub.enterprises.importers import EnterpriseImporter
from unionhub.enterprises.tests.test_import import good_rows, write_xlsx
from unionhub.enterprises.tests.test_import_web import imported, upload
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


def _importer(user) -> EnterpriseImporter:
    importer = EnterpriseImporter(actor=user)
    importer.prepare()
    return importer


def test_region_is_found_by_code_or_by_name(demo, user_named):
    importer = _importer(user_named("jianhu_admin"))
    town = Region.objects.get(code="320925001")
    county = Region.objects.get(code="320925")
    cases = [
        ("320925001", town),  # the code
        (f"320925001 {town.name}", town),  # the drop-down's “code name”
        (town.name, town),  # the name
        (f"{county.name}{town.name}", town),  # county and town together
        (county.name, county),
    ]
    for text, expected in cases:
        assert importer.find_region(text) == (expected, ""), text


@pytest.mark.parametrize(
    "text, reason",
    [
        ("999999", "未知的地区代码“999999”"),
        ("320921", "“320921”不是您数据范围内的县级单位或镇（街道）"),
        ("响水县", "“响水县”不是您数据范围内的县级单位或镇（街道）"),
        ("火星镇", "未知的地区“火星镇”"),
    ],
)
def test_region_outside_the_scope_or_unknown_is_named(demo, user_named, text, reason):
    region, found = _importer(user_named("jianhu_admin")).find_region(text)
    assert region is None and found.startswith(reason)


def test_a_name_two_units_share_asks_for_the_code(demo, user_named):
    town = Region.objects.get(code="320925001")
    twin = Region.objects.create(code="320925999", name=town.name, level="town", parent=town.parent)
    region, reason = _importer(user_named("city_admin")).find_region(town.name)
    assert region is None
    assert f"名称“{town.name}”对应多个地区" in reason and twin.code in reason


def test_every_problem_of_a_row_in_one_pass(tmp_path, demo, user_named):
    """A row with a bad number, an unknown region and a credit code already registered
    reports all three in the first run, not one after another."""
    user = user_named("jianhu_admin")
    existing = EnterpriseImporter(actor=user)
    first = write_xlsx(tmp_path / "first.xlsx", good_rows(1, seed=41))
    assert existing.run(str(first)).created == 1
    rows = good_rows(1, seed=41)  # the same credit code again
    rows[0][2] = "999999"
    rows[0][5] = -3
    result = EnterpriseImporter(actor=user).run(
        str(write_xlsx(tmp_path / "again.xlsx", rows)), dry_run=True
    )
    assert {(e.row, e.column) for e in result.errors} == {
        (2, "统一社会信用代码"),
        (2, "所在地区代码"),
        (2, "从业人员数"),
    }
    assert any("已存在" in e.reason for e in result.errors if e.column == "统一社会信用代码")


def test_a_column_in_error_is_not_reported_twice(tmp_path, demo, user_named):
    rows = good_rows(1, seed=42)
    rows[0][2] = None  # empty region: “不能为空”, not also “unknown region”
    result = EnterpriseImporter(actor=user_named("jianhu_admin")).run(
        str(write_xlsx(tmp_path / "x.xlsx", rows)), dry_run=True
    )
    assert [(e.column, e.reason) for e in result.errors] == [("所在地区代码", "不能为空")]


RED = "F8CBAD"


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill and cell.fill.fill_type else ""


def test_error_workbook_marks_the_bad_cells_and_says_why(tmp_path, demo, client_as):
    client = client_as("jianhu_admin")
    rows = good_rows(3, seed=43)
    rows[0][1] = '=HYPERLINK("http://x")'  # a formula-like name stays text
    rows[1][5] = -3  # sheet row 3: employees
    rows[2][2] = "火星镇"  # sheet row 4: region
    job_url = upload(client, write_xlsx(tmp_path / "企业.xlsx", rows)).url
    page = client.get(job_url).content.decode()
    job = ImportJob.objects.get()
    link = reverse("core:import_errors", args=[job.pk])
    assert link in page and "下载标出问题的文件" in page

    response = client.get(link)
    assert response.status_code == 200
    assert "filename*=utf-8''%E4%BC%81%E4%B8%9A-" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    assert header[-1] == "错误原因" and header[:-1][:3] == [
        "统一社会信用代码",
        "企业名称",
        "所在地区代码",
    ]
    reason_col = len(header)
    assert sheet.cell(2, reason_col).value is None  # the good row carries no reason
    assert sheet.cell(2, 2).value == rows[0][1] and sheet.cell(2, 2).data_type == "s"
    assert sheet.cell(3, reason_col).value == "[从业人员数] 不能为负数"
    assert _fill(sheet.cell(3, 6)) == RED and _fill(sheet.cell(3, 5)) == ""
    assert "[所在地区代码] 未知的地区“火星镇”" in sheet.cell(4, reason_col).value
    assert _fill(sheet.cell(4, 3)) == RED
    assert imported(43) == 0


def test_only_the_uploader_downloads_the_error_workbook(tmp_path, demo, client_as, user_named):
    from unionhub.accounts import services as accounts

    owner = client_as("jianhu_admin")
    rows = good_rows(1, seed=44)
    rows[0][5] = -3
    upload(owner, write_xlsx(tmp_path / "x.xlsx", rows))
    job = ImportJob.objects.get()
    admin = user_named("jianhu_admin")
    colleague = accounts.user_save(
        actor=None, username="jianhu_admin2", org_unit=admin.org_unit, roles=admin.roles.all()
    )
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    assert other.get(reverse("core:import_errors", args=[job.pk])).status_code == 403


def test_template_offers_the_uploaders_regions_as_a_drop_down(demo, client_as):
    response = client_as("jianhu_admin").get(reverse("core:import_template", args=["enterprises"]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    codes = book["地区代码表"]
    listed = [row[1] for row in codes.iter_rows(min_row=2, values_only=True)]
    assert "320925" in listed and "320925001" in listed
    assert not any(code.startswith("320921") for code in listed)  # 响水 is not 建湖's
    validations = book.worksheets[0].data_validations.dataValidation
    region = next(v for v in validations if "地区代码表" in (v.formula1 or ""))
    assert str(region.sqref).startswith("C2") and region.errorStyle == "warning"


def test_a_sheet_larger_than_its_dimension_says_goes_to_the_worker(
    tmp_path, demo, client_as, settings, django_capture_on_commit_callbacks
):
    """Probe finding 3: the row count comes from the sheet's <dimension>, which a file may
    fake; its unpacked size decides too, before anything is parsed."""
    settings.IMPORT_INLINE_MAX_BYTES = 20_000
    path = write_xlsx(tmp_path / "big.xlsx", good_rows(200, seed=45))
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:M201"/>', b'<dimension ref="A1:M2"/>')
                assert b'ref="A1:M2"' in data
            dst.writestr(info, data)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client_as("jianhu_admin"), lying)
    job = ImportJob.objects.get()
    assert job.status == "queued"  # not parsed inside the request
    assert job.total_rows > settings.IMPORT_INLINE_MAX_ROWS


def test_a_file_that_unpacks_too_large_is_refused(tmp_path, demo, client_as, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2**20
    path = write_xlsx(tmp_path / "huge.xlsx", good_rows(3000, seed=46))
    response = upload(client_as("jianhu_admin"), path)
    assert response.status_code == 400
    assert "解压后超过 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_another_county_cannot_reach_the_error_workbook(tmp_path, demo, client_as):
    rows = good_rows(1, seed=48)
    rows[0][5] = -3
    upload(client_as("jianhu_admin"), write_xlsx(tmp_path / "x.xlsx", rows))
    job = ImportJob.objects.get()
    url = reverse("core:import_errors", args=[job.pk])
    assert client_as("xiangshui_admin").get(url).status_code == 404
