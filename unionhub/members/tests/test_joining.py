"""Online joining (网上入会), review deadline, transfers between unions, membership KPIs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid
from unionhub.members import selectors, services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import JoinApplication, Member, MemberTransfer
from unionhub.org.demo import county_union, first_town_union

pytestmark = pytest.mark.django_db

ID_A = synthetic_id_number("320924", dt.date(1992, 8, 8), 321)
PHONE_A = "15861234567"


def submit(**overrides):
    town = first_town_union("sheyang").region
    data = {
        "name": "陈骑手",
        "id_number": ID_A,
        "phone": PHONE_A,
        "region_code": town.code,
        "no_fixed_employer": True,
        "occupation": "delivery_rider",
        "is_new_employment": True,
        "key_group": "delivery_rider",
        "platform_name": "美团",
        "consent": True,
    }
    data.update(overrides)
    return services.joinapplication_submit(actor=None, **data)


def test_no_employer_routes_to_town_federation(demo):
    app = submit()
    assert app.union == first_town_union("sheyang")
    assert app.status == "pending" and len(app.code) == 8
    assert app.consent_version and app.consented_at


def test_employer_with_union_routes_to_its_union(demo):
    from unionhub.enterprises.tests.samples import union_in

    union = union_in("sheyang")
    enterprise = union.enterprises.get()
    town = enterprise.region
    found = selectors.employer_lookup(name=enterprise.name, region_code=town.code)
    assert found == enterprise
    app = submit(employer=found, no_fixed_employer=False, region_code=town.code)
    assert app.union == union.org_unit
    assert app.employer == enterprise


def test_employer_without_union_routes_to_town(demo):
    from unionhub.enterprises.tests.samples import enterprise_in

    enterprise = enterprise_in("sheyang")
    app = submit(employer=enterprise, no_fixed_employer=False, region_code=enterprise.region.code)
    assert app.union.kind == "town_federation"
    assert app.union.region == enterprise.region


@pytest.mark.parametrize(
    "overrides, field, code",
    [
        (
            {"id_number": ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")},
            "id_number",
            "check_digit",
        ),
        ({"id_number": "320924199208083"}, "id_number", "first_generation"),  # 15-digit
        ({"phone": "158612345"}, "phone", "phone"),
        ({"phone": ""}, "phone", "required"),
        ({"name": " "}, "name", "required"),
        ({"region_code": "110105001"}, "region", "outside_yancheng"),  # Beijing
        ({"region_code": "320924"}, "region", "outside_yancheng"),  # a county, not a town
        ({"region_code": ""}, "region", "outside_yancheng"),
        ({"no_fixed_employer": False, "employer_name": ""}, "employer_name", "required"),
        ({"consent": False}, "consent", "required"),
        ({"is_new_employment": False}, "key_group", "not_new_employment"),
        ({"occupation": "astronaut"}, "occupation", "invalid_choice"),
    ],
)
def test_bad_applications_save_nothing(demo, overrides, field, code):
    with pytest.raises(ValidationError) as exc:
        submit(**overrides)
    assert_invalid(exc, field=field, code=code)
    assert JoinApplication.objects.count() == 0


def test_second_application_with_same_id_is_caught(demo):
    submit()
    with pytest.raises(ValidationError) as exc:
        submit(phone="13900002222", name="另一人")
    assert_invalid(exc, field="id_number", code="already_pending")
    assert JoinApplication.objects.count() == 1


def test_application_of_existing_member_is_caught(demo):
    services.member_create(
        actor=None, name="陈骑手", id_number=ID_A, phone=PHONE_A, union=first_town_union("sheyang")
    )
    with pytest.raises(ValidationError) as exc:
        submit()
    assert_invalid(exc, field="id_number", code="already_member")


def test_approve_creates_member_and_reject_needs_reason(demo, user_named):
    app = submit()
    town = user_named("sheyang_town")
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_reject(application=app, actor=town, reason=" ")
    assert_invalid(exc, field="reject_reason", code="required")
    member = services.joinapplication_approve(application=app, actor=town)
    app.refresh_from_db()
    assert app.status == "approved" and app.member == member and app.decided_by == town
    assert member.union == first_town_union("sheyang")
    assert member.key_group == "delivery_rider" and member.id_number == ID_A
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_approve(application=app, actor=town)
    assert_invalid(exc, code="decided")
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_reject(application=app, actor=town, reason="重复")
    assert_invalid(exc, code="decided")


def test_review_outside_the_scope_is_refused(demo, user_named):
    app = submit()
    other = user_named("xiangshui_admin")
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_approve(application=app, actor=other)
    assert_invalid(exc, code="out_of_scope")
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_reject(application=app, actor=other, reason="不是本县")
    assert_invalid(exc, code="out_of_scope")
    app.refresh_from_db()
    assert app.status == "pending" and not Member.objects.exists()


def test_approval_keeps_an_employer_of_another_town_of_the_county(two_towns, user_named):
    """The applicant names the employer (any in the town's county); the reviewing town need
    not see it for the member to be registered with it."""
    from unionhub.accounts import services as account_services
    from unionhub.accounts.models import Role
    from unionhub.enterprises.models import Enterprise
    from unionhub.enterprises.tests.samples import enterprise_in

    first, second = two_towns
    enterprise = enterprise_in("sheyang")  # in the first town
    reviewer = account_services.user_save(
        actor=None,
        username="second_town_cadre",
        org_unit=second,
        roles=[Role.objects.get(code="town_cadre")],
    )
    assert not Enterprise.objects.visible_to(reviewer).filter(pk=enterprise.pk).exists()
    app = submit(employer=enterprise, no_fixed_employer=False, region_code=second.region.code)
    assert app.union == second
    member = services.joinapplication_approve(application=app, actor=reviewer)
    assert member.employer == enterprise and member.union == second


def test_rejected_applicant_may_apply_again(demo, user_named):
    app = submit()
    services.joinapplication_reject(
        application=app, actor=user_named("sheyang_town"), reason="材料不全"
    )
    again = submit()
    assert again.pk != app.pk


def test_approve_catches_member_registered_meanwhile(demo, user_named):
    app = submit()
    services.member_create(
        actor=None, name="陈骑手", id_number=ID_A, phone=PHONE_A, union=first_town_union("sheyang")
    )
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_approve(application=app, actor=user_named("sheyang_town"))
    assert_invalid(exc, field="id_number", code="duplicate")
    app.refresh_from_db()
    assert app.status == "pending"


@pytest.mark.parametrize(
    "days_ago, waiting, overdue",
    [
        (0, 0, False),
        (1, 1, False),
        (14, 14, False),
        (15, 15, False),
        (16, 16, True),
        (30, 30, True),
    ],
)
def test_review_deadline(demo, days_ago, waiting, overdue):
    app = submit()
    today = timezone.localdate()
    submitted = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(10))
    )
    JoinApplication.objects.filter(pk=app.pk).update(created_at=submitted)
    app.refresh_from_db()
    assert app.days_waiting(today) == waiting
    assert app.is_overdue(today) is overdue
    assert selectors.joinapplication_overdue_count(user=None, today=today) == 0  # no scope
    from unionhub.accounts.models import User

    admin = User.objects.get(username="sheyang_admin")
    assert selectors.joinapplication_overdue_count(user=admin, today=today) == int(overdue)


def test_status_page_needs_phone_and_code(demo):
    app = submit()
    assert selectors.joinapplication_status(phone=PHONE_A, code=app.code.lower()) == app
    assert selectors.joinapplication_status(phone="13900000000", code=app.code) is None
    assert selectors.joinapplication_status(phone=PHONE_A, code="WRONG123") is None


def test_public_pages(demo, client):
    town = first_town_union("sheyang").region
    page = client.get(reverse("members:join"))
    assert page.status_code == 200 and "网上入会" in page.content.decode()
    bad = client.post(
        reverse("members:join"),
        {"name": "陈骑手", "id_number": "123", "phone": "1", "region": town.code},
    )
    body = bad.content.decode()
    assert bad.status_code == 200 and "18 位" in body and "11 位数字" in body
    assert JoinApplication.objects.count() == 0
    ok = client.post(
        reverse("members:join"),
        {
            "name": "陈骑手",
            "id_number": ID_A,
            "phone": PHONE_A,
            "region": town.code,
            "no_fixed_employer": "on",
            "occupation": "delivery_rider",
            "is_new_employment": "on",
            "key_group": "delivery_rider",
            "consent": "on",
        },
    )
    app = JoinApplication.objects.get()
    assert app.code in ok.content.decode()
    status = client.post(reverse("members:join_status"), {"phone": PHONE_A, "code": app.code})
    assert "待审核" in status.content.decode()
    assert ID_A not in status.content.decode()


def test_review_queue_pages(demo, client_as):
    app = submit()
    town = client_as("sheyang_town")
    body = town.get(reverse("members:joinapplication_list")).content.decode()
    assert app.code in body and ID_A not in body
    town.post(reverse("members:joinapplication_approve", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == "approved"
    assert Member.objects.filter(name="陈骑手").exists()
    other = client_as("xiangshui_town")  # the same test client, now another user
    assert other.get(reverse("members:joinapplication", args=[app.pk])).status_code == 404


# --- transfers --------------------------------------------------------------------------------


@pytest.fixture
def two_towns(demo):
    county = county_union("sheyang")
    towns = list(county.children.filter(kind="town_federation").order_by("code")[:2])
    return towns


def test_transfer_needs_both_sides(two_towns, user_named):
    src, dst = two_towns
    member = services.member_create(
        actor=None, name="转移者", id_number=ID_A, phone=PHONE_A, union=src
    )
    town = user_named("sheyang_town")  # works in the first town = source side
    transfer = services.membertransfer_request(
        member=member, to_union=dst, actor=town, reason="工作调动"
    )
    assert transfer.from_confirmed_by == town and transfer.to_confirmed_at is None
    with pytest.raises(ValidationError) as exc:  # the same side cannot confirm twice
        services.membertransfer_confirm(transfer=transfer, actor=town)
    assert_invalid(exc, code="already_confirmed")
    member.refresh_from_db()
    assert member.union == src
    admin = user_named("sheyang_admin")  # covers the destination as well
    transfer = services.membertransfer_confirm(transfer=transfer, actor=admin)
    assert transfer.status == "completed" and transfer.to_confirmed_by == admin
    member.refresh_from_db()
    assert member.union == dst
    assert list(member.transfers.all()) == [transfer]


def test_transfer_rules(two_towns, user_named):
    src, dst = two_towns
    admin = user_named("sheyang_admin")
    member = services.member_create(
        actor=None, name="转移者", id_number=ID_A, phone=PHONE_A, union=src
    )
    with pytest.raises(ValidationError) as exc:
        services.membertransfer_request(member=member, to_union=src, actor=admin)
    assert_invalid(exc, field="to_union", code="same_union")
    with pytest.raises(ValidationError) as exc:
        services.membertransfer_request(
            member=member, to_union=county_union("sheyang"), actor=admin
        )
    assert_invalid(exc, field="to_union", code="federation")
    t = services.membertransfer_request(member=member, to_union=dst, actor=admin)
    with pytest.raises(ValidationError) as exc:  # one pending transfer at a time
        services.membertransfer_request(member=member, to_union=dst, actor=admin)
    assert_invalid(exc, field="member", code="pending_transfer")
    with pytest.raises(ValidationError) as exc:
        services.membertransfer_reject(transfer=t, actor=admin, reason="")
    assert_invalid(exc, field="decision_note", code="required")
    with pytest.raises(ValidationError) as exc:  # a third county sees neither side
        services.membertransfer_reject(transfer=t, actor=user_named("dongtai_admin"), reason="x")
    assert_invalid(exc, code="out_of_scope")
    services.membertransfer_reject(transfer=t, actor=admin, reason="信息有误")
    assert MemberTransfer.objects.get(pk=t.pk).status == "rejected"
    with pytest.raises(ValidationError) as exc:
        services.membertransfer_confirm(transfer=t, actor=admin)
    assert_invalid(exc, code="closed")


def test_transfer_of_a_member_outside_the_scope_or_not_active(two_towns, user_named):
    src, dst = two_towns
    member = services.member_create(
        actor=None, name="转移者", id_number=ID_A, phone=PHONE_A, union=src
    )
    with pytest.raises(ValidationError) as exc:
        services.membertransfer_request(
            member=member, to_union=dst, actor=user_named("xiangshui_admin")
        )
    assert_invalid(exc, field="member", code="out_of_scope")
    services.member_update(actor=None, member=member, status="left")
    with pytest.raises(ValidationError) as exc:
        services.membertransfer_request(
            member=member, to_union=dst, actor=user_named("sheyang_admin")
        )
    assert_invalid(exc, field="member", code="not_active")
    assert not MemberTransfer.objects.exists()


def test_cross_county_transfer_visible_to_both_sides(demo, user_named):
    src = first_town_union("sheyang")
    dst = first_town_union("xiangshui")
    member = services.member_create(
        actor=None, name="跨县", id_number=ID_A, phone=PHONE_A, union=src
    )
    t = services.membertransfer_request(
        member=member, to_union=dst, actor=user_named("sheyang_admin")
    )
    assert MemberTransfer.objects.visible_to(user_named("xiangshui_admin")).filter(pk=t.pk).exists()
    assert (
        not MemberTransfer.objects.visible_to(user_named("dongtai_admin")).filter(pk=t.pk).exists()
    )
    services.membertransfer_confirm(transfer=t, actor=user_named("xiangshui_admin"))
    member.refresh_from_db()
    assert member.union == dst
    assert Member.objects.visible_to(user_named("xiangshui_admin")).filter(pk=member.pk).exists()
    assert not Member.objects.visible_to(user_named("sheyang_admin")).filter(pk=member.pk).exists()


# --- KPIs -------------------------------------------------------------------------------------


def test_kpis_are_scoped(demo, user_named, client_as):
    services.member_create(
        actor=None,
        name="甲",
        id_number=ID_A,
        phone=PHONE_A,
        union=first_town_union("sheyang"),
        is_new_employment=True,
        key_group="courier",
    )
    services.member_create(
        actor=None,
        name="乙",
        id_number=synthetic_id_number("320921", dt.date(1980, 1, 1), 11),
        phone="13900001111",
        union=first_town_union("xiangshui"),
    )
    sheyang = user_named("sheyang_admin")
    assert selectors.member_kpi_totals(user=sheyang)["total"] == 1
    assert selectors.member_kpi_totals(user=user_named("city_admin"))["total"] == 2
    groups = {r["key_group"]: r["count"] for r in selectors.member_count_by_key_group(user=sheyang)}
    assert groups["courier"] == 1 and sum(groups.values()) == 1
    counties = selectors.member_count_by_county(user=sheyang)
    assert [r["region"].code for r in counties] == ["320924"]
    months = selectors.member_joins_by_month(user=sheyang)
    assert len(months) == 12 and months[-1]["count"] == 1
    page = client_as("sheyang_admin").get(reverse("members:dashboard"))
    assert page.status_code == 200 and "chart-county" in page.content.decode()
    home = client_as("sheyang_admin").get("/").content.decode()
    assert "在会会员" in home


def test_employer_suggestions(demo, client):
    from unionhub.enterprises.tests.samples import enterprise_in

    enterprise = enterprise_in("sheyang")
    town = enterprise.region.code
    body = client.get(
        reverse("members:join_employers"), {"region": town, "employer_name": "范围样本"}
    ).content.decode()
    assert enterprise.name in body
    other = enterprise_in("xiangshui")
    body = client.get(
        reverse("members:join_employers"), {"region": town, "employer_name": "样本"}
    ).content.decode()
    assert other.name not in body  # only the chosen town's county
    assert (
        client.get(
            reverse("members:join_employers"), {"region": town, "employer_name": "范"}
        ).content
        == b""
    )
