"""Demo records of union funds and refunds. 射阳 (320924): the county's own enterprises plus
about 1,600 small and micro enterprises (created like the enterprises app's demo: valid
credit codes, derived size class), each remitting 2 % of its monthly payroll through 2025;
a size class record per enterprise for 2025 from that year's figures; the 2025 refund batch
filled by the eligibility service, approved and paid — so more than 1,500 enterprises and
more than 11,000,000 元 come from the records. Other counties: their own enterprises only.
Idempotent: a county that already has remittances is left alone."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.core.validators.industry import sme_industry
from unionhub.enterprises import services as enterprise_services
from unionhub.enterprises import sme
from unionhub.enterprises.demo import OWNERSHIP, PREFIXES, demo_uscc
from unionhub.enterprises.models import Enterprise
from unionhub.funds import rules, services
from unionhub.funds.choices import EntryKind, FundKind
from unionhub.funds.models import LedgerEntry, RefundPolicyPeriod, Remittance, SizeRecord
from unionhub.org.choices import TownCategory
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region

YEAR = 2025
#: the seeded Jiangsu split (migration 0003): grassroots 60 %
SPLIT_PERCENT = Decimal("60")
SHEYANG_SMALL_MICRO = 1600
POLICY_PERIODS = [
    (
        "首期全额返还",
        dt.date(2020, 1, 1),
        dt.date(2021, 12, 31),
        "全总关于小微企业工会经费全额返还的通知（2020）",
    ),
    (
        "延续一年",
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 31),
        "全总关于延续小微企业工会经费支持政策的通知",
    ),
    (
        "延续至2027年",
        dt.date(2023, 1, 1),
        dt.date(2027, 12, 31),
        "全总关于继续实施小微企业工会经费支持政策的通知（待财务部确认文号）",
    ),
]
#: service and trade industries where micro enterprises are common (code, words)
SMALL_TRADES = [
    ("5299", ["百货商行", "便利店"]),
    ("6210", ["餐饮店", "饭店"]),
    ("8010", ["家政服务部"]),
    ("7289", ["商务咨询"]),
    ("1810", ["服饰加工厂"]),
    ("3311", ["五金加工厂"]),
    ("5179", ["农资商贸"]),
]


def _policy_periods() -> None:
    for name, start, end, basis in POLICY_PERIODS:
        RefundPolicyPeriod.objects.get_or_create(
            name=name, defaults={"valid_from": start, "valid_to": end, "legal_basis": basis}
        )


def _small_enterprises(rng, county: Region, today: dt.date, table) -> list[Enterprise]:
    towns = list(
        Region.objects.filter(parent=county, level="town")
        .exclude(category=TownCategory.SPECIAL)
        .order_by("code")
    ) or [county]
    used = set(Enterprise.objects.values_list("name", flat=True))
    ents = []
    for _i in range(SHEYANG_SMALL_MICRO):
        region = rng.choice(towns)
        code, words = rng.choice(SMALL_TRADES)
        place = region.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")[:2]
        name = f"射阳{place}{rng.choice(PREFIXES)}{rng.choice(words)}"
        while name in used:
            name = f"{name[:-1]}{rng.choice('一二三四五六七八九十')}{name[-1]}"
        used.add(name)
        employees = rng.choice([3, 4, 5, 5, 6, 6, 7, 8, 9, 10, 12, 15, 18, 22])
        revenue = Decimal(employees * rng.randint(12, 40)).quantize(Decimal("0.01"))
        ent = Enterprise(
            uscc=demo_uscc(rng, county.code),
            name=name + ("有限公司" if rng.random() < 0.7 else ""),
            region=region,
            industry_code=code,
            ownership="private" if rng.random() < 0.95 else rng.choice([o[0] for o in OWNERSHIP]),
            employees=employees,
            revenue_wan=revenue,
            assets_wan=(revenue * Decimal("0.8")).quantize(Decimal("0.01")),
            founded_on=today - dt.timedelta(days=rng.randint(400, 15 * 365)),
        )
        enterprise_services.derive(ent, table=table, term_ends=[], today=today)
        ents.append(ent)
    return ents


def _founded_in_year(enterprises: list[Enterprise]) -> dict[int, dt.date]:
    """Enterprises whose first union was founded during the demo year: the months before
    it they paid the union preparation fund (建会筹备金)."""
    from django.db.models import Min

    from unionhub.enterprises.models import EnterpriseUnion

    rows = (
        EnterpriseUnion.objects.filter(enterprises__in=enterprises)
        .values("enterprises")
        .annotate(first=Min("founded_on"))
    )
    return {r["enterprises"]: r["first"] for r in rows if r["first"] and r["first"].year == YEAR}


def _remit_year(rng, enterprises: list[Enterprise], table) -> int:
    """12 monthly remittances (2 % of payroll, split 60/40 by the Jiangsu rule; the
    preparation fund before a union founded in the year, whole to the upper levels) and
    ledger entries per enterprise, and the enterprise's 2025 size class record from that
    year's figures."""
    remittances, records = [], []
    founded = _founded_in_year(enterprises)
    for ent in enterprises:
        wage = Decimal(rng.randint(3600, 5200))
        for month in range(1, 13):
            payroll = (wage * ent.employees * Decimal(rng.uniform(0.95, 1.08))).quantize(
                Decimal("0.01")
            )
            amount = rules.allocation_due(payroll)
            first = dt.date(YEAR, month, 1)
            preparation = ent.pk in founded and first < founded[ent.pk]
            percent = Decimal("0") if preparation else SPLIT_PERCENT
            grassroots, upper = rules.split(amount, percent)
            remittances.append(
                Remittance(
                    enterprise=ent,
                    fund_kind=FundKind.PREPARATION if preparation else FundKind.UNION_FUNDS,
                    month=first,
                    payroll=payroll,
                    amount=amount,
                    split_percent=percent,
                    grassroots_share=grassroots,
                    upper_share=upper,
                    paid_on=dt.date(YEAR, month, min(15, 28)),
                )
            )
        group = rng.random() < 0.015
        record = SizeRecord(
            enterprise=ent,
            year=YEAR,
            industry_code=ent.industry_code,
            employees=ent.employees,
            revenue_wan=ent.revenue_wan,
            assets_wan=ent.assets_wan,
            is_group_subsidiary=group,
            is_financial_subsidiary=ent.industry_code.startswith("J"),
            standard_version=sme.DEFAULT_VERSION,
        )
        record.size_class = sme.classify(
            sme_industry(ent.industry_code),
            employees=record.employees,
            revenue=record.revenue_wan,
            assets=record.assets_wan,
            table=table,
        )
        if record.size_class:
            records.append(record)
    Remittance.objects.bulk_create(remittances, batch_size=1000)
    saved = Remittance.objects.filter(enterprise__in=enterprises, month__year=YEAR).only(
        "pk", "enterprise_id", "amount", "paid_on"
    )
    LedgerEntry.objects.bulk_create(
        (
            LedgerEntry(
                enterprise_id=r.enterprise_id,
                kind=EntryKind.REMITTANCE,
                amount=r.amount,
                occurred_on=r.paid_on,
                remittance_id=r.pk,
            )
            for r in saved
        ),
        batch_size=1000,
    )
    SizeRecord.objects.bulk_create(records, batch_size=1000)
    return len(remittances)


