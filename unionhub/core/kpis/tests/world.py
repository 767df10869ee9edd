"""Test data for the KPI tests, built through the modules' services and samples: a few
enterprises, unions, stations, points and members in 建湖 (320925) and 射阳 (320924)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from unionhub.enterprises.tests.factories import make_enterprise, make_union
from unionhub.members.tests.samples import application_in, member_in
from unionhub.points import services as points
from unionhub.points.tests.samples import account_in, item_in, programme_in

_ROUND = itertools.count(1)


def build(county: str = "320925", slug: str = "jianhu") -> None:
    today = timezone.localdate()
    n = next(_ROUND)
    # Enterprises: every union status, targets, the ≥ 25 coverage on both sides.
    built = make_enterprise(county=county, employees=40)
    make_union([built])
    overdue = make_enterprise(county=county, employees=30)
    make_union(
        [overdue],
        founded_on=dt.date(2015, 3, 1),
        term_start=dt.date(2015, 3, 1),
        term_years=3,
    )
    dormant = make_enterprise(county=county, employees=26)
    make_union([dormant])
    from unionhub.enterprises import services as ent

    ent.enterprise_update(actor=None, enterprise=dormant, operating_status="suspended")
    make_enterprise(county=county, employees=80, founded_on=dt.date(2018, 5, 1))
    make_enterprise(county=county, employees=25, has_party_org=True)
    make_enterprise(county=county, employees=5, founded_on=today - dt.timedelta(days=30))

    # Stations: one plain, one smart, one out of service.
    from unionhub.org.models import Region
    from unionhub.stations import services as st

    town = Region.objects.filter(parent__code=county, level="town").order_by("code").first()
    for code, smart, active in (("A", False, True), ("B", True, True), ("C", True, False)):
        st.station_create(
            actor=None,
            name=f"KPI测试驿站{slug}{code}{n}",
            code=f"KPI-{slug}-{code}{n}",
            kind="self_built",
            region=town,
            address="测试路1号",
            lat=Decimal("33.500000"),
            lng=Decimal("120.100000"),
            is_smart=smart,
            is_active=active,
        )

    # Points: awards this year (one reversed), a suggestion implemented this year.
    programme = programme_in(slug)
    account = account_in(slug)
    item = item_in(slug)
    for k in range(3):
        points.award_batch(
            programme=programme,
            item=item,
            participants=[account.user.username],
            points=5,
            actor=None,
            activity=f"KPI 测试活动{n}-{k}",
            occurred_at=timezone.now() - dt.timedelta(minutes=k),
        )
    suggestion = points.suggestion_submit(
        actor=None, account=account, title="节能改造", content="更换电机"
    )
    points.suggestion_evaluate(
        suggestion=suggestion, estimated_benefit=Decimal("5000"), evaluation="可行", actor=None
    )
    points.suggestion_decide(suggestion=suggestion, adopt=True, actor=None)
    points.suggestion_implement(
        suggestion=suggestion, realized_benefit=Decimal("1234.50"), department=None, actor=None
    )

    # Members: new-employment members, an ordinary one, a pending new-employment application.
    for _ in range(2):
        member = member_in(slug)
        from unionhub.members import services as mem

        mem.member_update(member=member, is_new_employment=True, key_group="courier", actor=None)
    member_in(slug)
    application_in(slug)
