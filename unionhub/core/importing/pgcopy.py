"""Writing many rows fast: PostgreSQL binary ``COPY … FROM STDIN`` in a writer thread
(primary keys taken from the sequence first), ``bulk_create`` elsewhere, and one
``executemany`` UPDATE. Shared by the import engine (``CopyWriter.insert``: model
instances) and the scale-data generator (``write_rows``: tuples streamed from a
generator, ``unionhub.core.scale``)."""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db import connections, models, router
from django.db.models.base import ModelState
from django.utils import timezone


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
    models.PositiveBigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.SmallAutoField,
    models.SmallIntegerField,
    models.TextField,
    models.TimeField,
    models.UUIDField,
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
    "time": ("time", dt.time),
    "uuid": ("uuid", uuid.UUID),
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
    reading anything back, and the sequence stays right for later inserts.

    ``fields`` (names or attnames, default every concrete field) limits the columns: the
    others get their database default. ``write_rows`` uses that for tuples."""

    def __init__(
        self, model: type[models.Model], connection, fields: Sequence[str] | None = None
    ) -> None:
        meta = model._meta
        self.connection = connection
        qn = connection.ops.quote_name
        self.fields = fields = (
            list(meta.concrete_fields)
            if fields is None
            else [meta.get_field(name) for name in fields]
        )
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

    def stream(self, rows: Iterable[Sequence[Any]]) -> int:
        """Copy tuples of attribute values (in ``fields`` order, as they come from a
        generator) in this thread, converting them as ``insert`` does; returns the count.
        Nothing is stamped and no id is taken: the rows carry what they need (a row
        without the primary key column gets the sequence's next value)."""
        self.wait()
        accepted, convert = self.accepted, self._convert
        n = 0
        with self.connection.cursor() as cursor:
            with cursor.cursor.copy(self.sql) as copy:  # the psycopg 3 cursor
                if self.types is not None:
                    copy.set_types(self.types)
                write_row = copy.write_row
                for row in rows:
                    if tuple(map(type, row)) not in accepted:
                        row = convert(list(row))
                    write_row(row)
                    n += 1
        return n

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


#: the public name (the generator of scale data and the importer share it)
CopyWriter = _CopyWriter


def write_rows(
    model: type[models.Model],
    field_names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str | None = None,
    batch_size: int = 2_000,
) -> int:
    """Insert tuples of values (one per name of ``field_names``: field names or attnames,
    a foreign key as its id) and return how many: one ``COPY`` on PostgreSQL (binary when
    every column allows it, as for the importer), batched ``bulk_create`` elsewhere.

    A concrete field left out gets its Django default on both paths (as ``Model()``
    would give it), except an auto primary key, which the sequence fills. ``rows`` may be
    a generator: it is consumed once, while writing. No model code runs (no ``save()``,
    no signals, no audit: the caller records the import), and rows that carry their
    primary key leave the table's sequence behind on PostgreSQL (the caller resets it
    once, e.g. ``connection.ops.sequence_reset_sql``)."""
    db = using or router.db_for_write(model)
    connection = connections[db]
    if connection.vendor == "postgresql":
        meta = model._meta
        given = {meta.get_field(name).attname for name in field_names}
        missing = [
            f
            for f in meta.concrete_fields
            if f.attname not in given and not (f.primary_key and isinstance(f, models.AutoField))
        ]
        if missing:
            static = tuple(f.get_default() for f in missing if not callable(f.default))
            if len(static) == len(missing):  # (one tuple for every row)
                rows = (tuple(row) + static for row in rows)
            else:
                rows = (tuple(row) + tuple(f.get_default() for f in missing) for row in rows)
            field_names = [*field_names, *(f.attname for f in missing)]
        return _CopyWriter(model, connection, fields=field_names).stream(rows)
    factory = _InstanceFactory(model)
    attnames = [model._meta.get_field(name).attname for name in field_names]
    manager = model._base_manager.db_manager(db)
    batch: list[models.Model] = []
    n = 0
    for row in rows:
        batch.append(factory(dict(zip(attnames, row, strict=True))))
        if len(batch) >= batch_size:
            manager.bulk_create(batch)
            n += len(batch)
            batch.clear()
    if batch:
        manager.bulk_create(batch)
        n += len(batch)
    return n
