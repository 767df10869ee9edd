"""Reads of the congress module: always from ``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.congress.choices import EvaluationStatus
from unionhub.congress.models import Congress, Session, StarEvaluation
from unionhub.congress.services import congress_composition
from unionhub.core.detail_tabs import TABLE_TEMPLATE, Link


def congress_list(*, user: Any):
    return Congress.objects.visible_to(user).select_related("enterprise")


def congress_page(*, congress: Congress, user: Any) -> dict:
    return {
        "composition": congress_composition(congress),
        "representatives": congress.representatives.order_by("category", "name", "pk"),
        "sessions": Session.objects.visible_to(user).filter(congress=congress).order_by("number"),
        "evaluations": StarEvaluation.objects.visible_to(user)
        .filter(congress=congress)
        .order_by("-year"),
    }


def roll_call(session: Session) -> list[tuple[str, str, list[str]]]:
    """The session's roll by status — (status, label, names) — empty without a roll call."""
    from unionhub.congress.choices import Attendance

    names: dict[str, list[str]] = {}
    for status, name in session.roll.values_list("status", "representative__name"):
        names.setdefault(status, []).append(name)
    if not names:
        return []
    return [(a.value, a.label, names.get(a.value, [])) for a in Attendance]


def session_page(*, session: Session, user: Any) -> dict:
    return {
        "roll": roll_call(session),
        "resolutions": session.resolutions.order_by("pk"),
        "proposals": session.proposals.order_by("pk"),
        "quorum_met": session.quorum_met,
        "present_needed": session.present_needed,
        "yes_needed": session.total_reps // 2 + 1,
    }


def evaluation_scores(*, evaluation: StarEvaluation) -> list:
    return list(
        evaluation.scores.select_related("item").order_by(
            "item__is_veto", "item__order", "item__pk"
        )
    )


def stars_text(stars: int) -> str:
    return "★" * stars + "☆" * (5 - stars) if stars else _("no star")


def enterprise_tab(request: Any, enterprise: Any) -> dict:
    """The enterprise file's congress tab: its terms and sessions, and the rating in force."""
    user = request.user
    congresses = list(
        Congress.objects.visible_to(user).filter(enterprise=enterprise).order_by("-term_number")
    )
    sessions = list(
        Session.objects.visible_to(user)
        .filter(congress__enterprise=enterprise)
        .select_related("congress")
        .order_by("-held_on")[:20]
    )
    evaluations = list(
        StarEvaluation.objects.visible_to(user)
        .filter(congress__enterprise=enterprise, status=EvaluationStatus.FINAL)
        .order_by("-year")
    )
    current = next((e for e in evaluations if e.is_current), None)
    rows = [
        [
            Link(
                _("Term %(n)s") % {"n": s.congress.term_number},
                reverse("congress:congress", args=[s.congress_id]),
            ),
            Link(_("Session %(n)s") % {"n": s.number}, reverse("congress:session", args=[s.pk])),
            s.held_on,
            f"{s.present}/{s.total_reps}",
            _("Yes") if s.quorum_met else _("No"),
        ]
        for s in sessions
    ]
    return {
        "template": TABLE_TEMPLATE,
        "congresses": congresses,
        "current": current,
        "current_stars": stars_text(current.stars) if current else "",
        "evaluations": [
            (e, stars_text(e.stars), reverse("congress:starevaluation", args=[e.pk]))
            for e in evaluations
        ],
        "columns": [_("Term"), _("Session"), _("Held on"), _("Present"), _("Quorum")],
        "rows": rows,
        "empty": _("No congress session is recorded for this enterprise."),
    }


def rubrics():
    from unionhub.congress.models import StarRubric

    return StarRubric.objects.prefetch_related("items", "thresholds").order_by("-valid_from")
