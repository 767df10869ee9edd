"""Export a (scoped, filtered) queryset to .xlsx with Chinese headers.

The caller passes the very queryset its list page shows (``visible_to(user)`` + the
filterset), so an export can never contain more than the list. Rows are written with
xlsxwriter's ``constant_memory`` mode while iterating the queryset in chunks; personal-data
columns (``pii=<masker>``) are masked unless the export is an approved unmasked export
(``unionhub.core.pii_exports``), which also carries a watermark.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import FileResponse
from django.utils import timezone

__all__ = ["ExportColumn", "export_response", "safe_cell", "write_xlsx"]

PII_PERMISSION = "accounts.view_personal_data"

#: a text cell starting with one of these is read as a formula by Excel, WPS and LibreOffice
#: (CSV/DDE injection: ``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``, ``@SUM(...)``)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as it may be written to a spreadsheet (xlsx or CSV) cell: text that a
    spreadsheet would read as a formula gets a leading apostrophe, so it is shown as typed
    and never evaluated. Numbers (also negative ones), dates and booleans are returned
    unchanged and stay numeric; only text is neutralised. Every export path and the import
    templates write their cells through this one function."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass
class ExportColumn:
    header: Any
    value: str | Callable[[Any], Any]  # attribute path ("region__name") or a function
    width: int = 16
    pii: Callable[[str], str] | None = None  # masker applied without the permission

    def get(self, obj: Any) -> Any:
        if callable(self.value):
            return self.value(obj)
        value = obj
        for part in self.value.split("__"):
            getter = getattr(value, f"get_{part}_display", None)
            value = getter() if callable(getter) else getattr(value, part, None)
            if callable(value):
                value = value()
            if value is None:
                return ""
        return value


def write_xlsx(
    target: Any,
    *,
    columns: list[ExportColumn],
    rows: Iterable[Any],
    title: str = "导出",
    user: Any = None,
    watermark: str = "",
) -> int:
    """Write ``rows`` to ``target`` (path or binary file); returns the number of rows.
    With a ``watermark`` (an approved unmasked export) the text stands in a red first row,
    the print header and footer, and the document properties; the headers move to row 2."""
    import xlsxwriter

    # Masked by default, whoever exports; clear values only in an approved, watermarked
    # export (core/pii_exports.py, domain.md §11.3.4).
    reveal = bool(watermark) and user is not None and user.has_perm(PII_PERMISSION)
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(title[:31])
    head = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
    # Times in the platform's zone (Asia/Shanghai), to the minute, as on every page.
    datetime_fmt = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    money_fmt = workbook.add_format({"num_format": "0.00"})
    top = 0
    if watermark:
        top = 1
        mark = workbook.add_format({"bold": True, "font_color": "#C00000"})
        sheet.write_string(0, 0, safe_cell(watermark), mark)
        printable = watermark.replace("&", "&&")[:250]
        sheet.set_header(f"&C{printable}")
        sheet.set_footer(f"&L{printable}&R&P / &N")
        workbook.set_properties({"title": title, "comments": watermark, "keywords": "不脱敏导出"})
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
        sheet.write_string(top, col, safe_cell(str(column.header)), head)
    count = 0
    for count, obj in enumerate(rows, start=1):
        count_row = count + top
        for col, column in enumerate(columns):
            value = column.get(obj)
            if column.pii is not None and not reveal:
                value = column.pii(str(value or ""))
            if value is True or value is False:
                sheet.write_string(count_row, col, "是" if value else "否")
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(
                    count_row, col, timezone.localtime(value).replace(tzinfo=None), datetime_fmt
                )
            elif isinstance(value, dt.date):
                sheet.write_datetime(
                    count_row, col, dt.datetime.combine(value, dt.time()), date_fmt
                )
            elif isinstance(value, Decimal):
                sheet.write_number(count_row, col, float(value), money_fmt)
            elif isinstance(value, int | float):
                sheet.write_number(count_row, col, value)
            else:
                sheet.write_string(count_row, col, safe_cell(str(value)))
    sheet.freeze_panes(1 + top, 0)
    workbook.close()
    return count


def export_response(
    queryset,
    *,
    columns: list[ExportColumn],
    filename: str,
    user: Any,
    title: str = "导出",
    chunk_size: int = 2000,
    audit_model: Any = None,
    watermark: str = "",
) -> FileResponse:
    """A download of ``queryset`` (already scoped and filtered by the caller); the response
    carries ``export_rows``."""
    from unionhub.core.audit import record_change

    handle = tempfile.TemporaryFile()
    count = write_xlsx(
        handle,
        columns=columns,
        rows=queryset.iterator(chunk_size=chunk_size),
        title=title,
        user=user,
        watermark=watermark,
    )
    handle.seek(0)
    record_change(
        model=audit_model or queryset.model,
        action="export",
        actor=user,
        changes={"rows": count, "unmasked": bool(watermark)},
        note=f"导出 {filename}（{count} 行）" + (f"；{watermark}" if watermark else ""),
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response.export_rows = count
    return response
