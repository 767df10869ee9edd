"""The suggested default rubric of domain.md §4.1 ([M]: no Jiangsu or Yancheng 评估细则 was
found; the federation replaces it with the official one as a new version). 100 points in six
categories, two veto items, thresholds 60/70/80/88/95 for one to five stars."""

from __future__ import annotations

import datetime as dt

from unionhub.congress.models import RubricItem, StarRubric, StarThreshold

DEFAULT_VERSION = "JS-DEFAULT-2024"

#: (category, item, max points, evidence)
ITEMS = [
    ("组织与召开", "按期换届，每年至少召开一次全体会议", 10, "会议通知、签到表"),
    ("组织与召开", "到会代表达到三分之二以上", 6, "签到表"),
    ("代表构成", "一线职工代表不少于50%", 8, "代表名册"),
    ("代表构成", "中层以上管理人员不超过20%，女职工比例适当", 6, "代表名册"),
    ("职权行使", "审议集体合同草案", 10, "审议决议"),
    ("职权行使", "审议涉及职工切身利益的规章制度", 8, "审议决议"),
    ("职权行使", "审议福利基金使用方案", 6, "审议决议"),
    ("提案工作", "提案征集、立案与办理", 8, "提案登记表"),
    ("提案工作", "提案答复与满意度测评", 6, "答复单、测评表"),
    ("厂务公开", "厂务公开制度健全、按时公开", 12, "公开栏照片、记录"),
    ("决议落实", "决议落实情况向下次大会报告", 10, "工作报告"),
    ("决议落实", "职工代表巡视检查与质询", 10, "巡视记录"),
]
VETOES = [
    ("一票否决", "年度内未召开职工代表大会", "会议记录"),
    ("一票否决", "集体合同未经职代会审议通过", "审议决议"),
]
THRESHOLDS = {1: 60, 2: 70, 3: 80, 4: 88, 5: 95}


def ensure_default_rubric() -> StarRubric:
    """The default rubric (created once; idempotent)."""
    rubric = StarRubric.objects.filter(version=DEFAULT_VERSION).first()
    if rubric is not None:
        return rubric
    rubric = StarRubric.objects.create(
        version=DEFAULT_VERSION,
        name="江苏省星级职代会评估（建议稿）",
        valid_from=dt.date(2020, 1, 1),
        note="建议稿：待市总工会提供正式评估细则后以新版本替换。",
    )
    RubricItem.objects.bulk_create(
        [
            RubricItem(
                rubric=rubric, category=c, name=n, max_points=p, evidence_required=e, order=i
            )
            for i, (c, n, p, e) in enumerate(ITEMS)
        ]
        + [
            RubricItem(
                rubric=rubric, category=c, name=n, is_veto=True, evidence_required=e, order=i
            )
            for i, (c, n, e) in enumerate(VETOES)
        ]
    )
    StarThreshold.objects.bulk_create(
        StarThreshold(rubric=rubric, stars=s, min_points=m) for s, m in THRESHOLDS.items()
    )
    return rubric
