"""ECharts option builders (rendered by static/js/unionhub.js from json_script)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def monthly(stats: dict[str, Any]) -> dict[str, Any]:
    months = [f"{m}月" for m in stats["monthly"]]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 30, "bottom": 30},
        "xAxis": {"type": "category", "data": months},
        "yAxis": {"type": "value", "name": _("person-times")},
        "series": [
            {"type": "bar", "name": _("person-times"), "data": list(stats["monthly"].values())}
        ],
    }


def by_item(stats: dict[str, Any]) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "70%"],
                "data": [{"name": r["name"], "value": r["times"]} for r in stats["by_item"]],
            }
        ],
    }


def rollup(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 50, "right": 50, "top": 40, "bottom": 40},
        "xAxis": {"type": "category", "data": [r["county"] for r in rows]},
        "yAxis": [
            {"type": "value", "name": _("person-times")},
            {"type": "value", "name": _("10k yuan")},
        ],
        "series": [
            {"type": "bar", "name": _("person-times"), "data": [r["person_times"] for r in rows]},
            {
                "type": "line",
                "yAxisIndex": 1,
                "name": _("Suggestion benefit (10k yuan)"),
                "data": [round(float(r["benefit"]) / 10000, 1) for r in rows],
            },
        ],
    }
