"""企业档案: an enterprise's file as one printable A4 PDF (fpdf2, the CJK font lookup of the
station poster, laid out as the social workers' growth archive): basic facts, union
establishment, the unions that cover it and the recent visits."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from unionhub.stations.poster import cjk_font

RED = (196, 30, 58)
GREY = (240, 240, 240)
#: visits shown in the file, newest first
RECENT_VISITS = 10


class _FilePdf(FPDF):
    family = "helvetica"
    running_title = ""

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.family, size=8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 6, _text(self, self.running_title))
        self.ln(8)
        self.set_text_color(20, 20, 20)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(20, 20, 20)


def _text(pdf: _FilePdf, value: Any) -> str:
    text = "—" if value is None or value == "" else str(value)
    if pdf.family == "cjk":
        return text
    return text.encode("latin-1", "replace").decode("latin-1")


def _date(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def setup(title: str) -> _FilePdf:
    pdf = _FilePdf(format="A4")
    pdf.running_title = title
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
    pdf.alias_nb_pages()
    pdf.add_page()
    return pdf


def title_block(pdf: _FilePdf, title: str, subtitle: str) -> None:
    pdf.set_font(pdf.family, size=20)
    pdf.set_text_color(*RED)
    pdf.cell(0, 12, _text(pdf, title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(20, 20, 20)
    pdf.set_font(pdf.family, size=10)
    pdf.cell(0, 7, _text(pdf, subtitle), align="C", new_x="LMARGIN", new_y="NEXT")


def section(pdf: _FilePdf, title: str) -> None:
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


def facts(pdf: _FilePdf, pairs: list[tuple[str, Any]]) -> None:
    """Label / value pairs, two to a row, labels shaded."""
    pdf.set_font(pdf.family, size=10)
    with pdf.table(
        col_widths=(34, 56, 34, 56), first_row_as_headings=False, line_height=6.5
    ) as table:
        for start in range(0, len(pairs), 2):
            cells = table.row()
            for label, value in pairs[start : start + 2]:
                cells.cell(_text(pdf, label), style=FontFace(fill_color=GREY))
                cells.cell(_text(pdf, value))
            if len(pairs[start : start + 2]) == 1:
                cells.cell("", colspan=2)


def rows(pdf: _FilePdf, headings: list[str], body: list[list[Any]], widths: tuple) -> None:
    pdf.set_font(pdf.family, size=9)
    if not body:
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
        for row in body:
            table.row([_text(pdf, v) for v in row])


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def enterprise_pdf(enterprise: Any, *, user: Any) -> bytes:
    """The file of ``enterprise`` (already fetched through ``visible_to(user)``); the unions
    and visits listed are the ones in the user's scope too."""
    from unionhub.enterprises.models import ContactLog, EnterpriseUnion

    ent = enterprise
    region = ent.region
    place = f"{region.parent.name}{region.name}" if region.parent_id else region.name
    pdf = setup(_("Enterprise file: %(name)s") % {"name": ent.name})
    title_block(
        pdf,
        _("Enterprise file"),
        _("%(region)s · printed on %(date)s")
        % {"region": place, "date": _date(timezone.localdate())},
    )
    pdf.set_font(pdf.family, size=15)
    pdf.cell(0, 10, _text(pdf, ent.name), align="C", new_x="LMARGIN", new_y="NEXT")

    section(pdf, _("Basic facts"))
    facts(
        pdf,
        [
            (_("Credit code"), ent.uscc),
            (_("Region"), place),
            (_("Industry (GB/T 4754)"), ent.industry_display),
            (_("Ownership"), ent.get_ownership_display()),
            (_("Size class"), ent.get_size_class_display()),
            (_("Number of employees"), ent.employees),
            (_("Founded on"), _date(ent.founded_on)),
            (_("Operating status"), ent.get_operating_status_display()),
            (_("Party organisation"), _yes_no(ent.has_party_org)),
            (_("Head enterprise"), _yes_no(ent.is_head_enterprise)),
        ],
    )

    section(pdf, _("Union establishment"))
    facts(
        pdf,
        [
            (_("Union status"), ent.get_union_status_display()),
            (_("Target reasons"), ent.get_target_reasons_display()),
        ],
    )
    unions = list(
        EnterpriseUnion.objects.visible_to(user)
        .filter(enterprises=ent)
        .select_related("org_unit")
        .order_by("founded_on", "pk")
    )
    pdf.ln(2)
    rows(
        pdf,
        [
            _("Union name"),
            _("Form"),
            _("Chair / organiser"),
            _("Number of members"),
            _("Founded on"),
            _("Term end"),
            _("Term state"),
        ],
        [
            [
                str(u),
                u.get_form_display(),
                u.chair_name,
                u.member_count,
                _date(u.founded_on),
                _date(u.term_end),
                u.get_term_state_display(),
            ]
            for u in unions
        ],
        (52, 18, 24, 16, 24, 24, 22),
    )

    section(pdf, _("Recent visits"))
    visits = list(
        ContactLog.objects.visible_to(user)
        .filter(enterprise=ent)
        .select_related("campaign")
        .order_by("-contacted_on", "-pk")[:RECENT_VISITS]
    )
    rows(
        pdf,
        [_("Date"), _("Visited with"), _("Obstacle"), _("Next step"), _("Workers recruited")],
        [
            [
                _date(c.contacted_on),
                c.get_department_display(),
                c.get_obstacle_display(),
                c.next_step,
                f"{c.recruited_members}（{c.get_fallback_display()}）"
                if c.recruited_members
                else "0",
            ]
            for c in visits
        ],
        (24, 26, 30, 72, 28),
    )
    return bytes(pdf.output())
