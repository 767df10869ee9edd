"""Funds KPIs (contract.md): enterprises that received union-fee refunds and the total
refunded (元), cumulative up to ``as_of`` — counted from the paid refund records."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import MONEY_UNIT, Kpi, Part, Records


def _beneficiaries(ctx):
    from unionhub.funds.models import Refund

    paid = Refund.objects.filter(status="paid", paid_on__lte=ctx.as_of).values("enterprise_id")
    return Q(pk__in=paid)


KPIS = [
    Kpi(
        code="funds.refund_enterprises",
        name=_("Enterprises refunded union fees"),
        unit="家",
        aggregation="count",
        part=Part("enterprises.Enterprise", _beneficiaries),
        records=Records(
            "/api/v1/funds/beneficiaries/", lambda ctx: {"paid_to": ctx.as_of.isoformat()}
        ),
        permission="funds.view_refund",
        description=_(
            "Small and micro enterprises that have received at least one paid refund of their "
            "union funds (cumulative)."
        ),
        order=710,
    ),
    Kpi(
        code="funds.refund_amount",
        name=_("Union fees refunded"),
        unit=MONEY_UNIT,
        aggregation="sum",
        period="cumulative",
        part=Part("funds.Refund", Q(status="paid"), sum_field="amount", date_field="paid_on"),
        records=Records(
            "/api/v1/funds/refunds/",
            lambda ctx: {"status": "paid", "paid_to": ctx.as_of.isoformat()},
        ),
        description=_("The total of the paid refunds (yuan), cumulative."),
        order=711,
    ),
]
