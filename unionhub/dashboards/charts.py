"""ECharts options of the dashboards (rendered by the static JS from ``json_script``; the
CSP allows no inline script). Options are plain JSON: no formatter functions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from unionhub.dashboards.selectors import SMALL, SUPPRESS_BELOW, CityComparison, _short

BLUE = "#206bc4"
GREY = "#adb5bd"
RED = "#d63939"

#: schematic positions (column, row; row 0 = north) of the county-level units: a "tile map"
#: drawn from the region tree, since no boundary GeoJSON is available
TILES = {
    "320921": (1, 0),  # 响水县
    "320922": (2, 0),  # 滨海县
    "320923": (1, 1),  # 阜宁县
    "320924": (2, 1),  # 射阳县
    "320925": (0, 2),  # 建湖县
    "320902": (1, 2),  # 亭湖区
    "320971": (2, 2),  # 盐城经济技术开发区
    "320903": (0, 3),  # 盐都区
    "3209YN": (1, 3),  # 盐南高新区
    "320904": (2, 4),  # 大丰区
    "320981": (1, 5),  # 东台市
}


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else float(d)


def county_bars(comparison: CityComparison, code: str) -> dict[str, Any]:
    """One KPI across the county-level units, the target of each as a marker and the city
    average as a line; clicking a bar opens that county's records."""
    kpi = next(k for k in comparison.kpis if k.code == code)
    names, data, targets = [], [], []
    for row in comparison.rows:
        v = row.by_code()[code]
        names.append(_short(row.region.name))
        data.append({"value": _number(v.value), "url": v.url})
        targets.append(_number(v.target))
    average = _number(comparison.average.get(code))
    series: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": str(kpi.name),
            "data": data,
            "itemStyle": {"color": BLUE},
            "label": {"show": True, "position": "top", "fontSize": 10},
        }
    ]
    if any(t is not None for t in targets):
        series.append(
            {
                "type": "scatter",
                "name": gettext("Target"),
                "data": targets,
                "symbol": "rect",
                "symbolSize": [18, 3],
                "itemStyle": {"color": RED},
            }
        )
    if average is not None:
        series[0]["markLine"] = {
            "symbol": "none",
            "data": [{"yAxis": average, "name": gettext("City average")}],
            "lineStyle": {"color": GREY, "type": "dashed"},
            "label": {"formatter": gettext("City average") + "\n{c}", "position": "end"},
        }
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "right": 0},
        "grid": {"left": 48, "right": 56, "top": 36, "bottom": 64},
        "xAxis": {
            "type": "category",
            "data": names,
            "axisLabel": {"interval": 0, "rotate": 40, "fontSize": 10},
        },
        "yAxis": {"type": "value", "name": kpi.unit},
        "series": series,
    }


def own_versus_average(comparison: CityComparison) -> dict[str, Any]:
    """The county view: each KPI of the own unit as a percentage of the city average."""
    names, data = [], []
    for column in comparison.kpi_columns():
        if column["versus"] is None:
            continue
        names.append(str(column["kpi"].name))
        data.append(
            {
                "value": int(column["versus"]),
                "itemStyle": {"color": BLUE if column["better"] else "#f59f00"},
            }
        )
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 170, "right": 48, "top": 28, "bottom": 32},
        "xAxis": {"type": "value", "name": "%"},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [
            {
                "type": "bar",
                "name": gettext("Own figure against the city average (city average = 100)"),
                "data": data,
                "label": {"show": True, "position": "right", "formatter": "{c}%"},
                "markLine": {
                    "symbol": "none",
                    "data": [{"xAxis": 100}],
                    "lineStyle": {"color": GREY, "type": "dashed"},
                    "label": {"formatter": gettext("City average"), "position": "start"},
                },
            }
        ],
    }


# --- big screen (dark) ----------------------------------------------------------------------

_TEXT = "#cfe3ff"


