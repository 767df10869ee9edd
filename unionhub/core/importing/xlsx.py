"""Reading .xlsx files (python-calamine, streaming; the row count from the sheet's
dimension) and writing import templates with drop-down lists (xlsxwriter)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import IO, Any

from unionhub.core.importing.parsers import CellError, Column, ReferenceSheet, parse_text

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


def sheet_size(source: str | bytes | IO[bytes]) -> int:
    """The unpacked size in bytes of the workbook's parts (0 if it is not a zip archive):
    what parsing it would have to read, known before reading any of it."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        if not isinstance(source, str) and hasattr(source, "seek"):
            source.seek(0)
        with zipfile.ZipFile(source) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0
    finally:
        if not isinstance(source, str) and hasattr(source, "seek"):
            source.seek(0)


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


def write_template(
    columns: list[Column],
    target,
    *,
    title: str = "导入模板",
    references: list[ReferenceSheet] | None = None,
) -> None:
    """An .xlsx with exactly the declared headers, one example row, drop-down validations
    for columns with choices (rows 2–10001), and code tables on sheets of their own whose
    first column is the drop-down of their column (typing a code or name stays allowed)."""
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
    for reference in references or []:
        _write_reference(workbook, sheet, columns, reference, head)
    sheet.freeze_panes(1, 0)
    workbook.close()


def _write_reference(workbook, sheet, columns, reference: ReferenceSheet, head) -> None:
    table = workbook.add_worksheet(reference.title)
    for col, header in enumerate(reference.headers):
        table.write_string(0, col, header, head)
        table.set_column(col, col, 24 if col == 0 else 14)
    for row, values in enumerate(reference.rows, start=1):
        for col, value in enumerate(values):
            table.write_string(row, col, str(value))
    table.freeze_panes(1, 0)
    target_col = next((i for i, c in enumerate(columns) if c.header == reference.for_header), None)
    if target_col is None or not reference.rows:
        return
    sheet.data_validation(
        1,
        target_col,
        10000,
        target_col,
        {
            "validate": "list",
            "source": f"='{reference.title}'!$A$2:$A${len(reference.rows) + 1}",
            # A warning, not a stop: a typed code or name is accepted and checked on import.
            "error_type": "warning",
            "error_title": "请核对",
            "error_message": f"不在“{reference.title}”中；可填代码或名称，导入时会检查",
        },
    )


# --- the error workbook ------------------------------------------------------------------


def write_error_workbook(source, errors, target) -> int:
    """The uploaded file given back with a “错误原因” column and its bad cells highlighted,
    so the user corrects it in place and uploads it again. ``errors`` are ``RowError``-like
    (``row``, ``column`` header text, ``reason``); header problems mark the header row.
    Returns how many rows carry a problem. Streams (constant memory) for large files."""
    import xlsxwriter

    by_row: dict[int, list] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(error)
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet("错误报告")
    head = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    bad = workbook.add_format({"bg_color": "#F8CBAD", "border": 1, "border_color": "#C00000"})
    bad_date = workbook.add_format(
        {"bg_color": "#F8CBAD", "border": 1, "border_color": "#C00000", "num_format": "yyyy-mm-dd"}
    )
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    reason_format = workbook.add_format({"font_color": "#C00000", "text_wrap": True})
    positions: dict[str, int] = {}
    width = 0
    header = -1  # the header row's index: row 1, or below an export's title rows
    error_columns = _columns(by_row)
    for index, raw in enumerate(_open_sheet(source).iter_rows()):
        number = index + 1
        if header < 0 and index < 3 and _is_header(raw, error_columns):
            header = index
            width = len(raw)
            positions = {_norm_header(text): i for i, text in enumerate(raw)}
        elif header < 0 and index >= 3:
            header = 0  # pragma: no cover — a file without a recognisable header row
        if header < 0:  # a title row above the header: copied as it is
            for col, value in enumerate(raw):
                _write_cell(sheet, index, col, value, None, date)
            continue
        problems = by_row.get(number, [])
        marked = {positions.get(_norm_header(p.column)) for p in problems}
        for col, value in enumerate(raw):
            is_bad = col in marked
            if index == header:
                sheet.write_string(index, col, parse_text(value), head)
            else:
                _write_cell(
                    sheet,
                    number - 1,
                    col,
                    value,
                    bad if is_bad else None,
                    bad_date if is_bad else date,
                )
        for col in range(len(raw), width):  # a short row: still mark an empty bad cell
            if col in marked:
                sheet.write_blank(number - 1, col, None, bad)
        if index == header:
            sheet.write_string(index, width, "错误原因", head)
        elif problems:
            text = "；".join(f"[{p.column}] {p.reason}" for p in problems)
            sheet.write_string(number - 1, width, text, reason_format)
    sheet.set_column(width, width, 60)
    sheet.freeze_panes(max(header, 0) + 1, 0)
    workbook.close()
    return sum(1 for row in by_row if row > max(header, 0) + 1)


def _columns(by_row: dict[int, list]) -> set[str]:
    return {_norm_header(e.column) for errors in by_row.values() for e in errors}


def _is_header(raw: list, error_columns: set[str]) -> bool:
    """Whether ``raw`` is the header row: it names a column an error is about, or (no such
    error) it has two or more filled cells — an export's title and watermark rows are one
    cell each."""
    names = {_norm_header(text) for text in raw if text not in (None, "")}
    if error_columns & names:
        return True
    return len(names) >= 2


def _write_cell(sheet, row: int, col: int, value, fmt, date_fmt) -> None:
    # Strings stay strings (xlsxwriter's write() would turn "=…" into a live formula).
    if value is None or value == "":
        if fmt is not None:
            sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value, date_fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)
