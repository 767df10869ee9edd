"""Scope-matrix samples of the funds models, and write-matrix payloads."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.funds import services
from unionhub.funds.models import (
    LedgerEntry,
    Refund,
    RefundBatch,
    RefundPolicyPeriod,
    Remittance,
    SizeRecord,
)
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region

YEAR = 2025


def policy() -> RefundPolicyPeriod:
    return RefundPolicyPeriod.objects.get_or_create(
        name="样例政策期",
        defaults={
            "valid_from": dt.date(2023, 1, 1),
            "valid_to": dt.date(2027, 12, 31),
            "legal_basis": "全总延续小微企业工会经费全额返还政策",
        },
    )[0]


def county(slug: str) -> Region:
    return Region.objects.get(code=COUNTY_SLUGS[slug])


def remittance_in(slug: str, month: int = 1) -> Remittance:
    from unionhub.funds.demo import jiangsu_split_rule

    jiangsu_split_rule()
    enterprise = enterprise_in(slug)
    existing = Remittance.objects.filter(enterprise=enterprise, month=dt.date(YEAR, month, 1))
    return existing.first() or services.remittance_record(
        actor=None,
        enterprise=enterprise,
        month=dt.date(YEAR, month, 1),
        payroll=Decimal("150000.00"),
        paid_on=dt.date(YEAR, month, 15),
    )


def size_record_in(slug: str, year: int = YEAR) -> SizeRecord:
    enterprise = enterprise_in(slug)  # industry C, 30 employees, revenue 1000 万: small
    record = SizeRecord.objects.filter(enterprise=enterprise, year=year).first()
    return record or services.sizerecord_create(
        actor=None,
        enterprise=enterprise,
        year=year,
        employees=30,
        revenue_wan=Decimal("1000"),
        assets_wan=Decimal("800"),
    )


def batch_in(slug: str) -> RefundBatch:
    batch = RefundBatch.objects.filter(region=county(slug), title=f"{slug}样例返还批次").first()
    return batch or services.batch_create(
        actor=None, region=county(slug), year=YEAR, title=f"{slug}样例返还批次"
    )


def refund_in(slug: str) -> Refund:
    existing = Refund.objects.filter(enterprise=enterprise_in(slug), year=YEAR).first()
    if existing:
        return existing
    policy()
    remittance_in(slug)
    size_record_in(slug)
    return services.refund_add(
        actor=None, refundbatch=batch_in(slug), enterprise=enterprise_in(slug)
    )


def entry_in(slug: str) -> LedgerEntry:
    return LedgerEntry.objects.get(remittance=remittance_in(slug))


SAMPLES = {
    Remittance: remittance_in,
    SizeRecord: size_record_in,
    RefundBatch: batch_in,
    Refund: refund_in,
    LedgerEntry: entry_in,
}


def _u(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


def _free_month(slug: str) -> str:
    taken = set(
        Remittance.objects.filter(enterprise=enterprise_in(slug)).values_list("month", flat=True)
    )
    for year in range(2018, 2030):
        for month in range(1, 13):
            if dt.date(year, month, 1) not in taken:
                return f"{year}-{month:02d}-01"
    raise AssertionError("no free month")


def _free_year(slug: str) -> int:
    taken = set(
        SizeRecord.objects.filter(enterprise=enterprise_in(slug)).values_list("year", flat=True)
    )
    return next(y for y in range(2012, 2100) if y not in taken)


FORM_DATA = {
    Remittance: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "fund_kind": "funds",
        "month": _free_month(slug),
        "payroll": "120000.00",
        "paid_on": "2025-02-10",
    },
    SizeRecord: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "year": _free_year(slug),
        "employees": 40 + len(_u("")),
        "revenue_wan": "900",
        "assets_wan": "500",
    },
    RefundBatch: lambda slug: {
        "region": county(slug).pk,
        "year": YEAR,
        "fund_kind": "funds",
        "title": _u("返还批次"),
    },
}

DELETABLE = {
    RefundBatch: lambda slug: services.batch_create(
        actor=None, region=county(slug), year=YEAR, title=_u("待删批次")
    ),
    SizeRecord: lambda slug: services.sizerecord_create(
        actor=None,
        enterprise=enterprise_in(slug),
        year=_free_year(slug),
        employees=12,
        revenue_wan=Decimal("500"),
        assets_wan=Decimal("100"),
    ),
}


def _submitted_by_other(batch: RefundBatch) -> dict:
    """Submitted by the system account, so the county admin may approve it."""
    if not batch.refunds.exists():
        refund_in(batch.region.code and _slug_of(batch))
    services.batch_submit(actor=None, refundbatch=batch)
    return {}


def _slug_of(batch: RefundBatch) -> str:
    return next(s for s, code in COUNTY_SLUGS.items() if code == batch.region.code)


def _approved(batch: RefundBatch) -> dict:
    _submitted_by_other(batch)
    services.batch_approve(actor=None, refundbatch=batch)
    return {"paid_on": "2026-03-01"}


def _another_enterprise(batch: RefundBatch) -> dict:
    """An eligible second enterprise of the batch's county."""
    from unionhub.enterprises import services as ent_services

    slug = _slug_of(batch)
    town = Region.objects.filter(parent=batch.region, level="town").order_by("code").first()
    from unionhub.enterprises.tests.samples import make_uscc

    uscc = make_uscc(f"FND{uuid.uuid4().int % 1000:03d}", batch.region.code)
    ent = ent_services.enterprise_create(
        actor=None,
        uscc=uscc,
        name=_u(f"{slug}小微"),
        region=town,
        industry_code="C",
        ownership="private",
        employees=12,
        revenue_wan=200,
        assets_wan=100,
        founded_on=dt.date(2018, 1, 1),
    )
    policy()
    services.remittance_record(
        actor=None,
        enterprise=ent,
        month=dt.date(YEAR, 3, 1),
        payroll=Decimal("50000"),
        paid_on=dt.date(YEAR, 3, 10),
    )
    services.sizerecord_create(
        actor=None,
        enterprise=ent,
        year=YEAR,
        employees=12,
        revenue_wan=Decimal("200"),
        assets_wan=Decimal("100"),
    )
    return {"enterprise": ent.pk}


def _fillable(batch: RefundBatch) -> dict:
    _another_enterprise(batch)
    return {}


ACTION_DATA = {
    "funds:refundbatch_fill": _fillable,
    "funds:refundbatch_add_refund": _another_enterprise,
    "funds:refundbatch_submit": lambda b: (
        None
        if b.refunds.exists()
        else services.refund_add(
            actor=None, refundbatch=b, enterprise=_ent(_another_enterprise(b))
        ),
        {},
    )[1],
    "funds:refundbatch_approve": _submitted_by_other,
    "funds:refundbatch_return": _submitted_by_other,
    "funds:refundbatch_pay": _approved,
    "funds:remittance_reverse": lambda remittance: {"reason": "工资总额填报有误"},
}


def _ent(data: dict):
    from unionhub.enterprises.models import Enterprise

    return Enterprise.objects.get(pk=data["enterprise"])
