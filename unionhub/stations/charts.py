"""ECharts option builders (rendered by static/js/unionhub.js from json_script)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

_DARK_TEXT = {"color": "#cfe3ff"}


def _base(dark: bool) -> dict[str, Any]:
    base: dict[str, Any] = {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 24, "bottom": 28},
    }
    if dark:
        base["textStyle"] = _DARK_TEXT
    return base


def per_day(stats: dict[str, Any], dark: bool = False) -> dict[str, Any]:
    opts = _base(dark)
    opts.update(
        xAxis={"type": "category", "data": [f"{d.month}/{d.day}" for d, _n in stats["per_day"]]},
        yAxis={"type": "value", "minInterval": 1},
        series=[
            {
                "type": "line",
                "smooth": True,
                "areaStyle": {},
                "name": gettext("Visits"),
                "data": [n for _d, n in stats["per_day"]],
            }
        ],
    )
    return opts


def per_hour(stats: dict[str, Any], dark: bool = False) -> dict[str, Any]:
    opts = _base(dark)
    opts.update(
        xAxis={
            "type": "category",
            "data": [gettext("%(hour)s h") % {"hour": h} for h, _n in stats["per_hour"]],
        },
        yAxis={"type": "value", "minInterval": 1},
        series=[
            {"type": "bar", "name": gettext("Visits"), "data": [n for _h, n in stats["per_hour"]]}
        ],
    )
    return opts


def per_occupation(stats: dict[str, Any], dark: bool = False) -> dict[str, Any]:
    opts: dict[str, Any] = {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": ["40%", "70%"],
                "data": [
                    {"name": label, "value": n} for label, n, _code in stats["per_occupation"]
                ],
                "label": {"color": "#cfe3ff"} if dark else {},
            }
        ],
    }
    return opts
