"""Activity and workers' culture KPIs (contract.md "KPIs"): activities by type and their
person-times, and 周周演's shows, programmes, performers and shows planned — each computed
from the records and reproduced by its ``records_url`` list (region = the organiser's
region, with everything below; the year by the activity's or show's date)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records


def _year(ctx) -> dict:
    return {"held_from": ctx.start.isoformat(), "held_to": ctx.end.isoformat()}


def _activities(kind: str):
    return Records("/api/v1/activities/activities/", lambda ctx: {"kind": kind, **_year(ctx)})


KPIS = [
    Kpi(
        code="activities.trainings",
        name=_("Training sessions"),
        unit="场",
        aggregation="count",
        period="yearly",
        part=Part("activities.Activity", Q(kind="training"), date_field="held_on"),
        records=_activities("training"),
        description=_("Training sessions held in the year."),
        order=1000,
    ),
    Kpi(
        code="activities.training_person_times",
        name=_("Training person-times"),
        unit="人次",
        aggregation="sum",
        period="yearly",
        part=Part(
            "activities.Activity",
            Q(kind="training"),
            sum_field="person_times",
            date_field="held_on",
        ),
        records=_activities("training"),
        description=_(
            "Person-times of the year's trainings: each person signed in once per session, plus "
            "those counted at the door."
        ),
        order=1001,
    ),
    Kpi(
        code="activities.lectures",
        name=_("Lectures"),
        unit="场",
        aggregation="count",
        period="yearly",
        part=Part("activities.Activity", Q(kind="lecture"), date_field="held_on"),
        records=_activities("lecture"),
        description=_("Lectures held in the year (e.g. 新思想 职工讲)."),
        order=1002,
    ),
    Kpi(
        code="activities.visits",
        name=_("Visits and condolences"),
        unit="次",
        aggregation="count",
        period="yearly",
        part=Part("activities.Activity", Q(kind="visit"), date_field="held_on"),
        records=_activities("visit"),
        description=_("Visit and condolence activities (走访慰问) of the year."),
        order=1003,
    ),
    Kpi(
        code="activities.visit_person_times",
        name=_("People visited"),
        unit="人次",
        aggregation="count",
        period="yearly",
        part=Part(
            "activities.VisitTarget",
            Q(activity__kind="visit"),
            date_field="activity__held_on",
            region_path="activity__organiser__region__path",
        ),
        records=Records(
            "/api/v1/activities/visit-targets/", lambda ctx: {"kind": "visit", **_year(ctx)}
        ),
        description=_(
            "People visited in the year's visits (old and struggling party members, model "
            "workers, workers in difficulty…): one person-time per person per visit."
        ),
        order=1004,
    ),
    Kpi(
        code="culture.shows",
        name=_("Workers' culture shows"),
        unit="场",
        aggregation="count",
        period="yearly",
        part=Part("activities.Show", date_field="held_on"),
        records=Records("/api/v1/culture/shows/", _year),
        description=_("Workers' culture shows (周周演) held in the year."),
        order=1010,
    ),
    Kpi(
        code="culture.programmes",
        name=_("Programmes staged"),
        unit="个",
        aggregation="count",
        period="yearly",
        part=Part(
            "activities.Programme",
            date_field="show__held_on",
            region_path="show__organiser__region__path",
        ),
        records=Records("/api/v1/culture/programmes/", _year),
        description=_("Programmes of the year's shows."),
        order=1011,
    ),
    Kpi(
        code="culture.performers",
        name=_("Performers on stage"),
        unit="人次",
        aggregation="count",
        period="yearly",
        part=Part(
            "activities.Performer",
            date_field="programme__show__held_on",
            region_path="programme__show__organiser__region__path",
        ),
        records=Records("/api/v1/culture/performers/", _year),
        description=_(
            "Workers on stage in the year's shows: one person-time per performer per programme."
        ),
        order=1012,
    ),
    Kpi(
        code="culture.shows_planned",
        name=_("Shows planned"),
        unit="场",
        aggregation="sum",
        period="current",
        part=Part(
            "activities.SeasonPlan",
            lambda ctx: Q(year=ctx.year),
            sum_field="shows_planned",
        ),
        records=Records("/api/v1/culture/plans/", lambda ctx: {"year": ctx.year}),
        description=_(
            "Shows planned for the year in the season plans (ask with ?year= for next year's)."
        ),
        order=1013,
    ),
]
