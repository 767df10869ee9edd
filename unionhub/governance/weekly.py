"""The weekly analysis (周分析): what happened in one ISO week, Monday 00:00 to the next
Monday 00:00 Asia/Shanghai — reports filed by indicator and level, warnings opened,
escalated and closed, deadlines missed — overall and by town, always through
``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.governance.choices import WarningEventKind, WarningStatus
from unionhub.governance.models import (
    RiskIndicator,
    RiskLevel,
    RiskReport,
    RiskWarning,
    WarningEvent,
)

#: weeks begin on Monday 00:00 in the platform's zone whatever the server's zone is
ZONE = ZoneInfo("Asia/Shanghai")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{1,2})$")
ESCALATING = (WarningEventKind.ESCALATED, WarningEventKind.RAISED)


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def start(self) -> dt.datetime:
        """Monday 00:00 Asia/Shanghai (aware)."""
        return dt.datetime.combine(self.monday, dt.time(), tzinfo=ZONE)

    @property
    def end(self) -> dt.datetime:
        """The next Monday 00:00 Asia/Shanghai (exclusive)."""
        return self.start + dt.timedelta(days=7)

    @property
    def code(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def shifted(self, weeks: int) -> Week:
        return week_of(self.monday + dt.timedelta(weeks=weeks))


def week_of(day: dt.date) -> Week:
    year, number, _ = day.isocalendar()
    return Week(year, number)


def current_week() -> Week:
    return week_of(timezone.localtime(timezone.now(), ZONE).date())


def parse_week(value: str | None) -> Week:
    """``2026-W49`` → that ISO week; anything else (or a week that does not exist) → the
    current week."""
    match = WEEK_RE.match((value or "").strip())
    if match:
        year, number = int(match.group(1)), int(match.group(2))
        try:
            dt.date.fromisocalendar(year, number, 1)
        except ValueError:
            return current_week()
        return Week(year, number)
    return current_week()


def _town_key(path: str) -> str:
    from unionhub.governance.selectors import _town_key as key

    return key(path)


def weekly_summary(user: Any, week: Week, *, today: dt.date | None = None) -> dict[str, Any]:
    """The week's figures. ``overdue``: the warnings whose response deadline passed during
    the week — those the overdue job escalated in it, and those still open whose due day
    lies in the week and is already over (a deadline day itself is not overdue)."""
    from unionhub.org.models import Region

    today = today or timezone.localdate()
    window = Q(created_at__gte=week.start, created_at__lt=week.end)
    reports = list(
        RiskReport.objects.visible_to(user)
        .filter(window)
        .values_list("enterprise__region__path", "indicator__code", "level__code")
    )
    events = list(
        WarningEvent.objects.visible_to(user)
        .filter(at__gte=week.start, at__lt=week.end)
        .values_list("warning_id", "kind", "warning__enterprise__region__path")
    )
    last_over = min(week.sunday, today - dt.timedelta(days=1))
    overdue_now = list(
        RiskWarning.objects.visible_to(user)
        .filter(
            status=WarningStatus.OPEN,
            response_due__gte=week.monday,
            response_due__lte=last_over,
        )
        .values_list("pk", "enterprise__region__path")
    )
    indicators = list(RiskIndicator.objects.order_by("code").values_list("code", "name"))
    levels = list(RiskLevel.objects.order_by("rank").values_list("code", "name", "color"))

    def blank() -> dict[str, Any]:
        return {
            "reports": 0,
            "unrated": 0,
            "by_level": defaultdict(int),
            "by_indicator": defaultdict(int),
            "opened": 0,
            "escalated": 0,
            "closed": 0,
            "overdue_ids": set(),
        }

    total = blank()
    towns: dict[str, dict[str, Any]] = defaultdict(blank)
    for path, indicator, level in reports:
        for bucket in (total, towns[_town_key(path)]):
            bucket["reports"] += 1
            bucket["by_indicator"][indicator] += 1
            if level:
                bucket["by_level"][level] += 1
            else:
                bucket["unrated"] += 1
    for warning_id, kind, path in events:
        for bucket in (total, towns[_town_key(path)]):
            if kind == WarningEventKind.OPENED:
                bucket["opened"] += 1
            elif kind in ESCALATING:
                bucket["escalated"] += 1
            elif kind == WarningEventKind.CLOSED:
                bucket["closed"] += 1
            if kind == WarningEventKind.ESCALATED:
                bucket["overdue_ids"].add(warning_id)
    for warning_id, path in overdue_now:
        for bucket in (total, towns[_town_key(path)]):
            bucket["overdue_ids"].add(warning_id)
    names = dict(Region.objects.filter(code__in=towns).values_list("code", "name"))

    def row(bucket: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            **extra,
            "reports": bucket["reports"],
            "unrated": bucket["unrated"],
            "levels": [bucket["by_level"].get(code, 0) for code, _n, _c in levels],
            "indicators": [bucket["by_indicator"].get(code, 0) for code, _n in indicators],
            "by_level": dict(bucket["by_level"]),
            "by_indicator": dict(bucket["by_indicator"]),
            "opened": bucket["opened"],
            "escalated": bucket["escalated"],
            "closed": bucket["closed"],
            "overdue": len(bucket["overdue_ids"]),
        }

    whole = row(total)
    return {
        "week": week,
        "reports_label": _("reports"),
        "indicator_rows": [
            {"code": c, "name": n, "reports": whole["by_indicator"].get(c, 0)}
            for c, n in indicators
        ],
        "levels": [{"code": c, "name": n, "color": col} for c, n, col in levels],
        "indicators": [{"code": c, "name": n} for c, n in indicators],
        "total": whole,
        "towns": [
            row(towns[code], code=code, name=names.get(code, code)) for code in sorted(towns)
        ],
    }


def chart_options(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """ECharts options of the page: the week's reports by town stacked by level, and the
    week's reports by indicator."""
    towns = summary["towns"]
    by_town = {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 60, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [t["name"] for t in towns],
            "axisLabel": {"rotate": 30, "interval": 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": lv["name"],
                "type": "bar",
                "stack": "reports",
                "itemStyle": {"color": lv["color"]},
                "data": [t["levels"][i] for t in towns],
            }
            for i, lv in enumerate(summary["levels"])
        ],
    }
    indicators = summary["indicators"]
    by_indicator = {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "top": 20, "bottom": 30, "containLabel": True},
        "xAxis": {"type": "category", "data": [i["code"] for i in indicators]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": str(summary["reports_label"]),
                "data": summary["total"]["indicators"],
                "itemStyle": {"color": "#206bc4"},
            }
        ],
    }
    return {"by_town": by_town, "by_indicator": by_indicator}


