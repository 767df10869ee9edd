"""Social-worker archive KPIs (contract.md "KPIs"): archives, monthly work records, quarterly
exchanges, annual assessments — each counted from its records, by the region of the union
that keeps the archive (or organised the session, held the assessment)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records
from unionhub.socialwork.choices import SessionKind

API = "/api/v1/socialwork/"

KPIS = [
    Kpi(
        code="socialwork.archives",
        name=_("Social-worker growth archives"),
        unit="份",
        aggregation="count",
        part=Part("socialwork.SocialWorker"),
        records=Records(API + "workers/", {}, html="socialwork:socialworker_list"),
        description=_("Growth archives of union social workers (one per social worker)."),
        order=600,
    ),
    Kpi(
        code="socialwork.monthly_records",
        name=_("Social workers' monthly work records"),
        unit="份",
        aggregation="count",
        period="cumulative",
        part=Part("socialwork.MonthlyRecord", date_field="month"),
        records=Records(
            API + "monthly-records/",
            lambda ctx: {"month_to": ctx.as_of.isoformat()},
            html="socialwork:monthlyrecord_list",
        ),
        description=_("Monthly work records written for months up to the date."),
        order=601,
    ),
    Kpi(
        code="socialwork.quarterly_exchanges",
        name=_("Social workers' quarterly exchanges"),
        unit="次",
        aggregation="count",
        period="cumulative",
        # counted in the activity ledger: the exchange activities linked to the archive
        part=Part(
            "activities.Activity",
            Q(kind="exchange", social_work_session__kind=SessionKind.EXCHANGE),
            date_field="held_on",
        ),
        records=Records(
            API + "sessions/",
            lambda ctx: {"kind": SessionKind.EXCHANGE.value, "held_to": ctx.as_of.isoformat()},
            html="socialwork:studysession_list",
        ),
        description=_("Quarterly exchanges of the social workers held up to the date."),
        order=602,
    ),
    Kpi(
        code="socialwork.annual_assessments",
        name=_("Social workers' annual assessments"),
        unit="次",
        aggregation="count",
        period="cumulative",
        part=Part("socialwork.AssessmentRound", date_field="held_on"),
        records=Records(
            API + "assessment-rounds/",
            lambda ctx: {"held_to": ctx.as_of.isoformat()},
            html="socialwork:assessmentround_list",
        ),
        description=_("Annual assessments of the social workers held up to the date."),
        order=603,
    ),
]
