"""Enterprise and union services: derived columns, scope, union rules, re-election."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises import selectors, services
from unionhub.enterprises.models import Enterprise, EnterpriseUnion, UnionReelection
from unionhub.enterprises.tests.factories import make_enterprise, make_union, town_of
from unionhub.org.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_create_derives_size_status_and_targets(demo):
    ent = make_enterprise(
        employees=300,
        revenue_wan=2000,
        ownership="private",
        has_party_org=True,
        founded_on=dt.date(2015, 5, 1),
    )
    assert ent.size_class == "medium"
    assert ent.industry_section == "C"
    assert ent.union_status == "not_built"
    assert ent.target_reason_list == [
        "operating_1y_no_union",
        "party_org_no_union",
        "nonpublic_25_no_union",
    ]


def test_uscc_is_normalised_and_unique(demo):
    ent = make_enterprise(uscc="91350100m000100y43")
    assert ent.uscc == "91350100M000100Y43"
    with pytest.raises(ValidationError) as exc:
        make_enterprise(uscc="９１３５０１００Ｍ０００１００Ｙ４３")
    assert_invalid(exc, field="uscc", code="unique")


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"uscc": "91350100M000100Y44"}, "uscc", "wrong_check_char"),
        ({"uscc": "91350100M000100Y4"}, "uscc", "invalid_uscc"),
        ({"industry_code": "99"}, "industry_code", "invalid_industry"),
        ({"founded_on": timezone.localdate() + dt.timedelta(days=1)}, "founded_on", "future_date"),
        ({"employees": -1}, "employees", "min_value"),
    ],
)
def test_bad_values_are_rejected(demo, values, field, code):
    with pytest.raises(ValidationError) as exc:
        make_enterprise(**values)
    assert_invalid(exc, field=field, code=code)


def test_founded_today_is_accepted(demo):
    assert make_enterprise(founded_on=timezone.localdate()).pk


def test_region_must_be_in_scope_and_county_or_town(demo, user_named):
    sheyang = user_named("sheyang_admin")
    with pytest.raises(ValidationError) as exc:
        make_enterprise(county="320921", actor=sheyang)
    assert_invalid(exc, field="region", code="out_of_scope")
    village = town_of("320924").children.filter(level="village")[:1].get()
    with pytest.raises(ValidationError) as exc:
        make_enterprise(county="320924", region=village, actor=sheyang)
    assert_invalid(exc, field="region", code="region_level")
    ent = make_enterprise(county="320924", actor=sheyang)
    assert ent.created_by == sheyang


def test_union_create_builds_orgunit_under_town_federation(demo):
    ent = make_enterprise(employees=40, founded_on=dt.date(2010, 1, 1))
    assert ent.target_reason_list
    union = make_union(
        [ent], term_start=dt.date(2024, 2, 29), founded_on=dt.date(2024, 2, 29), term_years=3
    )
    assert union.term_end == dt.date(2027, 2, 27)
    unit = union.org_unit
    assert unit.kind == "enterprise"
    assert unit.parent.kind == "town_federation" and unit.parent.region == ent.region
    assert unit.path.startswith(unit.parent.path)
    ent.refresh_from_db()
    assert ent.union_status == "built" and ent.target_reasons == ""


@pytest.mark.parametrize(
    ("count", "values", "field", "code"),
    [
        (0, {"form": "standalone"}, "enterprises", "required"),
        (1, {"form": "joint"}, "enterprises", "joint_needs_two"),
        (2, {"form": "standalone"}, "enterprises", "single_enterprise_only"),
        (2, {"form": "organiser", "member_count": 10}, "enterprises", "single_enterprise_only"),
        (1, {"form": "organiser", "member_count": 25}, "form", "organiser_too_many_members"),
        (1, {"term_years": 4}, "term_years", "invalid_term_years"),
        (1, {"founded_on": dt.date(2022, 3, 2)}, "term_start", "before_founding"),
    ],
)
def test_union_rules(demo, count, values, field, code):
    ents = [make_enterprise() for _ in range(count)]
    with pytest.raises(ValidationError) as exc:
        make_union(ents, **values)
    assert_invalid(exc, field=field, code=code)
    assert not EnterpriseUnion.objects.filter(enterprises__in=ents).exists()


@pytest.mark.parametrize(("form", "members"), [("organiser", 24), ("standalone", 25)])
def test_union_member_boundaries_accepted(demo, form, members):
    union = make_union([make_enterprise()], form=form, member_count=members, mode="small_joint")
    assert union.member_count == members


def test_an_enterprise_is_covered_by_one_union(demo):
    a, b = make_enterprise(), make_enterprise()
    make_union([a])
    with pytest.raises(ValidationError) as exc:
        make_union([a, b], form="joint")
    assert_invalid(exc, field="enterprises", code="already_covered")
    assert not b.unions.exists()


def test_joint_union_covers_several(demo):
    ents = [make_enterprise(employees=8) for _ in range(3)]
    union = make_union(ents, form="joint", mode="small_joint", member_count=20)
    assert union.org_unit.kind == "joint"
    assert set(Enterprise.objects.filter(union_status="built")) >= set(ents)


def test_status_follows_operating_status_and_term(demo):
    ent = make_enterprise()
    past = timezone.localdate() - dt.timedelta(days=5 * 365)
    make_union([ent], founded_on=past, term_start=past, term_years=3)
    ent.refresh_from_db()
    assert ent.union_status == "term_overdue"
    services.enterprise_update(actor=None, enterprise=ent, operating_status="suspended")
    assert ent.union_status == "dormant"


def test_reelection_renews_the_term(demo):
    ent = make_enterprise()
    start = timezone.localdate() - dt.timedelta(days=4 * 365)
    union = make_union([ent], founded_on=start, term_start=start, term_years=3)
    ent.refresh_from_db()
    assert ent.union_status == "term_overdue"
    today = timezone.localdate()
    services.union_reelect(
        actor=None, union=union, elected_on=today, term_years=5, chair_name="赵敏", member_count=40
    )
    union.refresh_from_db()
    ent.refresh_from_db()
    assert union.term_start == today and union.chair_name == "赵敏"
    assert ent.union_status == "built"
    record = UnionReelection.objects.get(union=union)
    assert (
        record.previous_term_end == start.replace(year=start.year + 3) - dt.timedelta(days=1)
        or record.previous_term_end
    )
    with pytest.raises(ValidationError) as exc:
        services.union_reelect(
            actor=None, union=union, elected_on=today, term_years=5, chair_name="x", member_count=1
        )
    assert_invalid(exc, field="elected_on", code="not_after_term_start")
    assert UnionReelection.objects.filter(union=union).count() == 1


@pytest.mark.parametrize(
    ("days_ago", "years", "field", "code"),
    [
        (-1, 5, "elected_on", "future_date"),
        (0, 4, "term_years", "invalid_term_years"),
    ],
)
def test_reelection_rules(demo, days_ago, years, field, code):
    start = timezone.localdate() - dt.timedelta(days=4 * 365)
    union = make_union([make_enterprise()], founded_on=start, term_start=start, term_years=3)
    with pytest.raises(ValidationError) as exc:
        services.union_reelect(
            actor=None,
            union=union,
            elected_on=timezone.localdate() - dt.timedelta(days=days_ago),
            term_years=years,
            chair_name="x",
            member_count=1,
        )
    assert_invalid(exc, field=field, code=code)
    assert not UnionReelection.objects.filter(union=union).exists()


def test_delete_enterprise_refused_while_covered(demo):
    ent = make_enterprise()
    union = make_union([ent])
    with pytest.raises(ValidationError) as exc:
        services.enterprise_delete(actor=None, enterprise=ent)
    assert_invalid(exc, code="covered_by_union")
    assert Enterprise.objects.filter(pk=ent.pk).exists()
    services.union_delete(actor=None, union=union)
    assert not OrgUnit.objects.filter(pk=union.org_unit_id).exists()
    ent.refresh_from_db()
    assert ent.union_status == "not_built"
    services.enterprise_delete(actor=None, enterprise=ent)


def test_refresh_picks_up_date_changes(demo):
    ent = make_enterprise(founded_on=dt.date(2025, 6, 15))
    services.enterprises_refresh(actor=None, today=dt.date(2026, 6, 14))
    ent.refresh_from_db()
    assert ent.target_reasons == ""
    services.enterprises_refresh(actor=None, today=dt.date(2026, 6, 15))
    ent.refresh_from_db()
    assert ent.target_reasons == "operating_1y_no_union"


def test_union_can_register_an_existing_grassroots_org(demo):
    from unionhub.org.services import orgunit_create

    ent = make_enterprise()
    town = selectors.parent_federation(ent.region)
    unit = orgunit_create(
        actor=None,
        name="已有企业工会",
        code="EXIST-1",
        kind="enterprise",
        region=ent.region,
        parent=town,
    )
    union = make_union([ent], org_unit=unit)
    assert union.org_unit == unit
    with pytest.raises(ValidationError) as exc:
        make_union([make_enterprise()], org_unit=unit)  # already registered
    assert_invalid(exc, field="org_unit", code="org_unit_not_free")
    with pytest.raises(ValidationError) as exc:
        make_union([make_enterprise()], org_unit=town)  # a federation is not a grassroots union
    assert_invalid(exc, field="org_unit", code="org_unit_not_free")


# --- the actor's scope in every write ------------------------------------------------


def _write_as(kind: str, actor):
    """One write by ``actor`` against 建湖 (320925) records."""
    ent = make_enterprise(county="320925")
    union = make_union([make_enterprise(county="320925")])
    if kind == "enterprise_update":
        services.enterprise_update(actor=actor, enterprise=ent, name="改名有限公司")
    elif kind == "enterprise_move_in":  # pulling another county's record into one's own
        services.enterprise_update(actor=actor, enterprise=ent, region=town_of("320924"))
    elif kind == "enterprise_move_out":
        mine = make_enterprise(county="320924")
        services.enterprise_update(actor=actor, enterprise=mine, region=town_of("320925"))
    elif kind == "enterprise_delete":
        services.enterprise_delete(actor=actor, enterprise=ent)
    elif kind == "union_create":
        make_union([ent], actor=actor)
    elif kind == "union_update":
        services.union_update(actor=actor, union=union, chair_name="改名")
    elif kind == "union_cover_outside":
        mine = make_union([make_enterprise(county="320924")])
        services.union_update(
            actor=actor, union=mine, form="joint", enterprises=[*mine.enterprises.all(), ent]
        )
    elif kind == "union_reelect":
        services.union_reelect(
            actor=actor,
            union=union,
            elected_on=timezone.localdate(),
            term_years=5,
            chair_name="改名",
            member_count=1,
        )
    elif kind == "union_delete":
        services.union_delete(actor=actor, union=union)


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("enterprise_update", None),
        ("enterprise_move_in", None),
        ("enterprise_move_out", "region"),
        ("enterprise_delete", None),
        ("union_create", "enterprises"),
        ("union_update", None),
        ("union_cover_outside", "enterprises"),
        ("union_reelect", None),
        ("union_delete", None),
    ],
)
def test_writes_outside_the_actor_scope_are_refused(demo, user_named, kind, field):
    with pytest.raises(ValidationError) as exc:
        _write_as(kind, user_named("sheyang_admin"))
    assert_invalid(exc, field=field, code="out_of_scope")
    assert not Enterprise.objects.filter(name="改名有限公司").exists()
    assert not EnterpriseUnion.objects.filter(chair_name="改名").exists()
    # a 射阳 enterprise (credit code registered in 320924) was not moved to 建湖
    assert not Enterprise.objects.filter(
        uscc__startswith="91320924", region__path__contains="/320925/"
    ).exists()
    assert not UnionReelection.objects.exists()
    assert not Enterprise.objects.filter(
        uscc__startswith="91320925", region__path__contains="/320924/"
    ).exists()
    assert all(u.enterprises.count() == 1 for u in EnterpriseUnion.objects.all())
    assert Enterprise.objects.filter(name__startswith="测试企业").count() >= 2


@pytest.mark.parametrize(
    "kind",
    [
        "enterprise_update",
        "enterprise_delete",
        "union_create",
        "union_update",
        "union_reelect",
        "union_delete",
    ],
)
def test_the_same_writes_inside_the_actor_scope_pass(demo, user_named, kind):
    _write_as(kind, user_named("jianhu_admin"))
