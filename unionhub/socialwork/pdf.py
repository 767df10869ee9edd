"""The growth archive as one printable PDF (fpdf2, the platform's record layout in
unionhub.core.pdf). Personal data is printed as the reader may see it (masked without the permission)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionhub.core.pdf import RED, date_text, document, facts, note, rows, section, title_block
from unionhub.socialwork import selectors


def archive_pdf(worker: Any, *, user: Any) -> bytes:
    """The archive of ``worker`` (already fetched through ``visible_to(user)``)."""
    archive = selectors.worker_archive(worker=worker)
    pdf = document(_("Growth archive of %(name)s") % {"name": worker.name})
    title_block(
        pdf,
        _("Union social-worker growth archive"),
        _("%(union)s · printed on %(date)s")
        % {"union": worker.union.name, "date": date_text(timezone.localdate())},
    )

    section(pdf, _("Basic information"))
    hours = archive["hours"]
    facts(
        pdf,
        [
            (pgettext("person", "name"), worker.name),
            (_("Status"), worker.get_status_display()),
            (_("ID number"), worker.id_number_for(user)),
            (_("Mobile phone"), worker.phone_for(user)),
            (_("Hired on"), date_text(worker.hired_on)),
            (pgettext("socialwork", "Education"), worker.education),
            (_("Keeping union"), worker.union.name),
            (_("Training hours"), f"{hours['total']}"),
        ],
    )

    section(pdf, _("Postings"))
    rows(
        pdf,
        [_("Posted to"), _("Kind"), _("From"), _("Until"), _("Duty")],
        [
            [
                p.union.name,
                p.get_kind_display(),
                date_text(p.started_on),
                date_text(p.ended_on),
                p.duty,
            ]
            for p in archive["postings"]
        ],
        (50, 18, 24, 24, 64),
    )

    section(pdf, _("Qualifications"))
    rows(
        pdf,
        [_("Kind"), _("Certificate"), _("Number"), _("Issued on"), _("Issuer")],
        [
            [q.get_kind_display(), q.name, q.certificate_no, date_text(q.issued_on), q.issuer]
            for q in archive["qualifications"]
        ],
        (34, 46, 34, 24, 42),
    )

    section(
        pdf,
        _("Training hours: %(total)s (own trainings %(own)s, sessions %(sessions)s)")
        % {"total": hours["total"], "own": hours["own"], "sessions": hours["sessions"]},
    )
    rows(
        pdf,
        [_("Date"), _("Training or session"), _("Provider / organiser"), _("Class hours")],
        [[date_text(t.started_on), t.title, t.provider, t.hours] for t in archive["trainings"]]
        + [
            [
                date_text(s.held_on),
                f"{s.get_kind_display()} · {s.title}",
                s.union.short_name or s.union.name,
                s.hours,
            ]
            for s in archive["sessions"]
        ],
        (24, 86, 50, 20),
    )

    section(pdf, _("Monthly work records"))
    missing = archive["missing_months"]
    if missing:
        note(
            pdf,
            _("Missing: %(list)s")
            % {
                "list": "、".join(
                    f"{m.month.year}年{m.month.month}月" + (_("(overdue)") if m.overdue else "")
                    for m in missing
                )
            },
            colour=RED,
        )
        pdf.ln(1)
    rows(
        pdf,
        [_("Month"), _("Cases handled"), _("Visits made"), _("Service hours"), _("Work done")],
        [
            [r.month_label, r.cases, r.visits, r.hours, r.summary]
            for r in archive["monthly_records"]
        ],
        (22, 16, 16, 16, 110),
    )

    section(pdf, _("Quarterly reports"))
    rows(
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

    section(pdf, _("Annual assessments and ranking"))
    rows(
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
    return pdf.pdf_bytes()
