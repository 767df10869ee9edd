"""Demo: the State Council's arrangements for 2024–2026 (``data/cn_public_holidays.csv``),
loaded through the service like any administrator's file. Idempotent."""

from __future__ import annotations

from pathlib import Path

from unionhub.core.calendar import services

DATA_FILE = Path(__file__).resolve().parent / "data" / "cn_public_holidays.csv"


def load(stdout=None) -> None:
    result = services.holidays_load_file(
        actor=None, content=DATA_FILE.read_bytes(), note=DATA_FILE.name
    )
    if stdout is not None:
        years = "、".join(str(y) for y in result.years)
        stdout.write(
            f"  节假日安排 {years}：新增 {result.created}，更新 {result.updated}，"
            f"未变 {result.unchanged}"
        )
