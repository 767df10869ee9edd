"""ECharts option builders (rendered by static/js/unionhub.js from json_script)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def funnel(counts: dict[str, int]) -> dict[str, Any]:
    data = [
        {"name": _("Technical backbones"), "value": counts["backbones"]},
        {"name": _("Party members"), "value": counts["party_members"]},
        {"name": _("Managers"), "value": counts["managers"]},
    ]
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}：{c} 人"},
        "series": [
            {
                "type": "funnel",
                "sort": "none",
                "left": "10%",
                "width": "80%",
                "minSize": "20%",
                "label": {"show": True, "position": "inside", "formatter": "{b} {c}"},
                "data": data,
            }
        ],
    }
