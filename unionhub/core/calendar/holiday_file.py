"""The holiday file (``date,kind,name,year,source``, UTF-8; the format of
``data/cn_public_holidays.csv``) and the rules one holiday date must satisfy. Pure: no
database. Every row is checked before anything is written; each problem is reported as
``第N行 [列名] 原因`` (the header is line 1)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from unionhub.core.importing import RowError

__all__ = ["COLUMNS", "HolidayRow", "Problem", "check_holiday", "parse_holiday_file"]

COLUMNS = ("date", "kind", "name", "year", "source")
KINDS = ("holiday", "workday")
NAME_MAX = 50
SOURCE_MAX = 200
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class HolidayRow:
    date: dt.date
    kind: str
    name: str
    year: int
    source: str
    line: int = 0


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    code: str


def parse_iso_date(value: str) -> dt.date | None:
    """``YYYY-MM-DD`` of a day that exists, else None (``2025-02-30`` is None)."""
    value = (value or "").strip()
    if not _ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check_holiday(
    *, date: dt.date | None, kind: str, name: str, year: int | None, source: str
) -> list[Problem]:
    """What is wrong with one holiday date (empty when it is acceptable)."""
    problems: list[Problem] = []
    if date is None:
        problems.append(Problem("date", _("Enter an existing date as YYYY-MM-DD."), "invalid_date"))
    if kind not in KINDS:
        problems.append(
            Problem(
                "kind",
                _("The kind must be holiday (a day off) or workday (a shifted working day)."),
                "invalid_kind",
            )
        )
    if not (name or "").strip():
        problems.append(Problem("name", _("Enter the holiday's name."), "required"))
    elif len(name) > NAME_MAX:
        problems.append(
            Problem(
                "name", _("The name is longer than %(n)d characters.") % {"n": NAME_MAX}, "too_long"
            )
        )
    if year is None or not 1949 <= year <= 2100:
        problems.append(
            Problem("year", _("The arrangement year must be a year such as 2026."), "invalid_year")
        )
    elif date is not None and date.year not in (year - 1, year):
        # The 元旦 block of an arrangement may start in the December before (2024's
        # arrangement holds 2023-12-30); any other year is a typing error.
        problems.append(
            Problem(
                "date",
                _("%(date)s is not in the %(year)d arrangement.")
                % {"date": date.isoformat(), "year": year},
                "date_outside_year",
            )
        )
    if date is not None and kind == "workday" and date.weekday() < 5:
        problems.append(
            Problem(
                "kind",
                _("A shifted working day is a Saturday or a Sunday; %(date)s is a weekday.")
                % {"date": date.isoformat()},
                "workday_not_weekend",
            )
        )
    if len(source or "") > SOURCE_MAX:
        problems.append(
            Problem(
                "source",
                _("The source is longer than %(n)d characters.") % {"n": SOURCE_MAX},
                "too_long",
            )
        )
    return problems


def _decode(content: bytes | str) -> str | None:
    if isinstance(content, str):
        return content.lstrip("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parse_holiday_file(content: bytes | str) -> tuple[list[HolidayRow], list[RowError]]:
    """Every row of the file, or every problem in it (then the rows are not to be used)."""
    text = _decode(content)
    if text is None:
        return [], [RowError(1, _("file"), _("The file is not UTF-8 text."))]
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        return [], [RowError(1, _("header"), _("The file is empty: line 1 must be the header."))]
    header = [cell.strip() for cell in header]
    if sorted(header) != sorted(COLUMNS):
        expected = ",".join(COLUMNS)
        return [], [
            RowError(
                1,
                _("header"),
                _("The header must be %(expected)s; found %(found)s.")
                % {"expected": expected, "found": ",".join(header)},
            )
        ]
    position = {name: header.index(name) for name in COLUMNS}
    rows: list[HolidayRow] = []
    errors: list[RowError] = []
    first_line: dict[dt.date, int] = {}
    for cells in reader:
        line = reader.line_num
        if not cells or not any(c.strip() for c in cells):
            continue  # blank line
        if len(cells) != len(COLUMNS):
            errors.append(
                RowError(
                    line,
                    _("row"),
                    _("The row has %(found)d fields; it must have %(n)d (%(columns)s).")
                    % {"found": len(cells), "n": len(COLUMNS), "columns": ",".join(COLUMNS)},
                )
            )
            continue
        values = {name: cells[position[name]].strip() for name in COLUMNS}
        date = parse_iso_date(values["date"])
        year = int(values["year"]) if re.fullmatch(r"\d{4}", values["year"]) else None
        problems = check_holiday(
            date=date,
            kind=values["kind"],
            name=values["name"],
            year=year,
            source=values["source"],
        )
        if date is None and values["date"]:
            problems = [
                Problem(
                    "date",
                    _("%(value)s is not an existing date (YYYY-MM-DD).")
                    % {"value": values["date"]},
                    "invalid_date",
                )
                if p.field == "date" and p.code == "invalid_date"
                else p
                for p in problems
            ]
        if date is not None:
            if date in first_line:
                problems.append(
                    Problem(
                        "date",
                        _("%(date)s is already on line %(line)d.")
                        % {"date": date.isoformat(), "line": first_line[date]},
                        "duplicate_date",
                    )
                )
            else:
                first_line[date] = line
        if problems:
            errors.extend(RowError(line, p.field, p.message) for p in problems)
            continue
        rows.append(HolidayRow(date, values["kind"], values["name"], year, values["source"], line))
    if not rows and not errors:
        errors.append(RowError(2, _("row"), _("The file has a header but no dates.")))
    return rows, errors
