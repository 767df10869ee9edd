"""The annual "一县一品" report: a Word document rendered from the docxtpl template
(``report_templates/brand_report.docx``, or ``settings.BRAND_REPORT_TEMPLATE`` when an editor
keeps their own copy elsewhere), and its PDF converted by LibreOffice headless.

Figures: for a past year the KPI registry answers as of 31 December, which reproduces the
December month-end snapshot when the monthly job kept one; for the current year the live
values as of today. Scope: the sections are the county-level units the user sees, so a county
administrator's report holds only its own section."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from unionhub.brands.selectors import brand_report_sections, figure_text, figures_as_of
from unionhub.brands.template_builder import TEMPLATE_PATH

__all__ = ["PdfUnavailable", "brand_report_docx", "docx_to_pdf", "report_context"]

NUMBERS = "一二三四五六七八九十"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
#: seconds LibreOffice may take for one conversion
CONVERT_TIMEOUT = 180
FAILED = gettext_noop(
    "LibreOffice could not convert the report to PDF; try again later or download the Word version."
)


class PdfUnavailable(Exception):
    """The PDF cannot be made here (no LibreOffice, or the conversion failed); the message
    is the Chinese reason the API answers with (503)."""


def _number(n: int) -> str:
    if n <= 10:
        return NUMBERS[n - 1]
    if n < 20:
        return "十" + NUMBERS[n - 11]
    tens, ones = divmod(n, 10)
    return NUMBERS[tens - 1] + "十" + (NUMBERS[ones - 1] if ones else "")


def _cn_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def report_context(*, user: Any, year: int) -> dict[str, Any]:
    sections = brand_report_sections(user=user, year=year)
    as_of = figures_as_of(year)
    past = year < timezone.localdate().year
    source_note = (
        f"{year}年已经结束，数字取该年12月31日（年末月度快照）的数值。"
        if past
        else f"{year}年尚未结束，数字为截至{_cn_date(as_of)}的实时数值。"
    )
    rows = []
    for n, section in enumerate(sections, start=1):
        brand = section.brand
        entry: dict[str, Any] = {
            "number": _number(n),
            "county": section.county.name,
            "has_brand": brand is not None,
            "figures": [],
        }
        if brand is not None:
            entry.update(
                title=brand.title,
                slogan=brand.slogan,
                lead_department=brand.lead_department,
                status=brand.get_status_display(),
                published=section.published,
                paragraphs=[p.strip() for p in brand.narrative.splitlines() if p.strip()],
                figures_inline="；".join(figure_text(f) for f in section.figures) + "。",
                figures=[
                    {
                        "name": f.name,
                        "value": f.display,
                        "unit": "" if f.unit == "%" else f.unit,
                        "target": f.target_display or "—",
                        "progress": "—" if f.progress is None else f"{f.progress}%",
                    }
                    for f in section.figures
                ],
            )
        rows.append(entry)
    return {
        "year": year,
        "as_of": _cn_date(as_of),
        "generated_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "source_note": source_note,
        "county_count": len(sections),
        "published_count": sum(1 for s in sections if s.published),
        "sections": rows,
    }


def template_path() -> Path:
    return Path(getattr(settings, "BRAND_REPORT_TEMPLATE", "") or TEMPLATE_PATH)


def brand_report_docx(*, user: Any, year: int) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(template_path()))
    template.render(report_context(user=user, year=year), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def soffice_path() -> str | None:
    configured = getattr(settings, "SOFFICE_PATH", "")
    if configured:
        return configured if os.path.exists(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes) -> bytes:
    """Convert a Word document with ``soffice --headless --convert-to pdf`` (its own
    throw-away profile, so concurrent conversions do not lock each other out)."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(
            _(
                "LibreOffice is not installed on the server, so no PDF can be made now; download the Word version instead."
            )
        )
    with tempfile.TemporaryDirectory(prefix="brand-report-") as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(content)
        profile = Path(tmp) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 — fixed arguments, no shell
                command,
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                env={**os.environ, "HOME": tmp},
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(_(FAILED)) from exc
        target = Path(tmp) / "report.pdf"
        if not target.exists():
            raise PdfUnavailable(_(FAILED))
        return target.read_bytes()
