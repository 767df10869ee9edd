"""Scope-matrix samples: one record of each points model inside a given county."""

from __future__ import annotations

import uuid
from decimal import Decimal

from unionhub.accounts.models import User
from unionhub.org import services as org_services
from unionhub.org.choices import OrgKind
from unionhub.org.demo import first_town_union
from unionhub.org.models import OrgUnit
from unionhub.points import services
from unionhub.points.models import (
    Department,
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Redemption,
    Reward,
    RulesVersion,
    Submission,
    Suggestion,
)


def enterprise_union_in(slug: str) -> OrgUnit:
    code = f"PTS-SAMPLE-{slug}"
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        town = first_town_union(slug)
        unit = org_services.orgunit_create(
            actor=None,
            name=f"{slug}样例企业工会",
            code=code,
            kind=OrgKind.ENTERPRISE,
            region=town.region,
            parent=town,
        )
    return unit


def programme_in(slug: str) -> Programme:
    unit = enterprise_union_in(slug)
    programme = Programme.objects.filter(union=unit).first()
    return programme or services.programme_create(
        actor=None, union=unit, name=f"{slug}样例积分计划"
    )


def item_in(slug: str) -> PointItem:
    programme = programme_in(slug)
    item = programme.items.filter(code="sample").first()
    if item is None:
        item = services.pointitem_create(
            actor=None,
            programme=programme,
            category=programme.categories.first(),
            code="sample",
            name=f"{slug}样例项目",
            points_min=1,
            points_max=10,
            cap_count=None,
        )
    return item


def account_in(slug: str) -> PointsAccount:
    programme = programme_in(slug)
    user, _ = User.objects.get_or_create(
        username=f"pts_sample_{slug}",
        defaults={"full_name": f"{slug}样例职工", "org_unit": programme.union},
    )
    return services.account_open(
        actor=None, programme=programme, user=user, employee_no=f"S-{slug}"
    )


def entry_in(slug: str) -> LedgerEntry:
    account = account_in(slug)
    return services.entry_adjust(account=account, points=50, reason=f"{slug}样例调整", actor=None)


def reward_in(slug: str) -> Reward:
    programme = programme_in(slug)
    reward = programme.rewards.filter(name=f"{slug}样例奖品").first()
    return reward or services.reward_create(
        actor=None, programme=programme, name=f"{slug}样例奖品", cost=5, stock=10
    )


def submission_in(slug: str) -> Submission:
    # With an evidence file, so the scoped evidence download is exercised too.
    from unionhub.points.demo import demo_evidence

    return services.submission_create(
        actor=None,
        account=account_in(slug),
        item=item_in(slug),
        description=f"{slug}样例申报",
        photo=demo_evidence(),
    )


def redemption_in(slug: str) -> Redemption:
    account = account_in(slug)
    if account.balance < 5:
        entry_in(slug)
        account.refresh_from_db()
    return services.redemption_create(
        actor=None, account=account, reward=reward_in(slug), quantity=1
    )


def suggestion_in(slug: str) -> Suggestion:
    s = services.suggestion_submit(
        actor=None, account=account_in(slug), title=f"{slug}样例建议", content="内容"
    )
    s.estimated_benefit = Decimal("100.00")
    return s


def department_in(slug: str) -> Department:
    programme = programme_in(slug)
    name = f"{slug}样例部门"
    return programme.departments.filter(name=name).first() or services.department_create(
        actor=None, programme=programme, name=name
    )


