"""The default indicator set and levels of domain.md §9.2, as data (editable later in the
admin): loaded by migration 0002 and, idempotently, by the demo."""

from decimal import Decimal

LEVELS = [
    # code, name, rank, colour, acknowledgement hours, deadline kind, required response
    ("blue", "蓝色（关注）", 1, "#206bc4", None, "risk_blue_review", "下次月度分析时复核"),
    ("yellow", "黄色（预警）", 2, "#f59f00", None, "risk_yellow_plan", "3个工作日内提出处置方案"),
    (
        "orange",
        "橙色（严重）",
        3,
        "#f76707",
        4,
        "risk_orange_onsite",
        "4小时内响应，2个工作日内到场",
    ),
    (
        "red",
        "红色（紧急）",
        4,
        "#d63939",
        1,
        "risk_red_onsite",
        "立即报告县总工会领导和网格长，1小时内响应，24小时内到场，当日报市总工会",
    ),
]

INDICATORS = [
    ("W1", "欠薪", "投诉、网格上报、劳动监察"),
    ("W2", "工资延期支付", "企业自报"),
    ("S1", "社保欠缴", "社保数据"),
    ("L1", "裁员", "上报、裁员方案备案"),
    ("P1", "停产、停业、歇业", "网格、水电数据"),
    ("U1", "水电用量骤降", "水电数据"),
    ("T1", "税收、营收异常", "税务数据"),
    ("R1", "搬迁、兼并、改制、破产", "登记信息、上报"),
    ("D1", "劳动争议案件", "仲裁、调解"),
    ("G1", "集体上访、聚集、停工", "网格、公安、信访"),
    ("C1", "涉企舆情", "舆情监测"),
    ("O1", "负责人失联", "网格"),
]

RULES = [
    # indicator, level, metric, threshold, flag, description
    ("W1", "blue", "any", None, "", "存在欠薪"),
    ("W1", "yellow", "people", "10", "", "欠薪涉及10人以上"),
    ("W1", "yellow", "months", "1", "", "欠薪1个月以上"),
    ("W1", "orange", "people", "30", "", "欠薪涉及30人以上"),
    ("W1", "orange", "months", "2", "", "欠薪2个月以上"),
    ("W1", "red", "people", "100", "", "欠薪涉及100人以上"),
    ("W1", "red", "flag", None, "absconded", "欠薪且负责人跑路"),
    ("W2", "blue", "days", "15", "", "工资延期支付超过15天"),
    ("S1", "blue", "months", "1", "", "社保欠缴1个月以上"),
    ("S1", "yellow", "months", "3", "", "社保欠缴3个月以上"),
    ("L1", "yellow", "people", "20", "", "裁员20人以上"),
    ("L1", "yellow", "share", "10", "", "裁员占职工总数10%以上"),
    ("L1", "orange", "people", "50", "", "裁员50人以上"),
    ("L1", "orange", "share", "30", "", "裁员占职工总数30%以上"),
    ("L1", "red", "people", "200", "", "裁员200人以上"),
    ("P1", "yellow", "flag", None, "partial_halt", "部分停产"),
    ("P1", "orange", "flag", None, "full_stop_unpaid", "全面停产且拖欠工资"),
    ("U1", "blue", "any", None, "", "水电用量环比下降50%以上（仅作信号）"),
    ("T1", "blue", "any", None, "", "税收、营收异常"),
    ("R1", "yellow", "any", None, "", "已公布搬迁、兼并、改制或破产"),
    ("D1", "blue", "cases", "3", "", "90日内劳动争议3件以上"),
    ("D1", "yellow", "cases", "10", "", "90日内劳动争议10件以上"),
    ("D1", "yellow", "flag", None, "collective_case", "集体劳动争议（10人以上申请人）"),
    ("G1", "orange", "people", "3", "", "集体上访、聚集或停工3至9人"),
    ("G1", "red", "people", "10", "", "集体上访、聚集或停工10人以上"),
    ("C1", "yellow", "flag", None, "negative_post", "负面舆情形成传播"),
    ("O1", "red", "any", None, "", "企业负责人失联"),
]


def load_default_rules(get_model) -> None:
    """Create or refresh the default levels, indicators and trigger rules (domain.md §9.2).
    ``get_model`` is a migration's ``apps.get_model`` or ``django.apps.apps.get_model``; the
    demo calls it too, because a flushed test database has lost what the migration wrote."""
    Level = get_model("governance", "RiskLevel")
    Indicator = get_model("governance", "RiskIndicator")
    Rule = get_model("governance", "IndicatorRule")
    levels = {}
    for code, name, rank, color, ack, kind, text in LEVELS:
        levels[code], _ = Level.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                rank=rank,
                color=color,
                ack_hours=ack,
                response_kind=kind,
                response_text=text,
            ),
        )
    indicators = {}
    for code, name, source in INDICATORS:
        indicators[code], _ = Indicator.objects.update_or_create(
            code=code, defaults=dict(name=name, source=source)
        )
    for ind, level, metric, threshold, flag, description in RULES:
        Rule.objects.get_or_create(
            indicator=indicators[ind],
            level=levels[level],
            metric=metric,
            threshold=Decimal(threshold) if threshold else None,
            flag=flag,
            defaults=dict(description=description),
        )
