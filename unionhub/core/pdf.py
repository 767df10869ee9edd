"""The platform's printable A4 documents (fpdf2): one layout for every record printed as a
file — the enterprise file (企业档案), the member registration form (会员登记表), the social
worker's growth archive (成长档案). Red title and section bars, shaded labels, a running
title from page 2 and "page / pages" at the foot.

Chinese needs a CJK font from the machine (Debian's fonts-noto-cjk); without one the document
is still produced, with Latin-1 text, so that a missing font never breaks a download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

RED = (196, 30, 58)
GREY = (240, 240, 240)
INK = (20, 20, 20)
MUTED = (120, 120, 120)
#: below this height (mm from the top of an A4 page) a new section starts on the next page
SECTION_PAGE_BREAK = 250

CJK_FONTS = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # collection index 2 = SC
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None),
]


def cjk_font() -> tuple[str, int | None] | None:
    """The first CJK font the machine has: (path, index in a font collection)."""
    for path, index in CJK_FONTS:
        if Path(path).exists():
            return path, index
    return None


def add_cjk_font(pdf: FPDF, font: tuple[str, int | None] | None) -> bool:
    """Register ``font`` as family "cjk"; False when there is none or it cannot be read."""
    if font is None:
        return False
    path, index = font
    try:
        if index is None:
            pdf.add_font("cjk", fname=path)
        else:
            pdf.add_font("cjk", fname=path, collection_font_number=index)
    except Exception:  # noqa: BLE001 — an unreadable font falls back to Latin-1
        return False
    return True


class Document(FPDF):
    """An A4 record document; ``running_title`` heads every page after the first."""

    family = "helvetica"
    running_title = ""

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.family, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, text(self, self.running_title))
        self.ln(8)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(*INK)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())


def document(running_title: str) -> Document:
    """A new document on its first page."""
    pdf = Document(format="A4")
    pdf.running_title = running_title
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=16)
    if add_cjk_font(pdf, cjk_font()):
        pdf.family = "cjk"
    pdf.alias_nb_pages()
    pdf.add_page()
    return pdf


def text(pdf: Document, value: Any) -> str:
    """A cell's text: "—" for nothing, Latin-1 when the document has no CJK font."""
    shown = "—" if value is None or value == "" else str(value)
    if pdf.family == "cjk":
        return shown
    return shown.encode("latin-1", "replace").decode("latin-1")


def date_text(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def title_block(pdf: Document, title: str, subtitle: str) -> None:
    pdf.set_font(pdf.family, size=20)
    pdf.set_text_color(*RED)
    pdf.cell(0, 12, text(pdf, title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.family, size=10)
    pdf.cell(0, 7, text(pdf, subtitle), align="C", new_x="LMARGIN", new_y="NEXT")


def section(pdf: Document, title: str) -> None:
    """A red bar naming the section; a section never starts at the foot of a page."""
    if pdf.get_y() > SECTION_PAGE_BREAK:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_fill_color(*RED)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(pdf.family, size=12)
    pdf.cell(0, 8, text(pdf, "  " + title), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(2)


def facts(pdf: Document, pairs: list[tuple[str, Any]]) -> None:
    """Label / value pairs, two to a row, labels shaded."""
    pdf.set_font(pdf.family, size=10)
    with pdf.table(
        col_widths=(34, 56, 34, 56), first_row_as_headings=False, line_height=6.5
    ) as table:
        for start in range(0, len(pairs), 2):
            cells = table.row()
            for label, value in pairs[start : start + 2]:
                cells.cell(text(pdf, label), style=FontFace(fill_color=GREY))
                cells.cell(text(pdf, value))
            if len(pairs[start : start + 2]) == 1:
                cells.cell("", colspan=2)


def rows(pdf: Document, headings: list[str], body: list[list[Any]], widths: tuple) -> None:
    """A table with a shaded heading row; "None recorded." when there is nothing."""
    pdf.set_font(pdf.family, size=9)
    if not body:
        note(pdf, _("None recorded."))
        return
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(fill_color=GREY),
        line_height=5.5,
        text_align="LEFT",
        first_row_as_headings=True,
    ) as table:
        table.row([text(pdf, h) for h in headings])
        for row in body:
            table.row([text(pdf, v) for v in row])


def note(pdf: Document, sentence: str, *, colour: tuple = MUTED, size: int = 9) -> None:
    """A paragraph in small type (grey unless told otherwise), wrapped to the page."""
    pdf.set_font(pdf.family, size=size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, 5, text(pdf, sentence), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
