"""The spreadsheet import engine every ``import_<things>`` command and upload page uses.

An importer declares its columns (header text → field, parser, drop-down choices, example)
and how to look up, create and update records; the engine does the rest:

- rows are streamed from the .xlsx with python-calamine; columns are matched **by header
  text**, so users may reorder them;
- every row is validated and every problem is collected as ``第N行 [列名] 原因``, including
  duplicates inside the file and, unless ``update`` is on, keys that already exist;
- **one pass**: a committing run validates and writes batch by batch inside one
  transaction. When a row is rejected (and the caller did not ask for "valid rows only")
  the engine stops writing, keeps validating so the user sees every problem, and rolls the
  transaction back at the end, so such a file writes nothing. A dry run (preview) only
  validates;
- creates go through PostgreSQL binary ``COPY … FROM STDIN`` with primary keys taken from
  the table's sequence beforehand (``bulk_create`` on other databases), in a writer thread,
  so the database updates the table's indexes while the next batch is read and checked;
  updates go through one ``executemany`` ``UPDATE``; one summary audit record per
  committed import;
- ``progress(rows_done, phase)`` is called every 1,000 rows and at the end ("validate" for
  a dry run, "write" for a committing run); ``count_rows`` gives the total beforehand.

Only keys, row numbers and error messages are kept for the whole file; parsed rows live
for one batch, so a 100,000-row file stays small.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import IO, Any

from django.db import connections, models, router, transaction
from django.db.models.base import ModelState
from django.utils import timezone

__all__ = [
    "CellError",
    "Column",
    "ImportResult",
    "Importer",
    "RowError",
    "count_rows",
    "fast_bulk_update",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_text",
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
    #: findings that do not reject the row (e.g. a credit code to double-check)
    warnings: list[RowError] = field(default_factory=list)
    warning_count: int = 0

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def ok(self) -> bool:
        return not self.rejected_rows

    def messages(self) -> list[str]:
        return [str(e) for e in sorted(self.errors, key=lambda e: (e.row, e.column))]

    def warning_messages(self) -> list[str]:
        return [str(w) for w in self.warnings]


# --- cell parsers ------------------------------------------------------------------------
# Every parser first handles the type python-calamine actually delivers (str for text,
# float for numbers, date/datetime for date cells) before the general path: they run once
# per cell, i.e. over a million times for a 100,000-row file.

_INT_TEXT = re.compile(r"[-+]?\d+(\.0+)?")
_CENT = Decimal("0.01")
_INF = float("inf")
_DATE_DASH = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_int(value: Any) -> int | None:
    kind = type(value)
    if kind is float and value.is_integer() and value >= 0:
        return int(value)
    if kind is int and value >= 0:
        return value
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
        if not _INT_TEXT.fullmatch(text):
            raise CellError(f"应为整数，不能是“{value}”")
        result = int(Decimal(text))
    if result < 0:
        raise CellError("不能为负数")
    return result


def parse_decimal(value: Any) -> Decimal | None:
    if type(value) is float and 0 <= value < _INF:
        return Decimal(repr(value)).quantize(_CENT)
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
    return number.quantize(_CENT)


def parse_date(value: Any) -> dt.date | None:
    kind = type(value)
    if kind is dt.date:
        return value
    if kind is dt.datetime:
        return value.date()
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    m = _DATE_DASH.fullmatch(text) or _DATE_CN.fullmatch(text)
    if not m:
        raise CellError(f"日期应为 YYYY-MM-DD，不能是“{value}”")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellError(f"不存在的日期“{value}”") from None


_TRUE = {"是", "y", "yes", "true", "1", "有", "√"}
_FALSE = {"否", "n", "no", "false", "0", "无", "×"}
_BOOL = dict.fromkeys(_TRUE, True) | dict.fromkeys(_FALSE, False)


def parse_bool(value: Any) -> bool | None:
    if type(value) is str:
        found = _BOOL.get(value)
        if found is not None:
            return found
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
        if type(value) is str:
            found = by_text.get(value)
            if found is not None:
                return found
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


def fast_bulk_update(
    model: type[models.Model], objs: list[models.Model], fields: list[str]
) -> None:
    """``UPDATE … WHERE pk = %s`` with ``executemany``: Django's ``bulk_update`` builds a
    CASE expression per field and row, which costs seconds per thousand rows."""
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


# Field classes whose Python values psycopg adapts exactly as Django would store them, so
# COPY can take the attribute as it is; any other field goes through get_db_prep_save.
_PLAIN_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.BigIntegerField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DateTimeField,
    models.DecimalField,
    models.EmailField,
    models.ForeignKey,
    models.IntegerField,
    models.OneToOneField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.SmallAutoField,
    models.SmallIntegerField,
    models.TextField,
)
# Column types binary COPY can take (PostgreSQL type → psycopg type name, Python type).
# Binary rows cost psycopg half the client time of text rows; a table with any other
# column type is copied as text.
_BINARY_TYPES = {
    "bigint": ("int8", int),
    "integer": ("int4", int),
    "smallint": ("int2", int),
    "varchar": ("varchar", str),
    "text": ("text", str),
    "numeric": ("numeric", Decimal),
    "date": ("date", dt.date),
    "timestamp with time zone": ("timestamptz", dt.datetime),
    "boolean": ("bool", bool),
}


class _InstanceFactory:
    """New unsaved model instances holding exactly what ``Model(**values)`` would hold,
    without ``Model.__init__``'s per-call work (keyword matching, one descriptor call per
    field), which costs more than validating the row. Models with init signal receivers
    (e.g. image fields) get the real constructor."""

    def __init__(self, model: type[models.Model]) -> None:
        from django.db.models import signals

        self.model = model
        self.static: dict[str, Any] = {}
        self.dynamic: list[tuple[str, Callable[[], Any]]] = []
        self.relations: list[tuple[str, str]] = []  # ("region", "region_id")
        known = set()
        for f in model._meta.concrete_fields:
            known.add(f.attname)
            if f.is_relation:
                self.relations.append((f.name, f.attname))
                known.add(f.name)
            if f.has_default() and callable(f.default):
                self.dynamic.append((f.attname, f.get_default))
            else:
                self.static[f.attname] = f.get_default()
        self.known = frozenset(known)
        self.exact = not (
            signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model)
        )

    def __call__(self, values: dict[str, Any]) -> models.Model:
        model = self.model
        if not (self.exact and values.keys() <= self.known):
            return model(**values)  # e.g. a property such as ``phone`` needs its setter
        obj = model.__new__(model)
        fields = obj.__dict__
        fields.update(self.static)
        for attname, default in self.dynamic:
            fields[attname] = default()
        fields.update(values)
        state = fields["_state"] = ModelState()
        for name, attname in self.relations:
            if name in fields:
                value = fields.pop(name)
                if isinstance(value, models.Model):
                    fields[attname] = value.pk
                    state.fields_cache[name] = value
                else:
                    setattr(obj, name, value)  # None, or the descriptor's own error
        return obj


class _CopyWriter:
    """Inserts new model instances with one ``COPY … FROM STDIN`` per batch (PostgreSQL).

    Primary keys are taken from the table's sequence first (``nextval`` over
    ``generate_series``), so the instances have their ids for ``after_write`` without
    reading anything back, and the sequence stays right for later inserts."""

    def __init__(self, model: type[models.Model], connection) -> None:
        meta = model._meta
        self.connection = connection
        qn = connection.ops.quote_name
        self.fields = fields = list(meta.concrete_fields)
        self.attnames = [f.attname for f in fields]
        self.stamped = [
            f.attname
            for f in fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self.pk = meta.pk.attname
        binary = [
            _BINARY_TYPES.get(re.sub(r"\(.*\)$", "", f.db_type(connection) or "").strip())
            for f in fields
        ]
        columns = ", ".join(qn(f.column) for f in fields)
        table = qn(meta.db_table)
        if all(binary) and all(type(f) in _PLAIN_FIELDS for f in fields):
            self.types: list[str] | None = [b[0] for b in binary]
            self.expected = [b[1] for b in binary]
            self.sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"
        else:
            self.types = None
            self.expected = []
            self.sql = f"COPY {table} ({columns}) FROM STDIN"
        self.accepted: set[tuple[type, ...]] = set()  # rows of these types need no conversion
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.sequence = None
        if isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column]
                )
                self.sequence = cursor.fetchone()[0]

    def _convert(self, row: list[Any]) -> list[Any]:
        """A row whose value types were not seen yet. Values of the column's Python type (or
        a subclass: a ``TextChoices`` member is a str) go as they are, and that combination
        of types is remembered; anything else gets Django's conversion (``"12"`` for an
        integer, a naive datetime, a JSON value …)."""
        connection, expected = self.connection, self.expected
        exact = True
        for i, f in enumerate(self.fields):
            value = row[i]
            if value is None:
                continue
            kind = expected[i] if expected else None
            if kind is not None and isinstance(value, kind):
                if not (kind is dt.date and isinstance(value, dt.datetime)):
                    continue
            row[i] = f.get_db_prep_save(value, connection)
            exact = False
        if exact and expected:
            self.accepted.add(tuple(map(type, row)))
        return row

    def insert(self, objs: list[models.Model], db: str) -> None:
        """Give the instances their ids and start copying them; returns while PostgreSQL
        is still inserting (and updating the table's indexes), which takes as long as
        reading and checking the next batch: ``wait`` before the connection's next use."""
        self.wait()
        if not objs:
            return
        now = timezone.now()
        pk, stamped, values_of = self.pk, self.stamped, itemgetter(*self.attnames, self.pk)
        accepted, convert = self.accepted, self._convert
        if self.sequence is not None:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(%s) FROM generate_series(1, %s)", [self.sequence, len(objs)]
                )
                for obj, (new_id,) in zip(objs, cursor.fetchall(), strict=True):
                    setattr(obj, pk, new_id)
        rows = []
        for obj in objs:
            state = obj.__dict__
            for name in stamped:
                state[name] = now
            row = values_of(state)[:-1]  # (the pk twice: always a tuple, even for one field)
            if tuple(map(type, row)) not in accepted:
                row = convert(list(row))  # also every row of a text COPY (nothing accepted)
            rows.append(row)
            obj._state.adding = False
            obj._state.db = db
        # The psycopg connection itself, taken here: Django's connection handles are
        # per thread, the writer thread must use this thread's connection (and transaction).
        raw = self.connection.connection
        self._thread = threading.Thread(target=self._copy, args=(raw, rows), daemon=True)
        self._thread.start()

    def _copy(self, raw: Any, rows: list[tuple[Any, ...]]) -> None:
        # Runs in the writer thread on the raw psycopg connection, which holds its lock for
        # the whole COPY: a query from the importing thread meanwhile simply waits.
        try:
            with raw.cursor() as cursor:
                with cursor.copy(self.sql) as copy:
                    if self.types is not None:
                        copy.set_types(self.types)
                    write_row = copy.write_row
                    for row in rows:
                        write_row(row)
        except BaseException as exc:  # noqa: BLE001 — re-raised in the importing thread
            self._error = exc

    def wait(self) -> None:
        """Until the last batch is in the table; raises what the COPY raised."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error


# --- the engine --------------------------------------------------------------------------


@dataclass
class _Cell:
    """A column as found in one file: where it is and how to read it."""

    position: int
    parse: Callable[[Any], Any]
    field: str
    header: str
    required: bool
    max_length: int  # 0: not a bounded text column


class Importer:
    """Subclass and declare ``model``, ``columns``, ``key_field``; override the hooks."""

    model: type[models.Model]
    columns: list[Column] = []
    key_field: str = ""
    #: rows checked against the database (and written) together; PostgreSQL's COPY path
    #: takes ``copy_batch_size`` rows at a time (fewer round trips, cheaper index updates)
    batch_size = 1000
    copy_batch_size = 5000
    sheet_title = "导入模板"

    #: warnings kept with their row and column; beyond this only counted
    max_warnings = 1000

    def __init__(self, *, actor: Any = None, update: bool = False) -> None:
        self.actor = actor
        self.update = update
        self._result: ImportResult | None = None
        self._read = 1

    def warn(self, header: str, reason: str) -> None:
        """From ``clean_row``: a finding on the current row that does not reject it."""
        result = self._result
        if result is None:
            return
        result.warning_count += 1
        if len(result.warnings) < self.max_warnings:
            result.warnings.append(RowError(self._read, header, reason))

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
        return self.new_instance(values)

    def new_instance(self, values: dict[str, Any]) -> models.Model:
        """``self.model(**values)``, several times faster (see ``_InstanceFactory``)."""
        factory = self.__dict__.get("_factory")
        if factory is None or factory.model is not self.model:
            factory = self._factory = _InstanceFactory(self.model)
        return factory(values)

    def apply(self, obj: models.Model, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(obj, key, value)

    def update_fields(self) -> list[str]:
        return [c.field for c in self.columns if c.field != self.key_field]

    def after_write(self, created: list[models.Model], updated: list[models.Model]) -> None:
        """Per-batch side effects (derived columns); the created instances have their ids."""

    def summary(self, result: ImportResult) -> None:
        """Write the summary audit record."""

    # reading ---------------------------------------------------------------------------
    def _open(self, source) -> tuple[Iterator[list[Any]], list[_Cell]]:
        """The row iterator past the header, and where each declared column is."""
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
        cells = []
        for column in self.columns:
            if column.header not in positions:
                continue  # an optional column left out of the file: the field is not set
            try:
                model_field = self.model._meta.get_field(column.field)
            except Exception:  # noqa: BLE001 — a column feeding a property (e.g. ``phone``)
                model_field = None
            max_length = 0
            if isinstance(model_field, models.CharField) and not model_field.is_relation:
                max_length = model_field.max_length or 0
            cells.append(
                _Cell(
                    positions[column.header],
                    column.parse,
                    column.field,
                    column.header,
                    column.required,
                    max_length,
                )
            )
        return iterator, cells

    def _parse(
        self, iterator: Iterator[list[Any]], cells: list[_Cell]
    ) -> Iterator[tuple[int, dict[str, Any], list[RowError] | None]]:
        """(row number, {field: parsed}, errors or None) for every non-empty data row.

        The hot loop of an import: plain tuples and local names, no per-row closures."""
        plan = [(c.position, c.parse, c.field, c.header, c.required, c.max_length) for c in cells]
        clean_row = self.clean_row
        found: list[tuple[str, str]] = []
        add_error = _collector(found)
        self._read = 1
        for offset, raw in enumerate(iterator, start=2):
            self._read = offset
            for cell in raw:
                if cell is not None and cell != "" and not (type(cell) is str and cell.isspace()):
                    break
            else:
                continue  # a blank row
            width = len(raw)
            values: dict[str, Any] = {}
            errors: list[RowError] | None = None
            for position, parse, name, header, required, max_length in plan:
                try:
                    value = parse(raw[position] if position < width else None)
                except CellError as exc:
                    if errors is None:
                        errors = []
                    errors.append(RowError(offset, header, str(exc)))
                    continue
                if value is None or value == "":
                    if required:
                        if errors is None:
                            errors = []
                        errors.append(RowError(offset, header, "不能为空"))
                        continue
                elif max_length and type(value) is str and len(value) > max_length:
                    if errors is None:
                        errors = []
                    errors.append(RowError(offset, header, f"不能超过{max_length}个字"))
                    continue
                values[name] = value
            if errors is None:
                clean_row(values, add_error)
                if found:
                    errors = [RowError(offset, header, reason) for header, reason in found]
                    found.clear()
            yield offset, values, errors

    def rows(self, source) -> Iterator[tuple[int, dict[str, Any], list[RowError]]]:
        """(row number, {field: parsed}, errors) for every non-empty data row."""
        iterator, cells = self._open(source)
        for row, values, errors in self._parse(iterator, cells):
            yield row, values, errors or []

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
        self._result = result
        try:
            iterator, cells = self._open(source)
        except CellError as exc:
            result.errors.append(RowError(1, "表头", str(exc)))
            result.rejected_rows.add(1)
            return result
        if dry_run:
            self._pass(iterator, cells, result, None, valid_only, progress, "validate")
            return result
        db = router.db_for_write(self.model)
        with transaction.atomic(using=db):
            connection = connections[db]
            insert = self._bulk_create
            if connection.vendor == "postgresql":
                self._writer = _CopyWriter(self.model, connection)
                insert = self._writer.insert
            try:
                self._pass(iterator, cells, result, insert, valid_only, progress, "write")
            finally:
                if self._writer is not None and self._writer._thread is not None:
                    self._writer._thread.join()  # an error is on its way out: just finish
                self._writer = None
            if (result.rejected_rows and not valid_only) or not (result.created + result.updated):
                # Batches written before the first rejected row are undone with the rest.
                transaction.set_rollback(True, using=db)
                result.created = result.updated = 0
            else:
                result.committed = True
                self.summary(result)
        return result

    _writer: _CopyWriter | None = None

    def _settle(self) -> None:
        """Wait for the batch being copied in the background (before using the connection)."""
        if self._writer is not None:
            self._writer.wait()

    def _bulk_create(self, objs: list[models.Model], db: str) -> None:
        self.model._default_manager.db_manager(db).bulk_create(objs, batch_size=self.batch_size)

    def _key_header(self) -> str:
        return next(c.header for c in self.columns if c.field == self.key_field)

    def _pass(
        self,
        iterator: Iterator[list[Any]],
        cells: list[_Cell],
        result: ImportResult,
        insert: Callable[[list[models.Model], str], None] | None,
        valid_only: bool,
        progress: Progress | None,
        phase: str,
    ) -> None:
        """Validate every row; with ``insert``, write each batch of valid rows while the file
        is still acceptable (no rejected row, or ``valid_only``)."""
        seen: dict[Any, int] = {}
        pending: list[tuple[int, Any, dict[str, Any]]] = []
        key_field, key_header = self.key_field, self._key_header()
        batch_size = self.copy_batch_size if self._writer is not None else self.batch_size
        rejected, errors_out = result.rejected_rows, result.errors
        db = router.db_for_write(self.model)
        fields = self.update_fields()
        report_at = 1000
        total = 0
        for row, values, errors in self._parse(iterator, cells):
            total += 1
            key = values.get(key_field)
            if key is not None and key != "":
                first = seen.setdefault(key, row)
                if first != row:
                    if errors is None:
                        errors = []
                    errors.append(RowError(row, key_header, f"与第{first}行重复"))
            if errors:
                errors_out.extend(errors)
                rejected.add(row)
            else:
                pending.append((row, key, values))
                if len(pending) >= batch_size:
                    self._flush(pending, result, insert, valid_only, fields, db)
            if progress is not None and row - 1 >= report_at:
                progress(row - 1, phase)
                report_at = row - 1 + 1000
        self._flush(pending, result, insert, valid_only, fields, db)
        self._settle()
        result.total = total
        if progress is not None:
            progress(self._read - 1, phase)

    def _present(self, keys: list[Any], db: str) -> list[Any]:
        """Which of ``keys`` the table already has: a single indexed lookup of the key column,
        so that ``existing`` (full records, scope checks) only runs for keys that exist. On
        PostgreSQL the keys are one array parameter (``= ANY``) rather than a thousand."""
        connection = connections[db]
        meta = self.model._meta
        column = meta.get_field(self.key_field)
        if connection.vendor != "postgresql":
            return list(
                self.model._default_manager.db_manager(db)
                .filter(**{f"{self.key_field}__in": keys})
                .order_by()
                .values_list(self.key_field, flat=True)
            )
        qn = connection.ops.quote_name
        sql = "SELECT {col} FROM {table} WHERE {col} = ANY(%s)".format(  # noqa: S608
            col=qn(column.column), table=qn(meta.db_table)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [[k if type(k) is str else column.get_db_prep_value(k, connection) for k in keys]],
            )
            return [row[0] for row in cursor.fetchall()]

    def _flush(
        self,
        pending: list[tuple[int, Any, dict[str, Any]]],
        result: ImportResult,
        insert: Callable[[list[models.Model], str], None] | None,
        valid_only: bool,
        fields: list[str],
        db: str,
    ) -> None:
        """Check one batch of valid rows against the database, and write it if allowed."""
        if not pending:
            return
        self._settle()
        present = self._present([key for _, key, _ in pending], db)
        found = self.existing(present) if present else {}
        key_header = self._key_header()
        creates: list[dict[str, Any]] = []
        updates: list[tuple[models.Model, dict[str, Any]]] = []
        for row, key, values in pending:
            obj = found.get(key) if found else None
            if obj is None:
                result.to_create += 1
                creates.append(values)
                continue
            reason = (
                self.check_existing(obj) if self.update else f"“{key}”已存在（更新请使用更新模式）"
            )
            if reason:
                result.errors.append(RowError(row, key_header, reason))
                result.rejected_rows.add(row)
                continue
            result.to_update += 1
            updates.append((obj, values))
        pending.clear()
        if insert is None or (result.rejected_rows and not valid_only):
            return  # a preview, or a file that will be rolled back: validate only
        created = [self.build(values) for values in creates]
        insert(created, db)
        updated = []
        for obj, values in updates:
            self.apply(obj, values)
            updated.append(obj)
        if updated:
            self._settle()
            fast_bulk_update(self.model, updated, fields)
        if type(self).after_write is not Importer.after_write:
            self._settle()  # the hook may read what was just written
            self.after_write(created, updated)
        result.created += len(created)
        result.updated += len(updated)

    # template --------------------------------------------------------------------------
    def template(self, target: str | IO[bytes]) -> None:
        write_template(self.columns, target, title=self.sheet_title)


def _collector(found: list[tuple[str, str]]) -> Callable[[str, str], None]:
    """The ``add_error`` given to ``clean_row``: one function for the whole file."""

    def add_error(header: str, reason: str) -> None:
        found.append((header, reason))

    return add_error


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
