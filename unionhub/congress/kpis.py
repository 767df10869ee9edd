"""Congress KPIs (contract.md): congresses whose star rating in force (the enterprise's latest
final evaluation) has at least four / exactly five stars."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records

EVALUATIONS = "/api/v1/congress/evaluations/"

KPIS = [
    Kpi(
        code="congress.four_star_plus",
        name=_("Workers' congresses rated four stars or more"),
        unit="家",
        aggregation="count",
        part=Part("congress.StarEvaluation", Q(is_current=True, stars__gte=4)),
        records=Records(EVALUATIONS, {"current": "true", "stars_min": 4}),
        description=_(
            "Enterprises whose star rating in force (their latest final evaluation) has four "
            "or five stars."
        ),
        order=700,
    ),
    Kpi(
        code="congress.five_star",
        name=_("Five-star workers' congresses"),
        unit="家",
        aggregation="count",
        part=Part("congress.StarEvaluation", Q(is_current=True, stars=5)),
        records=Records(EVALUATIONS, {"current": "true", "stars": 5}),
        description=_("Enterprises whose star rating in force has five stars."),
        order=701,
    ),
]
