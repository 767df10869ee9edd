"""Reads of the governance module: always from ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from unionhub.governance.choices import GridKind, ReportStatus, WarningStatus
from unionhub.governance.models import (
    Grid,
    GridMembership,
    HarmoniousUnit,
    MonitoringPoint,
    RiskLevel,
    RiskReport,
    RiskWarning,
    WarningEvent,
)

KPI_CODES = (
    "governance.enterprise_grids",
    "governance.grid_coverage_large_medium",
    "governance.grid_coverage_small_micro",
    "governance.monitoring_points",
    "governance.open_warnings",
    "governance.harmonious_units",
)
LARGE_MEDIUM = ("large", "medium")
SMALL_MICRO = ("small", "micro")


def grid_workers(grid: Grid, user: Any) -> list[dict[str, Any]]:
    return [
        {"worker": w, "phone": w.phone_for(user)}
        for w in grid.workers.all().order_by("role", "name")
    ]


def open_warnings(user: Any):
    return (
        RiskWarning.objects.visible_to(user)
        .filter(status=WarningStatus.OPEN)
        .select_related("enterprise__region", "level", "owner")
    )


def board(user: Any, *, limit: int | None = None) -> dict[str, Any]:
    """Open warnings, highest level first, then the earliest due; counts per level."""
    today = timezone.localdate()
    qs = open_warnings(user).order_by("-level__rank", "response_due", "pk")
    counts = dict(qs.values_list("level__code").annotate(n=Count("pk")).order_by())
    levels = [
        {"level": lv, "count": counts.get(lv.code, 0)} for lv in RiskLevel.objects.order_by("-rank")
    ]
    rows = list(qs[:limit] if limit else qs[:500])
    for w in rows:
        w.overdue = w.response_due < today
    return {
        "levels": levels,
        "warnings": rows,
        "open_total": sum(counts.values()),
        "overdue_total": qs.filter(response_due__lt=today).count(),
    }


def warning_explained(warning: RiskWarning) -> dict[str, Any]:
    """Why the warning has its level: the open reports (highest first), the disposals and
    the history."""
    reports = list(
        warning.reports.select_related("indicator", "level").order_by(
            "status", "-level__rank", "-occurred_on"
        )
    )
    top = max((r.level.rank for r in reports if r.level and r.status == "open"), default=None)
    for r in reports:
        r.contributes = r.status == ReportStatus.OPEN and r.level and r.level.rank == top
    return {
        "reports": reports,
        "disposals": list(warning.disposals.prefetch_related("resolved_reports__indicator")),
        "events": list(
            WarningEvent.objects.filter(warning=warning).select_related(
                "from_level", "to_level", "by"
            )
        ),
        "is_open": warning.status == WarningStatus.OPEN,
    }


def _town_key(path: str) -> str:
    """The town code of a region path (``320900/320924/320924100/…``), or the county's."""
    parts = [p for p in path.split("/") if p]
    return parts[2] if len(parts) >= 3 else (parts[1] if len(parts) >= 2 else parts[0])


def coverage_by_town(user: Any) -> list[dict[str, Any]]:
    """Grid coverage of the visible enterprises (closed ones not counted) per town: large
    and medium, small and micro — the KPIs' formula, one aggregate query."""
    from unionhub.enterprises.models import Enterprise
    from unionhub.org.models import Region

    rows = (
        Enterprise.objects.visible_to(user)
        .exclude(operating_status="closed")
        .annotate(in_grid=Exists(GridMembership.objects.filter(enterprise=OuterRef("pk"))))
        .values_list("region__path", "size_class", "in_grid")
    )
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path, size, in_grid in rows:
        group = "lm" if size in LARGE_MEDIUM else "sm"
        s = stats[_town_key(path)]
        s[f"{group}_total"] += 1
        s[f"{group}_in"] += int(bool(in_grid))
    names = dict(Region.objects.filter(code__in=stats).values_list("code", "name"))
    grids = dict(
        Grid.objects.visible_to(user)
        .filter(kind=GridKind.ENTERPRISE)
        .values_list("region__path")
        .annotate(n=Count("pk"))
        .order_by()
    )
    exclusive: dict[str, int] = defaultdict(int)
    for path, n in grids.items():
        exclusive[_town_key(path)] += n
    result = []
    for code in sorted(stats):
        s = stats[code]
        result.append(
            {
                "code": code,
                "name": names.get(code, code),
                "lm_total": s["lm_total"],
                "lm_in": s["lm_in"],
                "lm_rate": _pct(s["lm_in"], s["lm_total"]),
                "sm_total": s["sm_total"],
                "sm_in": s["sm_in"],
                "sm_rate": _pct(s["sm_in"], s["sm_total"]),
                "exclusive": exclusive.get(code, 0),
            }
        )
    return result


def _pct(n: int, d: int) -> float | None:
    return round(100 * n / d, 1) if d else None


def figures(user: Any, region: Any = None) -> list[Any]:
    """The module's KPI values for the user's own area (or ``region``)."""
    from unionhub.core.kpis.selectors import kpi_region, kpi_values

    today = timezone.localdate()
    region = region or kpi_region(user=user)
    return kpi_values(user=user, region=region, year=today.year, as_of=today, codes=KPI_CODES)


