"""Printable QR poster (A4 PDF) of a station: fpdf2 + segno. Uses the Noto Sans CJK font
when the machine has it; otherwise an ASCII-only layout (station code, URL, QR)."""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from fpdf import FPDF

from unionhub.core.pdf import add_cjk_font, cjk_font


def station_poster_pdf(station, url: str, font: tuple[str, int | None] | None = ...) -> bytes:
    if font is ...:
        font = cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    qr_png = io.BytesIO()
    segno.make(url, error="m").save(qr_png, kind="png", scale=10, border=2)
    qr_png.seek(0)
    cjk = add_cjk_font(pdf, font)
    pdf.set_fill_color(196, 30, 58)
    pdf.rect(0, 0, 210, 48, style="F")
    pdf.set_text_color(255, 255, 255)
    if cjk:
        pdf.set_font("cjk", size=30)
        pdf.set_xy(0, 10)
        pdf.cell(210, 14, _("Outdoor-worker service station"), align="C")
        pdf.set_font("cjk", size=16)
        pdf.set_xy(0, 28)
        pdf.cell(210, 10, _("Yancheng Federation of Trade Unions · union station"), align="C")
    else:
        pdf.set_font("helvetica", "B", size=28)
        pdf.set_xy(0, 12)
        pdf.cell(210, 14, "OUTDOOR WORKER STATION", align="C")
        pdf.set_font("helvetica", size=14)
        pdf.set_xy(0, 30)
        pdf.cell(210, 10, "Yancheng Federation of Trade Unions", align="C")
    pdf.set_text_color(20, 20, 20)
    if cjk:
        pdf.set_font("cjk", size=24)
        pdf.set_xy(0, 60)
        pdf.cell(210, 12, station.name, align="C")
    pdf.image(qr_png, x=45, y=80, w=120, h=120)
    if cjk:
        pdf.set_font("cjk", size=18)
        pdf.set_xy(0, 206)
        pdf.cell(210, 10, _("Scan with WeChat or your phone · check in · ask for help"), align="C")
        pdf.set_font("cjk", size=12)
        pdf.set_xy(20, 222)
        pdf.multi_cell(
            170,
            7,
            _("Address: %(address)s\nFacilities: %(facilities)s")
            % {"address": station.address, "facilities": "、".join(station.facility_labels())},
            align="C",
        )
    pdf.set_font("cjk" if cjk else "helvetica", size=11)
    pdf.set_xy(0, 262)
    pdf.cell(
        210,
        7,
        _("Station no. %(code)s") % {"code": station.code} if cjk else f"Station {station.code}",
        align="C",
    )
    pdf.set_font("helvetica", size=11)
    pdf.set_xy(0, 270)
    pdf.cell(210, 7, url, align="C")
    return bytes(pdf.output())
