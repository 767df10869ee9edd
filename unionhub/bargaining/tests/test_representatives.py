"""Representatives linked to the member registry (domain.md §3.3 "no person on both sides"):
the page takes an ID number or mobile phone, links the member in the user's scope and never
stores the number; two members of the same name may sit on opposite sides, one member may
not; an unlinked namesake is refused with the hint to give the number."""

from __future__ import annotations

import pytest

from unionhub.bargaining import services
from unionhub.bargaining.models import Representative
from unionhub.bargaining.tests.test_cases import _enterprises
from unionhub.members.tests.samples import member_in
from unionhub.org.demo import county_union, first_town_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(user_named):
    yannan = user_named("yannan_admin")
    return services.case_create(
        actor=yannan,
        title="同名代表",
        tier="enterprise",
        union=county_union("yannan"),
        enterprise=_enterprises(1)[0],
    )


def _add(client, case, side, name, identity=""):
    return client.post(
        "/bargaining/representatives/add/",
        {"case": case.pk, "side": side, "name": name, "member_identity": identity},
    )


def test_two_members_of_one_name_sit_on_opposite_sides(case, client_as):
    union = first_town_union("yannan")
    worker = member_in("yannan", union=union, name="王建国")
    manager = member_in("yannan", union=union, name="王建国")
    client = client_as("yannan_admin")
    assert _add(client, case, "workers", "王建国", worker.id_number).status_code == 302
    assert _add(client, case, "employer", "王建国", manager.phone).status_code == 302
    linked = {r.side: r.member_id for r in case.representatives.all()}
    assert linked == {"workers": worker.pk, "employer": manager.pk}
    page = client.get(f"/bargaining/representatives/{case.representatives.first().pk}/")
    assert worker.id_number not in page.content.decode()


def test_one_member_on_both_sides_is_refused(case, client_as):
    person = member_in("yannan", name="李芳")
    client = client_as("yannan_admin")
    assert _add(client, case, "workers", "李芳", person.phone).status_code == 302
    refused = _add(client, case, "employer", "李 芳", person.id_number)
    assert refused.status_code == 200  # the form again, with the reason
    assert "双方代表不得相互兼任" in str(refused.context["form"].errors["name"])
    assert case.representatives.count() == 1


def test_an_unlinked_namesake_is_refused_with_the_hint(case, client_as):
    client = client_as("yannan_admin")
    assert _add(client, case, "workers", "张伟").status_code == 302
    refused = _add(client, case, "employer", "张伟")
    assert refused.status_code == 200  # the form again, with the reason
    errors = str(refused.context["form"].errors["name"])
    assert "双方代表不得相互兼任" in errors and "身份证号" in errors


@pytest.mark.parametrize("identity", ["13900000000", "320902198501010000"])
def test_a_number_that_finds_no_member_in_scope_is_refused(case, client_as, identity):
    outsider = member_in("sheyang", name="赵强")  # another county's member
    client = client_as("yannan_admin")
    for value in (identity, outsider.phone):
        refused = _add(client, case, "workers", "赵强", value)
        assert refused.status_code == 200  # the form again, with the reason
        assert refused.context["form"].errors["member_identity"]
    assert not Representative.objects.filter(case=case).exists()
