"""Member import (``import_members``) on the core engine. Rows are keyed by the keyed hash
of the ID number, so neither the engine's messages nor its memory hold clear numbers: a
duplicate is reported with the masked number."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.core.importing import (
    CellError,
    Column,
    Importer,
    ImportResult,
    parse_bool,
    parse_choice,
    parse_date,
    parse_text,
)
from unionhub.core.pii import mask_id_number
from unionhub.core.validators.idcard import parse_id_number, parse_phone
from unionhub.members.choices import KeyGroup, MemberStatus, Occupation, PoliticalStatus, SkillLevel
from unionhub.members.models import ID_CONTEXT, Member
from unionhub.org.choices import OrgKind
from unionhub.org.models import OrgUnit


class IdKey(str):
    """The keyed hash of an ID number; formats as the masked number in messages."""

    clear: str = ""

    def __format__(self, spec: str) -> str:
        return mask_id_number(self.clear)

    def __str__(self) -> str:
        return mask_id_number(self.clear)


def parse_id_key(value: Any) -> IdKey | str:
    text = parse_text(value)
    if not text:
        return ""
    try:
        info = parse_id_number(text)
    except ValidationError as exc:
        raise CellError(str(exc.messages[0])) from None
    key = IdKey(crypto.pii_hash(info.number, context=ID_CONTEXT))
    key.clear = info.number
    return key


def parse_mobile(value: Any) -> str:
    text = parse_text(value)
    if not text:
        return ""
    try:
        return parse_phone(text)
    except ValidationError as exc:
        raise CellError(str(exc.messages[0])) from None


def _labels(choices) -> dict[str, str]:
    return {str(label): code for code, label in choices.choices}


YES_NO = ["是", "否"]


def columns() -> list[Column]:
    return [
        Column("姓名", "name", parse_text, example="张三", width=12),
        Column(
            "身份证号码", "id_number_hash", parse_id_key, example="11010519491231002X", width=22
        ),
        Column("手机号码", "phone", parse_mobile, example="13812345678", width=14),
        Column(
            "所属工会代码",
            "union",
            parse_text,
            example="320924100",
            note="基层工会或镇（街道）工会的组织代码",
        ),
        Column("工作单位统一社会信用代码", "employer", parse_text, required=False, width=22),
        Column(
            "职业",
            "occupation",
            parse_choice(_labels(Occupation)),
            required=False,
            choices=list(_labels(Occupation)),
            example="快递员",
        ),
        Column(
            "是否新就业形态劳动者",
            "is_new_employment",
            parse_bool,
            required=False,
            choices=YES_NO,
            example="是",
        ),
        Column(
            "重点群体",
            "key_group",
            parse_choice(_labels(KeyGroup)),
            required=False,
            choices=list(_labels(KeyGroup)),
            example="快递员",
        ),
        Column("所在平台/公司", "platform_name", parse_text, required=False),
        Column("入会日期", "joined_on", parse_date, example="2024-05-01"),
        Column("会员卡号", "card_number", parse_text, required=False),
        Column(
            "政治面貌",
            "political_status",
            parse_choice(_labels(PoliticalStatus)),
            required=False,
            choices=list(_labels(PoliticalStatus)),
        ),
        Column(
            "技能等级",
            "skill_level",
            parse_choice(_labels(SkillLevel)),
            required=False,
            choices=list(_labels(SkillLevel)),
        ),
    ]


class MemberImporter(Importer):
    model = Member
    key_field = "id_number_hash"
    sheet_title = "会员导入模板"

    def __init__(self, *, actor: Any = None, update: bool = False) -> None:
        super().__init__(actor=actor, update=update)
        self.columns = columns()

    def prepare(self) -> None:
        qs = OrgUnit.objects.exclude(kind__in=[OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION])
        if self.actor is not None:
            qs = qs.visible_to(self.actor)
        self.unions = {u.code: u for u in qs}
        self.enterprises: dict[str, Any] = {}
        try:
            from unionhub.enterprises.models import Enterprise

            eqs = Enterprise.objects.all()
            if self.actor is not None:
                eqs = eqs.visible_to(self.actor)
            self.enterprise_qs = eqs
        except ImportError:  # pragma: no cover
            self.enterprise_qs = None
        self.used_cards = set(
            Member.objects.exclude(card_number="").values_list("card_number", flat=True)
        )
        self._visible: set[int] = set()

    def clean_row(self, values, add_error) -> None:
        union = self.unions.get(values.get("union"))
        if union is None:
            add_error(
                "所属工会代码", f"“{values.get('union')}”不是您数据范围内的基层或镇（街道）工会"
            )
        else:
            values["union"] = union
        uscc = values.get("employer")
        if uscc:
            ent = self.enterprises.get(uscc)
            if ent is None and self.enterprise_qs is not None:
                ent = self.enterprise_qs.filter(uscc=uscc).first()
                if ent is not None:
                    self.enterprises[uscc] = ent
            if ent is None:
                add_error(
                    "工作单位统一社会信用代码",
                    f"未找到信用代码为“{uscc}”的企业（或不在您的数据范围内）",
                )
            else:
                values["employer"] = ent
        elif "employer" in values:
            values["employer"] = None
        is_new = bool(values.get("is_new_employment"))
        values["is_new_employment"] = is_new
        if values.get("key_group") and not is_new:
            add_error("重点群体", "只有新就业形态劳动者才需填写重点群体")
        key = values.get("id_number_hash")
        joined = values.get("joined_on")
        if isinstance(key, IdKey) and joined is not None:
            birth = parse_id_number(key.clear).birth_date
            if joined < birth:
                add_error("入会日期", "入会日期早于身份证号码中的出生日期")
        card = values.get("card_number") or ""
        if card and card in self.used_cards and not self.update:
            add_error("会员卡号", f"会员卡号“{card}”已被使用")
        for field in (
            "occupation",
            "key_group",
            "platform_name",
            "political_status",
            "skill_level",
            "card_number",
        ):
            if field in values and values[field] is None:
                values[field] = ""

    def existing(self, keys):
        found = {
            o.id_number_hash: o
            for o in Member.objects.filter(id_number_hash__in=list(keys)).select_related("union")
        }
        if found and self.update and self.actor is not None:
            # One scope query for the whole batch instead of one per existing member.
            self._visible = set(
                Member.objects.visible_to(self.actor)
                .filter(pk__in=[o.pk for o in found.values()])
                .values_list("pk", flat=True)
            )
        return found

    def check_existing(self, obj) -> str:
        if self.actor is not None and obj.pk not in self._visible:
            return "该会员已在其他工会登记，不在您的数据范围内"
        return ""

    def _set(self, member: Member, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key == "id_number_hash":
                member.id_number = value.clear
            elif key == "phone":
                member.phone = value
            else:
                setattr(member, key, value)

    def build(self, values):
        member = Member(
            status=MemberStatus.ACTIVE,
            created_by=self.actor if getattr(self.actor, "pk", None) else None,
        )
        self._set(member, values)
        return member

    def apply(self, obj, values) -> None:
        self._set(obj, values)

    def update_fields(self):
        return [
            "name",
            "phone_enc",
            "phone_hash",
            "union",
            "employer",
            "occupation",
            "is_new_employment",
            "key_group",
            "platform_name",
            "joined_on",
            "card_number",
            "political_status",
            "skill_level",
        ]

    def summary(self, result: ImportResult) -> None:
        record_change(
            action="import",
            model=Member,
            actor=self.actor,
            changes={"created": result.created, "updated": result.updated},
            note=f"导入会员：新增 {result.created} 名，更新 {result.updated} 名",
        )
