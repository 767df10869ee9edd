"""The spreadsheet import engine every ``import_<things>`` command and upload page uses.

An importer declares its columns (header text → field, parser, drop-down choices, example)
and how to look up, create and update records; the engine does the rest:

- rows are streamed from the .xlsx with python-calamine; columns are matched **by header
  text**, so users may reorder them;
- pass 1 validates every row and collects every problem as ``第N行 [列名] 原因``, including
  duplicates inside the file and, unless ``update`` is on, keys that already exist;
- it then reports how many rows would be created / updated / rejected (dry run / preview);
- pass 2 (only when nothing was rejected, or when the caller explicitly asked for "valid
  rows only") re-reads the file and writes in batches with ``bulk_create`` /
  ``bulk_update`` inside one transaction, then writes one summary audit record.

Only keys, row numbers and error messages are kept in memory between the passes, never
the parsed rows, so a 100,000-row file stays small.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import models, transaction

__all__ = [
    "CellError",
    "Column",
    "ImportResult",
    "Importer",
    "RowError",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_text",
    "fast_bulk_update",
    "write_template",
]

Progress = Callable[[int, str], None]


class CellError(ValueError):
    """A cell that cannot be accepted; the message is the Chinese reason."""


@dataclass
class Column:
    header: str
    field: str
    parse: Callable[[Any], Any]
    required: bool = True
    choices: list[str] = field(default_factory=list)  # offered as a drop-down in the template
    example: Any = ""
    width: int = 16
    note: str = ""


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column}] {self.reason}"


@dataclass
class ImportResult:
    total: int = 0
    to_create: int = 0
    to_update: int = 0
    rejected_rows: set[int] = field(default_factory=set)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    committed: bool = False

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def ok(self) -> bool:
        return not self.rejected_rows

    def messages(self) -> list[str]:
        return [str(e) for e in sorted(self.errors, key=lambda e: (e.row, e.column))]


# --- cell parsers ------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Any) -> str:
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_int(value: Any) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        result = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"应为整数，不能是“{value}”")
        result = int(value)
    else:
        text = str(value).strip().replace(",", "")
        if not re.fullmatch(r"[-+]?\d+(\.0+)?", text):
            raise CellError(f"应为整数，不能是“{value}”")
        result = int(Decimal(text))
    if result < 0:
        raise CellError("不能为负数")
    return result


def parse_decimal(value: Any) -> Decimal | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为数字")
    try:
        if isinstance(value, float):
            number = Decimal(repr(value))
        else:
            number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise CellError(f"应为数字，不能是“{value}”") from None
    if not number.is_finite():
        raise CellError(f"应为数字，不能是“{value}”")
    if number < 0:
        raise CellError("不能为负数")
    return number.quantize(Decimal("0.01"))


def parse_date(value: Any) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(
        r"(\d{4})年(\d{1,2})月(\d{1,2})日", text
    )
    if not m:
        raise CellError(f"日期应为 YYYY-MM-DD，不能是“{value}”")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellError(f"不存在的日期“{value}”") from None


_TRUE = {"是", "y", "yes", "true", "1", "有", "√"}
_FALSE = {"否", "n", "no", "false", "0", "无", "×"}


def parse_bool(value: Any) -> bool | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = parse_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"应填“是”或“否”，不能是“{value}”")


def parse_choice(choices: dict[str, str]) -> Callable[[Any], str | None]:
    """A parser accepting the Chinese labels or the API codes of ``choices`` (label → code)."""
    by_text = {k.strip(): v for k, v in choices.items()} | {v: v for v in choices.values()}

    def parse(value: Any) -> str | None:
        if _blank(value):
            return None
        text = parse_text(value)
        if text in by_text:
            return by_text[text]
        if text.lower() in by_text:
            return by_text[text.lower()]
        raise CellError(f"“{text}”不是可选值（{'、'.join(choices)}）")

    return parse


# --- reading -----------------------------------------------------------------------------


def _open_sheet(source: str | bytes | IO[bytes]):
    from python_calamine import CalamineWorkbook

    if isinstance(source, bytes):
        source = io.BytesIO(source)
    if isinstance(source, str):
        workbook = CalamineWorkbook.from_path(source)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        workbook = CalamineWorkbook.from_filelike(source)
    return workbook.get_sheet_by_index(0)


def _norm_header(text: Any) -> str:
    return re.sub(r"\s+", "", parse_text(text)).replace("（", "(").replace("）", ")")


def fast_bulk_update(
    model: type[models.Model], objs: list[models.Model], fields: list[str]
) -> None:
    """``UPDATE … WHERE pk = %s`` with ``executemany``: Django's ``bulk_update`` builds a
    CASE expression per field and row, which costs seconds per thousand rows."""
    from django.db import connections
    from django.utils import timezone

    if not objs:
        return
    meta = model._meta
    names = list(dict.fromkeys(fields))
    if any(f.name == "updated_at" for f in meta.concrete_fields) and "updated_at" not in names:
        now = timezone.now()
        for obj in objs:
            obj.updated_at = now
        names.append("updated_at")
    columns = [meta.get_field(name) for name in names]
    connection = connections[model._default_manager.db]
    qn = connection.ops.quote_name
    # Identifiers come from the model and are quoted by the backend; values are parameters.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
        qn(meta.db_table),
        ", ".join(f"{qn(c.column)} = %s" for c in columns),
        qn(meta.pk.column),
    )
    params = [
        [c.get_db_prep_save(getattr(obj, c.attname), connection) for c in columns] + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# --- the engine --------------------------------------------------------------------------


class Importer:
    """Subclass and declare ``model``, ``columns``, ``key_field``; override the hooks."""

    model: type[models.Model]
    columns: list[Column] = []
    key_field: str = ""
    batch_size = 1000
    sheet_title = "导入模板"

    def __init__(self, *, actor: Any = None, update: bool = False) -> None:
        self.actor = actor
        self.update = update

    # hooks ---------------------------------------------------------------------------
    def prepare(self) -> None:
        """Load lookup tables once (e.g. region codes the actor may use)."""

    def clean_row(self, values: dict[str, Any], add_error: Callable[[str, str], None]) -> None:
        """Cross-field checks; ``add_error(header, reason)``; may modify ``values``."""

    def existing(self, keys: list[Any]) -> dict[Any, models.Model]:
        """Existing records by key (scope checks belong here)."""
        return {
            getattr(o, self.key_field): o
            for o in self.model._default_manager.filter(**{f"{self.key_field}__in": keys})
        }

    def check_existing(self, obj: models.Model) -> str:
        """Reason why an existing record may not be updated by the actor ('' if fine)."""
        return ""

    def build(self, values: dict[str, Any]) -> models.Model:
        return self.model(**values)

    def apply(self, obj: models.Model, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(obj, key, value)

    def update_fields(self) -> list[str]:
        return [c.field for c in self.columns if c.field != self.key_field]

    def after_write(self, created: list[models.Model], updated: list[models.Model]) -> None:
        """Per-batch side effects (derived columns)."""

    def summary(self, result: ImportResult) -> None:
        """Write the summary audit record."""

    # reading ---------------------------------------------------------------------------
    def rows(self, source) -> Iterator[tuple[int, dict[str, Any], list[RowError]]]:
        """(row number, {field: parsed}, errors) for every non-empty data row."""
        sheet = _open_sheet(source)
        iterator = iter(sheet.iter_rows())
        try:
            header = next(iterator)
        except StopIteration:
            raise CellError("文件是空的：第1行应为表头") from None
        positions: dict[str, int] = {}
        by_header = {_norm_header(c.header): c for c in self.columns}
        for index, text in enumerate(header):
            column = by_header.get(_norm_header(text))
            if column is not None and column.header not in positions:
                positions[column.header] = index
        missing = [c.header for c in self.columns if c.required and c.header not in positions]
        if missing:
            raise CellError("表头缺少列：" + "、".join(missing))
        for offset, raw in enumerate(iterator, start=2):
            if all(_blank(v) for v in raw):
                continue
            values: dict[str, Any] = {}
            errors: list[RowError] = []
            for column in self.columns:
                pos = positions.get(column.header)
                cell = raw[pos] if pos is not None and pos < len(raw) else None
                try:
                    value = column.parse(cell)
                except CellError as exc:
                    errors.append(RowError(offset, column.header, str(exc)))
                    continue
                if value in (None, "") and column.required:
                    errors.append(RowError(offset, column.header, "不能为空"))
                    continue
                if pos is not None or value not in (None, ""):
                    values[column.field] = value

            def add_error(header: str, reason: str, _row=offset, _errors=errors) -> None:
                _errors.append(RowError(_row, header, reason))

            if not errors:
                self.clean_row(values, add_error)
            yield offset, values, errors

    # running ---------------------------------------------------------------------------
    def run(
        self,
        source,
        *,
        dry_run: bool = False,
        valid_only: bool = False,
        progress: Progress | None = None,
    ) -> ImportResult:
        self.prepare()
        result = ImportResult()
        try:
            plan = self._validate(source, result, progress)
        except CellError as exc:
            result.errors.append(RowError(1, "表头", str(exc)))
            result.rejected_rows.add(1)
            return result
        if dry_run or (result.rejected_rows and not valid_only):
            return result
        if result.to_create + result.to_update == 0:
            return result
        self._write(source, result, plan, progress)
        return result

    def _key_header(self) -> str:
        return next(c.header for c in self.columns if c.field == self.key_field)

    def _validate(self, source, result: ImportResult, progress: Progress | None) -> set[Any]:
        seen: dict[Any, int] = {}
        pending: list[tuple[int, Any]] = []
        to_update: set[Any] = set()
        key_header = self._key_header()

        def flush() -> None:
            if not pending:
                return
            found = self.existing([k for _, k in pending])
            for row, key in pending:
                obj = found.get(key)
                if obj is None:
                    result.to_create += 1
                    continue
                if not self.update:
                    result.errors.append(
                        RowError(row, key_header, f"“{key}”已存在（更新请使用更新模式）")
                    )
                    result.rejected_rows.add(row)
                    continue
                reason = self.check_existing(obj)
                if reason:
                    result.errors.append(RowError(row, key_header, reason))
                    result.rejected_rows.add(row)
                    continue
                result.to_update += 1
                to_update.add(key)
            pending.clear()

        for row, values, errors in self.rows(source):
            result.total += 1
            key = values.get(self.key_field)
            if key not in (None, ""):
                if key in seen:
                    errors.append(RowError(row, key_header, f"与第{seen[key]}行重复"))
                else:
                    seen[key] = row
            if errors:
                result.errors.extend(errors)
                result.rejected_rows.add(row)
            else:
                pending.append((row, key))
                if len(pending) >= self.batch_size:
                    flush()
            if progress and result.total % 5000 == 0:
                progress(result.total, "validate")
        flush()
        return to_update

    def _write(self, source, result: ImportResult, to_update: set[Any], progress) -> None:
        creates: list[models.Model] = []
        updates: list[tuple[Any, dict[str, Any]]] = []
        fields = self.update_fields()

        def flush() -> None:
            created = self.model._default_manager.bulk_create(creates, batch_size=self.batch_size)
            updated: list[models.Model] = []
            if updates:
                found = self.existing([k for k, _ in updates])
                for key, values in updates:
                    obj = found[key]
                    self.apply(obj, values)
                    updated.append(obj)
                fast_bulk_update(self.model, updated, fields)
            self.after_write(list(created), updated)
            result.created += len(created)
            result.updated += len(updated)
            creates.clear()
            updates.clear()
            if progress:
                progress(result.created + result.updated, "write")

        with transaction.atomic():
            for row, values, _errors in self.rows(source):
                if row in result.rejected_rows:
                    continue
                key = values[self.key_field]
                if key in to_update:
                    updates.append((key, values))
                else:
                    creates.append(self.build(values))
                if len(creates) + len(updates) >= self.batch_size:
                    flush()
            flush()
            result.committed = True
            self.summary(result)

    # template --------------------------------------------------------------------------
    def template(self, target: str | IO[bytes]) -> None:
        write_template(self.columns, target, title=self.sheet_title)


def write_template(columns: list[Column], target, *, title: str = "导入模板") -> None:
    """An .xlsx with exactly the declared headers, one example row, and drop-down
    validations for columns with choices (rows 2–10001)."""
    import xlsxwriter

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
        sheet.write_string(0, col, column.header, head)
        if column.note:
            sheet.write_comment(0, col, column.note)
        example = column.example
        if isinstance(example, dt.date):
            sheet.write_datetime(1, col, dt.datetime.combine(example, dt.time()), date_format)
        elif isinstance(example, int | float | Decimal) and not isinstance(example, bool):
            sheet.write_number(1, col, float(example))
        else:
            sheet.write_string(1, col, str(example))
        if column.choices:
            sheet.data_validation(
                1,
                col,
                10000,
                col,
                {
                    "validate": "list",
                    "source": [str(c) for c in column.choices],
                    "error_title": "输入有误",
                    "error_message": "请从下拉列表中选择",
                },
            )
    sheet.freeze_panes(1, 0)
    workbook.close()