def region_levels_tree(user: Any) -> dict[str, Any]:
    """The county map without boundary shapes: a treemap of the region tree (towns sized by
    enterprises in grids) coloured by the highest open warning level — data for ECharts."""
    from unionhub.org.models import Region

    colours = dict(RiskLevel.objects.values_list("rank", "color"))
    worst: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for path, rank in open_warnings(user).values_list("enterprise__region__path", "level__rank"):
        key = _town_key(path)
        worst[key] = max(worst[key], rank)
        count[key] += 1
    sizes = defaultdict(int)
    for path, n in (
        GridMembership.objects.visible_to(user)
        .values_list("enterprise__region__path")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        sizes[_town_key(path)] += n
    codes = set(sizes) | set(worst)
    towns = Region.objects.filter(code__in=codes).order_by("code")
    children = [
        {
            "name": t.name,
            "value": max(sizes.get(t.code, 0), 1),
            "warnings": count.get(t.code, 0),
            "itemStyle": {"color": colours.get(worst.get(t.code), "#2fb344")},
        }
        for t in towns
    ]
    return {"name": "", "children": children}


def weekly_analysis(user: Any, *, weeks: int = 8) -> dict[str, Any]:
    """Reports filed per ISO week and level (the weekly analysis chart)."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))
    labels = [(start + dt.timedelta(weeks=i)) for i in range(weeks)]
    levels = list(RiskLevel.objects.order_by("rank"))
    series = {lv.code: [0] * weeks for lv in levels}
    for day, code in (
        RiskReport.objects.visible_to(user)
        .filter(occurred_on__gte=start, level__isnull=False)
        .values_list("occurred_on", "level__code")
    ):
        index = (day - start).days // 7
        if 0 <= index < weeks:
            series[code][index] += 1
    return {
        "labels": [d.strftime("%m-%d") for d in labels],
        "series": [{"name": lv.name, "color": lv.color, "data": series[lv.code]} for lv in levels],
    }


def month_records(user: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """What the monthly work report says: the month's reports, warnings opened and closed,
    disposals, escalations, layoffs and designations (``start`` ≤ day ≤ ``end``)."""
    from unionhub.governance.models import Disposal, LayoffPlan

    def day_range(field: str) -> Q:
        return Q(**{f"{field}__date__gte": start, f"{field}__date__lte": end})

    reports = (
        RiskReport.objects.visible_to(user)
        .filter(occurred_on__gte=start, occurred_on__lte=end)
        .select_related("enterprise", "indicator", "level")
        .order_by("occurred_on", "pk")
    )
    by_indicator = (
        reports.values_list("indicator__code", "indicator__name")
        .annotate(n=Count("pk"))
        .order_by("indicator__code")
    )
    events = WarningEvent.objects.visible_to(user).filter(day_range("at"))
    return {
        "reports": list(reports),
        "by_indicator": list(by_indicator),
        "opened": events.filter(kind="opened").count(),
        "escalated": events.filter(kind="escalated").count(),
        "downgraded": events.filter(kind="downgraded").count(),
        "closed": events.filter(kind="closed").count(),
        "disposals": list(
            Disposal.objects.visible_to(user)
            .filter(acted_on__gte=start, acted_on__lte=end)
            .select_related("warning__enterprise")
            .order_by("acted_on", "pk")
        ),
        "layoffs": list(
            LayoffPlan.objects.visible_to(user)
            .filter(notified_on__gte=start, notified_on__lte=end)
            .select_related("enterprise")
        ),
        "board": board(user),
    }


def enterprise_tab_context(request: Any, enterprise: Any) -> dict[str, Any]:
    """The enterprise file's governance tab: grid, risk level with its reports and history,
    monitoring point, harmonious ratings — every query through ``visible_to``."""
    user = request.user
    membership = (
        GridMembership.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("grid__region")
        .first()
    )
    workers = grid_workers(membership.grid, user) if membership else []
    warning = (
        RiskWarning.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("level", "owner")
        .order_by("status", "-created_at")
        .first()
    )
    point = MonitoringPoint.objects.visible_to(user).filter(enterprise=enterprise).first()
    past = (
        RiskWarning.objects.visible_to(user)
        .filter(enterprise=enterprise, status=WarningStatus.CLOSED)
        .select_related("level")
        .order_by("-closed_at")[:10]
    )
    ratings = (
        HarmoniousUnit.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .order_by("-year", "-pk")
    )
    ctx = {
        "membership": membership,
        "workers": workers,
        "warning": warning,
        "point": point,
        "point_phone": point.phone_for(user) if point else "",
        "past_warnings": list(past),
        "ratings": list(ratings),
        "today": timezone.localdate(),
    }
    if warning is not None:
        ctx.update(warning_explained(warning))
    return ctx


def meeting_links(meeting: Any, user: Any) -> dict[str, Any]:
    """A joint meeting's page: the participants, the warnings and enterprises discussed
    (only those the user can see) and the follow-up tasks with their due dates."""
    today = timezone.localdate()
    tasks = list(meeting.tasks.select_related("owner").order_by("done_on", "due_on", "pk"))
    for t in tasks:
        t.overdue = t.done_on is None and t.due_on < today
    return {
        "participants": meeting.participant_list,
        "meeting_warnings": list(
            RiskWarning.objects.visible_to(user)
            .filter(meetings=meeting)
            .select_related("enterprise", "level")
        ),
        "meeting_enterprises": list(
            meeting.enterprises.model.objects.visible_to(user)
            .filter(joint_meetings=meeting)
            .order_by("name")
        ),
        "tasks": tasks,
    }


def month_meetings(user: Any, start: dt.date, end: dt.date) -> list[Any]:
    """The joint meetings held in a month, with their tasks (the monthly work report)."""
    from unionhub.governance.models import JointMeeting

    return list(
        JointMeeting.objects.visible_to(user)
        .filter(held_on__gte=start, held_on__lte=end)
        .select_related("convener")
        .prefetch_related("tasks__owner", "enterprises")
        .order_by("held_on", "pk")
    )
