"""Reads of the funds module: always from ``visible_to(user)``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.detail_tabs import TABLE_TEMPLATE, Link
from unionhub.core.formatting import yuan
from unionhub.funds.models import Refund, RefundBatch, Remittance, SizeRecord


def batch_page(*, batch: RefundBatch, user: Any) -> dict:
    refunds = Refund.objects.visible_to(user).filter(batch=batch)
    summary = refunds.aggregate(n=Count("pk"), total=Sum("amount"))
    by_class = dict(
        refunds.values_list("size_class").annotate(n=Count("pk")).values_list("size_class", "n")
    )
    return {
        "refund_count": summary["n"] or 0,
        "refund_total": summary["total"] or Decimal("0"),
        "by_class": by_class,
        "refunds": refunds.select_related("enterprise").order_by("-amount", "pk")[:50],
        "can_approve": user.has_perm("funds.approve_refundbatch")
        and batch.submitted_by_id != user.pk,
    }


def enterprise_tab(request: Any, enterprise: Any) -> dict:
    """The enterprise file's funds tab: remittances by year, size classes and refunds."""
    user = request.user
    by_year = (
        Remittance.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .values_list("month__year")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("-month__year")
    )
    classes = {r.year: r for r in SizeRecord.objects.visible_to(user).filter(enterprise=enterprise)}
    refunds = {
        r.year: r
        for r in Refund.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("batch")
    }
    years = sorted({y for y, *_rest in by_year} | set(classes) | set(refunds), reverse=True)
    paid = {y: (n, total) for y, n, total in by_year}
    rows = []
    for year in years:
        n, total = paid.get(year, (0, Decimal("0")))
        record, refund = classes.get(year), refunds.get(year)
        rows.append(
            [
                year,
                n,
                yuan(total),
                Link(record.get_size_class_display(), reverse("funds:sizerecord", args=[record.pk]))
                if record
                else "—",
                Link(
                    f"{yuan(refund.amount)}（{refund.get_status_display()}）",
                    reverse("funds:refund", args=[refund.pk]),
                )
                if refund
                else "—",
            ]
        )
    return {
        "template": TABLE_TEMPLATE,
        "columns": [
            _("Year"),
            _("Months remitted"),
            _("Remitted (yuan)"),
            _("Size class that year"),
            _("Refund (yuan)"),
        ],
        "rows": rows,
        "empty": _("No union funds are recorded for this enterprise."),
    }
