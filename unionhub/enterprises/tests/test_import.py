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

from unionhub.core.importing import CellError, count_rows
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
    # 所在地区代码 (from the 地区代码表 sheet), 经济类型, 经营状态, 3 × 是/否
    assert sheet_xml.count("<dataValidation ") == 6
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


def small_batches(importer: EnterpriseImporter, size: int = 100) -> EnterpriseImporter:
    """Batches of ``size`` rows on every database, so a few hundred rows span several."""
    importer.batch_size = importer.copy_batch_size = size
    return importer


def test_rejected_row_in_the_last_batch_rolls_back_the_written_batches(tmp_path, demo):
    existing = Enterprise.objects.count()
    rows = good_rows(450, seed=31)
    rows[440][5] = -1  # row 442, in the fifth and last batch of 100
    path = write_xlsx(tmp_path / "late.xlsx", rows)
    calls = []
    importer = small_batches(EnterpriseImporter())
    result = importer.run(str(path), progress=lambda n, phase: calls.append((n, phase)))
    assert not result.committed and (result.created, result.updated) == (0, 0)
    assert result.messages() == ["第442行 [从业人员数] 不能为负数"]
    assert (result.total, result.to_create, result.rejected) == (450, 449, 1)
    assert Enterprise.objects.count() == existing  # batches 1–4 were written, then undone
    assert not ChangeRecord.objects.filter(app_label="enterprises", action="import").exists()
    assert calls and {phase for _, phase in calls} == {"write"} and calls[-1][0] == 450


def test_valid_only_writes_exactly_the_valid_rows(tmp_path, demo):
    rows = good_rows(450, seed=32)
    bad_rows = {0: (3, "ZZ"), 150: (2, "999999"), 449: (9, "歇业")}  # first, middle, last
    for index, (col, value) in bad_rows.items():
        rows[index][col] = value
    rows[300][0] = rows[299][0]  # a duplicate inside the file: the second one is refused
    path = write_xlsx(tmp_path / "valid.xlsx", rows)
    result = small_batches(EnterpriseImporter()).run(str(path), valid_only=True)
    assert result.committed and result.rejected == 4
    assert [m.split(" ")[0] for m in result.messages()] == [
        "第2行",
        "第152行",
        "第302行",
        "第451行",
    ]
    refused = {0, 150, 300, 449}
    expected = {row[0] for i, row in enumerate(rows) if i not in refused}
    written = set(
        Enterprise.objects.filter(name__startswith="导入测试企业32-").values_list("uscc", flat=True)
    )
    assert result.created == 446 == len(written) and written == expected
    assert ChangeRecord.objects.filter(app_label="enterprises", action="import").count() == 1


def test_dry_run_reports_progress_and_writes_nothing(tmp_path, demo):
    existing = Enterprise.objects.count()
    path = write_xlsx(tmp_path / "dry.xlsx", good_rows(2_500, seed=33))
    calls = []
    result = EnterpriseImporter().run(
        str(path), dry_run=True, progress=lambda n, phase: calls.append((n, phase))
    )
    assert result.ok and result.to_create == 2_500 and not result.committed
    assert Enterprise.objects.count() == existing
    done = [n for n, _ in calls]
    assert {phase for _, phase in calls} == {"validate"}
    assert done[-1] == 2_500 and all(b - a <= 1_000 for a, b in zip([0, *done], done, strict=False))


def test_update_refuses_existing_records_outside_the_scope(tmp_path, demo, user_named):
    outside = good_rows(2, seed=34, region="320921100")  # not in 建湖县 (jianhu_admin's scope)
    assert EnterpriseImporter().run(str(write_xlsx(tmp_path / "a.xlsx", outside))).committed
    mine = good_rows(1, seed=35)
    rows = [[*outside[0][:2], "320925001", *outside[0][3:]], mine[0]]
    path = write_xlsx(tmp_path / "b.xlsx", rows)
    result = EnterpriseImporter(actor=user_named("jianhu_admin"), update=True).run(str(path))
    assert result.messages() == ["第2行 [统一社会信用代码] 该企业已存在，但不在您的数据范围内"]
    assert not result.committed
    assert Enterprise.objects.get(uscc=outside[0][0]).region.code == "320921100"


