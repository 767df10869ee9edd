"""Every write of the funds module: keyword-only, ``actor`` named, in a transaction, with the
scope rechecked after the save; errors carry a stable code and the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.scope import object_visible_to
from unionhub.enterprises import sme
from unionhub.funds import rules
from unionhub.funds.choices import BatchStatus, EntryKind, FundKind
from unionhub.funds.models import (
    BATCH_FIELDS,
    SIZE_RECORD_FIELDS,
    SPLIT_FIELDS,
    FundSplitRule,
    LedgerEntry,
    Refund,
    RefundBatch,
    RefundPolicyPeriod,
    Remittance,
    SizeRecord,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    Actor = AbstractBaseUser | None
else:
    Actor = Any


def _refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _in_scope(*, actor: Actor, obj, field: str = "enterprise") -> None:
    if actor is not None and not object_visible_to(obj, actor):
        raise _refuse(field, _("The record would be outside your data scope."), "out_of_scope")


def _stamp(obj, actor: Actor) -> None:
    if actor is not None and getattr(actor, "pk", None):
        obj.created_by = actor


# --- remittances ----------------------------------------------------------------------------


def province_of(enterprise) -> str:
    """The province code of the enterprise: the first two digits of the top of its region
    path (the city's GB/T 2260 code; functional zones hang under the city too)."""
    return enterprise.region.path[:2]


def split_rule(*, province_code: str, on: dt.date) -> FundSplitRule | None:
    return (
        FundSplitRule.objects.filter(province_code=province_code, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def _covered_by_union(enterprise, day: dt.date) -> bool:
    from unionhub.enterprises.models import Enterprise
    from unionhub.enterprises.rules import covered_by_union_on

    return Enterprise.objects.filter(pk=enterprise.pk).filter(covered_by_union_on(day)).exists()


def _live_remittance(enterprise, month: dt.date) -> Remittance | None:
    """The month's remittance that has not been reversed (at most one)."""
    return (
        Remittance.objects.filter(
            enterprise=enterprise, month=month, reverses__isnull=True, reversal__isnull=True
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def remittance_record(
    *,
    actor: Actor,
    enterprise,
    month: dt.date,
    payroll: Decimal,
    paid_on: dt.date,
    fund_kind: str = FundKind.UNION_FUNDS,
) -> Remittance:
    """Records a month's allocation (2 % of the payroll), splits union funds between the
    grassroots union and the upper levels by the province's rule in force in that month
    (the preparation fund goes to the upper levels whole: there is no grassroots union yet)
    and posts it to the ledger."""
    from unionhub.enterprises.models import Enterprise

    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    month = rules.month_start(month)
    if _live_remittance(enterprise, month) is not None:
        raise _refuse(
            "month",
            _("The allocation of %(month)s is already recorded for this enterprise.")
            % {"month": f"{month:%Y-%m}"},
            "duplicate_month",
        )
    if fund_kind == FundKind.PREPARATION and _covered_by_union(enterprise, month):
        raise _refuse(
            "fund_kind",
            _(
                "The enterprise already had a union at the start of %(month)s: it remits union "
                "funds, not the union preparation fund."
            )
            % {"month": f"{month:%Y-%m}"},
            "has_union",
        )
    rule = split_rule(province_code=province_of(enterprise), on=month)
    if rule is None:
        raise _refuse(
            "month",
            _(
                "No rule for splitting union funds between the levels is in force in "
                "%(month)s for this province; an administrator must enter one first."
            )
            % {"month": f"{month:%Y-%m}"},
            "no_split_rule",
        )
    amount = rules.allocation_due(payroll)
    percent = rule.grassroots_percent if fund_kind == FundKind.UNION_FUNDS else Decimal("0")
    grassroots, upper = rules.split(amount, percent)
    remittance = Remittance(
        enterprise=enterprise,
        fund_kind=fund_kind,
        month=month,
        payroll=payroll,
        amount=amount,
        grassroots_share=grassroots,
        upper_share=upper,
        split_percent=percent,
        paid_on=paid_on,
    )
    _stamp(remittance, actor)
    remittance.full_clean()
    remittance.save()
    LedgerEntry.objects.create(
        enterprise=enterprise,
        kind=EntryKind.REMITTANCE,
        amount=remittance.amount,
        occurred_on=paid_on,
        remittance=remittance,
        created_by=remittance.created_by,
    )
    _in_scope(actor=actor, obj=remittance)
    return remittance


@transaction.atomic
def remittance_reverse(
    *, actor: Actor, remittance: Remittance, reason: str, on: dt.date | None = None
) -> Remittance:
    """Reverses (冲销) a remittance: appends a row with the negated payroll, amount and
    shares that points at it, and a negative ledger entry. Nothing is edited; the month can
    then be recorded again. Refused for a reversing row, a row already reversed, and a
    month whose refund has been decided (remove the refund from its draft batch first)."""
    _in_scope(actor=actor, obj=remittance)
    remittance = Remittance.objects.select_for_update().get(pk=remittance.pk)
    if remittance.reverses_id:
        raise _refuse(
            "remittance",
            _("This entry is itself a reversal and cannot be reversed."),
            "is_reversal",
        )
    if Remittance.objects.filter(reverses=remittance).exists():
        raise _refuse(
            "remittance", _("This remittance has already been reversed."), "already_reversed"
        )
    if not (reason or "").strip():
        raise _refuse("reason", _("Give the reason for reversing the remittance."), "required")
    if Refund.objects.filter(
        enterprise_id=remittance.enterprise_id,
        year=remittance.month.year,
        fund_kind=remittance.fund_kind,
    ).exists():
        raise _refuse(
            "remittance",
            _(
                "A refund of %(year)s has been decided on this remittance; remove it from its "
                "batch while the batch is being prepared before reversing the remittance."
            )
            % {"year": remittance.month.year},
            "in_refund",
        )
    on = on or timezone.localdate()
    reversal = Remittance(
        enterprise_id=remittance.enterprise_id,
        fund_kind=remittance.fund_kind,
        month=remittance.month,
        payroll=-remittance.payroll,
        amount=-remittance.amount,
        grassroots_share=-remittance.grassroots_share,
        upper_share=-remittance.upper_share,
        split_percent=remittance.split_percent,
        paid_on=on,
        reverses=remittance,
        reason=reason.strip(),
    )
    _stamp(reversal, actor)
    reversal.full_clean(exclude=["payroll"])
    reversal.save()
    LedgerEntry.objects.create(
        enterprise_id=remittance.enterprise_id,
        kind=EntryKind.REVERSAL,
        amount=reversal.amount,
        occurred_on=on,
        remittance=reversal,
        note=reversal.reason,
        created_by=reversal.created_by,
    )
    return reversal


# --- split rules ----------------------------------------------------------------------------


def _split_overlap(rule: FundSplitRule) -> None:
    far = dt.date(9999, 12, 31)
    others = FundSplitRule.objects.filter(province_code=rule.province_code).exclude(pk=rule.pk)
    for other in others:
        if rule.valid_from <= (other.valid_to or far) and other.valid_from <= (
            rule.valid_to or far
        ):
            raise _refuse(
                "valid_from",
                _("The period overlaps the rule in force from %(start)s for the same province.")
                % {"start": other.valid_from},
                "overlap",
            )
    if rule.valid_to and rule.valid_to < rule.valid_from:
        raise _refuse(
            "valid_to", _("The end date cannot be before the start date."), "end_before_start"
        )


def _split_used(rule: FundSplitRule) -> bool:
    far = dt.date(9999, 12, 31)
    return Remittance.objects.filter(
        enterprise__region__path__startswith=rule.province_code,
        month__gte=rule.valid_from,
        month__lte=rule.valid_to or far,
        split_percent=rule.grassroots_percent,
        fund_kind=FundKind.UNION_FUNDS,
    ).exists()


@transaction.atomic
def splitrule_create(*, actor: Actor, **data: Any) -> FundSplitRule:
    rule = FundSplitRule(**{k: v for k, v in data.items() if k in SPLIT_FIELDS})
    _stamp(rule, actor)
    rule.full_clean()
    _split_overlap(rule)
    rule.save()
    return rule


@transaction.atomic
def splitrule_update(*, actor: Actor, fundsplitrule: FundSplitRule, **data: Any):
    """Only the end date and the legal basis may change once remittances were split by the
    rule (to close it before a new rule starts); the rest is fixed history."""
    used = _split_used(fundsplitrule)
    for name in SPLIT_FIELDS:
        if name not in data or data[name] == getattr(fundsplitrule, name):
            continue
        if used and name not in ("valid_to", "legal_basis"):
            raise _refuse(
                name,
                _("Remittances were already split by this rule; only its end date can change."),
                "split_rule_used",
            )
        setattr(fundsplitrule, name, data[name])
    fundsplitrule.full_clean()
    _split_overlap(fundsplitrule)
    fundsplitrule.save()
    return fundsplitrule


# --- size class records ---------------------------------------------------------------------


def _standard_version(on: dt.date) -> str:
    from unionhub.enterprises.models import SmeStandard

    standard = (
        SmeStandard.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    return standard.version_code if standard else ""


def classify_for_year(record: SizeRecord) -> None:
    """The class under the standard in force on 31 December of the record's year, with the
    enterprises app's classification (the same function that derives ``size_class``)."""
    from unionhub.core.validators.industry import sme_industry

    reference = dt.date(record.year, 12, 31)
    table = sme.table_for(reference)
    if table is None:
        raise _refuse(
            "year",
            _("No SME classification standard was in force at the end of %(year)s.")
            % {"year": record.year},
            "no_standard",
        )
    record.industry_code = record.enterprise.industry_code
    record.size_class = sme.classify(
        sme_industry(record.industry_code),
        employees=record.employees,
        revenue=record.revenue_wan,
        assets=record.assets_wan,
        table=table,
    )
    record.standard_version = _standard_version(reference)
    if not record.size_class:
        raise _refuse(
            "employees",
            _(
                "The enterprise cannot be classified for %(year)s: the figures its industry is "
                "classified by (employees, revenue or assets) are missing."
            )
            % {"year": record.year},
            "cannot_classify",
        )


@transaction.atomic
def sizerecord_create(*, actor: Actor, **data: Any) -> SizeRecord:
    record = SizeRecord(**{k: v for k, v in data.items() if k in SIZE_RECORD_FIELDS})
    _stamp(record, actor)
    classify_for_year(record)
    record.full_clean()
    record.save()
    _in_scope(actor=actor, obj=record)
    return record


@transaction.atomic
def sizerecord_update(*, actor: Actor, sizerecord: SizeRecord, **data: Any) -> SizeRecord:
    if Refund.objects.filter(size_record=sizerecord).exists():
        raise _refuse(
            "year",
            _("A refund was decided on this record; it can no longer be changed."),
            "used_by_refund",
        )
    data.pop("enterprise", None)
    for name in SIZE_RECORD_FIELDS:
        if name in data:
            setattr(sizerecord, name, data[name])
    classify_for_year(sizerecord)
    sizerecord.full_clean()
    sizerecord.save()
    _in_scope(actor=actor, obj=sizerecord)
    return sizerecord


@transaction.atomic
def sizerecord_delete(*, actor: Actor, sizerecord: SizeRecord) -> None:
    _in_scope(actor=actor, obj=sizerecord)
    if Refund.objects.filter(size_record=sizerecord).exists():
        raise _refuse(
            "year",
            _("A refund was decided on this record; it can no longer be deleted."),
            "used_by_refund",
        )
    sizerecord.delete()


# --- refund batches -------------------------------------------------------------------------


def policy_months(year: int) -> set[dt.date]:
    periods = RefundPolicyPeriod.objects.filter(
        valid_from__lte=dt.date(year, 12, 31), valid_to__gte=dt.date(year, 1, 1)
    ).values_list("valid_from", "valid_to")
    return rules.covered_months(year, list(periods))


@transaction.atomic
def batch_create(*, actor: Actor, **data: Any) -> RefundBatch:
    batch = RefundBatch(**{k: v for k, v in data.items() if k in BATCH_FIELDS})
    _stamp(batch, actor)
    batch.full_clean()
    if batch.region.level not in ("county", "city"):
        raise _refuse(
            "region",
            _("Refunds are made by unions at county level and above: choose a county or the city."),
            "not_county",
        )
    batch.save()
    _in_scope(actor=actor, obj=batch, field="region")
    return batch


@transaction.atomic
def batch_update(*, actor: Actor, refundbatch: RefundBatch, **data: Any) -> RefundBatch:
    _draft(refundbatch)
    if "title" in data:
        refundbatch.title = data["title"]
        refundbatch.full_clean()
        refundbatch.save()
    _in_scope(actor=actor, obj=refundbatch, field="region")
    return refundbatch


@transaction.atomic
def batch_delete(*, actor: Actor, refundbatch: RefundBatch) -> None:
    _in_scope(actor=actor, obj=refundbatch, field="region")
    _draft(refundbatch)
    refundbatch.refunds.all().delete()
    refundbatch.delete()


def _draft(batch: RefundBatch) -> None:
    if batch.status != BatchStatus.DRAFT:
        raise _refuse(
            "status",
            _("The batch is “%(status)s”; only a batch being prepared can be changed.")
            % {"status": batch.get_status_display()},
            "batch_not_draft",
        )


def _decide(batch: RefundBatch, enterprises: list, months: set[dt.date]) -> tuple[list, dict]:
    """For each enterprise: a ``Refund`` (unsaved) or the refusal. Five queries in all.
    Only the batch's kind of fund counts; a reversed month nets to nothing; a preparation
    fund refund needs a union covering the enterprise today."""
    from unionhub.enterprises.models import Enterprise
    from unionhub.enterprises.rules import covered_by_union_on

    ids = [e.pk for e in enterprises]
    records = {
        r.enterprise_id: r
        for r in SizeRecord.objects.filter(enterprise_id__in=ids, year=batch.year)
    }
    paid: dict[int, list[Decimal]] = {}
    rows = (
        Remittance.objects.filter(
            enterprise_id__in=ids, month__in=months, fund_kind=batch.fund_kind
        )
        .values("enterprise_id", "month")
        .annotate(total=Sum("amount"), grassroots=Sum("grassroots_share"), upper=Sum("upper_share"))
    )
    for row in rows:
        if row["total"] <= 0:
            continue  # reversed and not recorded again
        acc = paid.setdefault(row["enterprise_id"], [Decimal("0"), 0, Decimal("0"), Decimal("0")])
        acc[0] += row["total"]
        acc[1] += 1
        acc[2] += row["grassroots"]
        acc[3] += row["upper"]
    done = set(
        Refund.objects.filter(
            enterprise_id__in=ids, year=batch.year, fund_kind=batch.fund_kind
        ).values_list("enterprise_id", flat=True)
    )
    needs_union = batch.fund_kind == FundKind.PREPARATION
    with_union = (
        set(
            Enterprise.objects.filter(pk__in=ids)
            .filter(covered_by_union_on(timezone.localdate()))
            .values_list("pk", flat=True)
        )
        if needs_union
        else set()
    )
    refunds, refusals = [], {}
    for enterprise in enterprises:
        record = records.get(enterprise.pk)
        amount, count, grassroots, upper = paid.get(
            enterprise.pk, (Decimal("0"), 0, Decimal("0"), Decimal("0"))
        )
        reason = rules.refusal(
            size_class=record.size_class if record else None,
            is_group_subsidiary=bool(record and record.is_group_subsidiary),
            is_financial_subsidiary=bool(record and record.is_financial_subsidiary),
            months=len(months),
            amount=amount or Decimal("0"),
            already_refunded=enterprise.pk in done,
            needs_union=needs_union,
            has_union=enterprise.pk in with_union,
        )
        if reason:
            refusals[enterprise.pk] = reason
            continue
        refunds.append(
            Refund(
                batch=batch,
                enterprise=enterprise,
                year=batch.year,
                fund_kind=batch.fund_kind,
                size_record=record,
                size_class=record.size_class,
                standard_version=record.standard_version,
                months=count,
                amount=amount,
                grassroots_part=grassroots,
                upper_part=upper,
                created_by=batch.created_by,
            )
        )
    return refunds, refusals


def _in_batch_region(batch: RefundBatch, enterprise) -> None:
    if not enterprise.region.path.startswith(batch.region.path):
        raise _refuse(
            "enterprise",
            _("The enterprise is not in %(region)s, the batch's area.") % {"region": batch.region},
            "outside_batch_region",
        )


def _retotal(batch: RefundBatch) -> None:
    batch.total = batch.refunds.aggregate(s=Sum("amount"))["s"] or Decimal("0")
    batch.save(update_fields=["total", "updated_at"])


@transaction.atomic
def refund_add(*, actor: Actor, refundbatch: RefundBatch, enterprise) -> Refund:
    """Adds one enterprise's refund for the batch's year, or refuses with the reason (not
    small or micro in that year, excluded subsidiary, no policy period, nothing paid…)."""
    _draft(refundbatch)
    _in_batch_region(refundbatch, enterprise)
    refunds, refusals = _decide(refundbatch, [enterprise], policy_months(refundbatch.year))
    if refusals:
        code, message = refusals[enterprise.pk]
        raise _refuse("enterprise", message, code)
    refund = refunds[0]
    _stamp(refund, actor)
    refund.save()
    _retotal(refundbatch)
    _in_scope(actor=actor, obj=refund)
    return refund


@transaction.atomic
def batch_fill(*, actor: Actor, refundbatch: RefundBatch) -> dict[str, int]:
    """Adds every eligible enterprise of the batch's area that remitted funds in the year's
    covered months; returns how many were added and how many were left out, by reason."""
    from unionhub.enterprises.models import Enterprise

    _draft(refundbatch)
    months = policy_months(refundbatch.year)
    payers = Remittance.objects.filter(month__in=months, fund_kind=refundbatch.fund_kind).values(
        "enterprise_id"
    )
    candidates = Enterprise.objects.filter(
        region__path__startswith=refundbatch.region.path, pk__in=payers
    )
    if actor is not None:
        candidates = candidates & Enterprise.objects.visible_to(actor)
    refunds, refusals = _decide(refundbatch, list(candidates.only("pk")), months)
    for refund in refunds:
        _stamp(refund, actor)
    Refund.objects.bulk_create(refunds, batch_size=500)
    _retotal(refundbatch)
    summary = {"added": len(refunds)}
    for code, _message in refusals.values():
        summary[code] = summary.get(code, 0) + 1
    return summary


@transaction.atomic
def refund_remove(*, actor: Actor, refund: Refund) -> None:
    _in_scope(actor=actor, obj=refund)
    batch = refund.batch
    _draft(batch)
    refund.delete()
    _retotal(batch)


@transaction.atomic
def batch_submit(*, actor: Actor, refundbatch: RefundBatch) -> RefundBatch:
    _draft(refundbatch)
    if not refundbatch.refunds.exists():
        raise _refuse("status", _("The batch has no refunds to submit."), "batch_empty")
    refundbatch.status = BatchStatus.SUBMITTED
    refundbatch.submitted_by = actor if getattr(actor, "pk", None) else None
    refundbatch.save(update_fields=["status", "submitted_by", "updated_at"])
    refundbatch.refunds.update(status=BatchStatus.SUBMITTED)
    _in_scope(actor=actor, obj=refundbatch, field="region")
    return refundbatch


@transaction.atomic
def batch_approve(
    *, actor: Actor, refundbatch: RefundBatch, on: dt.date | None = None
) -> RefundBatch:
    """Approval by someone other than the person who submitted the batch (four eyes)."""
    if refundbatch.status != BatchStatus.SUBMITTED:
        raise _refuse("status", _("Only a submitted batch can be approved."), "batch_not_submitted")
    if actor is not None and refundbatch.submitted_by_id == getattr(actor, "pk", None):
        raise _refuse(
            "status",
            _("The batch must be approved by someone other than the person who submitted it."),
            "same_person",
        )
    refundbatch.status = BatchStatus.APPROVED
    refundbatch.approved_by = actor if getattr(actor, "pk", None) else None
    refundbatch.approved_on = on or timezone.localdate()
    refundbatch.save(update_fields=["status", "approved_by", "approved_on", "updated_at"])
    refundbatch.refunds.update(status=BatchStatus.APPROVED)
    _in_scope(actor=actor, obj=refundbatch, field="region")
    return refundbatch


@transaction.atomic
def batch_return(*, actor: Actor, refundbatch: RefundBatch) -> RefundBatch:
    """Sends a submitted batch back to preparation."""
    if refundbatch.status != BatchStatus.SUBMITTED:
        raise _refuse("status", _("Only a submitted batch can be returned."), "batch_not_submitted")
    refundbatch.status = BatchStatus.DRAFT
    refundbatch.save(update_fields=["status", "updated_at"])
    refundbatch.refunds.update(status=BatchStatus.DRAFT)
    _in_scope(actor=actor, obj=refundbatch, field="region")
    return refundbatch


@transaction.atomic
def batch_pay(*, actor: Actor, refundbatch: RefundBatch, paid_on: dt.date | None = None):
    """Marks the approved batch paid and posts one ledger entry (−amount) per refund."""
    if refundbatch.status != BatchStatus.APPROVED:
        raise _refuse("status", _("Only an approved batch can be paid."), "batch_not_approved")
    paid_on = paid_on or timezone.localdate()
    refundbatch.status = BatchStatus.PAID
    refundbatch.paid_on = paid_on
    refundbatch.save(update_fields=["status", "paid_on", "updated_at"])
    refundbatch.refunds.update(status=BatchStatus.PAID, paid_on=paid_on)
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                enterprise_id=r.enterprise_id,
                kind=EntryKind.REFUND,
                amount=-r.amount,
                occurred_on=paid_on,
                refund=r,
                note=refundbatch.title,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            for r in refundbatch.refunds.all()
        ],
        batch_size=500,
    )
    _in_scope(actor=actor, obj=refundbatch, field="region")
    return refundbatch
