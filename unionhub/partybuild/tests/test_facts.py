"""Party facts: the organisation rules (table-driven, at the boundaries) and one definition
of "has a party organisation" kept in the enterprise registry."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.models import Enterprise
from unionhub.partybuild import services

FOUNDED = dt.date(2015, 1, 1)


class _Ent:
    founded_on = FOUNDED


@pytest.mark.parametrize(
    ("members", "org_type", "founded_on", "code", "field"),
    [
        (3, "branch", dt.date(2016, 1, 1), None, None),  # 3 members: their own branch
        (2, "branch", dt.date(2016, 1, 1), "too_few_members", "org_type"),
        (2, "joint_branch", dt.date(2016, 1, 1), None, None),  # fewer: a joint branch
        (0, "none", None, None, None),
        (120, "committee", dt.date(2016, 1, 1), None, None),
        (2, "general_branch", dt.date(2016, 1, 1), "too_few_members", "org_type"),
        (5, "branch", None, "founded_on_required", "org_founded_on"),
        (5, "none", dt.date(2016, 1, 1), "founded_on_without_org", "org_founded_on"),
        (5, "branch", FOUNDED, None, None),  # the same day as the enterprise: allowed
        (
            5,
            "branch",
            FOUNDED - dt.timedelta(days=1),
            "before_enterprise_founded",
            "org_founded_on",
        ),
        (5, "branch", dt.date(2999, 1, 1), "future_date", "org_founded_on"),
    ],
)
def test_facts_rules(members, org_type, founded_on, code, field):
    call = dict(
        party_members=members, org_type=org_type, org_founded_on=founded_on, enterprise=_Ent()
    )
    if code is None:
        services.validate_facts(**call)
        return
    with pytest.raises(ValidationError) as caught:
        services.validate_facts(**call)
    assert_invalid(caught, code=code, field=field)


@pytest.mark.django_db
def test_facts_keep_the_registry_flag_in_step(enterprise_of, user_named):
    admin = user_named("jingkai_admin")
    ent = enterprise_of("jingkai")
    assert not ent.has_party_org
    facts = services.partyfacts_create(
        actor=admin,
        enterprise=ent,
        party_members=4,
        org_type="branch",
        org_founded_on=dt.date(2020, 7, 1),
    )
    assert facts.has_party_org
    assert Enterprise.objects.get(pk=ent.pk).has_party_org
    services.partyfacts_update(actor=admin, partyfacts=facts, org_type="none", org_founded_on=None)
    assert not Enterprise.objects.get(pk=ent.pk).has_party_org


@pytest.mark.django_db
def test_one_facts_record_per_enterprise_and_only_in_scope(enterprise_of, user_named):
    admin = user_named("jingkai_admin")
    ent = enterprise_of("jingkai")
    services.partyfacts_create(actor=admin, enterprise=ent, party_members=0, org_type="none")
    with pytest.raises(ValidationError) as caught:
        services.partyfacts_create(actor=admin, enterprise=ent, party_members=1, org_type="none")
    assert_invalid(caught, code="duplicate", field="enterprise")
    other = enterprise_of("dongtai")
    with pytest.raises(ValidationError) as caught:
        services.partyfacts_create(actor=admin, enterprise=other, party_members=1, org_type="none")
    assert_invalid(caught, code="out_of_scope", field="enterprise")
