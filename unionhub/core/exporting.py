"""Export a (scoped, filtered) queryset to .xlsx with Chinese headers.

The caller passes the very queryset its list page shows (``visible_to(user)`` + the
filterset), so an export can never contain more than the list. Rows are written with
xlsxwriter's ``constant_memory`` mode while iterating the queryset in chunks; personal-data
columns (``pii=<masker>``) are masked unless the export is an approved unmasked export
(``unionhub.core.pii_exports``), which also carries a watermark.

Every export opens with a title row merged across the columns (what the file is, where,
filtered how, when, how many rows: ``射阳县 企业名录（建会状态：未建会；导出时间 2026-12-02
20:15，共 1,234 条）``) above the header row, and ends with a 合计 row when a column is
declared summable (``ExportColumn(total=True)``): the totals are computed while the rows are
written (no formula, so the figure stays what was exported), money with two decimals. Rows
of an unmasked export: watermark, title, header, records, 合计. The importers find the header
row below a title row, so an exported workbook can be imported again.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = [
    "ExportColumn",
    "export_heading",
    "export_place",
    "export_response",
    "safe_cell",
    "write_xlsx",
]

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
    #: summed into the 合计 row at the bottom (numbers and money)
    total: bool = False

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
    heading: str = "",
) -> int:
    """Write ``rows`` to ``target`` (path or binary file); returns the number of rows.
    With a ``watermark`` (an approved unmasked export) the text stands in a red first row,
    the print header and footer, and the document properties. A ``heading`` is the title
    row (merged across the columns) above the header row. Columns with ``total=True`` get
    their sum in a 合计 row below the records."""
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
    total_label = workbook.add_format({"bold": True, "top": 1})
    total_number = workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0"})
    total_money = workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0.00"})
    top = 0
    if watermark:
        top = 1
        mark = workbook.add_format({"bold": True, "font_color": "#C00000"})
        sheet.write_string(0, 0, safe_cell(watermark), mark)
        printable = watermark.replace("&", "&&")[:250]
        sheet.set_header(f"&C{printable}")
        sheet.set_footer(f"&L{printable}&R&P / &N")
        workbook.set_properties({"title": title, "comments": watermark, "keywords": "不脱敏导出"})
    if heading:
        big = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        if len(columns) > 1:
            sheet.merge_range(top, 0, top, len(columns) - 1, safe_cell(heading), big)
        else:
            sheet.write_string(top, 0, safe_cell(heading), big)
        sheet.set_row(top, 24)
        top += 1
    sums: dict[int, Any] = {col: 0 for col, c in enumerate(columns) if c.total}
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
                if col in sums:
                    sums[col] += value
            elif isinstance(value, int | float):
                sheet.write_number(count_row, col, value)
                if col in sums:
                    sums[col] += value
            else:
                sheet.write_string(count_row, col, safe_cell(str(value)))
    if sums:
        _write_totals(sheet, top + count + 1, columns, sums, total_label, total_number, total_money)
    sheet.freeze_panes(1 + top, 0)
    workbook.close()
    return count


def _write_totals(sheet, row, columns, sums, label_fmt, number_fmt, money_fmt) -> None:
    """The 合计 row: the label in the first column that is not summed, each summed column's
    total (Decimal columns as money, two decimals), the other cells blank but underlined."""
    label_col = next((col for col, c in enumerate(columns) if not c.total), None)
    for col in range(len(columns)):
        if col in sums:
            total = sums[col]
            if isinstance(total, Decimal):
                sheet.write_number(
                    row, col, float(total.quantize(Decimal("0.01"), ROUND_HALF_UP)), money_fmt
                )
            else:
                sheet.write_number(row, col, total, number_fmt)
        elif col == label_col:
            sheet.write_string(row, col, _("Total"), label_fmt)
        else:
            sheet.write_blank(row, col, None, label_fmt)


def export_place(user: Any) -> str:
    """Where the exporting user works (the region of their organisation: 射阳县, 盐城市),
    the default first words of an export's title; empty for an account without one."""
    unit = getattr(user, "org_unit", None) if user is not None else None
    region = getattr(unit, "region", None) if unit is not None else None
    return str(region) if region is not None else ""


def export_heading(
    name: Any,
    *,
    count: int,
    place: str = "",
    conditions: Iterable[str] = (),
    at: dt.datetime | None = None,
) -> str:
    """``射阳县 企业名录（建会状态：未建会；导出时间 2026-12-02 20:15，共 1,234 条）``."""
    stamp = timezone.localtime(at or timezone.now()).strftime("%Y-%m-%d %H:%M")
    facts = _("exported %(at)s, %(n)s rows") % {"at": stamp, "n": f"{count:,}"}
    parts = [*[str(c) for c in conditions if c], facts]
    head = f"{place} {name}" if place else str(name)
    return f"{head}（{'；'.join(parts)}）"


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
    heading: str | None = None,
    place: str | None = None,
    conditions: Iterable[str] = (),
) -> FileResponse:
    """A download of ``queryset`` (already scoped and filtered by the caller); the response
    carries ``export_rows``. The title row says ``place`` (default: the user's region),
    ``title``, the filter ``conditions``, the time and the row count, unless ``heading``
    gives the whole text ("" for none)."""
    from unionhub.core.audit import record_change

    if heading is None:
        heading = export_heading(
            title,
            count=queryset.count(),
            place=export_place(user) if place is None else place,
            conditions=conditions,
        )
    handle = tempfile.TemporaryFile()
    count = write_xlsx(
        handle,
        columns=columns,
        rows=queryset.iterator(chunk_size=chunk_size),
        title=title,
        user=user,
        watermark=watermark,
        heading=heading,
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
