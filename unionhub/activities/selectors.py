"""Reads of the module: always from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from unionhub.activities.models import Activity, Performer, Programme, SeasonPlan, Show, SignIn


def activity_list(*, user: Any):
    return Activity.objects.visible_to(user).select_related("organiser")


def signins_of(*, activity: Activity):
    """Who came, newest first (the host's live list; no user: the host link is the key)."""
    return (
        SignIn.objects.filter(activity=activity)
        .select_related("member")
        .order_by("-signed_at", "-pk")
    )


@dataclass(frozen=True)
class PlanProgress:
    """A season plan against what was done: shows held, programmes and performers."""

    plan: SeasonPlan
    shows_done: int
    specials_done: int
    programmes: int
    performers: int
    audience: int

    @property
    def percent(self) -> int:
        if not self.plan.shows_planned:
            return 0
        return min(100, round(100 * self.shows_done / self.plan.shows_planned))

    @property
    def shows_left(self) -> int:
        return max(0, self.plan.shows_planned - self.shows_done)


def plan_progress(*, user: Any, year: int | None = None) -> list[PlanProgress]:
    """Every visible season plan (of ``year`` if given) with the shows held under it —
    the shows of the same organiser and year, whether or not they name the plan. Four
    queries whatever the number of plans."""
    plans = (
        SeasonPlan.objects.visible_to(user)
        .select_related("organiser")
        .order_by("-year", "organiser__path")
    )
    if year:
        plans = plans.filter(year=year)
    plans = list(plans)
    if not plans:
        return []
    keys = {(p.organiser_id, p.year) for p in plans}
    organisers = {k[0] for k in keys}
    years = {k[1] for k in keys}
    shows = (
        Show.objects.visible_to(user)
        .filter(organiser_id__in=organisers, held_on__year__in=years)
        .values("organiser_id", "held_on__year")
        .annotate(
            n=Count("pk"),
            specials=Count("pk", filter=Q(is_special=True)),
            audience=Sum("audience"),
        )
    )
    show_rows = {(r["organiser_id"], r["held_on__year"]): r for r in shows}
    programmes = (
        Programme.objects.visible_to(user)
        .filter(show__organiser_id__in=organisers, show__held_on__year__in=years)
        .values("show__organiser_id", "show__held_on__year")
        .annotate(n=Count("pk"))
    )
    programme_rows = {
        (r["show__organiser_id"], r["show__held_on__year"]): r["n"] for r in programmes
    }
    performers = (
        Performer.objects.visible_to(user)
        .filter(
            programme__show__organiser_id__in=organisers,
            programme__show__held_on__year__in=years,
        )
        .values("programme__show__organiser_id", "programme__show__held_on__year")
        .annotate(n=Count("pk"))
    )
    performer_rows = {
        (r["programme__show__organiser_id"], r["programme__show__held_on__year"]): r["n"]
        for r in performers
    }
    result = []
    for plan in plans:
        key = (plan.organiser_id, plan.year)
        row = show_rows.get(key, {})
        result.append(
            PlanProgress(
                plan=plan,
                shows_done=row.get("n", 0),
                specials_done=row.get("specials", 0),
                programmes=programme_rows.get(key, 0),
                performers=performer_rows.get(key, 0),
                audience=row.get("audience") or 0,
            )
        )
    return result


def person_times_by_kind(*, user: Any, year: int):
    """Activities and person-times per type in ``year`` (the statistics page)."""
    return (
        Activity.objects.visible_to(user)
        .filter(held_on__year=year)
        .values("kind")
        .annotate(activities=Count("pk"), person_times=Sum("person_times"))
        .order_by("kind")
    )
