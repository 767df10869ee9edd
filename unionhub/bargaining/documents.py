"""The offer letter (集体协商要约书) as a Word document (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from unionhub.bargaining.models import BargainingOffer

FONT = "SimSun"


def _font(run, size: int = 12, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _para(doc, text: str, *, size: int = 12, bold: bool = False, align=None, indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(6)
    _font(p.add_run(text), size, bold)
    return p


def _cn_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def offer_letter_docx(offer: BargainingOffer) -> bytes:
    """The written bargaining request of 集体合同规定 art. 32, addressed to the enterprise,
    naming its 20-day written-response period."""
    campaign = offer.campaign
    union = campaign.union
    doc = Document()
    _para(doc, "集体协商要约书", size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, f"{offer.enterprise.name}：", indent=False)
    _para(
        doc,
        f"根据《中华人民共和国劳动合同法》第五十一条至第五十六条、《集体合同规定》和《江苏省集体协商条例》，"
        f"为维护职工和企业双方的合法权益，构建和谐劳动关系，{union.name}在“{campaign.title}”中，"
        "代表职工方向贵单位提出开展集体协商的要约，协商内容包括：劳动报酬及工资调整机制、工作时间、"
        "休息休假、劳动安全卫生、保险福利、女职工特殊保护，以及新就业形态劳动者的计件单价和订单分配等事项。",
    )
    _para(
        doc,
        "依据《集体合同规定》第三十二条，请贵单位自收到本要约书之日起二十日内以书面形式给予回应，"
        "无正当理由不得拒绝进行集体协商。最后一日遇法定节假日的，顺延至节假日后的第一日。",
    )
    if offer.response_due:
        _para(
            doc,
            f"本要约书于{_cn_date(offer.received_on)}送达，书面回应的最后一日为{_cn_date(offer.response_due)}。",
        )
    _para(doc, "联系人：            联系电话：", indent=False)
    _para(doc, f"{union.name}（盖章）", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _para(doc, _cn_date(offer.sent_on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _para(doc, "送达回执", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, f"本单位已于    年  月  日收到{union.name}的集体协商要约书。", indent=False)
    _para(doc, "签收人：            单位（盖章）：", indent=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
