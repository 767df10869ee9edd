"""Demo: 阜宁's worker 王晓峰 (funing_worker) is a registered member of his enterprise
union, so /me/ shows his member code, card, points and sign-ins."""

from __future__ import annotations

import datetime as dt


def load(stdout=None) -> None:
    from unionhub.accounts.models import User
    from unionhub.members import services
    from unionhub.members.models import Member

    worker = User.objects.filter(username="funing_worker").select_related("org_unit").first()
    if worker is None or worker.org_unit is None or Member.objects.filter(account=worker).exists():
        return
    member = Member.objects.filter(union=worker.org_unit, name=worker.full_name).first()
    if member is None:
        member = services.member_create(
            actor=None,
            name=worker.full_name or "王晓峰",
            id_number="320923199005061232",
            phone="13951500123",
            union=worker.org_unit,
            occupation="other",
            joined_on=dt.date(2021, 5, 1),
            card_number="FN-2021-0001",
        )
    services.member_link_account(actor=None, member=member, account=worker)
    if stdout:
        stdout.write(
            f"  我的：{worker.full_name} 的账号已关联会员 {member.card_number or member.pk}"
        )