def _correct_one(enterprises: list[Enterprise]) -> None:
    """One wrongly keyed month, reversed (冲销) and recorded again, as a cadre would."""
    wrong = (
        Remittance.objects.filter(enterprise__in=enterprises, month=dt.date(YEAR, 6, 1))
        .filter(fund_kind=FundKind.UNION_FUNDS)
        .order_by("enterprise__name", "pk")
        .first()
    )
    if wrong is None:
        return
    services.remittance_reverse(
        actor=None, remittance=wrong, reason="工资总额多录一位，冲销后重录", on=dt.date(YEAR, 7, 3)
    )
    services.remittance_record(
        actor=None,
        enterprise=wrong.enterprise,
        month=wrong.month,
        payroll=(wrong.payroll / 10).quantize(Decimal("0.01")),
        paid_on=dt.date(YEAR, 7, 3),
    )


def _paid_batch(county: Region, kind: str, words: str):
    batch = services.batch_create(
        actor=None,
        region=county,
        year=YEAR,
        fund_kind=kind,
        title=f"{county.name}{YEAR}年度{words}",
    )
    services.batch_fill(actor=None, refundbatch=batch)
    if not batch.refunds.exists():
        return batch  # left in preparation: nobody eligible
    services.batch_submit(actor=None, refundbatch=batch)
    services.batch_approve(actor=None, refundbatch=batch, on=dt.date(YEAR + 1, 3, 10))
    services.batch_pay(actor=None, refundbatch=batch, paid_on=dt.date(YEAR + 1, 3, 20))
    batch.refresh_from_db()
    return batch


