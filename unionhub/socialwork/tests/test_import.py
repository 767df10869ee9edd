"""The social-worker archive import: one row per social worker with a posting and a
qualification; bad rows named by row and column in Chinese, and a file with one bad row
writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from unionhub.core.validators.idcard import id_check_char as check_char
from unionhub.org.demo import county_union, first_town_union
from unionhub.socialwork.importers import COLUMNS, SocialWorkerImporter
from unionhub.socialwork.models import Posting, Qualification, SocialWorker

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]


def id_number(n: int) -> str:
    first17 = f"32090219900307{n:03d}"
    return first17 + check_char(first17)


def _wrong_check(n: int) -> str:
    good = id_number(n)
    return good[:-1] + ("1" if good[-1] == "0" else "0")


def row(n=1, **over):
    values = {
        "姓名": f"导入社工{n}",
        "身份证号码": id_number(n),
        "手机号码": f"1385150{n:04d}",
        "管理单位": county_union("tinghu").name,
        "聘用日期": dt.date(2021, 3, 1),
        "学历": "本科",
        "派驻单位": first_town_union("tinghu").name,
        "派驻类型": "专职",
        "派驻起始日期": dt.date(2021, 4, 1),
        "资格证书": "社会工作师",
        "证书编号": f"SG{n:05d}",
        "取得日期": dt.date(2022, 6, 18),
    }
    values.update(over)
    return [values[h] for h in HEADERS]


def write(path, rows):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, h in enumerate(HEADERS):
        sheet.write_string(0, c, h)
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values):
            if isinstance(v, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(v, dt.time()), fmt)
            elif v is not None:
                sheet.write_string(r, c, str(v))
    book.close()
    return path


def test_good_file_creates_archives_with_posting_and_qualification(demo, tmp_path, user_named):
    admin = user_named("tinghu_admin")
    path = write(
        tmp_path / "ok.xlsx", [row(1), row(2, 派驻单位="", 派驻类型="", 派驻起始日期=None)]
    )
    result = SocialWorkerImporter(actor=admin).run(str(path))
    assert result.ok and result.committed, result.messages()
    assert result.created == 2
    worker = SocialWorker.objects.get(name="导入社工1")
    assert worker.id_number == id_number(1) and worker.phone == "13851500001"
    assert worker.id_number_enc != id_number(1)  # stored encrypted
    posting = Posting.objects.get(worker=worker)
    assert (posting.union, posting.kind, posting.started_on) == (
        first_town_union("tinghu"),
        "full_time",
        dt.date(2021, 4, 1),
    )
    assert Qualification.objects.get(worker=worker).kind == "social_worker"
    assert not Posting.objects.filter(worker__name="导入社工2").exists()


@pytest.mark.parametrize(
    ("over", "column", "reason"),
    [
        ({"身份证号码": lambda: _wrong_check(9)}, "身份证号码", "校验"),
        ({"管理单位": "不存在的工会"}, "管理单位", "没有名为"),
        ({"管理单位": lambda: county_union("sheyang").name}, "管理单位", "不在您的数据范围内"),
        ({"聘用日期": dt.date.today() + dt.timedelta(days=2)}, "聘用日期", "不能晚于今天"),
        ({"派驻单位": lambda: county_union("tinghu").name}, "派驻单位", "镇（街道）总工会"),
        ({"派驻类型": ""}, "派驻类型", "专职或兼职"),
        ({"派驻起始日期": dt.date(2021, 2, 1)}, "派驻起始日期", "早于聘用日期"),
        ({"取得日期": None}, "取得日期", "请填写取得日期"),
        ({"资格证书": "", "证书编号": "X1"}, "资格证书", "请选择资格证书"),
        ({"手机号码": "12345"}, "手机号码", ""),
        ({"姓名": ""}, "姓名", ""),
    ],
)
def test_bad_row_is_named_and_the_file_writes_nothing(
    demo, tmp_path, user_named, over, column, reason
):
    over = {k: (v() if callable(v) else v) for k, v in over.items()}
    path = write(tmp_path / "bad.xlsx", [row(1), row(2, **over)])
    before = (SocialWorker.objects.count(), Posting.objects.count())
    result = SocialWorkerImporter(actor=user_named("tinghu_admin")).run(str(path))
    assert not result.committed
    assert result.rejected_rows == {3}
    found = [e for e in result.errors if e.row == 3 and e.column == column]
    assert found, result.messages()
    assert reason in found[0].reason, found[0].reason
    assert (SocialWorker.objects.count(), Posting.objects.count()) == before


def test_an_id_number_twice_or_already_on_file_is_refused(demo, tmp_path, user_named):
    admin = user_named("tinghu_admin")
    assert SocialWorkerImporter(actor=admin).run(str(write(tmp_path / "a.xlsx", [row(5)]))).ok
    result = SocialWorkerImporter(actor=admin).run(
        str(write(tmp_path / "b.xlsx", [row(5), row(6), row(6, 姓名="另一人")]))
    )
    assert not result.committed
    by_row = {e.row: e.reason for e in result.errors if e.column == "身份证号码"}
    assert "已存在" in by_row[2] and "与第3行重复" in by_row[4]
    assert SocialWorker.objects.filter(name__startswith="导入社工").count() == 1


def test_the_import_is_registered_with_a_template(demo, client_as):
    client = client_as("tinghu_admin")
    response = client.get("/imports/socialworkers/")
    assert response.status_code == 200
    assert "派驻单位" in response.content.decode()
    template = client.get("/imports/socialworkers/template.xlsx")
    assert template.status_code == 200
