"""Scope-matrix samples: one record of each registry model inside a county, and the payloads
of the write matrix (pages; the API is read-only)."""

from __future__ import annotations

import datetime as dt
import uuid

from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.people import services
from unionhub.people.models import Honour, Mentorship, ModelWorker, Nomination

DAY = dt.date(2024, 3, 1)


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def _unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


def modelworker_in(slug: str, *, category: str = "model_worker") -> ModelWorker:
    name = f"样例劳模{slug}" if category == "model_worker" else f"样例{category}{slug}"
    existing = ModelWorker.objects.filter(name=name).first()
    return existing or services.modelworker_create(
        actor=None,
        name=name,
        region=_town(slug),
        employer=enterprise_in(slug),
        category=category,
        level="city",
        title="盐城市劳动模范",
        year_awarded=2020,
    )


def honour_in(slug: str) -> Honour:
    person = modelworker_in(slug)
    return person.honours.first() or services.honour_create(
        actor=None,
        model_worker=person,
        category="model_worker",
        level="city",
        title="盐城市劳动模范",
        awarded_on=dt.date(2020, 4, 28),
    )


def nomination_in(slug: str) -> Nomination:
    return services.nomination_create(
        actor=None,
        name=_unique("样例提名"),
        region=_town(slug),
        employer=enterprise_in(slug),
        category="craftsman",
        level="city",
        title="盐城工匠",
        nominated_on=DAY,
    )


def noticed_nomination(nomination: Nomination) -> Nomination:
    return services.nomination_start_notice(
        actor=None,
        nomination=nomination,
        notice_from=dt.date(2024, 3, 4),
        notice_to=dt.date(2024, 3, 8),
    )


def carevisit_in(slug: str):
    """A care visit to the county's sample model worker, in the activity ledger (a visit
    target linked to the registry)."""
    from unionhub.org.demo import county_union

    return services.carevisit_record(
        actor=None,
        model_worker=modelworker_in(slug),
        organiser=county_union(slug),
        held_on=DAY,
        kind="festival",
        amount="500.00",
    )


def mentorship_in(slug: str) -> Mentorship:
    return services.mentorship_create(
        actor=None,
        mentor=modelworker_in(slug),
        apprentice_name=_unique("学徒"),
        started_on=DAY,
    )


SAMPLES = {
    ModelWorker: modelworker_in,
    Honour: honour_in,
    Nomination: nomination_in,
    Mentorship: mentorship_in,
}

FORM_DATA = {
    ModelWorker: lambda slug: {
        "name": _unique("新劳模"),
        "region": _town(slug).pk,
        "employer": enterprise_in(slug).pk,
        "category": "craftsman",
        "level": "county",
        "title": "县级工匠",
        "year_awarded": 2023,
        "industry_code": "C",
        "skills": "焊接",
        "is_active": "on",
    },
    Honour: lambda slug: {
        "model_worker": modelworker_in(slug).pk,
        "category": "model_worker",
        "level": "county",
        "title": "县级劳动模范",
        "awarded_on": "2019-04-28",
        "awarded_by": "县人民政府",
    },
    Nomination: lambda slug: {
        "name": _unique("新提名"),
        "region": _town(slug).pk,
        "employer": enterprise_in(slug).pk,
        "category": "model_worker",
        "level": "city",
        "title": "盐城市劳动模范",
        "nominated_on": "2024-03-01",
        "reasons": "技术革新",
    },
    Mentorship: lambda slug: {
        "mentor": modelworker_in(slug).pk,
        "apprentice_name": _unique("新学徒"),
        "started_on": "2024-03-01",
        "outcome": "in_progress",
    },
}

ACTION_DATA = {
    "people:nomination_notice": lambda n: {"notice_from": "2024-03-04", "notice_to": "2024-03-08"},
    "people:nomination_award": lambda n: (
        noticed_nomination(n),
        {"awarded_on": "2024-04-28", "awarded_by": "市人民政府"},
    )[1],
    "people:nomination_withdraw": lambda n: {},
    "people:modelworker_visit": lambda person: {
        "organiser": _county_union_of(person).pk,
        "held_on": "2026-01-20",
        "kind": "festival",
        "amount": "0",
    },
}

WRITE_EXEMPT = {"people:visits": "a redirect to the activity ledger's visit list (GET only)"}


def _county_union_of(person):
    """The county federation of the county the person lives in."""
    from unionhub.org.demo import COUNTY_SLUGS, county_union

    path = person.region.path + "/"
    return county_union(next(s for s, code in COUNTY_SLUGS.items() if f"/{code}/" in path))
