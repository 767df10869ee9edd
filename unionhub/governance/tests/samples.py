"""Scope-matrix samples: a record of each governance model inside a county, and payloads for
the write matrix (unionhub/core/testing/write_matrix.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhub.accounts.models import User
from unionhub.enterprises.tests.factories import make_enterprise, make_union
from unionhub.enterprises.tests.samples import enterprise_in, union_in
from unionhub.governance import services
from unionhub.governance.models import (
    Grid,
    GridMembership,
    GridWorker,
    HarmoniousUnit,
    JointMeeting,
    LayoffPlan,
    MeetingTask,
    MonitoringPoint,
    RiskIndicator,
    RiskReport,
    RiskWarning,
)
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region


def _town(slug: str) -> Region:
    return (
        Region.objects.filter(parent__code=COUNTY_SLUGS[slug], level="town")
        .order_by("code")
        .first()
    )


def _admin(slug: str) -> User:
    return User.objects.get(username=f"{slug}_admin")


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def grid_in(slug: str) -> Grid:
    code = f"SAMPLE-{slug}"
    return Grid.objects.filter(code=code).first() or services.grid_create(
        actor=None, code=code, name=f"{slug}样例网格", kind="territorial", region=_town(slug)
    )


def gridworker_in(slug: str) -> GridWorker:
    grid = grid_in(slug)
    return grid.workers.first() or services.gridworker_create(
        actor=None, grid=grid, name=f"{slug}网格员", phone="13912345678", role="worker"
    )


def membership_in(slug: str) -> GridMembership:
    ent = enterprise_in(slug)
    return GridMembership.objects.filter(enterprise=ent).first() or services.membership_create(
        actor=None, grid=grid_in(slug), enterprise=ent
    )


def point_in(slug: str) -> MonitoringPoint:
    ent = union_in(slug).enterprises.first()
    ent.refresh_from_db()
    return MonitoringPoint.objects.filter(enterprise=ent).first() or (
        services.monitoringpoint_create(
            actor=None, enterprise=ent, informant_name=f"{slug}信息员", phone="13812345678"
        )
    )


def report_in(slug: str) -> RiskReport:
    return services.report_file(
        actor=None,
        owner=_admin(slug),
        enterprise=enterprise_in(slug),
        indicator=RiskIndicator.objects.get(code="W1"),
        source="monitoring_point",
        occurred_on=timezone.localdate(),
        facts=f"{slug}样例：12名职工欠薪",
        people_affected=12,
        evidence=SimpleUploadedFile(
            "欠薪名单.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        ),
    )


def warning_in(slug: str) -> RiskWarning:
    ent = enterprise_in(slug)
    existing = RiskWarning.objects.filter(enterprise=ent, status="open").first()
    return existing or report_in(slug).warning


def layoff_in(slug: str) -> LayoffPlan:
    today = timezone.localdate()
    return services.layoff_register(
        actor=None,
        owner=_admin(slug),
        enterprise=enterprise_in(slug),
        planned_count=2,
        workforce=30,
        notified_on=today,
        effective_on=today + dt.timedelta(days=40),
        reason="样例",
    )


def harmonious_in(slug: str) -> HarmoniousUnit:
    return services.harmonious_apply(
        actor=None,
        kind="park",
        park_name=_unique(f"{slug}样例园区"),
        region=_town(slug),
        level="county",
        year=timezone.localdate().year,
    )


def meeting_in(slug: str) -> JointMeeting:
    admin = _admin(slug)
    return JointMeeting.objects.filter(region=admin.org_unit.region).first() or (
        services.meeting_create(
            actor=None,
            held_on=timezone.localdate(),
            convener=admin.org_unit,
            hrss_side=f"{slug}人社局劳动保障监察大队",
            participants="县法院\n样例企业",
            topics=f"{slug}样例：欠薪企业处置",
            decisions="限期补发工资",
            enterprises=[enterprise_in(slug)],
        )
    )


def meetingtask_in(slug: str) -> MeetingTask:
    meeting = meeting_in(slug)
    return meeting.tasks.first() or services.meetingtask_add(
        actor=None,
        jointmeeting=meeting,
        title=f"{slug}样例：督促补发工资",
        owner=_admin(slug),
        period="meeting_task_5wd",
    )


SAMPLES = {
    JointMeeting: meeting_in,
    MeetingTask: meetingtask_in,
    Grid: grid_in,
    GridWorker: gridworker_in,
    GridMembership: membership_in,
    MonitoringPoint: point_in,
    RiskReport: report_in,
    RiskWarning: warning_in,
    LayoffPlan: layoff_in,
    HarmoniousUnit: harmonious_in,
}


def _fresh_enterprise(slug: str):
    return make_enterprise(county=COUNTY_SLUGS[slug], employees=40)


def _fresh_union_enterprise(slug: str):
    ent = _fresh_enterprise(slug)
    make_union([ent])
    ent.refresh_from_db()
    return ent


def _today() -> str:
    return timezone.localdate().isoformat()


FORM_DATA = {
    JointMeeting: lambda slug: {
        "held_on": _today(),
        "convener": _admin(slug).org_unit.pk,
        "hrss_side": "人社局",
        "participants": "住建局\n样例企业",
        "topics": "欠薪",
        "decisions": "限期整改",
        "enterprises": [enterprise_in(slug).pk],
    },
    Grid: lambda slug: {
        "code": _unique("G"),
        "name": "新网格",
        "kind": "territorial",
        "region": _town(slug).pk,
        "note": "",
    },
    GridWorker: lambda slug: {
        "grid": grid_in(slug).pk,
        "name": "李网格",
        "phone": "13700001111",
        "role": "worker",
    },
    GridMembership: lambda slug: {
        "grid": grid_in(slug).pk,
        "enterprise": _fresh_enterprise(slug).pk,
        "assigned_on": _today(),
    },
    MonitoringPoint: lambda slug: {
        "enterprise": _fresh_union_enterprise(slug).pk,
        "informant_name": "王信息",
        "phone": "13600002222",
        "designated_on": _today(),
        "is_active": "on",
    },
    RiskReport: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "indicator": RiskIndicator.objects.get(code="S1").pk,
        "source": "grid_worker",
        "occurred_on": _today(),
        "facts": "社保欠缴1个月",
        "months": "1",
    },
    LayoffPlan: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "planned_count": 2,
        "workforce": 30,
        "notified_on": _today(),
        "effective_on": (timezone.localdate() + dt.timedelta(days=40)).isoformat(),
        "reason": "调整",
    },
    HarmoniousUnit: lambda slug: {
        "kind": "park",
        "enterprise": "",
        "park_name": _unique("新园区"),
        "region": _town(slug).pk,
        "level": "county",
        "year": timezone.localdate().year,
        "applied_on": _today(),
        "note": "",
    },
}

API_DATA = {
    RiskReport: lambda slug: {
        "enterprise": enterprise_in(slug).pk,
        "indicator": "W1",
        "source": "staff",
        "occurred_on": _today(),
        "facts": "15名职工欠薪",
        "people_affected": 15,
    },
}


def _slug_of(meeting: JointMeeting) -> str:
    code = meeting.region.path.split("/")[1]
    return next(slug for slug, c in COUNTY_SLUGS.items() if c == code)


def _closable(warning: RiskWarning) -> dict:
    services.disposal_record(
        actor=None,
        riskwarning=warning,
        acted_on=timezone.localdate(),
        action="约谈企业，补发工资",
        resolved_reports=list(warning.reports.filter(status="open")),
    )
    return {"closure_reason": "已结清"}


def _evaluated(unit: HarmoniousUnit) -> dict:
    services.harmonious_evaluate(actor=None, harmoniousunit=unit, score=90)
    return {"designated_on": _today()}


ACTION_DATA = {
    "governance:jointmeeting_task": lambda m: {
        "title": "回访企业",
        "owner": _admin(_slug_of(m)).pk,
        "period": "meeting_task_10wd",
    },
    "governance:meetingtask_done": lambda t: {"done_on": _today(), "result": "已回访"},
    "governance:riskwarning_dispose": lambda w: {"acted_on": _today(), "action": "约谈企业"},
    "governance:riskwarning_reevaluate": lambda w: {"note": "复核"},
    "governance:riskwarning_close": _closable,
    "governance:layoffplan_consulted": lambda p: {"consulted_on": _today()},
    "governance:harmoniousunit_evaluate": lambda u: {"score": "90", "evaluation": "良好"},
    "governance:harmoniousunit_designate": _evaluated,
    "governance:harmoniousunit_reject": lambda u: {"evaluation": "不符合条件"},
}
