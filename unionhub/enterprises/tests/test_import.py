"""The enterprise import: real .xlsx files written in the test, the management command,
all-or-nothing, duplicates, --update, valid-rows-only, the template. The web flow is in
test_import_web.py."""

from __future__ import annotations

import datetime as dt
import io
import random
import time

import pytest
import xlsxwriter
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from unionhub.core.models import ChangeRecord
from unionhub.enterprises.demo import demo_uscc
from unionhub.enterprises.importers import COLUMNS, EnterpriseImporter
from unionhub.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]
CONTRACT_HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "所在地区代码",
    "行业代码",
    "经济类型",
    "从业人员数",
    "营业收入(万元)",
    "资产总额(万元)",
    "成立日期",
    "经营状态",
    "是否建立党组织",
    "是否头部企业",
    "是否社会知名企业",
]


def good_rows(n: int, *, seed: int = 1, region: str = "320925001"):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        rows.append(
            [
                demo_uscc(rng, "320925"),
                f"导入测试企业{seed}-{i:05d}有限公司",
                region,
                "C",
                "私营",
                30 + i % 50,
                1000.5,
                800,
                dt.date(2015, 1, 1) + dt.timedelta(days=i % 3000),
                "在营",
                "否",
                "否",
                "是" if i % 97 == 0 else "否",
            ]
        )
    return rows


def write_xlsx(path, rows, headers=HEADERS):
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for c, h in enumerate(headers):
        sheet.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, str(value))
    workbook.close()
    return path


def run_command(*args):
    out = io.StringIO()
    code = 0
    try:
        call_command("import_enterprises", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_template_has_contract_headers_example_and_dropdowns(tmp_path, demo):
    path = tmp_path / "t.xlsx"
    code, out = run_command("--template", str(path))
    assert code == 0
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0] == CONTRACT_HEADERS
    assert rows[1][0] == "91350100M000100Y43" and rows[1][4] == "私营"
    import zipfile

    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.count("<dataValidation ") == 5  # 经济类型, 经营状态, 3 × 是/否
    assert "国有,集体,私营,外商投资,港澳台投资,其他" in sheet_xml


def test_ten_thousand_rows_with_bad_ones_then_fixed_then_update(tmp_path, demo):
    rows = good_rows(10_000)
    existing = Enterprise.objects.count()
    bad = {
        2: (0, "91350100M000100Y44"),  # check character
        3: (2, "999999"),  # unknown region
        4: (3, "99"),  # unknown industry
        5: (5, -3),  # negative employees
        6: (6, "很多"),  # revenue as text
        7: (8, (dt.date.today() + dt.timedelta(days=30)).isoformat()),  # future
        8: (9, "歇业"),  # unknown status
        9: (4, "民营企业"),  # unknown ownership
        10: (10, "也许"),  # not 是/否
    }
    broken = [list(r) for r in rows]
    for index, (col, value) in bad.items():
        broken[index][col] = value
    broken[5000][0] = broken[10][0]  # duplicate inside the file (row 5002 repeats row 12)
    path = write_xlsx(tmp_path / "bad.xlsx", broken)

    started = time.monotonic()
    code, out = run_command(str(path))
    assert code == 1
    assert Enterprise.objects.count() == existing  # nothing written
    lines = out.splitlines()
    expected = [
        "第4行 [统一社会信用代码]",
        "第5行 [所在地区代码] 未知的地区代码“999999”",
        "第6行 [行业代码]",
        "第7行 [从业人员数] 不能为负数",
        "第8行 [营业收入(万元)] 应为数字",
        "第9行 [成立日期] 成立日期不能晚于今天",
        "第10行 [经营状态]",
        "第11行 [经济类型]",
        "第12行 [是否建立党组织]",
        "第5002行 [统一社会信用代码] 与第12行重复",
    ]
    for fragment in expected:
        assert any(line.startswith(fragment) for line in lines), (fragment, lines[:20])
    assert "拒绝 10" in out

    path = write_xlsx(tmp_path / "good.xlsx", rows)
    code, out = run_command(str(path), "--dry-run")
    assert code == 0 and "新增 10000" in out and Enterprise.objects.count() == existing
    code, out = run_command(str(path), "--as-user", "jianhu_admin")
    assert code == 0, out
    assert Enterprise.objects.count() == existing + 10_000
    elapsed = time.monotonic() - started
    assert elapsed < 240, elapsed  # gross-regression guard only; timings live in bench/
    ent = Enterprise.objects.get(uscc=rows[97][0])
    assert ent.size_class == "small" and ent.is_high_profile
    assert ent.target_reason_list == [
        "operating_1y_no_union",
        "nonpublic_25_no_union",
        "high_profile_no_union",
    ]
    assert ChangeRecord.objects.filter(app_label="enterprises", action="import").exists()

    # again without --update: every row is a duplicate of the database
    code, out = run_command(str(path))
    assert code == 1 and "已存在" in out

    for row in rows:
        row[5], row[6] = 400, 3000  # employees and revenue change
    path = write_xlsx(tmp_path / "update.xlsx", rows)
    code, out = run_command(str(path), "--update")
    assert code == 0, out[:500]
    assert Enterprise.objects.count() == existing + 10_000
    ent.refresh_from_db()
    assert ent.employees == 400 and ent.size_class == "medium"


def test_columns_matched_by_header_and_optional_columns(tmp_path, demo):
    rows = good_rows(3, seed=7)
    order = list(reversed(range(len(HEADERS))))
    headers = [HEADERS[i] for i in order if HEADERS[i] != "资产总额(万元)"]
    reordered = [[row[i] for i in order if HEADERS[i] != "资产总额(万元)"] for row in rows]
    path = write_xlsx(tmp_path / "r.xlsx", reordered, headers)
    result = EnterpriseImporter().run(str(path))
    assert result.ok and result.created == 3
    assert Enterprise.objects.get(uscc=rows[0][0]).assets_wan is None


def test_missing_header_is_reported(tmp_path, demo):
    path = write_xlsx(tmp_path / "h.xlsx", good_rows(1), HEADERS[:3])
    code, out = run_command(str(path))
    assert code == 1 and "第1行 [表头] 表头缺少列" in out


def test_scope_of_import_user(tmp_path, demo):
    path = write_xlsx(tmp_path / "s.xlsx", good_rows(2, seed=3, region="320921100"))
    code, out = run_command(str(path), "--as-user", "jianhu_admin")
    assert code == 1 and "不是您数据范围内" in out


def test_valid_rows_only(tmp_path, demo, user_named):
    rows = good_rows(5, seed=11)
    rows[2][3] = "ZZ"
    path = write_xlsx(tmp_path / "v.xlsx", rows)
    importer = EnterpriseImporter(actor=user_named("jianhu_admin"))
    result = importer.run(str(path))
    assert not result.committed and result.rejected == 1
    result = EnterpriseImporter(actor=user_named("jianhu_admin")).run(str(path), valid_only=True)
    assert result.committed and result.created == 4
