"""The text of a generated PDF as a reader sees it (poppler's pdftotext, installed by CI)."""

from __future__ import annotations

import shutil
import subprocess

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def pdf_text(content: bytes) -> str:
    out = subprocess.run(  # noqa: S603 — fixed arguments, no shell
        [PDFTOTEXT, "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return out.stdout.decode()
