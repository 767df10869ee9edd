"""会员登记表: a member's registration form as one printable A4 PDF (fpdf2, the platform's
record layout in unionhub.core.pdf). The ID number and phone are printed as the reader may see them: masked,
with the birth date as the year only, unless their role may see personal data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionhub.core.pdf import (
    INK,
    date_text,
    document,
    facts,
    note,
    section,
    text,
    title_block,
    yes_no,
)
from unionhub.members.models import may_view_personal_data


def registration_form_pdf(member: Any, *, user: Any) -> bytes:
    """The form of ``member`` (already fetched through ``visible_to(user)``)."""
    unmasked = may_view_personal_data(user)
    if member.birth_date is None:
        birth = "—"
    elif unmasked:
        birth = date_text(member.birth_date)
    else:
        birth = f"{member.birth_date.year}"
    pdf = document(_("Member registration form: %(name)s") % {"name": member.name})
    title_block(
        pdf,
        _("Trade union member registration form"),
        _("%(union)s · printed on %(date)s")
        % {"union": member.union.name, "date": date_text(timezone.localdate())},
    )

    section(pdf, _("Personal details"))
    facts(
        pdf,
        [
            (pgettext("person", "Name"), member.name),
            (_("Sex"), member.get_gender_display()),
            (_("ID number"), member.id_number_for(user)),
            (_("Birth date"), birth),
            (_("Mobile phone"), member.phone_for(user)),
            (_("Political status"), member.get_political_status_display()),
            (_("Skill level"), member.get_skill_level_display()),
            (_("Occupation"), member.get_occupation_display()),
        ],
    )

    section(pdf, _("Membership"))
    facts(
        pdf,
        [
            (_("Union"), member.union.name),
            (_("Employer"), member.employer.name if member.employer_id else ""),
            (_("Joined on"), date_text(member.joined_on)),
            (_("Member card number"), member.card_number),
            (_("Status"), member.get_status_display()),
            (_("New employment form"), yes_no(member.is_new_employment)),
            (_("Key group"), member.get_key_group_display()),
            (_("Platform / company"), member.platform_name),
        ],
    )
    if member.consented_at:
        pdf.ln(2)
        note(
            pdf,
            _(
                "Consent to the collection of the ID number and phone for membership "
                "registration given on %(date)s (version %(version)s)."
            )
            % {
                "date": date_text(timezone.localtime(member.consented_at)),
                "version": member.consent_version,
            },
            colour=INK,
        )

    section(pdf, _("Signatures"))
    pdf.set_font(pdf.family, size=11)
    pdf.ln(6)
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.cell(half, 8, text(pdf, _("Member's signature: ____________")))
    pdf.cell(half, 8, text(pdf, _("Date: ____________")), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.cell(half, 8, text(pdf, _("Union (seal): ____________")))
    pdf.cell(half, 8, text(pdf, _("Date: ____________")), new_x="LMARGIN", new_y="NEXT")
    if not unmasked:
        pdf.ln(8)
        note(
            pdf,
            _(
                "ID number and phone are masked: printing them in full needs the permission to view personal data."
            ),
            size=8,
        )
    return pdf.pdf_bytes()
