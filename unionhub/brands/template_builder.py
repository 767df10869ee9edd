"""Builds the annual brand report's Word template (``report_templates/brand_report.docx``)
with python-docx, so the shipped template is reproducible
(``manage.py build_brand_report_template``). The template is a docxtpl (Jinja) document:
an editor may open it in Word and change the wording, fonts, the editor's note, the order
of the parts, as long as the ``{{ … }}`` / ``{%p … %}`` / ``{%tr … %}`` tags stay whole.

Context the report gives the template (``report.report_context``):

- ``year``, ``as_of`` (``2026年12月2日``), ``generated_at``, ``source_note`` (year-end
  snapshot or live values), ``county_count``, ``published_count``;
- ``sections``: one per county-level union, each with ``number`` (一、二、…), ``county``,
  ``has_brand``, ``title``, ``slogan``, ``lead_department``, ``status``, ``published``,
  ``paragraphs`` (the narrative, one per paragraph), ``figures_inline`` (the figures as one
  sentence) and ``figures`` (``name``, ``value``, ``unit``, ``target``, ``progress``).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_PATH = Path(__file__).resolve().parent / "report_templates" / "brand_report.docx"

BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def _style_font(style, name: str, size: float, bold: bool = False, color=None) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _para(doc, text: str = "", style: str | None = None, *, align=None, indent: bool = False):
    p = doc.add_paragraph(style=style)
    if text:
        p.add_run(text)  # one run per tag: docxtpl needs each tag whole inside a run
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(24)
    return p


def build_template(path: Path = TEMPLATE_PATH) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.6)

    styles = doc.styles
    _style_font(styles["Normal"], BODY_FONT, 12)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.4
    _style_font(styles["Title"], HEADING_FONT, 22, bold=True, color=RGBColor(0x9B, 0x1B, 0x1B))
    _style_font(styles["Subtitle"], BODY_FONT, 13, color=RGBColor(0x44, 0x44, 0x44))
    _style_font(styles["Heading 1"], HEADING_FONT, 16, bold=True, color=RGBColor(0x9B, 0x1B, 0x1B))
    _style_font(styles["Heading 2"], HEADING_FONT, 13, bold=True, color=RGBColor(0x33, 0x33, 0x33))
    for name in ("Title", "Subtitle"):
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # Cover
    for _i in range(4):
        _para(doc)
    _para(doc, "盐城市工会“一县一品”工作品牌汇编", "Title")
    _para(doc, "（{{ year }}年度）", "Subtitle")
    for _i in range(6):
        _para(doc)
    _para(doc, "盐城市总工会　编", "Subtitle")
    _para(doc, "{{ as_of }}", "Subtitle")
    doc.add_page_break()

    # Editor's note: the editor rewrites this text freely (keep the tags whole).
    _para(doc, "编者按", "Heading 1", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        "“一县一品”是全市各县（市、区）工会立足本地实际、集中力量打造的工作品牌。"
        "为总结交流各地经验，市总工会将{{ year }}年度{{ county_count }}个县级工会的品牌"
        "汇编成册，其中经市总工会审核发布的品牌{{ published_count }}个。",
        indent=True,
    )
    _para(
        doc,
        "书中数字不是手工填报的，而是由 UnionHub 平台从各模块的业务记录计算生成：{{ source_note }}"
        "每个数字在平台的县级品牌页面上都可以点开，查看它背后的记录清单。",
        indent=True,
    )
    _para(doc, "盐城市总工会", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ as_of }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_page_break()

    # One part per county-level union
    _para(doc, "{%p for s in sections %}")
    _para(doc, "{{ s.number }}、{{ s.county }}", "Heading 1")
    _para(doc, "{%p if s.has_brand %}")
    _para(doc, "{{ s.title }}", "Heading 2")
    _para(doc, "{%p if s.slogan %}")
    _para(doc, "品牌口号：{{ s.slogan }}", indent=True)
    _para(doc, "{%p endif %}")
    _para(doc, "牵头部门：{{ s.lead_department }}　　品牌状态：{{ s.status }}", indent=True)
    _para(doc, "{%p for text in s.paragraphs %}")
    _para(doc, "{{ text }}", indent=True)
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p if s.figures %}")
    _para(doc, "主要指标：{{ s.figures_inline }}", indent=True)
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = ("指标", "数值", "年度目标", "完成")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for f in s.figures %}")
    row = ("{{ f.name }}", "{{ f.value }} {{ f.unit }}", "{{ f.target }}", "{{ f.progress }}")
    for cell, text in zip(table.rows[2].cells, row, strict=True):
        cell.paragraphs[0].add_run(text)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p else %}")
    _para(doc, "本年度尚未登记“一县一品”品牌。", indent=True)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "（本汇编由 UnionHub 于 {{ generated_at }} 生成。）", align=WD_ALIGN_PARAGRAPH.RIGHT)

    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path