def test_text_longer_than_the_column_is_a_row_error(tmp_path, demo):
    rows = good_rows(2, seed=36)
    rows[1][1] = "长" * 201
    result = EnterpriseImporter().run(str(write_xlsx(tmp_path / "long.xlsx", rows)))
    assert result.messages() == ["第3行 [企业名称] 不能超过200个字"]


@pytest.mark.parametrize("rows", [0, 1, 999, 2_500])
def test_count_rows(tmp_path, rows):
    path = write_xlsx(tmp_path / "n.xlsx", good_rows(rows, seed=37))
    data = path.read_bytes()
    assert count_rows(str(path)) == rows
    assert count_rows(data) == rows
    assert count_rows(io.BytesIO(data)) == rows


def test_count_rows_without_a_dimension_element(tmp_path):
    """Some writers leave out ``<dimension>``: the rows are then counted by reading."""
    import re
    import zipfile

    source = write_xlsx(tmp_path / "d.xlsx", good_rows(12, seed=38))
    target = tmp_path / "no-dimension.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
                assert b"<dimension" not in data
            zout.writestr(item, data)
    assert count_rows(str(target)) == 12


def test_fast_credit_code_check_agrees_with_the_validator():
    """``parse_uscc`` checks clean codes in a tight loop of its own; it must accept exactly
    what ``uscc_errors`` accepts."""
    from unionhub.core.validators.uscc import CHARSET, uscc_errors
    from unionhub.enterprises.importers import parse_uscc

    rng = random.Random(5)
    codes = [demo_uscc(rng, "320925") for _ in range(300)]
    mutated = []
    for code in codes[:200]:
        i = rng.randrange(18)
        mutated.append(code[:i] + rng.choice(CHARSET + "IOSVZ a１") + code[i + 1 :])
    for code in codes + mutated + ["", "91320925MA1234567", codes[0] + "0", codes[0].lower()]:
        try:
            accepted = parse_uscc(code) != ""
        except CellError:
            accepted = False
        assert accepted == (not uscc_errors(code)), code


def test_copy_writer_converts_values_of_other_types(demo):
    """The COPY path (PostgreSQL) sends values of the column's type as they are and gives
    anything else Django's own conversion, like ``save()`` would."""
    from django.db import connection

    from unionhub.core.importing import _CopyWriter
    from unionhub.org.models import Region

    if connection.vendor != "postgresql":
        pytest.skip("COPY is the PostgreSQL write path")
    region = Region.objects.get(code="320925001")
    ent = EnterpriseImporter()
    ent.prepare()
    plain = ent.build(
        {"uscc": demo_uscc(random.Random(40), "320925"), "name": "类型一致", "region": region}
        | {"industry_code": "C", "ownership": "private", "employees": 30}
        | {"founded_on": dt.date(2015, 1, 1), "operating_status": "operating"}
    )
    odd = ent.build(
        {"uscc": demo_uscc(random.Random(41), "320925"), "name": "类型不同", "region": region}
        | {"industry_code": "C", "ownership": "private", "employees": 30}
        | {"founded_on": dt.date(2015, 1, 1), "operating_status": "operating"}
    )
    odd.employees, odd.revenue_wan = "42", 12.345  # text for an integer, a float for money
    odd.founded_on = dt.datetime(2016, 2, 3, 10, 0)  # a datetime for a date
    writer = _CopyWriter(Enterprise, connection)
    writer.insert([plain, odd], "default")
    writer.wait()
    assert plain.pk and odd.pk and odd.pk != plain.pk
    stored = Enterprise.objects.get(pk=odd.pk)
    assert stored.employees == 42 and str(stored.revenue_wan) == "12.35"
    assert stored.founded_on == dt.date(2016, 2, 3) and stored.union_status == "not_built"
    assert Enterprise.objects.get(pk=plain.pk).name == "类型一致"
