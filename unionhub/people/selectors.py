"""Reads of the registry: always from ``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from unionhub.people.choices import MentoringOutcome
from unionhub.people.models import Mentorship


def mentoring_counts(*, user: Any, year: int | None = None) -> dict[str, list[dict]]:
    """Apprentices per mentor and per studio (optionally those who started in ``year``):
    two aggregate queries, whatever the number of mentorships."""
    qs = Mentorship.objects.visible_to(user)
    if year:
        qs = qs.filter(started_on__year=year)
    finished = Q(outcome=MentoringOutcome.LEAD_OPERATOR)
    per_mentor = list(
        qs.values(
            "mentor_id",
            "mentor__name",
            "mentor__category",
            "mentor__level",
            "mentor__employer__name",
        )
        .annotate(
            apprentices=Count("pk"),
            lead_operators=Count("pk", filter=finished),
            in_progress=Count("pk", filter=Q(outcome=MentoringOutcome.IN_PROGRESS)),
        )
        .order_by("-apprentices", "mentor__name")
    )
    per_studio = list(
        qs.exclude(studio=None)
        .values("studio_id", "studio__name", "studio__host_enterprise__name")
        .annotate(apprentices=Count("pk"), lead_operators=Count("pk", filter=finished))
        .order_by("-apprentices", "studio__name")
    )
    return {"per_mentor": per_mentor, "per_studio": per_studio, "total": qs.count()}
