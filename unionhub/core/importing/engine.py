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

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connections, models, router, transaction

from unionhub.core.importing.parsers import CellError, Column, ReferenceSheet
from unionhub.core.importing.pgcopy import _CopyWriter, _InstanceFactory, fast_bulk_update
from unionhub.core.importing.xlsx import _norm_header, _open_sheet, write_template

#: how many top rows may stand above the header (an export's watermark and title rows)
HEADER_SEARCH_ROWS = 3
#: the first cell of an export's totals row (core/exporting.py), not a record
TOTAL_LABEL = "合计"

Progress = Callable[[int, str], None]


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
        self._header_row = 1
        #: (row, key) of rejected rows still to be checked for a key that is already taken
        self._rejected_keys: list[tuple[int, Any]] = []

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
        """Cross-field checks; ``add_error(header, reason)``; may modify ``values``.

        Also called for a row whose cells already failed: ``values`` then holds only the
        cells that parsed (use ``values.get``)."""

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
        by_header = {_norm_header(c.header): c for c in self.columns}
        # An exported workbook starts with a title row (and, unmasked, a watermark row)
        # above its header: the header is the first of the top rows naming a declared
        # column, so a file exported from a list can be imported again.
        top = list(itertools.islice(iterator, HEADER_SEARCH_ROWS))
        if not top:
            raise CellError("文件是空的：第1行应为表头")
        index = next(
            (i for i, raw in enumerate(top) if any(_norm_header(t) in by_header for t in raw)),
            0,  # no row names a column: row 1 is the header (and its problems are reported)
        )
        header = top[index]
        self._header_row = index + 1
        iterator = itertools.chain(top[index + 1 :], iterator)
        positions: dict[str, int] = {}
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
        self._read = self._header_row
        for offset, raw in enumerate(iterator, start=self._header_row + 1):
            self._read = offset
            for cell in raw:
                if cell is not None and cell != "" and not (type(cell) is str and cell.isspace()):
                    break
            else:
                continue  # a blank row
            if cell == TOTAL_LABEL:
                continue  # the 合计 row at the foot of an exported workbook
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
            else:
                # One pass: the cross-field and look-up checks run on the cells that did
                # parse, so a row's every problem shows at once (not a second wave after the
                # first is fixed); a column already in error is not reported twice.
                clean_row(values, add_error)
                if found:
                    failed = {e.column for e in errors}
                    errors.extend(
                        RowError(offset, header, reason)
                        for header, reason in found
                        if header not in failed
                    )
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
        self._rejected_keys = []
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
                if key is not None and key != "" and not self.update and seen[key] == row:
                    # Whether its key is taken too, in the same batch query as the valid rows.
                    self._rejected_keys.append((row, key))
                    if len(self._rejected_keys) >= batch_size:
                        self._flush(pending, result, insert, valid_only, fields, db)
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
        rejected_keys, self._rejected_keys = self._rejected_keys, []
        if not pending and not rejected_keys:
            return
        self._settle()
        present = self._present(
            [key for _, key, _ in pending] + [key for _, key in rejected_keys], db
        )
        if rejected_keys and present:
            taken = set(present)
            for row, key in rejected_keys:
                if key in taken:
                    result.errors.append(
                        RowError(row, self._key_header(), f"“{key}”已存在（更新请使用更新模式）")
                    )
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
    def reference_sheets(self) -> list[ReferenceSheet]:
        """Code tables for the template (scoped to ``self.actor``), e.g. “地区代码表”."""
        return []

    def template(self, target: str | IO[bytes]) -> None:
        write_template(
            self.columns, target, title=self.sheet_title, references=self.reference_sheets()
        )


def _collector(found: list[tuple[str, str]]) -> Callable[[str, str], None]:
    """The ``add_error`` given to ``clean_row``: one function for the whole file."""

    def add_error(header: str, reason: str) -> None:
        found.append((header, reason))

    return add_error