def rulesversion_in(slug: str) -> RulesVersion:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    programme = programme_in(slug)
    return programme.rules_versions.first() or services.rules_version_add(
        actor=None,
        programme=programme,
        title=f"{slug}积分管理制度",
        effective_from=dt.date(2026, 1, 1),
        document=SimpleUploadedFile(
            "制度.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        ),
    )


SAMPLES = {
    Department: department_in,
    RulesVersion: rulesversion_in,
    Programme: programme_in,
    PointItem: item_in,
    PointsAccount: account_in,
    LedgerEntry: entry_in,
    Reward: reward_in,
    Submission: submission_in,
    Redemption: redemption_in,
    Suggestion: suggestion_in,
}


# --- the write matrix (unionhub/core/testing/write_matrix.py) ------------------------------


def _new_employee(slug: str) -> User:
    """A fresh employee of the county's sample union (accounts are one per person)."""
    unit = enterprise_union_in(slug)
    n = User.objects.filter(username__startswith=f"pts_new_{slug}_").count() + 1
    return User.objects.create(
        username=f"pts_new_{slug}_{n}", full_name=f"{slug}新职工{n}", org_unit=unit
    )


def _admin_account(slug: str) -> PointsAccount:
    """The county administrator's own account in the county's sample programme, with
    points: the self-service API (claims, orders, suggestions) acts on the caller's account."""
    admin = User.objects.get(username=f"{slug}_admin")
    account = services.account_open(actor=None, programme=programme_in(slug), user=admin)
    if account.balance < 20:
        services.entry_adjust(actor=None, account=account, points=50, reason="样例")
    return account


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


FORM_DATA = {
    Programme: lambda slug: {
        "union": enterprise_union_in(slug).pk,
        "name": _unique("新积分计划"),
        "slogan": "",
        "is_active": "on",
        "expiry_policy": "year_end",
        "expiry_years": 1,
    },
    PointItem: lambda slug: {
        "programme": programme_in(slug).pk,
        "category": programme_in(slug).categories.first().pk,
        "code": _unique("item"),
        "name": "新项目",
        "points_min": 1,
        "points_max": 5,
        "cap_count": "",
        "cap_period": "month",
        "evidence": "none",
        "description": "",
        "is_active": "on",
        "order": 0,
    },
    Reward: lambda slug: {
        "programme": programme_in(slug).pk,
        "name": _unique("新奖品"),
        "description": "",
        "cost": 5,
        "stock": 3,
        "per_person_limit": "",
        "is_active": "on",
    },
    Department: lambda slug: {"programme": programme_in(slug).pk, "name": _unique("新车间")},
    PointsAccount: lambda slug: {
        "programme": programme_in(slug).pk,
        "user": _new_employee(slug).pk,
        "department": "",
        "employee_no": _unique("N"),
    },
}


def _item_claim(slug: str) -> dict:
    _admin_account(slug)
    return {"item": item_in(slug).pk, "description": "通道堆放物料"}


def _reward_order(slug: str) -> dict:
    _admin_account(slug)
    return {"reward": reward_in(slug).pk, "quantity": 1}


def _suggestion(slug: str) -> dict:
    _admin_account(slug)
    return {"title": "余热回收", "content": "空压机余热回收利用"}


API_DATA = {Submission: _item_claim, Redemption: _reward_order, Suggestion: _suggestion}


def _appealed(sub: Submission) -> dict:
    """Reject (by the system) and appeal, so another reviewer may decide."""
    services.submission_reject(actor=None, submission=sub, reason="照片不清晰")
    services.appeal_create(actor=None, submission=sub, reason="已补充")
    return {"decision": "uphold", "points": 3, "note": ""}


def _evaluated(s: Suggestion) -> Suggestion:
    return services.suggestion_evaluate(
        actor=None, suggestion=s, estimated_benefit=Decimal("100.00"), evaluation="可行"
    )


def _adopted(s: Suggestion) -> dict:
    services.suggestion_decide(actor=None, suggestion=_evaluated(s), adopt=True)
    return {"realized_benefit": "20000.00", "department": ""}


ACTION_DATA = {
    "points:pointsaccount_adjust": lambda account: {"points": 5, "reason": "补记安全培训"},
    "points:ledgerentry_reverse": lambda entry: {"reason": "录入错误"},
    "points:submission_approve": lambda sub: {"points": 3, "note": ""},
    "points:submission_reject": lambda sub: {"note": "照片不清晰"},
    "points:submission_decide": _appealed,
    "points:redemption_fulfil": lambda order: {"note": ""},
    "points:redemption_cancel": lambda order: {"note": "不需要了"},
    "points:suggestion_evaluate": lambda s: {"estimated_benefit": "100.00", "evaluation": "可行"},
    "points:suggestion_decide": lambda s: (_evaluated(s), {"decision": "adopt"})[1],
    "points:suggestion_implement": _adopted,
    "points-redemption-cancel": lambda order: {},
    "points-redemption-fulfil": lambda order: {},
    "points-submission-approve": lambda sub: {"points": 3},
    "points-submission-reject": lambda sub: {"note": "照片不清晰"},
}

_SELF_SERVICE = (
    "self-service: only the employee whose claim was rejected may appeal (the service checks "
    "it); covered by test_api.test_second_appeal_via_api and test_service_scope"
)
WRITE_EXEMPT = {
    "points:submission_appeal": _SELF_SERVICE,
    "points-submission-appeal": _SELF_SERVICE,
}
