"""Columns and cell parsers of the import engine: each turns a spreadsheet cell into a value or
raises ``CellError`` with the Chinese reason."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any


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
class ReferenceSheet:
    """A code table written into the template beside the data sheet (e.g. “地区代码表”);
    its first column feeds the drop-down of the column headed ``for_header``."""

    title: str
    headers: list[str]
    rows: list[tuple[Any, ...]]
    for_header: str = ""


class CellError(ValueError):
    """A cell that cannot be accepted; the message is the Chinese reason."""


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
