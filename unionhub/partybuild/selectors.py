"""Reads of the module: always from ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from unionhub.enterprises.models import Enterprise
from unionhub.partybuild.choices import OWED, STAGE_ORDER
from unionhub.partybuild.models import Cultivation, CycleReport, Demonstration, Participation


def cycle_board(*, user: Any, year: int) -> list[dict[str, Any]]:
    """The year's participating enterprises, each with its three reports in order and
    whether each is overdue (two queries, whatever the number of enterprises)."""
    today = timezone.localdate()
    participations = (
        Participation.objects.visible_to(user)
        .filter(year=year)
        .select_related("enterprise__region")
        .prefetch_related(Prefetch("reports", queryset=CycleReport.objects.order_by("due_on")))
        .order_by("enterprise__name", "pk")
    )
    units = set(
        Demonstration.objects.visible_to(user)
        .filter(kind="unit", year=year)
        .values_list("enterprise_id", flat=True)
    )
    rows = []
    for p in participations:
        by_stage = {r.stage: r for r in p.reports.all()}
        reports = []
        for stage in STAGE_ORDER:
            report = by_stage.get(stage)
            if report is not None:
                report.is_overdue = report.status in OWED and report.due_on < today
            reports.append(report)
        rows.append({"participation": p, "reports": reports, "is_unit": p.enterprise_id in units})
    return rows


def cycle_counts(*, user: Any, year: int) -> dict[str, int]:
    today = timezone.localdate()
    return (
        CycleReport.objects.visible_to(user)
        .filter(participation__year=year)
        .aggregate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status="approved")),
            to_review=Count("pk", filter=Q(status="submitted")),
            overdue=Count("pk", filter=Q(status__in=OWED, due_on__lt=today)),
        )
    )


def funnel_enterprises(*, user: Any):
    """Enterprises that have people in the pipeline, for the funnel's chooser."""
    ids = Cultivation.objects.visible_to(user).values("enterprise_id")
    return Enterprise.objects.visible_to(user).filter(pk__in=ids).order_by("name")


def cultivation_funnel(*, user: Any, enterprise: Enterprise | None, year: int) -> dict[str, Any]:
    """The dual-cultivation funnel of an enterprise (or of everything in scope) at the end
    of ``year``: technical backbones, of whom party members, of whom managers — and how
    many reached each stage during the year. One query."""
    end = dt.date(year, 12, 31)
    start = dt.date(year, 1, 1)
    qs = Cultivation.objects.visible_to(user)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    row = qs.aggregate(
        backbones=Count("pk", filter=Q(backbone_on__lte=end)),
        party_members=Count("pk", filter=Q(party_member_on__lte=end)),
        managers=Count("pk", filter=Q(manager_on__lte=end)),
        new_backbones=Count("pk", filter=Q(backbone_on__range=(start, end))),
        new_party_members=Count("pk", filter=Q(party_member_on__range=(start, end))),
        new_managers=Count("pk", filter=Q(manager_on__range=(start, end))),
    )
    return {k: v or 0 for k, v in row.items()}
