"""会员登记表: a member's registration form as one printable A4 PDF (fpdf2, the layout of the
enterprise file). The ID number and phone are printed as the reader may see them: masked,
with the birth date as the year only, unless their role may see personal data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionhub.enterprises.pdf import facts, section, setup, title_block
from unionhub.members.models import may_view_personal_data


def _date(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def registration_form_pdf(member: Any, *, user: Any) -> bytes:
    """The form of ``member`` (already fetched through ``visible_to(user)``)."""
    unmasked = may_view_personal_data(user)
    if member.birth_date is None:
        birth = "—"
    elif unmasked:
        birth = _date(member.birth_date)
    else:
        birth = f"{member.birth_date.year}"
    pdf = setup(_("Member registration form: %(name)s") % {"name": member.name})
    title_block(
        pdf,
        _("Trade union member registration form"),
        _("%(union)s · printed on %(date)s")
        % {"union": member.union.name, "date": _date(timezone.localdate())},
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
            (_("Joined on"), _date(member.joined_on)),
            (_("Member card number"), member.card_number),
            (_("Status"), member.get_status_display()),
            (_("New employment form"), _yes_no(member.is_new_employment)),
            (_("Key group"), member.get_key_group_display()),
            (_("Platform / company"), member.platform_name),
        ],
    )
    if member.consented_at:
        pdf.ln(2)
        pdf.set_font(pdf.family, size=9)
        pdf.multi_cell(
            0,
            5,
            _(
                "Consent to the collection of the ID number and phone for membership "
                "registration given on %(date)s (version %(version)s)."
            )
            % {
                "date": _date(timezone.localtime(member.consented_at)),
                "version": member.consent_version,
            },
            new_x="LMARGIN",
            new_y="NEXT",
        )

    section(pdf, _("Signatures"))
    pdf.set_font(pdf.family, size=11)
    pdf.ln(6)
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.cell(half, 8, _("Member's signature: ____________"))
    pdf.cell(half, 8, _("Date: ____________"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.cell(half, 8, _("Union (seal): ____________"))
    pdf.cell(half, 8, _("Date: ____________"), new_x="LMARGIN", new_y="NEXT")
    if not unmasked:
        pdf.ln(8)
        pdf.set_font(pdf.family, size=8)
        pdf.set_text_color(120, 120, 120)
        pdf.multi_cell(
            0,
            4.5,
            _(
                "ID number and phone are masked: printing them in full needs the permission to view personal data."
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(pdf.output())