def jiangsu_split_rule():
    """The Jiangsu split that migration 0003 seeds, again where a flush removed it (tests
    that empty the database, a demo loaded into such a database)."""
    from unionhub.funds.models import FundSplitRule

    existing = FundSplitRule.objects.filter(province_code="32").first()
    return existing or services.splitrule_create(
        actor=None,
        province_code="32",
        grassroots_percent=SPLIT_PERCENT,
        valid_from=dt.date(2000, 1, 1),
        valid_to=None,
        legal_basis="江苏省工会经费分成比例：基层工会留成60%，上级工会40%（待财务部确认文号）",
    )


def load(stdout=None) -> None:
    today = timezone.localdate()
    lines = []
    with acting_as(None), sme.cached_tables():
        _policy_periods()
        jiangsu_split_rule()
        table_now = sme.table_for(today)
        table_year = sme.table_for(dt.date(YEAR, 12, 31))
        for slug, code in COUNTY_SLUGS.items():
            county = Region.objects.get(code=code)
            if Remittance.objects.filter(enterprise__region__path__startswith=county.path).exists():
                continue
            rng = random.Random(f"funds-{code}")  # noqa: S311 — deterministic demo data
            if slug == "sheyang":
                new = _small_enterprises(rng, county, today, table_now)
                Enterprise.objects.bulk_create(new, batch_size=500)
                record_change(
                    model=Enterprise,
                    action="import",
                    changes={"created": len(new)},
                    note=f"演示数据：{county.name} {len(new)} 家小微企业（工会经费返还）",
                    region_path=county.path,
                )
            enterprises = list(
                Enterprise.objects.filter(
                    region__path__startswith=county.path, operating_status="operating"
                ).only("pk", "industry_code", "employees", "revenue_wan", "assets_wan")
            )
            if slug != "sheyang":
                # Elsewhere: the smaller enterprises that have a union and remit (about half).
                enterprises = [e for e in enterprises if e.employees < 50 and rng.random() < 0.5]
            count = _remit_year(rng, enterprises, table_year)
            record_change(
                model=Remittance,
                action="import",
                changes={"created": count},
                note=f"演示数据：{county.name} {YEAR} 年工会经费拨缴 {count} 笔",
                region_path=county.path,
            )
            if slug == "sheyang":
                _correct_one(enterprises)
            batch = _paid_batch(county, FundKind.UNION_FUNDS, "小微企业工会经费返还")
            lines.append(f"{county.name} {batch.refunds.count()} 家 {batch.total:,.2f} 元")
            if Remittance.objects.filter(
                enterprise__in=enterprises, fund_kind=FundKind.PREPARATION
            ).exists():
                prep = _paid_batch(county, FundKind.PREPARATION, "建会筹备金返还")
                lines.append(f"筹备金 {prep.refunds.count()} 家 {prep.total:,.2f} 元")
    if stdout and lines:
        stdout.write("  工会经费返还：" + "；".join(lines))
