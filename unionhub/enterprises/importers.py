"""The enterprise import (contract.md "Enterprise import template"), built on the core
engine: exactly the contract's headers, matched by header text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from unionhub.core.importing import (
    CellError,
    Column,
    Importer,
    ImportResult,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
)
from unionhub.core.validators.industry import industry_errors, normalise_industry_code
from unionhub.core.validators.uscc import normalise_uscc, uscc_errors
from unionhub.enterprises import services, sme
from unionhub.enterprises.choices import OperatingStatus, Ownership
from unionhub.enterprises.models import Enterprise
from unionhub.org.models import Region

OWNERSHIP_LABELS = {
    "国有": Ownership.STATE.value,
    "集体": Ownership.COLLECTIVE.value,
    "私营": Ownership.PRIVATE.value,
    "外商投资": Ownership.FOREIGN.value,
    "港澳台投资": Ownership.HMT.value,
    "其他": Ownership.OTHER.value,
}
STATUS_LABELS = {
    "在营": OperatingStatus.OPERATING.value,
    "停业": OperatingStatus.SUSPENDED.value,
    "注销": OperatingStatus.CLOSED.value,
}
YES_NO = ["是", "否"]


def parse_uscc(value: Any) -> str:
    code = normalise_uscc(value)
    if not code:
        return ""
    errors = uscc_errors(code)
    if errors:
        raise CellError(str(errors[0]))
    return code


def parse_industry(value: Any) -> str:
    code = normalise_industry_code(parse_text(value))
    if not code:
        return ""
    errors = industry_errors(code)
    if errors:
        raise CellError(str(errors[0]))
    return code


def parse_founded(value: Any) -> dt.date | None:
    day = parse_date(value)
    if day is not None and day > timezone.localdate():
        raise CellError("成立日期不能晚于今天")
    return day


def parse_region_code(value: Any) -> str:
    return parse_text(value)


COLUMNS = [
    Column("统一社会信用代码", "uscc", parse_uscc, example="91350100M000100Y43", width=22),
    Column("企业名称", "name", parse_text, example="盐城示例科技有限公司", width=30),
    Column(
        "所在地区代码",
        "region",
        parse_region_code,
        example="320925",
        note="县级单位或镇（街道）代码",
    ),
    Column(
        "行业代码",
        "industry_code",
        parse_industry,
        example="C",
        note="GB/T 4754-2017 门类字母或 2–4 位代码",
    ),
    Column(
        "经济类型",
        "ownership",
        parse_choice(OWNERSHIP_LABELS),
        choices=list(OWNERSHIP_LABELS),
        example="私营",
    ),
    Column("从业人员数", "employees", parse_int, example=120),
    Column("营业收入(万元)", "revenue_wan", parse_decimal, required=False, example=3500),
    Column("资产总额(万元)", "assets_wan", parse_decimal, required=False, example=2800),
    Column("成立日期", "founded_on", parse_founded, example=dt.date(2018, 5, 20)),
    Column(
        "经营状态",
        "operating_status",
        parse_choice(STATUS_LABELS),
        choices=list(STATUS_LABELS),
        example="在营",
    ),
    Column("是否建立党组织", "has_party_org", parse_bool, choices=YES_NO, example="否"),
    Column("是否头部企业", "is_head_enterprise", parse_bool, choices=YES_NO, example="否"),
    Column("是否社会知名企业", "is_high_profile", parse_bool, choices=YES_NO, example="否"),
]


class EnterpriseImporter(Importer):
    model = Enterprise
    columns = COLUMNS
    key_field = "uscc"
    sheet_title = "企业导入模板"

    def prepare(self) -> None:
        qs = Region.objects.filter(level__in=["county", "town"])
        if self.actor is not None:
            qs = qs.visible_to(self.actor)
        self.regions = {r.code: r for r in qs}
        self.all_codes = set(Region.objects.values_list("code", flat=True))
        self.today = timezone.localdate()
        self.table = sme.table_for(self.today)

    def clean_row(self, values, add_error) -> None:
        code = values.get("region")
        region = self.regions.get(code)
        if region is None:
            if code in self.all_codes:
                add_error("所在地区代码", f"“{code}”不是您数据范围内的县级单位或镇（街道）")
            else:
                add_error("所在地区代码", f"未知的地区代码“{code}”")
            return
        values["region"] = region
        name = values.get("name", "")
        if len(name) > 200:
            add_error("企业名称", "不能超过200个字")

    def existing(self, keys):
        return {
            o.uscc: o for o in Enterprise.objects.filter(uscc__in=keys).select_related("region")
        }

    def check_existing(self, obj) -> str:
        if (
            self.actor is not None
            and not Enterprise.objects.visible_to(self.actor).filter(pk=obj.pk).exists()
        ):
            return "该企业已存在，但不在您的数据范围内"
        return ""

    def build(self, values):
        ent = Enterprise(
            created_by=self.actor if getattr(self.actor, "pk", None) else None,
            **{
                k: v
                for k, v in values.items()
                if v is not None or k in ("revenue_wan", "assets_wan")
            },
        )
        self._defaults(ent)
        services.derive(ent, table=self.table, term_ends=[], today=self.today)
        return ent

    def apply(self, obj, values) -> None:
        for key, value in values.items():
            setattr(obj, key, value)
        self._defaults(obj)
        services.derive(
            obj, table=self.table, term_ends=self._ends.get(obj.pk, []), today=self.today
        )

    def _defaults(self, ent) -> None:
        for flag in ("has_party_org", "is_head_enterprise", "is_high_profile"):
            if getattr(ent, flag) is None:
                setattr(ent, flag, False)

    def update_fields(self):
        return [c.field for c in self.columns if c.field != "uscc"] + list(services.DERIVED_FIELDS)

    _ends: dict = {}

    def existing_for_write(self, keys):
        return self.existing(keys)

    def after_write(self, created, updated) -> None:
        pass

    def summary(self, result: ImportResult) -> None:
        services.import_summary_record(
            actor=self.actor, created=result.created, updated=result.updated
        )

    def _write(self, source, result, to_update, progress) -> None:
        # Union term ends of the enterprises being updated (their status keeps its union).
        if to_update:
            self._ends = {}
            keys = list(to_update)
            for i in range(0, len(keys), 1000):
                ids = list(
                    Enterprise.objects.filter(uscc__in=keys[i : i + 1000]).values_list(
                        "pk", flat=True
                    )
                )
                self._ends.update(services._term_ends(ids))
        super()._write(source, result, to_update, progress)
