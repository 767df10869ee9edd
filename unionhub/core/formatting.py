"""One format for dates, times and numbers on every page, export and document (issue #21).

Times are shown in the platform's zone (Asia/Shanghai) to the minute, ``YYYY-MM-DD HH:MM``;
dates ``YYYY-MM-DD``; counts with thousands separators; money in 元 with two decimals or in
万元 with one. Templates use the filters of ``unionhub.core.templatetags.unionhub``
(``local``, ``num``, ``yuan``, ``wanyuan``); Python code (model ``__str__``, documents,
to-do texts) calls these functions."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

__all__ = ["local_date", "local_datetime", "local_value", "number", "wanyuan", "yuan"]

DATE = "%Y-%m-%d"
DATETIME = "%Y-%m-%d %H:%M"


def local_datetime(value: dt.datetime | None) -> str:
    """``2026-12-02 07:30`` for an aware datetime (converted to Asia/Shanghai)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(DATETIME)


def local_date(value: dt.date | dt.datetime | None) -> str:
    """``2026-12-02``; an aware datetime gives its local day."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(DATE)


def local_value(value: Any) -> Any:
    """Dates and times as local text, ``None`` as empty, anything else unchanged."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return local_datetime(value)
    if isinstance(value, dt.date):
        return local_date(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: Any, places: int = 0) -> str:
    """``12,345`` (``places`` decimals, rounded half up); not a number: as given."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    quantum = Decimal(1).scaleb(-places)
    return f"{amount.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"


def yuan(value: Any) -> str:
    """Money in 元 with two decimals: ``12,345.60``."""
    return number(value, 2)


def wanyuan(value: Any) -> str:
    """Money in 万元 with one decimal: 123,456 元 → ``12.3``."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    return number(amount / Decimal(10000), 1)
