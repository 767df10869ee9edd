"""Job functions for the scheduler's tests (declared through the ``declare`` fixture)."""

from __future__ import annotations

import threading
import time

calls: list[str] = []
_lock = threading.Lock()


def ok() -> int:
    with _lock:
        calls.append("ok")
    return 3


def boom() -> None:
    with _lock:
        calls.append("boom")
    # A message quoting a mobile number: it must not reach the stored error unmasked.
    raise RuntimeError("cannot reach 13812345678")


def slow() -> str:
    with _lock:
        calls.append("slow")
    time.sleep(0.5)
    return "slept"
