"""The growth archive as one printable PDF (fpdf2, the CJK font lookup of the station
poster). Personal data is printed as the reader may see it (masked without the permission)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF
from fpdf.fonts import FontFace

from unionhub.socialwork import selectors
from unionhub.stations.poster import cjk_font

RED = (196, 30, 58)
GREY = (240, 240, 240)


class _ArchivePdf(FPDF):
    family = "helvetica"
    worker_name = ""

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.family, size=8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 6, _text(self, _("Growth archive of %(name)s") % {"name": self.worker_name}))
        self.ln(8)
        self.set_text_color(20, 20, 20)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(20, 20, 20)


def _text(pdf: _ArchivePdf, value: Any) -> str:
    text = "" if value is None else str(value)
    if pdf.family == "cjk":
        return text
    return text.encode("latin-1", "replace").decode("latin-1")


def _setup() -> _ArchivePdf:
    pdf = _ArchivePdf(format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=16)
    font = cjk_font()
    if font is not None:
        try:
            path, index = font
            if index is None:
                pdf.add_font("cjk", fname=path)
            else:
                pdf.add_font("cjk", fname=path, collection_font_number=index)
            pdf.family = "cjk"
        except Exception:  # noqa: BLE001 — an unreadable font falls back to Latin-1
            pdf.family = "helvetica"
    return pdf


def _section(pdf: _ArchivePdf, title: str) -> None:
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_fill_color(*RED)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(pdf.family, size=12)
    pdf.cell(0, 8, _text(pdf, "  " + title), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(20, 20, 20)
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(2)


def _table(pdf: _ArchivePdf, headings: list[str], rows: list[list[Any]], widths: tuple) -> None:
    pdf.set_font(pdf.family, size=9)
    if not rows:
        pdf.set_text_color(120, 120, 120)
        pdf.cell(0, 6, _text(pdf, _("None recorded.")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(20, 20, 20)
        return
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(fill_color=GREY),
        line_height=5.5,
        text_align="LEFT",
        first_row_as_headings=True,
    ) as table:
        table.row([_text(pdf, h) for h in headings])
        for row in rows:
            table.row([_text(pdf, v) for v in row])


def _date(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def archive_pdf(worker: Any, *, user: Any) -> bytes:
    """The archive of ``worker`` (already fetched through ``visible_to(user)``)."""
    archive = selectors.worker_archive(worker=worker)
    pdf = _setup()
    pdf.worker_name = worker.name
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font(pdf.family, size=20)
    pdf.set_text_color(*RED)
    pdf.cell(
        0,
        12,
        _text(pdf, _("Union social-worker growth archive")),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(20, 20, 20)
    pdf.set_font(pdf.family, size=10)
    pdf.cell(
        0,
        7,
        _text(
            pdf,
            _("%(union)s · printed on %(date)s")
            % {"union": worker.union.name, "date": _date(timezone.localdate())},
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    _section(pdf, _("Basic information"))
    hours = archive["hours"]
    head = [
        [pgettext("person", "name"), worker.name, _("Status"), worker.get_status_display()],
        [
            _("ID number"),
            worker.id_number_for(user) or "—",
            _("Mobile phone"),
            worker.phone_for(user) or "—",
        ],
        [
            _("Hired on"),
            _date(worker.hired_on),
            pgettext("socialwork", "Education"),
            worker.education or "—",
        ],
        [_("Keeping union"), worker.union.name, _("Training hours"), f"{hours['total']}"],
    ]
    pdf.set_font(pdf.family, size=10)
    with pdf.table(
        col_widths=(22, 38, 22, 38), first_row_as_headings=False, line_height=6.5
    ) as table:
        for row in head:
            cells = table.row()
            for index, value in enumerate(row):
                style = FontFace(fill_color=GREY) if index % 2 == 0 else None
                cells.cell(_text(pdf, value), style=style)

    _section(pdf, _("Postings"))
    _table(
        pdf,
        [_("Posted to"), _("Kind"), _("From"), _("Until"), _("Duty")],
        [
            [p.union.name, p.get_kind_display(), _date(p.started_on), _date(p.ended_on), p.duty]
            for p in archive["postings"]
        ],
        (50, 18, 24, 24, 64),
    )

    _section(pdf, _("Qualifications"))
    _table(
        pdf,
        [_("Kind"), _("Certificate"), _("Number"), _("Issued on"), _("Issuer")],
        [
            [q.get_kind_display(), q.name, q.certificate_no, _date(q.issued_on), q.issuer]
            for q in archive["qualifications"]
        ],
        (34, 46, 34, 24, 42),
    )

    _section(
        pdf,
        _("Training hours: %(total)s (own trainings %(own)s, sessions %(sessions)s)")
        % {"total": hours["total"], "own": hours["own"], "sessions": hours["sessions"]},
    )
    _table(
        pdf,
        [_("Date"), _("Training or session"), _("Provider / organiser"), _("Class hours")],
        [[_date(t.started_on), t.title, t.provider, t.hours] for t in archive["trainings"]]
        + [
            [
                _date(s.held_on),
                f"{s.get_kind_display()} · {s.title}",
                s.union.short_name or s.union.name,
                s.hours,
            ]
            for s in archive["sessions"]
        ],
        (24, 86, 50, 20),
    )

    _section(pdf, _("Monthly work records"))
    missing = archive["missing_months"]
    if missing:
        pdf.set_font(pdf.family, size=9)
        pdf.set_text_color(*RED)
        pdf.multi_cell(
            0,
            5,
            _text(
                pdf,
                _("Missing: %(list)s")
                % {
                    "list": "、".join(
                        f"{m.month.year}年{m.month.month}月" + (_("(overdue)") if m.overdue else "")
                        for m in missing
                    )
                },
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_text_color(20, 20, 20)
        pdf.ln(1)
    _table(
        pdf,
        [_("Month"), _("Cases handled"), _("Visits made"), _("Service hours"), _("Work done")],
        [
            [r.month_label, r.cases, r.visits, r.hours, r.summary]
            for r in archive["monthly_records"]
        ],
        (22, 16, 16, 16, 110),
    )

    _section(pdf, _("Quarterly reports"))
    _table(
        pdf,
        [_("Quarter"), _("Rating"), _("Attendance"), _("Performance")],
        [
            [
                f"{q.year}年第{q.quarter}季度",
                q.get_rating_display(),
                f"{q.attendance_days}/{q.workdays}（{q.attendance_rate}%）",
                q.performance,
            ]
            for q in archive["quarterly_reports"]
        ],
        (30, 16, 34, 100),
    )

    _section(pdf, _("Annual assessments and ranking"))
    _table(
        pdf,
        [_("Year"), _("Scores"), _("Total"), _("Rank"), _("Result")],
        [
            [
                r.assessment.round.year,
                "；".join(f"{k} {v}" for k, v in r.assessment.scores.items()),
                r.assessment.total,
                f"{r.rank} / {r.of}",
                _("Excellent") if r.excellent else (_("Passed") if r.passed else _("Not passed")),
            ]
            for r in archive["assessments"]
        ],
        (16, 92, 20, 24, 28),
    )
    return bytes(pdf.output())
