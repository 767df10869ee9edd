"""Enterprise and union services: derived columns, scope, union rules, re-election."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.enterprises import services
from unionhub.enterprises.models import Enterprise, UnionReelection
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
    assert "uscc" in exc.value.error_dict


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"uscc": "91350100M000100Y44"}, "uscc"),
        ({"industry_code": "99"}, "industry_code"),
        ({"founded_on": dt.date.today() + dt.timedelta(days=1)}, "founded_on"),
        ({"employees": -1}, "employees"),
    ],
)
def test_bad_values_are_rejected_in_chinese(demo, values, field):
    with pytest.raises(ValidationError) as exc:
        make_enterprise(**values)
    assert field in exc.value.error_dict
    message = exc.value.error_dict[field][0].messages[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_region_must_be_in_scope_and_county_or_town(demo, user_named):
    sheyang = user_named("sheyang_admin")
    with pytest.raises(ValidationError) as exc:
        make_enterprise(county="320921", actor=sheyang)
    assert "region" in exc.value.error_dict
    village = town_of("320924").children.first()
    if village is not None:
        with pytest.raises(ValidationError):
            make_enterprise(county="320924", region=village, actor=sheyang)
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


def test_union_rules(demo):
    a, b = make_enterprise(), make_enterprise()
    with pytest.raises(ValidationError) as exc:
        make_union([a], form="joint")
    assert "enterprises" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        make_union([a], form="organiser", member_count=25)
    assert "form" in exc.value.error_dict
    make_union([a], form="organiser", member_count=24, mode="small_joint")
    with pytest.raises(ValidationError):
        make_union([a, b], form="joint")  # a already covered
    with pytest.raises(ValidationError) as exc:
        make_union([b], term_years=4)
    assert "term_years" in exc.value.error_dict


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
    with pytest.raises(ValidationError):
        services.union_reelect(
            actor=None, union=union, elected_on=today, term_years=5, chair_name="x", member_count=1
        )


def test_delete_enterprise_refused_while_covered(demo):
    ent = make_enterprise()
    union = make_union([ent])
    with pytest.raises(ValidationError):
        services.enterprise_delete(actor=None, enterprise=ent)
    services.union_delete(actor=None, union=union)
    assert not OrgUnit.objects.filter(pk=union.org_unit_id).exists()
    ent.refresh_from_db()
    assert ent.union_status == "not_built"
    services.enterprise_delete(actor=None, enterprise=ent)


def test_refresh_picks_up_date_changes(demo):
    ent = make_enterprise(founded_on=dt.date(2025, 6, 15))
    services.enterprises_refresh(today=dt.date(2026, 6, 14))
    ent.refresh_from_db()
    assert ent.target_reasons == ""
    services.enterprises_refresh(today=dt.date(2026, 6, 15))
    ent.refresh_from_db()
    assert ent.target_reasons == "operating_1y_no_union"


def test_union_can_register_an_existing_grassroots_org(demo):
    from unionhub.org.services import orgunit_create

    ent = make_enterprise()
    town = services.parent_federation(ent.region)
    unit = orgunit_create(
        name="已有企业工会", code="EXIST-1", kind="enterprise", region=ent.region, parent=town
    )
    union = make_union([ent], org_unit=unit)
    assert union.org_unit == unit
    with pytest.raises(ValidationError):
        make_union([make_enterprise()], org_unit=unit)  # already registered
    with pytest.raises(ValidationError):
        make_union([make_enterprise()], org_unit=town)  # a federation is not a grassroots union