def weekly_xlsx(user: Any, summary: dict[str, Any]):
    """The week's table by town as an Excel download (the house writer: title row, Chinese
    headers, a 合计 row), audited as an export."""
    import tempfile

    from django.http import FileResponse

    from unionhub.core.audit import record_change
    from unionhub.core.exporting import ExportColumn, export_heading, export_place, write_xlsx

    week = summary["week"]

    def col(header: Any, value: Any, width: int = 10, total: bool = True) -> ExportColumn:
        return ExportColumn(header, value, width, total=total)

    columns = [
        ExportColumn(_("town or street"), lambda r: r["name"], 18),
        col(_("reports filed"), lambda r: r["reports"]),
        *[
            col(lv["name"], lambda r, i=i: r["levels"][i], 8)
            for i, lv in enumerate(summary["levels"])
        ],
        col(_("below every threshold"), lambda r: r["unrated"]),
        *[
            col(f"{ind['code']} {ind['name']}", lambda r, i=i: r["indicators"][i], 12)
            for i, ind in enumerate(summary["indicators"])
        ],
        col(_("warnings opened"), lambda r: r["opened"]),
        col(_("warnings escalated"), lambda r: r["escalated"]),
        col(_("warnings closed"), lambda r: r["closed"]),
        col(_("deadlines missed"), lambda r: r["overdue"]),
    ]
    rows = summary["towns"]
    period = f"{week.monday:%Y-%m-%d}—{week.sunday:%Y-%m-%d}"
    heading = export_heading(
        _("Weekly analysis %(week)s") % {"week": week.code},
        count=len(rows),
        place=export_place(user),
        conditions=[period],
    )
    handle = tempfile.TemporaryFile()
    count = write_xlsx(
        handle, columns=columns, rows=rows, title=week.code, user=user, heading=heading
    )
    handle.seek(0)
    record_change(
        model=RiskReport,
        action="export",
        actor=user,
        changes={"rows": count, "week": week.code},
        note=f"导出周分析 {week.code}（{count} 行）",
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"governance-weekly-{week.code}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response.export_rows = count
    return response
