"""Scope-matrix samples: a record of each model per county, and the payloads of the write
matrix (every page that writes; the API is read-only)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from unionhub.enterprises import services as enterprise_services
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.samples import enterprise_in, make_uscc
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.partybuild import services
from unionhub.partybuild.choices import Stage
from unionhub.partybuild.models import (
    Cultivation,
    CycleReport,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
    PartyFacts,
)


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county, level="town").order_by("code").first() or county


def _today() -> dt.date:
    return timezone.localdate()


def _launch() -> dt.date:
    today = _today()
    return max(dt.date(today.year, 1, 1), today - dt.timedelta(days=60))


def fresh_enterprise(slug: str) -> Enterprise:
    """A new enterprise of the county (one-per-enterprise records need their own)."""
    seed = uuid.uuid4().hex[:9].upper()
    return enterprise_services.enterprise_create(
        actor=None,
        uscc=make_uscc(seed, COUNTY_SLUGS[slug]),
        name=f"党建样本{seed}有限公司",
        region=_town(slug),
        industry_code="C",
        ownership="private",
        employees=40,
        founded_on=dt.date(2012, 3, 1),
    )


def partyfacts_in(slug: str) -> PartyFacts:
    enterprise = enterprise_in(slug)
    existing = PartyFacts.objects.filter(enterprise=enterprise).first()
    return existing or services.partyfacts_create(
        actor=None,
        enterprise=enterprise,
        party_members=5,
        org_type="branch",
        org_founded_on=dt.date(2018, 7, 1),
    )


def participation_in(slug: str) -> Participation:
    enterprise = enterprise_in(slug)
    year = _today().year
    existing = Participation.objects.filter(enterprise=enterprise, year=year).first()
    return existing or services.participation_create(
        actor=None, enterprise=enterprise, year=year, launched_on=_launch()
    )


def report_in(slug: str) -> CycleReport:
    return participation_in(slug).reports.get(stage=Stage.PLAN)


def demonstration_in(slug: str) -> Demonstration:
    participation = participation_in(slug)
    existing = Demonstration.objects.filter(enterprise=participation.enterprise).first()
    return existing or services.demonstration_create(
        actor=None,
        kind="unit",
        year=participation.year,
        enterprise=participation.enterprise,
        named_on=_today(),
        named_by="样例总工会",
    )


def lecture_in(slug: str) -> Lecture:
    existing = Lecture.objects.filter(title=f"样例宣讲{slug}").first()
    return existing or services.lecture_create(
        actor=None,
        kind="lecture",
        title=f"样例宣讲{slug}",
        speaker="王宣讲",
        given_on=_today(),
        region=_town(slug),
    )


def deputy_in(slug: str) -> Deputy:
    existing = Deputy.objects.filter(name=f"样例代表{slug}").first()
    return existing or services.deputy_create(
        actor=None,
        name=f"样例代表{slug}",
        kind="npc",
        level="county",
        region=_town(slug),
        is_industrial_worker=True,
    )


def cultivation_in(slug: str) -> Cultivation:
    existing = Cultivation.objects.filter(name=f"样例骨干{slug}").first()
    return existing or services.cultivation_create(
        actor=None,
        enterprise=enterprise_in(slug),
        name=f"样例骨干{slug}",
        backbone_on=dt.date(2020, 5, 1),
        party_member_on=dt.date(2022, 7, 1),
    )


SAMPLES = {
    PartyFacts: partyfacts_in,
    Participation: participation_in,
    CycleReport: report_in,
    Demonstration: demonstration_in,
    Lecture: lecture_in,
    Deputy: deputy_in,
    Cultivation: cultivation_in,
}


def _unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


FORM_DATA = {
    # The edit page of facts ignores "enterprise" (facts stay with their enterprise).
    PartyFacts: lambda slug: {
        "enterprise": fresh_enterprise(slug).pk,
        "party_members": 4,
        "org_type": "branch",
        "org_founded_on": "2019-06-01",
        "note": _unique("备注"),
    },
    Participation: lambda slug: {
        "enterprise": fresh_enterprise(slug).pk,
        "year": _today().year,
        "launched_on": _launch().isoformat(),
        "note": _unique("备注"),
    },
    Demonstration: lambda slug: {
        "kind": "area",
        "year": _today().year,
        "name": _unique("示范区"),
        "enterprise": "",
        "region": _town(slug).pk,
        "named_on": _today().isoformat(),
        "named_by": "县总工会",
    },
    Lecture: lambda slug: {
        "kind": "video",
        "title": _unique("微党课"),
        "speaker": "李讲师",
        "given_on": _today().isoformat(),
        "region": _town(slug).pk,
        "link": "https://example.cn/v/1",
        "note": "",
    },
    Deputy: lambda slug: {
        "name": _unique("代表"),
        "member": "",
        "kind": "party_congress",
        "level": "county",
        "region": _town(slug).pk,
        "enterprise": "",
        "occupation": "焊工",
        "is_industrial_worker": "on",
        "note": "",
    },
    Cultivation: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "name": _unique("骨干"),
        "member": "",
        "backbone_on": "2021-03-01",
        "party_member_on": "2023-07-01",
        "manager_on": "",
        "note": "",
    },
}


def _submitted(report: CycleReport) -> dict:
    if report.status in ("open", "returned"):
        services.cyclereport_submit(
            actor=None, cyclereport=report, submitted_on=_today(), content="年度计划"
        )
    return {"decision": "approve", "comment": "", "reviewed_on": _today().isoformat()}


ACTION_DATA = {
    "partybuild:cyclereport_submit": lambda report: {
        "submitted_on": _today().isoformat(),
        "content": "年度计划：创建模范职工之家",
    },
    "partybuild:cyclereport_review": _submitted,
}
