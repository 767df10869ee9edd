"""Export a (scoped, filtered) queryset to .xlsx with Chinese headers.

The caller passes the very queryset its list page shows (``visible_to(user)`` + the
filterset), so an export can never contain more than the list. Rows are written with
xlsxwriter's ``constant_memory`` mode while iterating the queryset in chunks; personal-data
columns (``pii=True``) are masked unless the user may view personal data.
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

__all__ = ["ExportColumn", "export_response", "write_xlsx"]

PII_PERMISSION = "accounts.view_personal_data"


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
) -> int:
    """Write ``rows`` to ``target`` (path or binary file); returns the number of rows."""
    import xlsxwriter

    reveal = user is not None and user.has_perm(PII_PERMISSION)
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(title[:31])
    head = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money_fmt = workbook.add_format({"num_format": "0.00"})
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
        sheet.write_string(0, col, str(column.header), head)
    count = 0
    for count, obj in enumerate(rows, start=1):
        for col, column in enumerate(columns):
            value = column.get(obj)
            if column.pii is not None and not reveal:
                value = column.pii(str(value or ""))
            if value is True or value is False:
                sheet.write_string(count, col, "是" if value else "否")
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(
                    count, col, timezone.localtime(value).replace(tzinfo=None), date_fmt
                )
            elif isinstance(value, dt.date):
                sheet.write_datetime(count, col, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, Decimal):
                sheet.write_number(count, col, float(value), money_fmt)
            elif isinstance(value, int | float):
                sheet.write_number(count, col, value)
            else:
                sheet.write_string(count, col, str(value))
    sheet.freeze_panes(1, 0)
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
) -> FileResponse:
    """A download of ``queryset`` (already scoped and filtered by the caller)."""
    from unionhub.core.audit import record_change

    handle = tempfile.TemporaryFile()
    count = write_xlsx(
        handle,
        columns=columns,
        rows=queryset.iterator(chunk_size=chunk_size),
        title=title,
        user=user,
    )
    handle.seek(0)
    record_change(
        model=audit_model or queryset.model,
        action="export",
        actor=user,
        changes={"rows": count},
        note=f"导出 {filename}（{count} 行）",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