def tile_map(tiles: list[dict[str, Any]]) -> dict[str, Any]:
    """The county-level units as tiles placed like the map, coloured by the ≥ 25-person
    enterprises' union coverage (tiles whose rate is suppressed stay grey)."""
    data = []
    for tile in tiles:
        x, y = TILES.get(tile["code"], (3, 5))
        label = f"{tile['name']}\n{tile['coverage_display']}"
        data.append({"name": label, "value": [x, y, tile["coverage"]]})
    return {
        "tooltip": {"show": False},
        "grid": {"left": 8, "right": 8, "top": 8, "bottom": 48},
        "xAxis": {"type": "category", "data": [0, 1, 2], "show": False},
        "yAxis": {"type": "category", "data": [0, 1, 2, 3, 4, 5], "show": False, "inverse": True},
        "visualMap": {
            "min": 0,
            "max": 100,
            "calculable": False,
            "orient": "horizontal",
            "left": "center",
            "bottom": 4,
            "text": ["100%", "0%"],
            "textStyle": {"color": _TEXT},
            "inRange": {"color": ["#1b3a6b", "#1f78c8", "#2fb380", "#ffd75e"]},
            "outOfRange": {"color": "#3a4a66"},
        },
        "series": [
            {
                "type": "heatmap",
                "data": data,
                "label": {
                    "show": True,
                    "formatter": "{b}",
                    "color": "#ffffff",
                    "fontSize": 15,
                    "lineHeight": 22,
                    "fontWeight": "bold",
                },
                "itemStyle": {"borderColor": "#061a3a", "borderWidth": 6, "borderRadius": 8},
            }
        ],
    }


def _suppressed_bar(n: int) -> dict[str, Any]:
    """A bar of the public screen: counts 1–4 are drawn at 0 and labelled ``<5``."""
    if 0 < n < SUPPRESS_BELOW:
        return {"value": 0, "label": {"show": True, "formatter": SMALL}}
    return {"value": n}


def checkins_by_hour(counts: list[int], hours: list[int]) -> dict[str, Any]:
    """Visits per hour over the last 24 hours (oldest first)."""
    shown = counts
    return {
        "textStyle": {"color": _TEXT},
        "grid": {"left": 40, "right": 12, "top": 20, "bottom": 24},
        "xAxis": {
            "type": "category",
            "data": [f"{h}:00" for h in hours],
            "axisLabel": {"color": _TEXT},
        },
        "yAxis": {
            "type": "value",
            "minInterval": 1,
            "axisLabel": {"color": _TEXT},
            "splitLine": {"lineStyle": {"color": "#1f4b8a"}},
        },
        "series": [
            {
                "type": "bar",
                "name": gettext("Visits"),
                "data": [_suppressed_bar(n) for n in shown],
                "itemStyle": {"color": "#3fb1e3"},
                "label": {"show": False, "position": "top", "color": _TEXT},
            }
        ],
    }


def per_county_bars(
    counts: dict[str, int], counties: list[Any], color: str = "#ffd75e"
) -> dict[str, Any]:
    return {
        "textStyle": {"color": _TEXT},
        "grid": {"left": 88, "right": 40, "top": 8, "bottom": 8},
        "xAxis": {"type": "value", "show": False},
        "yAxis": {
            "type": "category",
            "inverse": True,
            "data": [_short(c.name) for c in counties],
            "axisLabel": {"color": _TEXT},
        },
        "series": [
            {
                "type": "bar",
                "data": [
                    {
                        **_suppressed_bar(counts.get(c.code, 0)),
                        "label": {
                            "show": True,
                            "position": "right",
                            "color": _TEXT,
                            **(
                                {"formatter": SMALL}
                                if 0 < counts.get(c.code, 0) < SUPPRESS_BELOW
                                else {}
                            ),
                        },
                    }
                    for c in counties
                ],
                "itemStyle": {"color": color, "borderRadius": [0, 4, 4, 0]},
                "barWidth": 12,
            }
        ],
    }
