"""Scope-matrix samples: one record of each studios model inside a county, and the payloads
of the write matrix (pages; the API is read-only)."""

from __future__ import annotations

import datetime as dt
import uuid

from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.people.tests.samples import _town, modelworker_in
from unionhub.studios import services
from unionhub.studios.models import (
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)


def _unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


def studio_in(slug: str) -> Studio:
    name = f"样例创新工作室{slug}"
    existing = Studio.objects.filter(name=name).first()
    return existing or services.studio_create(
        actor=None,
        name=name,
        host_enterprise=enterprise_in(slug),
        leader=modelworker_in(slug),
        level="city",
        named_on=dt.date(2023, 5, 1),
    )


def fresh_studio_in(slug: str) -> Studio:
    return services.studio_create(
        actor=None,
        name=_unique("样例工作室"),
        host_enterprise=enterprise_in(slug),
        leader=modelworker_in(slug),
        level="county",
        named_on=dt.date(2023, 5, 1),
    )


def studiomember_in(slug: str) -> StudioMember:
    return services.studiomember_create(
        actor=None, studio=studio_in(slug), name=_unique("成员"), joined_on=dt.date(2023, 6, 1)
    )


def achievement_in(slug: str) -> Achievement:
    return services.achievement_create(
        actor=None,
        studio=studio_in(slug),
        kind="new_product",
        title=_unique("新产品"),
        achieved_on=dt.date(2024, 6, 1),
        appraisal_level="provincial",
        economic_benefit="10000.00",
    )


def funding_in(slug: str) -> Funding:
    return services.funding_create(
        actor=None,
        studio=studio_in(slug),
        received_on=dt.date(2024, 1, 10),
        amount="50000.00",
        source="市总工会",
    )


def alliance_in(slug: str) -> Alliance:
    name = f"样例联盟{slug}"
    existing = Alliance.objects.filter(name=name).first()
    return existing or services.alliance_create(
        actor=None,
        name=name,
        region=_town(slug),
        founded_on=dt.date(2023, 1, 1),
        lead_studio=studio_in(slug),
    )


def sub_alliance_in(slug: str) -> Alliance:
    return services.alliance_create(
        actor=None,
        name=_unique("样例产业联盟"),
        region=_town(slug),
        parent=alliance_in(slug),
        industry="health",
        founded_on=dt.date(2023, 2, 1),
    )


def membership_in(slug: str) -> AllianceMembership:
    return services.alliancemembership_create(
        actor=None,
        alliance=alliance_in(slug),
        studio=fresh_studio_in(slug),
        joined_on=dt.date(2023, 3, 1),
    )


def project_in(slug: str) -> JointProject:
    return services.jointproject_create(
        actor=None,
        alliance=alliance_in(slug),
        poster=enterprise_in(slug),
        title=_unique("技术难题"),
        posted_on=dt.date(2024, 2, 1),
        reward="20000.00",
    )


SAMPLES = {
    Studio: studio_in,
    StudioMember: studiomember_in,
    Achievement: achievement_in,
    Funding: funding_in,
    Alliance: alliance_in,
    AllianceMembership: membership_in,
    JointProject: project_in,
}

DELETABLE = {
    Studio: fresh_studio_in,
    Alliance: sub_alliance_in,
}

FORM_DATA = {
    Studio: lambda slug: {
        "name": _unique("新工作室"),
        "host_enterprise": enterprise_in(slug).pk,
        "leader": modelworker_in(slug).pk,
        "level": "county",
        "named_on": "2023-05-01",
        "focus": "工艺改进",
        "is_active": "on",
    },
    StudioMember: lambda slug: {
        "studio": studio_in(slug).pk,
        "name": _unique("新成员"),
        "role": "技术员",
        "joined_on": "2023-06-01",
    },
    Achievement: lambda slug: {
        "studio": studio_in(slug).pk,
        "kind": "patent",
        "title": _unique("专利"),
        "achieved_on": "2024-05-01",
        "appraisal_level": "",
        "economic_benefit": "0.00",
    },
    Funding: lambda slug: {
        "studio": studio_in(slug).pk,
        "received_on": "2024-02-01",
        "amount": "10000.00",
        "source": "县总工会",
    },
    Alliance: lambda slug: {
        "name": _unique("新联盟"),
        "region": _town(slug).pk,
        "parent": "",
        "industry": "",
        "founded_on": "2023-04-01",
    },
    AllianceMembership: lambda slug: {
        "alliance": alliance_in(slug).pk,
        "studio": fresh_studio_in(slug).pk,
        "joined_on": "2023-05-01",
    },
    JointProject: lambda slug: {
        "alliance": alliance_in(slug).pk,
        "poster": enterprise_in(slug).pk,
        "title": _unique("新难题"),
        "posted_on": "2024-03-01",
        "reward": "5000.00",
    },
}


def _rotate(alliance: Alliance) -> dict:
    slug_studio = fresh_studio_in(_slug_of(alliance))
    services.alliancemembership_create(
        actor=None, alliance=alliance, studio=slug_studio, joined_on=dt.date(2023, 3, 1)
    )
    return {"lead_studio": slug_studio.pk, "since": "2024-01-01"}


def _slug_of(alliance: Alliance) -> str:
    return alliance.name.removeprefix("样例联盟")


def _taken(project: JointProject) -> dict:
    services.jointproject_take(
        actor=None,
        jointproject=project,
        studio=project.alliance.lead_studio,
        taken_on=dt.date(2024, 2, 10),
    )
    return {
        "completed_on": "2024-06-01",
        "solved": "on",
        "outcome": "攻克工艺难题",
        "economic_benefit": "80000.00",
    }


ACTION_DATA = {
    "studios:studio_reevaluate": lambda s: {"reevaluated_on": "2024-05-01", "passed": "on"},
    "studios:alliance_rotate": _rotate,
    "studios:jointproject_take": lambda p: {
        "studio": p.alliance.lead_studio.pk,
        "taken_on": "2024-02-10",
    },
    "studios:jointproject_complete": _taken,
}
