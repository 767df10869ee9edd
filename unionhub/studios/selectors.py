"""Reads of the studios: always from ``visible_to(user)``."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from unionhub.studios.choices import PROVINCIAL_OR_ABOVE, AchievementKind
from unionhub.studios.models import (
    Achievement,
    Alliance,
    AllianceMembership,
    JointProject,
    Studio,
)


def achievement_stats(*, user: Any, studio_ids) -> dict[int, dict[str, Any]]:
    """Per studio: patents, techniques, new products (and those appraised at provincial level
    or above), awards and the economic benefit — one aggregate query."""
    kind = AchievementKind
    rows = (
        Achievement.objects.visible_to(user)
        .filter(studio_id__in=list(studio_ids))
        .values("studio_id")
        .annotate(
            patents=Count("pk", filter=Q(kind=kind.PATENT)),
            techniques=Count("pk", filter=Q(kind=kind.TECHNIQUE)),
            products=Count("pk", filter=Q(kind=kind.NEW_PRODUCT)),
            appraised=Count(
                "pk", filter=Q(kind=kind.NEW_PRODUCT, appraisal_level__in=PROVINCIAL_OR_ABOVE)
            ),
            awards=Count("pk", filter=Q(kind=kind.AWARD)),
            benefit=Sum("economic_benefit"),
        )
    )
    return {r["studio_id"]: r for r in rows}


def alliance_board(*, user: Any) -> list[dict[str, Any]]:
    """The alliances the user sees, each with its industry sub-alliances and their member
    studios (with achievements). Studios of other regions in an alliance are listed by name;
    their figures only for users who may see them. A fixed number of queries."""
    alliances = list(
        Alliance.objects.visible_to(user)
        .select_related("region", "lead_studio")
        .annotate(projects_total=Count("projects", distinct=True))
        .order_by("name", "pk")
    )
    ids = {a.pk for a in alliances}
    members: dict[int, list] = defaultdict(list)
    for m in (
        AllianceMembership.objects.visible_to(user)
        .filter(alliance_id__in=ids)
        .select_related("studio__host_enterprise", "studio__region", "studio__leader")
        .order_by("studio__name", "pk")
    ):
        members[m.alliance_id].append(m)
    studio_ids = {m.studio_id for ms in members.values() for m in ms}
    stats = achievement_stats(user=user, studio_ids=studio_ids)
    # Studios of other regions in the user's alliances: listed by name, figures hidden.
    own = set(
        Studio.objects.visible_to(user).filter(pk__in=list(studio_ids)).values_list("pk", flat=True)
    )
    empty = {"patents": 0, "techniques": 0, "products": 0, "appraised": 0, "awards": 0}

    def block(alliance: Alliance, skip: set[int] = frozenset()) -> dict[str, Any]:
        rows = []
        for m in members.get(alliance.pk, []):
            if m.studio_id in skip:
                continue
            figures = stats.get(m.studio_id, {**empty, "benefit": Decimal("0")})
            rows.append(
                {"membership": m, "studio": m.studio, "in_scope": m.studio_id in own, **figures}
            )
        return {
            "alliance": alliance,
            "studios": rows,
            "totals": {
                key: sum((r[key] or 0) for r in rows)
                for key in ("patents", "techniques", "products", "appraised", "awards", "benefit")
            },
        }

    children: dict[int, list] = defaultdict(list)
    for a in alliances:
        if a.parent_id in ids:
            children[a.parent_id].append(a)
    result = []
    for a in alliances:
        if a.parent_id in ids:
            continue
        subs = children.get(a.pk, [])
        # Studios already shown under an industry alliance are not repeated under the top.
        in_subs = {m.studio_id for c in subs for m in members.get(c.pk, [])}
        result.append({**block(a, in_subs), "industries": [block(c) for c in subs]})
    return result


def open_projects(*, user: Any):
    return (
        JointProject.objects.visible_to(user)
        .select_related("poster", "taken_by", "alliance")
        .order_by("-posted_on", "pk")
    )


def county_rollup(*, user: Any) -> list[dict[str, Any]]:
    """The city's roll-up: studios, provincial (and national) demonstration studios and
    industry alliances per county-level unit the user sees — two aggregate queries."""
    from unionhub.org.models import Region

    counties = list(Region.objects.filter(level="county").order_by("code"))
    studio_counts = (
        Studio.objects.visible_to(user)
        .filter(is_active=True)
        .aggregate(
            **{
                f"s{c.pk}": Count("pk", filter=Q(region__path__startswith=c.path)) for c in counties
            },
            **{
                f"p{c.pk}": Count(
                    "pk",
                    filter=Q(region__path__startswith=c.path, level__in=("provincial", "national")),
                )
                for c in counties
            },
        )
    )
    alliance_counts = (
        Alliance.objects.visible_to(user)
        .filter(parent__isnull=False)
        .aggregate(
            **{f"a{c.pk}": Count("pk", filter=Q(region__path__startswith=c.path)) for c in counties}
        )
    )
    rows = [
        {
            "county": c,
            "studios": studio_counts[f"s{c.pk}"],
            "demonstration": studio_counts[f"p{c.pk}"],
            "alliances": alliance_counts[f"a{c.pk}"],
        }
        for c in counties
    ]
    return [r for r in rows if r["studios"] or r["alliances"]]
