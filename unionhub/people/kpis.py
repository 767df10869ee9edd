"""Registry KPIs (contract.md "KPIs"): model workers, craftsmen and advanced workers in the
registry; apprentices mentored (传帮带)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records

KPIS = [
    Kpi(
        code="people.model_workers",
        name=_("Model workers and craftsmen"),
        unit="人",
        aggregation="count",
        part=Part("people.ModelWorker", Q(is_active=True)),
        records=Records(
            "/api/v1/people/model-workers/",
            {"is_active": "true"},
            html="people:modelworker_list",
        ),
        description=_("Model workers, craftsmen and advanced workers in the registry (any level)."),
        order=800,
    ),
    Kpi(
        code="mentoring.apprentices",
        name=_("Apprentices mentored"),
        unit="人",
        aggregation="count",
        period="cumulative",
        part=Part("people.Mentorship", date_field="started_on"),
        records=Records(
            "/api/v1/people/mentorships/",
            lambda ctx: {"started_to": ctx.as_of.isoformat()},
            html="people:mentorship_list",
        ),
        description=_("Apprentices taken on by a mentor (传帮带) up to the date."),
        order=805,
    ),
]
