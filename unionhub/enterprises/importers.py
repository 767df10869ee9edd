"""The enterprise import (contract.md "Enterprise import template"), built on the core
engine: exactly the contract's headers, matched by header text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from operator import getitem
from typing import Any

from django.utils import timezone

from unionhub.core.importing import (
    CellError,
    Column,
    Importer,
    ImportResult,
    ReferenceSheet,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
)
from unionhub.core.validators.industry import (
    industry_errors,
    industry_section,
    normalise_industry_code,
    sme_industry,
)
from unionhub.core.validators.uscc import (
    _ORG_WEIGHTS,
    CHARSET,
    WEIGHTS,
    normalise_uscc,
    uscc_errors,
    uscc_warnings,
)
from unionhub.enterprises import dates, rules, services, sme
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


# Per position, each allowed character's weighted value (GB 32100: positions 3–8 are
# digits), so a clean code's check sum is 17 dict lookups.
_USCC_WEIGHTED = [
    {c: CHARSET.index(c) * w for c in (CHARSET[:10] if 2 <= i < 8 else CHARSET)}
    for i, w in enumerate(WEIGHTS)
]
_INDUSTRY_OK: dict[str, str] = {}  # cell text → valid code (the table is static)


def parse_uscc(value: Any) -> str:
    # The common case, an already clean and valid code, is checked in one tight loop; any
    # other value goes through the validator, which also words the error.
    if type(value) is str and len(value) == 18:
        try:
            total = sum(map(getitem, _USCC_WEIGHTED, value))
        except KeyError:
            pass
        else:
            if CHARSET[-total % 31] == value[17]:
                return value
    code = normalise_uscc(value)
    if not code:
        return ""
    errors = uscc_errors(code)
    if errors:
        raise CellError(str(errors[0]))
    return code


def parse_industry(value: Any) -> str:
    if type(value) is str:
        known = _INDUSTRY_OK.get(value)
        if known is not None:
            return known
    code = normalise_industry_code(parse_text(value))
    if not code:
        return ""
    errors = industry_errors(code)
    if errors:
        raise CellError(str(errors[0]))  # errors are worded in the active language: not cached
    if type(value) is str and len(_INDUSTRY_OK) < 10_000:
        _INDUSTRY_OK[value] = code
    return code


# The organisation code inside a credit code (positions 9–16): per position, each
# character's weighted value, as ``uscc._org_code_check`` computes it.
_ORG_WEIGHTED = [
    {c: (int(c) if c.isdigit() else ord(c) - 55) * w for c in CHARSET} for w in _ORG_WEIGHTS
]


def _org_code_ok(code: str) -> bool | None:
    """Whether the organisation code inside a checked credit code passes its own check (the
    third of ``uscc_warnings``' findings); None when the fast table cannot tell."""
    try:
        rest = 11 - sum(map(getitem, _ORG_WEIGHTED, code[8:16])) % 11
    except KeyError:
        return None
    return {10: "X", 11: "0"}.get(rest, str(rest)) == code[16]


class _Warnings:
    """``uscc_warnings(code, checked=True)`` for the codes of one import. Its findings depend
    only on characters 1–8 and on whether the inner organisation code checks, so the worded
    findings (gettext, formatting) are computed once per such key; the language does not
    change within an import."""

    def __init__(self):
        self.known: dict[tuple[str, bool], list[str]] = {}

    def __call__(self, code: str) -> list[str]:
        ok = _org_code_ok(code)
        if ok is None:
            return uscc_warnings(code, checked=True)
        key = (code[:8], ok)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = uscc_warnings(code, checked=True)
        return found


class _Derive:
    """``services.derive`` for the rows of one import, with what repeats looked up once:
    the section and size-class rule per industry code, the "operating a full year" test per
    founding day, the target reasons per combination of what they depend on. The same
    results (a test compares them with ``services.derive``)."""

    def __init__(self, table: sme.Table | None, today: dt.date):
        self.table, self.today = table, today
        self.by_code: dict[str, tuple[str, sme.Rule | None]] = {}
        self.years: dict[dt.date, bool] = {}
        self.reasons: dict[tuple, str] = {}

    def __call__(self, ent: Enterprise, term_ends: list[dt.date]) -> None:
        if ent.employees is None or ent.industry_code is None:
            services.derive(ent, table=self.table, term_ends=term_ends, today=self.today)
            return
        code = ent.industry_code
        known = self.by_code.get(code)
        if known is None:
            rule = None
            if self.table is not None:
                rule = self.table.get(sme_industry(code) or "")
            known = self.by_code[code] = (industry_section(code), rule)
        ent.industry_section, rule = known
        ent.size_class = _size_class(rule, ent)
        status = ent.union_status = rules.union_status(
            operating_status=ent.operating_status, union_term_ends=term_ends, today=self.today
        )
        founded = ent.founded_on
        if founded:
            reached = self.years.get(founded)
            if reached is None:
                reached = self.years[founded] = dates.full_years_reached(
                    founded, rules.OPERATING_YEARS, self.today
                )
        else:
            reached = None
        key = (
            status,
            ent.operating_status,
            reached,
            ent.has_party_org,
            ent.ownership,
            ent.employees >= rules.ESTABLISH_THRESHOLD,
            ent.is_high_profile,
        )
        reasons = self.reasons.get(key)
        if reasons is None:
            reasons = self.reasons[key] = ",".join(
                rules.target_reasons(
                    status=status,
                    operating_status=ent.operating_status,
                    founded_on=founded,
                    has_party_org=ent.has_party_org,
                    ownership=ent.ownership,
                    employees=ent.employees,
                    is_high_profile=ent.is_high_profile,
                    today=self.today,
                )
            )
        ent.target_reasons = reasons


def _size_class(rule: sme.Rule | None, ent: Enterprise) -> str:
    """``sme.classify`` with the rule already found (ints and Decimals compare exactly with
    the Decimal bounds, no conversion needed)."""
    if rule is None:
        return ""
    given = {"employees": ent.employees, "revenue": ent.revenue_wan, "assets": ent.assets_wan}
    values = [given[m] for m in rule.metrics]
    if None in values:
        return ""
    for tier in sme.TIERS:
        bounds = rule.bounds.get(tier)
        if bounds and all(v >= b for v, b in zip(values, bounds, strict=True)):
            return tier
    return "micro"


def parse_founded(value: Any, today: dt.date | None = None) -> dt.date | None:
    day = parse_date(value)
    if day is not None and day > (today or timezone.localdate()):
        raise CellError("成立日期不能晚于今天")
    return day


def parse_region_code(value: Any) -> str:
    return parse_text(value)


REGION_HEADER = "所在地区代码"

COLUMNS = [
    Column("统一社会信用代码", "uscc", parse_uscc, example="91350100M000100Y43", width=22),
    Column("企业名称", "name", parse_text, example="盐城示例科技有限公司", width=30),
    Column(
        REGION_HEADER,
        "region",
        parse_region_code,
        example="320925",
        note="县级单位或镇（街道）的代码或名称，可从下拉列表选择（见“地区代码表”）",
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
        self.regions = {r.code: r for r in qs.select_related("parent")}
        self.regions_by_name: dict[str, list[Region]] = {}
        for region in self.regions.values():
            names = {region.name}
            if region.level == "town" and region.parent_id:
                names.add(f"{region.parent.name}{region.name}")
            for name in names:
                self.regions_by_name.setdefault(name, []).append(region)
        known = list(Region.objects.values_list("code", "name"))
        self.all_codes = {code for code, _name in known}
        self.all_names = {name for _code, name in known}
        self.today = timezone.localdate()
        self.table = sme.table_for(self.today)
        self.created_by = self.actor if getattr(self.actor, "pk", None) else None
        self._ends: dict[int, list[dt.date]] = {}
        self._visible: set[int] = set()
        self._derive = _Derive(self.table, self.today)
        self._warnings = _Warnings()
        # "Today" once per import, the same day the derived columns are computed for.
        self.columns = [
            dataclasses.replace(c, parse=self._parse_founded) if c.field == "founded_on" else c
            for c in COLUMNS
        ]

    def _parse_founded(self, value: Any) -> dt.date | None:
        return parse_founded(value, self.today)

    def clean_row(self, values, add_error) -> None:
        text = values.get("region")
        if text:
            region, reason = self.find_region(text)
            if region is None:
                add_error(REGION_HEADER, reason)
            else:
                values["region"] = region
        name = values.get("name", "")
        if len(name) > 200:
            add_error("企业名称", "不能超过200个字")
        if values.get("uscc"):
            for warning in self._warnings(values["uscc"]):
                self.warn("统一社会信用代码", f"提示：{warning}（已接受，建议复核）")

    def find_region(self, text: str) -> tuple[Region | None, str]:
        """The county-level unit or town a cell names: its code (“320921”), the drop-down's
        “320921 响水县”, its name (“小尖镇”) or county and town together (“响水县小尖镇”)."""
        words = text.split()
        token = words[0] if words else ""
        if token.isdigit():
            region = self.regions.get(token)
            if region is not None:
                return region, ""
            if token in self.all_codes:
                return None, f"“{token}”不是您数据范围内的县级单位或镇（街道）"
            return None, f"未知的地区代码“{token}”（可填代码或名称，见模板的“地区代码表”）"
        matches = self.regions_by_name.get(text.replace(" ", ""), [])
        if len(matches) == 1:
            return matches[0], ""
        if len(matches) > 1:
            codes = "、".join(f"{r.code} {r.name}" for r in matches[:5])
            return None, f"名称“{text}”对应多个地区（{codes}），请填写代码"
        if text in self.all_names:
            return None, f"“{text}”不是您数据范围内的县级单位或镇（街道）"
        return None, f"未知的地区“{text}”（可填代码或名称，见模板的“地区代码表”）"

    def reference_sheets(self) -> list[ReferenceSheet]:
        """The template's “地区代码表”: every unit the uploader may use, feeding the
        region column's drop-down."""
        regions = Region.objects.filter(level__in=["county", "town"]).select_related("parent")
        if self.actor is not None:
            regions = regions.visible_to(self.actor)
        rows = [
            (
                f"{r.code} {r.name}",
                r.code,
                r.name,
                r.get_level_display(),
                r.parent.name if r.parent_id and r.level == "town" else "",
            )
            for r in regions.order_by("path")
        ]
        return [
            ReferenceSheet(
                title="地区代码表",
                headers=["下拉选项", "代码", "名称", "级别", "所属县级单位"],
                rows=rows,
                for_header=REGION_HEADER,
            )
        ]

    def existing(self, keys):
        # Only keys the table has reach here (the engine checks the key column first).
        found = {o.uscc: o for o in Enterprise.objects.filter(uscc__in=keys).order_by()}
        if found and self.update:
            # One query each for the whole batch instead of one per row: which existing
            # records the actor may change, and their unions' term ends (status keeps them).
            ids = [o.pk for o in found.values()]
            if self.actor is not None:
                self._visible = set(
                    Enterprise.objects.visible_to(self.actor)
                    .filter(pk__in=ids)
                    .values_list("pk", flat=True)
                )
            self._ends = services._term_ends(ids)
        return found

    def check_existing(self, obj) -> str:
        if self.actor is not None and obj.pk not in self._visible:
            return "该企业已存在，但不在您的数据范围内"
        return ""

    def build(self, values):
        values["created_by"] = self.created_by
        ent = self.new_instance(values)
        self._defaults(ent)  # a blank flag cell is False; blank money cells stay empty
        self._derive(ent, [])
        return ent

    def apply(self, obj, values) -> None:
        for key, value in values.items():
            setattr(obj, key, value)
        self._defaults(obj)
        self._derive(obj, self._ends.get(obj.pk, []))

    def _defaults(self, ent) -> None:
        for flag in ("has_party_org", "is_head_enterprise", "is_high_profile"):
            if getattr(ent, flag) is None:
                setattr(ent, flag, False)

    def update_fields(self):
        return [c.field for c in self.columns if c.field != "uscc"] + list(services.DERIVED_FIELDS)

    def summary(self, result: ImportResult) -> None:
        services.import_summary_record(
            actor=self.actor, created=result.created, updated=result.updated
        )
