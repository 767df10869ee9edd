"""The spreadsheet import engine, by role: ``parsers`` (columns and cell parsers), ``xlsx``
(reading files, writing templates), ``pgcopy`` (fast writes: PostgreSQL COPY, bulk update)
and ``engine`` (the one-pass validate-and-write ``Importer``). Modules import from here."""

from unionhub.core.importing.engine import Importer, ImportResult, Progress, RowError
from unionhub.core.importing.parsers import (
    CellError,
    Column,
    ReferenceSheet,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
)
from unionhub.core.importing.pgcopy import (  # noqa: F401 — _CopyWriter for tests and bench
    CopyWriter,
    _CopyWriter,
    fast_bulk_update,
    write_rows,
)
from unionhub.core.importing.xlsx import count_rows, write_template

__all__ = [
    "CellError",
    "Column",
    "CopyWriter",
    "ImportResult",
    "Importer",
    "Progress",
    "ReferenceSheet",
    "RowError",
    "count_rows",
    "fast_bulk_update",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_text",
    "write_rows",
    "write_template",
]
