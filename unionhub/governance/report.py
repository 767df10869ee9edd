"""The monthly work report (工作月报) as a Word document, written from the month's records
(``selectors.month_records``): nothing in it is typed."""

from __future__ import annotations

import calendar
import datetime as dt
import io
from typing import Any

from django.utils import timezone

from unionhub.governance import selectors


def parse_month(value: str | None) -> tuple[int, int]:
    """``YYYY-MM`` → (year, month); anything else → the current month."""
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in (value or "").split("-", 1))
        dt.date(year, month, 1)
        return year, month
    except (ValueError, TypeError):
        return today.year, today.month


def monthly_report_docx(user: Any, year: int, month: int) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    data = selectors.month_records(user, start, end)
    figures = selectors.figures(user)
    coverage = selectors.coverage_by_town(user)
    unit = getattr(getattr(user, "org_unit", None), "name", "") or "工会"

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")

    doc.add_heading(f"{unit}劳动关系风险监测预警工作月报（{year}年{month}月）", level=1)
    doc.add_paragraph(
        f"统计期间：{start:%Y年%m月%d日}至{end:%Y年%m月%d日}；生成时间："
        f"{timezone.localtime():%Y年%m月%d日 %H:%M}。本报告由平台根据当月记录自动生成。"
    )

    doc.add_heading("一、主要指标（截至生成之时）", level=2)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "指标", "数值"
    for item in figures:
        row = table.add_row().cells
        row[0].text = str(item.kpi.name)
        row[1].text = "—" if item.value is None else f"{item.value}{item.kpi.unit}"

    doc.add_heading("二、风险信息上报", level=2)
    doc.add_paragraph(f"本月共收到风险信息 {len(data['reports'])} 条。按指标：")
    for code, name, n in data["by_indicator"]:
        doc.add_paragraph(f"{code} {name}：{n} 条", style="List Bullet")
    if data["reports"]:
        t = doc.add_table(rows=1, cols=4)
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, ("日期", "企业", "指标", "等级"), strict=True):
            cell.text = text
        for r in data["reports"]:
            cells = t.add_row().cells
            cells[0].text = f"{r.occurred_on:%m-%d}"
            cells[1].text = r.enterprise.name
            cells[2].text = r.indicator.name
            cells[3].text = r.level.name if r.level else "未达预警"

    doc.add_heading("三、预警处置", level=2)
    board = data["board"]
    doc.add_paragraph(
        f"本月新发预警 {data['opened']} 个，逾期升级 {data['escalated']} 次，处置后降级 "
        f"{data['downgraded']} 个，办结 {data['closed']} 个；月末在办预警 {board['open_total']} 个，"
        f"其中逾期 {board['overdue_total']} 个。"
    )
    for row in board["levels"]:
        doc.add_paragraph(f"{row['level'].name}：{row['count']} 个", style="List Bullet")
    for d in data["disposals"]:
        doc.add_paragraph(
            f"{d.acted_on:%m-%d} {d.warning.enterprise.name}：{d.action}", style="List Bullet"
        )

    doc.add_heading("四、规模裁员", level=2)
    if data["layoffs"]:
        for p in data["layoffs"]:
            mark = "（规模裁员）" if p.is_mass else ""
            doc.add_paragraph(
                f"{p.enterprise.name}：拟裁减 {p.planned_count} 人，职工 {p.workforce} 人{mark}，"
                f"最早生效日 {p.earliest_effective_on}",
                style="List Bullet",
            )
    else:
        doc.add_paragraph("本月无裁员方案报告。")

    doc.add_heading("五、“1+1+N”联席会议", level=2)
    meetings = selectors.month_meetings(user, start, end)
    if meetings:
        doc.add_paragraph(f"本月召开“1+1+N”联席会议 {len(meetings)} 次。")
        for m in meetings:
            sides = "、".join([m.hrss_side, *m.participant_list])
            doc.add_paragraph(
                f"{m.held_on:%m月%d日} {m.convener}召集，{sides}参加。议题：{m.topics}",
                style="List Bullet",
            )
            names = "、".join(e.name for e in m.enterprises.all())
            if names:
                doc.add_paragraph(f"研究企业：{names}")
            doc.add_paragraph(f"会议决定：{m.decisions}")
            for t in m.tasks.all():
                state = f"已于 {t.done_on:%m-%d} 完成" if t.done_on else "未完成"
                doc.add_paragraph(
                    f"{t.title}（{t.owner}，{t.due_on:%m-%d} 前，{state}）", style="List Number"
                )
    else:
        doc.add_paragraph("本月未召开联席会议。")

    doc.add_heading("六、网格覆盖（按镇街）", level=2)
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for cell, text in zip(
        t.rows[0].cells,
        ("镇（街道）", "专属网格", "大中型企业覆盖率", "小微企业覆盖率"),
        strict=True,
    ):
        cell.text = text
    for row in coverage:
        cells = t.add_row().cells
        cells[0].text = row["name"]
        cells[1].text = str(row["exclusive"])
        cells[2].text = "—" if row["lm_rate"] is None else f"{row['lm_rate']}%"
        cells[3].text = "—" if row["sm_rate"] is None else f"{row['sm_rate']}%"

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
