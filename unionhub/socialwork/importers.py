"""The social-worker archive import (#17): one row per social worker with their first
posting and qualification, on the core engine (columns matched by header text, every
problem as ``第N行 [列名] 原因``, all or nothing). Keyed by the ID number (stored only
encrypted and as a keyed hash); the import creates archives — an ID number already on file
is refused, the archive is then edited on its page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from unionhub.core import crypto
from unionhub.core.importing import (
    CellError,
    Column,
    Importer,
    ImportResult,
    ReferenceSheet,
    parse_choice,
    parse_date,
    parse_text,
)
from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit
from unionhub.socialwork.choices import PostingKind, QualificationKind
from unionhub.socialwork.models import ID_CONTEXT, SocialWorker

POSTING_LABELS = {"专职": PostingKind.FULL_TIME.value, "兼职": PostingKind.PART_TIME.value}
QUALIFICATION_LABELS = {
    "助理社会工作师": QualificationKind.ASSISTANT.value,
    "社会工作师": QualificationKind.SOCIAL_WORKER.value,
    "高级社会工作师": QualificationKind.SENIOR.value,
    "其他证书": QualificationKind.OTHER.value,
}
ID_HEADER = "身份证号码"
UNION_HEADER = "管理单位"
POSTED_HEADER = "派驻单位"
KEEPING_KINDS = {OrgKind.COUNTY_FEDERATION, OrgKind.TOWN_FEDERATION, OrgKind.CITY_FEDERATION}


def parse_phone(value: Any) -> str:
    from django.core.exceptions import ValidationError

    text = parse_text(value)
    if not text:
        return ""
    try:
        SocialWorker().phone = text  # the archive's own check (and normalisation)
    except ValidationError as exc:
        raise CellError(_first_message(exc)) from exc
    return text


COLUMNS = [
    Column("姓名", "name", parse_text, example="陈晓燕", width=12),
    Column(ID_HEADER, "id_number_hash", parse_text, example="320902199003071228", width=22),
    Column("手机号码", "phone", parse_phone, required=False, example="13851501234", width=14),
    Column(
        UNION_HEADER,
        "union",
        parse_text,
        example="亭湖区总工会",
        width=24,
        note="聘用并保管档案的县（区）总工会或镇（街道）总工会的名称",
    ),
    Column("聘用日期", "hired_on", parse_date, example=dt.date(2021, 3, 1)),
    Column("学历", "education", parse_text, required=False, example="本科", width=10),
    Column(
        POSTED_HEADER,
        "posted_to",
        parse_text,
        required=False,
        example="文峰街道总工会",
        width=24,
        note="派驻的镇（街道）总工会名称；不派驻可留空",
    ),
    Column(
        "派驻类型",
        "posting_kind",
        parse_choice(POSTING_LABELS),
        required=False,
        choices=list(POSTING_LABELS),
        example="专职",
        width=10,
    ),
    Column("派驻起始日期", "posting_from", parse_date, required=False, example=dt.date(2021, 3, 1)),
    Column(
        "资格证书",
        "qualification_kind",
        parse_choice(QUALIFICATION_LABELS),
        required=False,
        choices=list(QUALIFICATION_LABELS),
        example="社会工作师",
        width=16,
    ),
    Column("证书编号", "certificate_no", parse_text, required=False, example="", width=18),
    Column("取得日期", "issued_on", parse_date, required=False, example=dt.date(2022, 6, 18)),
]

EXTRA = ("phone", "posted_to", "posting_kind", "posting_from", "qualification_kind")
EXTRA += ("certificate_no", "issued_on")


class SocialWorkerImporter(Importer):
    model = SocialWorker
    columns = COLUMNS
    key_field = "id_number_hash"
    sheet_title = "社会工作者档案导入模板"

    def prepare(self) -> None:
        from unionhub.core.validators.idcard import parse_id_number

        self._parse_id = parse_id_number
        unions = OrgUnit.objects.filter(kind__in=KEEPING_KINDS).select_related("region")
        if self.actor is not None:
            unions = unions.visible_to(self.actor)
        self.unions: dict[str, list[OrgUnit]] = {}
        for unit in unions:
            self.unions.setdefault(unit.name, []).append(unit)
        self.all_names = set(
            OrgUnit.objects.filter(kind__in=KEEPING_KINDS).values_list("name", flat=True)
        )
        self.today = timezone.localdate()
        self.numbers: dict[str, str] = {}  # hash → the clear number, for this import only
        self.taken = set(
            SocialWorker.objects.exclude(id_number_hash="").values_list("id_number_hash", flat=True)
        )

    def _unit(self, text: str, header: str, kinds, add_error) -> OrgUnit | None:
        found = [u for u in self.unions.get(text, []) if u.kind in kinds]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            add_error(header, f"名称“{text}”对应多个单位，请联系管理员")
        elif text in self.all_names:
            add_error(header, f"“{text}”不在您的数据范围内，或不是{_kinds_text(kinds)}")
        else:
            add_error(header, f"没有名为“{text}”的{_kinds_text(kinds)}")
        return None

    def clean_row(self, values, add_error) -> None:
        number = values.get("id_number_hash")
        if number:
            try:
                number = self._parse_id(number, today=self.today).number
            except Exception as exc:  # the validator words its own reason
                add_error(ID_HEADER, _first_message(exc))
            else:
                key = crypto.pii_hash(number, context=ID_CONTEXT)
                self.numbers[key] = number
                values["id_number_hash"] = key
                if key in self.taken:
                    add_error(ID_HEADER, "该身份证号码的档案已存在，请在档案页修改")
        if values.get("union"):
            values["union"] = self._unit(values["union"], UNION_HEADER, KEEPING_KINDS, add_error)
        hired = values.get("hired_on")
        if hired and hired > self.today:
            add_error("聘用日期", "聘用日期不能晚于今天")
        if values.get("posted_to"):
            values["posted_to"] = self._unit(
                values["posted_to"], POSTED_HEADER, {OrgKind.TOWN_FEDERATION}, add_error
            )
            if not values.get("posting_kind"):
                add_error("派驻类型", "填写了派驻单位，请选择专职或兼职")
            start = values.get("posting_from") or hired
            if start and start > self.today:
                add_error("派驻起始日期", "派驻起始日期不能晚于今天")
            if start and hired and start < hired:
                add_error("派驻起始日期", "派驻起始日期早于聘用日期")
        elif values.get("posting_kind") or values.get("posting_from"):
            add_error(POSTED_HEADER, "填写了派驻类型或起始日期，请填写派驻单位")
        if values.get("qualification_kind"):
            issued = values.get("issued_on")
            if not issued:
                add_error("取得日期", "填写了资格证书，请填写取得日期")
            elif issued > self.today:
                add_error("取得日期", "取得日期不能晚于今天")
        elif values.get("certificate_no") or values.get("issued_on"):
            add_error("资格证书", "填写了证书编号或取得日期，请选择资格证书")

    def _present(self, keys, db):
        return []  # an existing ID number is refused in clean_row with its own sentence

    def build(self, values: dict[str, Any]) -> SocialWorker:
        extra = {k: values.pop(k, None) for k in EXTRA}
        key = values.pop("id_number_hash")
        worker = SocialWorker(
            name=values["name"],
            union=values["union"],
            hired_on=values["hired_on"],
            education=values.get("education") or "",
        )
        worker.created_by = self.actor if getattr(self.actor, "pk", None) else None
        worker.id_number = self.numbers[key]
        if extra["phone"]:
            worker.phone = extra["phone"]
        worker._import_extra = extra
        return worker

    def after_write(self, created, updated) -> None:
        """Each new archive's posting and qualification, through the module's services."""
        from unionhub.socialwork import services

        for worker in created:
            extra = worker._import_extra
            if extra["posted_to"]:
                services.posting_create(
                    actor=self.actor,
                    worker=worker,
                    union=extra["posted_to"],
                    kind=extra["posting_kind"],
                    started_on=extra["posting_from"] or worker.hired_on,
                )
            if extra["qualification_kind"]:
                services.qualification_create(
                    actor=self.actor,
                    worker=worker,
                    kind=extra["qualification_kind"],
                    name=dict((v, k) for k, v in QUALIFICATION_LABELS.items())[
                        extra["qualification_kind"]
                    ],
                    certificate_no=extra["certificate_no"] or "",
                    issued_on=extra["issued_on"],
                )

    def summary(self, result: ImportResult) -> None:
        from unionhub.core.audit import record_change

        record_change(
            model=SocialWorker,
            action="import",
            actor=self.actor,
            changes={"created": result.created},
            note=f"导入社会工作者档案 {result.created} 份",
        )

    def reference_sheets(self) -> list[ReferenceSheet]:
        unions = OrgUnit.objects.filter(kind__in=KEEPING_KINDS)
        if self.actor is not None:
            unions = unions.visible_to(self.actor)
        rows = [(u.name, u.get_kind_display()) for u in unions.order_by("path")]
        return [
            ReferenceSheet(
                title="单位名称表", headers=["名称", "类型"], rows=rows, for_header=UNION_HEADER
            )
        ]


def _kinds_text(kinds) -> str:
    if kinds == {OrgKind.TOWN_FEDERATION}:
        return "镇（街道）总工会"
    return "县（区）或镇（街道）总工会"


def _first_message(exc: Exception) -> str:
    messages = getattr(exc, "messages", None)
    return str(messages[0]) if messages else str(exc)
