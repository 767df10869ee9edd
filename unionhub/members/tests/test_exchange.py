"""Export (masked by role), import through the core engine, and key rotation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import xlsxwriter
from django.core.management import call_command
from django.urls import reverse

from unionhub.core import crypto
from unionhub.core.models import ChangeRecord
from unionhub.members import services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.importers import MemberImporter
from unionhub.members.models import JoinApplication, Member
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

ID1 = synthetic_id_number("320924", dt.date(1986, 9, 9), 77)
PHONE1 = "13612345678"


def _read(response) -> str:
    from python_calamine import CalamineWorkbook

    data = b"".join(response.streaming_content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return repr(book.get_sheet_by_index(0).to_python())


@pytest.fixture
def member(demo):
    return services.member_create(
        actor=None, name="导出人", id_number=ID1, phone=PHONE1, union=first_town_union("sheyang")
    )


def test_export_is_masked_for_everyone(member, client_as):
    """Clear values only through an approved request (core/tests/test_pii_exports.py); a
    made-up ``?unmasked=1`` is an unknown parameter and refused (no file at all)."""
    url = reverse("members:member_export", args=["xlsx"])
    refused = client_as("sheyang_town").get(url + "?unmasked=1")
    assert refused.status_code == 400 and "未知的查询参数：unmasked" in refused.content.decode()
    town = _read(client_as("sheyang_town").get(url))
    assert "导出人" in town and ID1 not in town and PHONE1 not in town
    admin_client = client_as("sheyang_admin")
    masked = _read(admin_client.get(url))
    assert ID1 not in masked and "320***********" + ID1[-4:] in masked
    assert admin_client.get(url + "?unmasked=1").status_code == 400
    assert ChangeRecord.objects.filter(action="export", app_label="members").count() == 2
    outsider = _read(
        client_as("xiangshui_admin").get(reverse("members:member_export", args=["xlsx"]))
    )
    assert "导出人" not in outsider


def _sheet(rows) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet()
    headers = [
        "姓名",
        "身份证号码",
        "手机号码",
        "所属工会代码",
        "职业",
        "是否新就业形态劳动者",
        "重点群体",
        "入会日期",
    ]
    for c, h in enumerate(headers):
        sheet.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            sheet.write_string(r, c, v)
    book.close()
    return buf.getvalue()


def test_import_all_or_nothing_and_messages_masked(demo, user_named):
    union = first_town_union("sheyang")
    good = synthetic_id_number("320924", dt.date(1990, 3, 3), 5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    data = _sheet(
        [
            ["甲", good, "13900000001", union.code, "快递员", "是", "快递员", "2024-01-01"],
            ["乙", bad, "13900000002", union.code, "", "否", "", "2024-01-01"],
            ["丙", good, "13900000003", union.code, "", "否", "", "2024-01-01"],
            [
                "丁",
                synthetic_id_number("320921", dt.date(1990, 3, 4), 6),
                "139",
                union.code,
                "",
                "否",
                "",
                "2024-01-01",
            ],
            [
                "戊",
                synthetic_id_number("320921", dt.date(1990, 3, 5), 8),
                "13900000005",
                first_town_union("xiangshui").code,
                "",
                "否",
                "",
                "2024-01-01",
            ],
        ]
    )
    importer = MemberImporter(actor=user_named("sheyang_admin"))
    result = importer.run(io.BytesIO(data))
    text = "\n".join(result.messages())
    assert Member.objects.count() == 0
    assert "第3行 [身份证号码]" in text and "校验码" in text
    assert "第4行 [身份证号码]" in text and "重复" in text
    assert "第5行 [手机号码]" in text and "第6行 [所属工会代码]" in text
    assert good not in text  # duplicates are reported masked


def test_import_writes_encrypted(demo, user_named):
    union = first_town_union("sheyang")
    number = synthetic_id_number("320924", dt.date(1991, 4, 4), 7)
    data = _sheet(
        [["甲", number, "13900000001", union.code, "快递员", "是", "快递员", "2024-01-01"]]
    )
    result = MemberImporter(actor=user_named("sheyang_admin")).run(io.BytesIO(data))
    assert result.ok, result.messages()
    member = Member.objects.get()
    assert member.id_number == number and member.key_group == "courier" and member.gender == "male"
    assert number not in member.id_number_enc
    assert ChangeRecord.objects.filter(action="import", model_name="member").exists()
    again = MemberImporter(actor=user_named("sheyang_admin")).run(io.BytesIO(data))
    assert not again.ok  # already registered, no update mode


def test_import_in_batches_then_update_without_duplicates(demo, user_named):
    """Several write batches (COPY on PostgreSQL) with encrypted columns, then the same
    people again in update mode: updated in place, and a member registered outside the
    importer's scope is refused."""
    union = first_town_union("sheyang")
    numbers = [synthetic_id_number("320924", dt.date(1980, 1, 1 + i), 10 + i) for i in range(5)]
    rows = [
        [f"批{i}", n, f"1390000010{i}", union.code, "", "否", "", "2024-02-01"]
        for i, n in enumerate(numbers)
    ]
    importer = MemberImporter(actor=user_named("sheyang_admin"))
    importer.batch_size = importer.copy_batch_size = 2
    result = importer.run(io.BytesIO(_sheet(rows)))
    assert result.committed and result.created == 5, result.messages()
    assert sorted(m.id_number for m in Member.objects.all()) == sorted(numbers)

    for row in rows:
        row[2] = row[2][:-2] + "99"
    result = MemberImporter(actor=user_named("sheyang_admin"), update=True).run(
        io.BytesIO(_sheet(rows))
    )
    assert (result.created, result.updated) == (0, 5) and Member.objects.count() == 5
    assert {m.phone for m in Member.objects.all()} == {r[2] for r in rows}

    outsider = MemberImporter(actor=user_named("xiangshui_admin"), update=True)
    rows[0][3] = first_town_union("xiangshui").code
    result = outsider.run(io.BytesIO(_sheet(rows[:1])))
    assert not result.committed
    assert result.messages()[0].startswith("第2行 [身份证号码] 该会员已在其他工会登记")


def test_import_template(tmp_path):
    out = tmp_path / "t.xlsx"
    call_command("import_members", "--template", str(out))
    assert out.stat().st_size > 0


def test_rotate_pii_key(member, settings):
    old_key = settings.PII_KEY
    app = services.joinapplication_submit(
        actor=None,
        name="轮换",
        id_number=synthetic_id_number("320924", dt.date(1999, 9, 9), 9),
        phone="13700000000",
        region_code=first_town_union("sheyang").region.code,
        no_fixed_employer=True,
        consent=True,
    )
    settings.PII_KEY = "a-brand-new-key"
    settings.PII_OLD_KEYS = [old_key]
    crypto.clear_key_cache()
    try:
        assert Member.objects.search_identity(ID1).get() == member  # old hash still found
        call_command("rotate_pii_key", stdout=io.StringIO())
        settings.PII_OLD_KEYS = []
        crypto.clear_key_cache()
        fresh = Member.objects.get(pk=member.pk)
        assert fresh.id_number == ID1 and fresh.phone == PHONE1
        assert Member.objects.search_identity(PHONE1).get() == member
        assert JoinApplication.objects.get(pk=app.pk).phone == "13700000000"
    finally:
        settings.PII_KEY = old_key
        crypto.clear_key_cache()
