"""三员分立 (GB/T 22239-2019 level 3, issue #19): the system, security and audit
administrators are separate built-in roles that no account may combine, and the audit
administrator reads the audit trail and changes nothing."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError

from unionhub.accounts import services
from unionhub.accounts.models import Role, User
from unionhub.accounts.roles import SEPARATED_DUTIES
from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.demo import CITY_UNION_CODE
from unionhub.org.models import OrgUnit

pytestmark = pytest.mark.django_db

COMBINATIONS = [
    *[((a,), True) for a in SEPARATED_DUTIES],
    *[((a, b), False) for a, b in itertools.combinations(SEPARATED_DUTIES, 2)],
    (SEPARATED_DUTIES, False),
    (("system_admin", "city_admin"), True),  # one duty plus business roles is allowed
    (("audit_admin", "town_cadre"), True),
]


@pytest.mark.parametrize(("codes", "allowed"), COMBINATIONS)
def test_one_account_holds_at_most_one_duty(demo, codes, allowed):
    roles = list(Role.objects.filter(code__in=codes))
    save = dict(
        actor=None,
        username="duty_probe",
        org_unit=OrgUnit.objects.get(code=CITY_UNION_CODE),
        roles=roles,
    )
    if allowed:
        assert set(services.user_save(**save).roles.values_list("code", flat=True)) == set(codes)
    else:
        with pytest.raises(ValidationError) as exc:
            services.user_save(**save)
        assert_invalid(exc, code="separation_of_duties", field="roles")
        assert not User.objects.filter(username="duty_probe").exists()


def test_adding_a_second_duty_to_an_existing_account_is_refused(demo, user_named):
    auditor = user_named("city_auditor")
    with pytest.raises(ValidationError) as exc:
        services.user_save(
            actor=user_named("city_admin"),
            user=auditor,
            username=auditor.username,
            org_unit=auditor.org_unit,
            roles=list(Role.objects.filter(code__in=["audit_admin", "security_admin"])),
        )
    assert_invalid(exc, code="separation_of_duties", field="roles")
    assert list(auditor.roles.values_list("code", flat=True)) == ["audit_admin"]


def test_the_audit_administrator_can_only_read(demo):
    codenames = set(
        Role.objects.get(code="audit_admin").permissions.values_list("codename", flat=True)
    )
    assert codenames and all(c.startswith(("view_", "verify_")) for c in codenames)


def test_each_duty_sees_its_own_pages(demo, client_as):
    auditor = client_as("city_auditor")
    assert auditor.get("/audit/").status_code == 200
    assert auditor.get("/audit/verify/").status_code == 200
    assert auditor.get("/enterprises/").status_code in (302, 403)
    assert auditor.post("/accounts/users/add/", {"username": "x"}).status_code == 403
    sysadmin = client_as("city_sysadmin")
    assert sysadmin.get("/audit/").status_code == 403
    assert sysadmin.get("/accounts/users/").status_code == 200
