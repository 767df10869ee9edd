"""Dual cultivation: the stage order (table-driven, at the boundaries) and the funnel."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.core.testing.assertions import assert_invalid
from unionhub.partybuild import selectors, services

D = dt.date(2022, 5, 10)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("backbone", "party", "manager", "code", "field"),
    [
        (D, None, None, None, None),
        (D, D, D, None, None),  # the same day is not "before"
        (D, D - DAY, None, "before_previous_stage", "party_member_on"),
        (D, D + DAY, D, "before_previous_stage", "manager_on"),
        (D, None, D + DAY, "previous_stage_missing", "manager_on"),
        (None, D, None, "required", "backbone_on"),
        (D, dt.date(2999, 1, 1), None, "future_date", "party_member_on"),
    ],
)
def test_stage_order(backbone, party, manager, code, field):
    call = dict(backbone_on=backbone, party_member_on=party, manager_on=manager)
    if code is None:
        services.validate_stages(**call)
        return
    with pytest.raises(ValidationError) as caught:
        services.validate_stages(**call)
    assert_invalid(caught, code=code, field=field)


@pytest.mark.django_db
def test_funnel_counts_each_stage_reached_by_the_year_end(enterprise_of, user_named):
    admin = user_named("dongtai_admin")
    ent = enterprise_of("dongtai")
    people = [
        (dt.date(2021, 3, 1), dt.date(2022, 7, 1), dt.date(2023, 6, 1)),
        (dt.date(2021, 5, 1), dt.date(2023, 7, 1), None),
        (dt.date(2022, 1, 1), None, None),
        (dt.date(2024, 1, 1), None, None),  # after 2023: not in the 2023 funnel
    ]
    for i, (b, p, m) in enumerate(people):
        services.cultivation_create(
            actor=admin,
            enterprise=ent,
            name=f"骨干{i}",
            backbone_on=b,
            party_member_on=p,
            manager_on=m,
        )
    counts = selectors.cultivation_funnel(user=admin, enterprise=ent, year=2023)
    assert (counts["backbones"], counts["party_members"], counts["managers"]) == (3, 2, 1)
    assert (counts["new_backbones"], counts["new_party_members"], counts["new_managers"]) == (
        0,
        1,
        1,
    )
    # another county sees an empty funnel of the same enterprise
    other = selectors.cultivation_funnel(
        user=user_named("jingkai_admin"), enterprise=ent, year=2023
    )
    assert other["backbones"] == 0


@pytest.mark.django_db
def test_funnel_page_renders_the_chart(enterprise_of, user_named, client_as):
    ent = enterprise_of("dongtai")
    services.cultivation_create(
        actor=None,
        enterprise=ent,
        name="张骨干",
        backbone_on=dt.date(2023, 3, 1),
        party_member_on=dt.date(2024, 7, 1),
    )
    response = client_as("dongtai_admin").get(
        reverse("partybuild:funnel"), {"enterprise": ent.pk, "year": 2024}
    )
    assert response.status_code == 200
    assert response.context["counts"]["party_members"] == 1
    assert '"type": "funnel"' in response.content.decode()


@pytest.mark.django_db
def test_member_of_another_employer_is_refused(enterprise_of):
    from unionhub.members.tests.samples import member_in

    member = member_in("dongtai")
    ent = enterprise_of("dongtai")
    if member.employer_id is None:
        member.employer = enterprise_of("dongtai")
        member.save()
    with pytest.raises(ValidationError) as caught:
        services.cultivation_create(
            actor=None, enterprise=ent, member=member, backbone_on=dt.date(2023, 1, 1)
        )
    assert_invalid(caught, code="member_not_employee", field="member")
