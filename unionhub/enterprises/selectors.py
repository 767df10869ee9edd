"""Reads: enterprise lists, KPIs per region and target counts per town — all scoped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from unionhub.enterprises.choices import TargetReason, UnionStatus
from unionhub.enterprises.models import Enterprise, EnterpriseUnion
from unionhub.enterprises.rules import must_establish_q
from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit, Region

HAS_UNION = [UnionStatus.BUILT, UnionStatus.TERM_OVERDUE, UnionStatus.DORMANT]


def enterprise_list(*, user: Any):
    return Enterprise.objects.visible_to(user).select_related("region")


def enterprise_kpis(*, user: Any, region: Region | None = None) -> dict[str, Any]:
    """Counts for the cards: enterprises, with a union, coverage of enterprises with ≥ 25
    employees, open targets, members of their unions."""
    qs = Enterprise.objects.visible_to(user)
    if region is not None:
        qs = qs.filter(region__path__startswith=region.path)
    agg = qs.aggregate(
        total=Count("pk"),
        with_union=Count("pk", filter=Q(union_status__in=HAS_UNION)),
        big=Count("pk", filter=must_establish_q()),
        big_with_union=Count("pk", filter=must_establish_q() & Q(union_status__in=HAS_UNION)),
        targets=Count("pk", filter=~Q(target_reasons="")),
        overdue=Count("pk", filter=Q(union_status=UnionStatus.TERM_OVERDUE)),
    )
    unions = EnterpriseUnion.objects.visible_to(user)
    if region is not None:
        unions = unions.filter(org_unit__region__path__startswith=region.path)
    agg["members"] = unions.aggregate(m=Sum("member_count"))["m"] or 0
    agg["coverage"] = round(100 * agg["big_with_union"] / agg["big"], 1) if agg["big"] else None
    return agg


def children_of(*, user: Any, region: Region):
    return (
        Region.objects.visible_to(user)
        .filter(parent=region, level__in=["county", "town"])
        .order_by("code")
    )


_COUNT_KEYS = ("total", "with_union", "big", "big_with_union", "targets")


def counts_by_child(*, user: Any, region: Region) -> list[dict[str, Any]]:
    """One row per child of ``region`` (towns of a county, counties of the city), plus the
    region itself for enterprises registered directly on it: totals, unions, coverage of
    enterprises with ≥ 25 employees and targets per reason. Two queries."""
    children = list(children_of(user=user, region=region))
    qs = Enterprise.objects.visible_to(user).filter(region__path__startswith=region.path)
    reason_aggs = {
        r.value: Count("pk", filter=Q(target_reasons__contains=r.value)) for r in TargetReason
    }
    grouped = qs.values("region__path").annotate(
        total=Count("pk"),
        with_union=Count("pk", filter=Q(union_status__in=HAS_UNION)),
        big=Count("pk", filter=must_establish_q()),
        big_with_union=Count("pk", filter=must_establish_q() & Q(union_status__in=HAS_UNION)),
        targets=Count("pk", filter=~Q(target_reasons="")),
        **reason_aggs,
    )
    buckets: dict[int, dict[str, int]] = {}
    order = [region, *children]
    for row in grouped:
        path = row["region__path"]
        owner = next((c for c in children if path.startswith(c.path)), region)
        bucket = buckets.setdefault(owner.pk, {})
        for key in (*_COUNT_KEYS, *reason_aggs):
            bucket[key] = bucket.get(key, 0) + row[key]
    result = []
    for node in order:
        # The region's own row counts only enterprises registered directly on it (not in a
        # town): flagged, so the page does not show it as if it were the total.
        data: dict[str, Any] = {"region": node, "direct": node is region}
        bucket = buckets.get(node.pk, {})
        for key in _COUNT_KEYS:
            data[key] = bucket.get(key, 0)
        data["reasons"] = [(r, bucket.get(r.value, 0)) for r in TargetReason]
        data["coverage"] = (
            round(100 * data["big_with_union"] / data["big"], 1) if data["big"] else None
        )
        if node is region and not data["total"]:
            continue
        result.append(data)
    return result


def counts_total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The 合计 row of ``counts_by_child``: sums of every count, coverage recomputed."""
    total: dict[str, Any] = {key: sum(r[key] for r in rows) for key in _COUNT_KEYS}
    total["reasons"] = [
        (reason, sum(dict(r["reasons"]).get(reason, 0) for r in rows)) for reason in TargetReason
    ]
    total["coverage"] = (
        round(100 * total["big_with_union"] / total["big"], 1) if total["big"] else None
    )
    return total


def unions_due(*, user: Any, days: int = 90):
    today = timezone.localdate()
    return (
        EnterpriseUnion.objects.visible_to(user)
        .filter(term_end__lte=today + dt.timedelta(days=days))
        .select_related("org_unit")
        .order_by("term_end")
    )


def campaign_progress(*, user: Any, campaign) -> list[dict[str, Any]]:
    """Per town of the campaign's county: target, unions established during the campaign,
    open targets now, contacts made, obstacles met and workers recruited by fallback."""
    from unionhub.enterprises.models import ContactLog

    towns = list(children_of(user=user, region=campaign.region))
    targets = {t.town_id: t.target_unions for t in campaign.town_targets.all()}
    built = dict(
        EnterpriseUnion.objects.visible_to(user)
        .filter(
            org_unit__region__in=towns,
            founded_on__gte=campaign.starts_on,
            founded_on__lte=campaign.ends_on,
        )
        .values_list("org_unit__region")
        .annotate(n=Count("pk"))
    )
    open_targets = dict(
        Enterprise.objects.visible_to(user)
        .filter(region__in=towns)
        .exclude(target_reasons="")
        .values_list("region")
        .annotate(n=Count("pk"))
    )
    contacts = {
        row["enterprise__region"]: row
        for row in ContactLog.objects.visible_to(user)
        .filter(campaign=campaign)
        .values("enterprise__region")
        .annotate(
            n=Count("pk"),
            obstacles=Count("pk", filter=~Q(obstacle="none")),
            recruited=Sum("recruited_members"),
        )
    }
    rows = []
    for town in towns:
        c = contacts.get(town.pk, {})
        target = targets.get(town.pk, 0)
        done = built.get(town.pk, 0)
        rows.append(
            {
                "town": town,
                "target": target,
                "built": done,
                "progress": round(100 * done / target) if target else None,
                "open_targets": open_targets.get(town.pk, 0),
                "contacts": c.get("n", 0),
                "obstacles": c.get("obstacles", 0),
                "recruited": c.get("recruited") or 0,
            }
        )
    return rows


def parent_federation(region: Region) -> OrgUnit | None:
    """The town (or, failing that, county) federation that approves a union in ``region``:
    the nearest one up the region tree (``None`` where no federation governs)."""
    node: Region | None = region
    while node is not None:
        unit = (
            OrgUnit.objects.filter(
                region=node, kind__in=[OrgKind.TOWN_FEDERATION, OrgKind.COUNTY_FEDERATION]
            )
            .order_by("depth")
            .first()
        )
        if unit is not None:
            return unit
        node = node.parent
    return None


def delay_approvers(union: EnterpriseUnion):
    """The unions above this one (town, county, city federation): who may approve a delay."""
    path = union.org_unit.path
    ancestors = [path[: i + 1] for i, ch in enumerate(path) if ch == "/"][:-1]
    return OrgUnit.objects.filter(path__in=ancestors).order_by("-depth")
