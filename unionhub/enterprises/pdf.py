"""企业档案: an enterprise's file as one printable A4 PDF (fpdf2, the CJK font lookup of the
platform's record layout, unionhub.core.pdf): basic facts, union
establishment, the unions that cover it and the recent visits."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.pdf import date_text, document, facts, rows, section, text, title_block, yes_no

#: visits shown in the file, newest first
RECENT_VISITS = 10


def enterprise_pdf(enterprise: Any, *, user: Any) -> bytes:
    """The file of ``enterprise`` (already fetched through ``visible_to(user)``); the unions
    and visits listed are the ones in the user's scope too."""
    from unionhub.enterprises.models import ContactLog, EnterpriseUnion

    ent = enterprise
    region = ent.region
    place = f"{region.parent.name}{region.name}" if region.parent_id else region.name
    pdf = document(_("Enterprise file: %(name)s") % {"name": ent.name})
    title_block(
        pdf,
        _("Enterprise file"),
        _("%(region)s · printed on %(date)s")
        % {"region": place, "date": date_text(timezone.localdate())},
    )
    pdf.set_font(pdf.family, size=15)
    pdf.cell(0, 10, text(pdf, ent.name), align="C", new_x="LMARGIN", new_y="NEXT")

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
            (_("Founded on"), date_text(ent.founded_on)),
            (_("Operating status"), ent.get_operating_status_display()),
            (_("Party organisation"), yes_no(ent.has_party_org)),
            (_("Head enterprise"), yes_no(ent.is_head_enterprise)),
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
                date_text(u.founded_on),
                date_text(u.term_end),
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
                date_text(c.contacted_on),
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
    return pdf.pdf_bytes()
