"""Scope-matrix samples: one record of each points model inside a given county."""

from __future__ import annotations

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
    return programme or services.programme_create(union=unit, name=f"{slug}样例积分计划")


def item_in(slug: str) -> PointItem:
    programme = programme_in(slug)
    item = programme.items.filter(code="sample").first()
    if item is None:
        item = PointItem.objects.create(
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
    return services.account_open(programme=programme, user=user, employee_no=f"S-{slug}")


def entry_in(slug: str) -> LedgerEntry:
    account = account_in(slug)
    return services.entry_adjust(account=account, points=50, reason=f"{slug}样例调整", actor=None)


def reward_in(slug: str) -> Reward:
    programme = programme_in(slug)
    reward = programme.rewards.filter(name=f"{slug}样例奖品").first()
    return reward or Reward.objects.create(
        programme=programme, name=f"{slug}样例奖品", cost=5, stock=10
    )


def submission_in(slug: str) -> Submission:
    # With an evidence file, so the scoped evidence download is exercised too.
    from unionhub.points.demo import demo_evidence

    return services.submission_create(
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
    return services.redemption_create(account=account, reward=reward_in(slug), quantity=1)


def suggestion_in(slug: str) -> Suggestion:
    s = services.suggestion_submit(
        account=account_in(slug), title=f"{slug}样例建议", content="内容"
    )
    s.estimated_benefit = Decimal("100.00")
    return s


def department_in(slug: str) -> Department:
    department, _ = Department.objects.get_or_create(
        programme=programme_in(slug), name=f"{slug}样例部门"
    )
    return department


SAMPLES = {
    Department: department_in,
    Programme: programme_in,
    PointItem: item_in,
    PointsAccount: account_in,
    LedgerEntry: entry_in,
    Reward: reward_in,
    Submission: submission_in,
    Redemption: redemption_in,
    Suggestion: suggestion_in,
}
