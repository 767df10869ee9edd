"""Reading .xlsx files (python-calamine, streaming; the row count from the sheet's
dimension) and writing import templates with drop-down lists (xlsxwriter)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import IO, Any

from unionhub.core.importing.parsers import CellError, Column, parse_text

# --- reading -----------------------------------------------------------------------------


def _open_sheet(source: str | bytes | IO[bytes]):
    import python_calamine
    from python_calamine import CalamineWorkbook

    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        if isinstance(source, str):
            workbook = CalamineWorkbook.from_path(source)
        else:
            if hasattr(source, "seek"):
                source.seek(0)
            workbook = CalamineWorkbook.from_filelike(source)
        return workbook.get_sheet_by_index(0)
    except python_calamine.PasswordError:
        raise CellError("文件设置了密码，请取消密码后重新上传") from None
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError):
        # A renamed .xls / .csv or a damaged file: say so instead of failing the job.
        raise CellError("文件无法读取：不是有效的 .xlsx 文件（请用模板另存为 .xlsx）") from None


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?"')
_FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"")


def _first_sheet_part(archive: zipfile.ZipFile) -> str:
    """The archive path of the workbook's first sheet (what ``_open_sheet`` reads)."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    except KeyError:
        return "xl/worksheets/sheet1.xml"
    m = _FIRST_SHEET.search(workbook)
    if m:
        for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
            tag = rel.group(0)
            if f'Id="{m[1].decode()}"' in tag:
                target = re.search(r'Target="([^"]+)"', tag)
                if target:
                    path = target[1]
                    return path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return "xl/worksheets/sheet1.xml"


def count_rows(source: str | bytes | IO[bytes]) -> int:
    """How many data rows (below the header) the first sheet has, for a progress bar.

    Read from the sheet's ``<dimension>`` element in the first kilobytes of the .xlsx, so
    it costs milliseconds even for 100,000 rows; an upper bound (blank rows count). Files
    without a usable dimension (other formats, some writers) are counted by calamine."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        if not isinstance(source, str) and hasattr(source, "seek"):
            source.seek(0)
        with zipfile.ZipFile(source) as archive:
            with archive.open(_first_sheet_part(archive)) as part:
                head = part.read(4096)
        m = _DIMENSION.search(head)
        if m and m[2]:
            return max(int(m[2]) - int(m[1]), 0)
    except (zipfile.BadZipFile, KeyError, OSError):
        pass
    finally:
        if not isinstance(source, str) and hasattr(source, "seek"):
            source.seek(0)
    return max(_open_sheet(source).height - 1, 0)


def _norm_header(text: Any) -> str:
    return re.sub(r"\s+", "", parse_text(text)).replace("（", "(").replace("）", ")")


def write_template(columns: list[Column], target, *, title: str = "导入模板") -> None:
    """An .xlsx with exactly the declared headers, one example row, and drop-down
    validations for columns with choices (rows 2–10001)."""
    import xlsxwriter

    from unionhub.core.exporting import safe_cell

    workbook = xlsxwriter.Workbook(target, {"in_memory": True})
    sheet = workbook.add_worksheet(title)
    head = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"}
    )
    text_format = workbook.add_format({"num_format": "@"})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for col, column in enumerate(columns):
        fmt = date_format if isinstance(column.example, dt.date) else text_format
        sheet.set_column(col, col, column.width, fmt if column.parse is parse_text else None)
        sheet.write_string(0, col, safe_cell(column.header), head)
        if column.note:
            sheet.write_comment(0, col, column.note)
        example = column.example
        if isinstance(example, dt.date):
            sheet.write_datetime(1, col, dt.datetime.combine(example, dt.time()), date_format)
        elif isinstance(example, int | float | Decimal) and not isinstance(example, bool):
            sheet.write_number(1, col, float(example))
        else:
            sheet.write_string(1, col, safe_cell(str(example)))
        if column.choices:
            sheet.data_validation(
                1,
                col,
                10000,
                col,
                {
                    "validate": "list",
                    "source": [safe_cell(str(c)) for c in column.choices],
                    "error_title": "输入有误",
                    "error_message": "请从下拉列表中选择",
                },
            )
    sheet.freeze_panes(1, 0)
    workbook.close()
