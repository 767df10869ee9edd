"""Bargaining KPIs (contract.md "KPIs"): contracts in force, enterprises and workers they
cover, offers sent this year and offers overdue, contracts expiring within 90 days. Each
``records_url`` is a bargaining API list whose count equals the figure (for the workers, the
enterprises whose employees are summed)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.bargaining.models import BargainingCase, in_force_q
from unionhub.core.calendar.deadlines import add_period
from unionhub.core.kpis.registry import Kpi, Part, Records

VIEW = "bargaining.view_bargainingcase"


def _covered_q(ctx) -> Q:
    """The enterprises of ``filtersets.covered_q`` (their own contract in force, or one that
    lists them), as ``id IN (…)`` over the contracts in force: PostgreSQL reads each list once
    and looks the enterprises up in a hash, instead of two correlated ``EXISTS`` per
    enterprise (and per KPI) — 62,000 enterprises at city scale (docs/performance.md)."""
    in_force = BargainingCase.objects.filter(in_force_q(ctx.as_of))
    listed = BargainingCase.covered_enterprises.through.objects.filter(
        bargainingcase__in=in_force.values("pk")
    )
    return Q(pk__in=in_force.filter(enterprise__isnull=False).values("enterprise_id")) | Q(
        pk__in=listed.values("enterprise_id")
    )


def _on(ctx) -> dict:
    return {"in_force_on": ctx.as_of.isoformat()}


def _expiring_q(ctx) -> Q:
    # "the next 90 days" as a display window (not a legal period): no holiday roll-forward
    until = add_period(ctx.as_of, days=90, roll=False).due
    return in_force_q(ctx.as_of) & Q(expires_on__lte=until)


def _expiring_params(ctx) -> dict:
    return {
        "in_force_on": ctx.as_of.isoformat(),
        "expiring_by": add_period(ctx.as_of, days=90, roll=False).due.isoformat(),
    }


KPIS = [
    Kpi(
        code="bargaining.effective_contracts",
        name=_("Collective contracts in force"),
        unit="份",
        aggregation="count",
        part=Part("bargaining.BargainingCase", lambda ctx: in_force_q(ctx.as_of)),
        records=Records("/api/v1/bargaining/cases/", _on, html="bargaining:bargainingcase_list"),
        description=_(
            "Collective and special contracts filed, past their effective day with no "
            "objection, and not expired."
        ),
        order=500,
    ),
    Kpi(
        code="bargaining.covered_enterprises",
        name=_("Enterprises covered by a contract"),
        unit="家",
        aggregation="count",
        part=Part("enterprises.Enterprise", _covered_q),
        records=Records(
            "/api/v1/bargaining/covered-enterprises/",
            lambda ctx: {"covered_on": ctx.as_of.isoformat()},
        ),
        permission=VIEW,
        description=_(
            "Enterprises bound by a contract in force: their own, or an industry or regional "
            "contract that lists them (each enterprise counted once)."
        ),
        order=501,
    ),
    Kpi(
        code="bargaining.covered_workers",
        name=_("Workers covered by a contract"),
        unit="人",
        aggregation="sum",
        part=Part("enterprises.Enterprise", _covered_q, sum_field="employees"),
        records=Records(
            "/api/v1/bargaining/covered-enterprises/",
            lambda ctx: {"covered_on": ctx.as_of.isoformat()},
        ),
        permission=VIEW,
        description=_("Employees of the covered enterprises."),
        order=502,
    ),
    Kpi(
        code="bargaining.offers_sent",
        name=_("Bargaining offers sent this year"),
        unit="份",
        aggregation="count",
        period="yearly",
        part=Part("bargaining.BargainingOffer", date_field="sent_on"),
        records=Records(
            "/api/v1/bargaining/offers/",
            lambda ctx: {"sent_from": ctx.start.isoformat(), "sent_to": ctx.end.isoformat()},
            html="bargaining:bargainingoffer_list",
        ),
        description=_("Offers sent in the year, in every campaign."),
        order=503,
    ),
    Kpi(
        code="bargaining.offers_overdue",
        name=_("Offers without a response in time"),
        unit="份",
        aggregation="count",
        part=Part("bargaining.BargainingOffer", Q(status="overdue")),
        records=Records(
            "/api/v1/bargaining/offers/",
            {"status": "overdue"},
            html="bargaining:bargainingoffer_list",
        ),
        description=_(
            "Offers received whose 20-day written-response period passed with no response."
        ),
        order=504,
    ),
    Kpi(
        code="bargaining.expiring_90_days",
        name=_("Contracts expiring within 90 days"),
        unit="份",
        aggregation="count",
        part=Part("bargaining.BargainingCase", _expiring_q),
        records=Records("/api/v1/bargaining/cases/", _expiring_params),
        description=_("Contracts in force whose term ends within the next 90 days."),
        order=505,
    ),
]
