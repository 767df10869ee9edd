"""Demonstration units and areas, lectures and videos, deputies: what is refused, and why."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid
from unionhub.partybuild import services
from unionhub.partybuild.tests.samples import _town

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


@pytest.fixture
def admin(user_named):
    return user_named("jingkai_admin")


def test_a_demonstration_unit_took_part_that_year(enterprise_of, admin):
    ent = enterprise_of("jingkai")
    call = dict(actor=admin, kind="unit", year=YEAR, enterprise=ent, named_on=dt.date(YEAR, 12, 1))
    with pytest.raises(ValidationError) as caught:
        services.demonstration_create(**call)
    assert_invalid(caught, code="not_participating", field="enterprise")
    services.participation_create(
        actor=admin, enterprise=ent, year=YEAR, launched_on=dt.date(YEAR, 3, 1)
    )
    unit = services.demonstration_create(**call)
    assert unit.region == ent.region and unit.name == ent.name
    with pytest.raises(ValidationError) as caught:
        services.demonstration_create(**call)
    assert_invalid(caught, code="duplicate", field="enterprise")


@pytest.mark.parametrize(
    ("named_on", "code"),
    [(dt.date(YEAR, 12, 31), None), (dt.date(YEAR + 1, 1, 1), "named_outside_year")],
)
def test_naming_date_falls_in_the_year(admin, named_on, code):
    call = dict(
        actor=admin,
        kind="area",
        year=YEAR,
        name="示范区",
        region=_town("jingkai"),
        named_on=named_on,
    )
    if code is None:
        services.demonstration_create(**call)
        return
    with pytest.raises(ValidationError) as caught:
        services.demonstration_create(**call)
    assert_invalid(caught, code=code, field="named_on")


def test_an_area_is_a_region_not_an_enterprise(enterprise_of, admin):
    with pytest.raises(ValidationError) as caught:
        services.demonstration_create(
            actor=admin,
            kind="area",
            year=YEAR,
            name="示范区",
            enterprise=enterprise_of("jingkai"),
            region=_town("jingkai"),
            named_on=dt.date(YEAR, 6, 1),
        )
    assert_invalid(caught, code="area_with_enterprise", field="enterprise")


def test_a_video_needs_its_link(admin):
    with pytest.raises(ValidationError) as caught:
        services.lecture_create(
            actor=admin,
            kind="video",
            title="微党课",
            speaker="王",
            given_on=dt.date(YEAR, 5, 1),
            region=_town("jingkai"),
        )
    assert_invalid(caught, code="link_required", field="link")


@pytest.mark.parametrize(
    ("kind", "level", "code"),
    [
        ("cppcc", "township", "no_township_cppcc"),
        ("cppcc", "county", None),
        ("npc", "township", None),
    ],
)
def test_deputy_levels(admin, kind, level, code):
    call = dict(actor=admin, name="赵代表", kind=kind, level=level, region=_town("jingkai"))
    if code is None:
        services.deputy_create(**call)
        return
    with pytest.raises(ValidationError) as caught:
        services.deputy_create(**call)
    assert_invalid(caught, code=code, field="level")


def test_a_deputy_in_another_county_is_refused(admin):
    with pytest.raises(ValidationError) as caught:
        services.deputy_create(
            actor=admin, name="钱代表", kind="npc", level="county", region=_town("dongtai")
        )
    assert_invalid(caught, code="out_of_scope", field="region")
