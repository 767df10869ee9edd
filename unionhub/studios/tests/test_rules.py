"""The studios' rules: who may lead a studio, the re-evaluation deadline and its to-do,
achievements, the funding ledger, alliances and their rotating lead, joint projects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.people.tests.samples import modelworker_in
from unionhub.studios import services
from unionhub.studios.models import Studio
from unionhub.studios.tests.samples import alliance_in, fresh_studio_in, project_in, studio_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "ok"),
    [("model_worker", True), ("craftsman", True), ("advanced_worker", False)],
)
def test_studio_leader_must_be_model_worker_or_craftsman(demo, category, ok):
    leader = modelworker_in("yandu", category=category)
    data = dict(
        name=f"{category}工作室",
        host_enterprise=enterprise_in("yandu"),
        leader=leader,
        level="city",
        named_on=dt.date(2023, 5, 1),
    )
    if ok:
        assert services.studio_create(actor=None, **data).pk
        return
    with pytest.raises(ValidationError) as caught:
        services.studio_create(actor=None, **data)
    assert_invalid(caught, code="leader_not_qualified", field="leader")
    assert not Studio.objects.filter(name=data["name"]).exists()


@pytest.mark.parametrize(
    ("named_on", "due"),
    [
        (dt.date(2023, 5, 1), dt.date(2026, 5, 6)),  # 2026-05-01 is in the 劳动节 block
        (dt.date(2023, 6, 15), dt.date(2026, 6, 15)),
        (dt.date(2024, 2, 29), dt.date(2027, 2, 28)),  # no 29 February: month end
    ],
)
def test_reevaluation_due_comes_from_the_deadline_service(demo, named_on, due):
    from unionhub.core.calendar import demo as holidays
    from unionhub.core.calendar.selectors import forget_holiday_calendar

    holidays.load()  # the 2024–2026 arrangements
    forget_holiday_calendar()
    studio = services.studio_create(
        actor=None,
        name=f"工作室{named_on}",
        host_enterprise=enterprise_in("yandu"),
        leader=modelworker_in("yandu"),
        level="city",
        named_on=named_on,
    )
    assert studio.reevaluation_due == deadline_for("studio_reevaluation", named_on).due
    if named_on.year < 2024:  # 2026's holidays are loaded; 2027's are not
        assert studio.reevaluation_due == due
    assert studio.region == enterprise_in("yandu").region


def test_reevaluation_moves_the_due_date_and_failure_ends_operation(demo):
    studio = fresh_studio_in("yandu")
    services.studio_reevaluate(
        actor=None, studio=studio, reevaluated_on=dt.date(2024, 6, 15), passed=True
    )
    assert studio.reevaluation_due == dt.date(2027, 6, 15)
    with pytest.raises(ValidationError) as caught:
        services.studio_reevaluate(
            actor=None, studio=studio, reevaluated_on=dt.date(2023, 4, 30), passed=True
        )
    assert_invalid(caught, code="reevaluated_before_named", field="reevaluated_on")
    services.studio_reevaluate(
        actor=None, studio=studio, reevaluated_on=dt.date(2024, 7, 1), passed=False
    )
    assert not studio.is_active


def test_reevaluation_due_appears_in_the_to_do(demo, client_as):
    from django.utils import timezone

    from unionhub.studios.todos import LOOK_AHEAD_DAYS

    today = timezone.localdate()
    soon = services.studio_create(
        actor=None,
        name="即将复评工作室",
        host_enterprise=enterprise_in("yandu"),
        leader=modelworker_in("yandu"),
        level="city",
        named_on=today.replace(year=today.year - 3) + dt.timedelta(days=LOOK_AHEAD_DAYS // 2),
    )
    client = client_as("yandu_admin")
    items = client.get("/api/v1/todos/", {"page_size": 500}).json()["results"]
    assert any(i["kind"] == "studios.reevaluation_due" and i["title"] == soon.name for i in items)
    other = client_as("dongtai_admin").get("/api/v1/todos/", {"page_size": 500}).json()
    assert not any(i["title"] == soon.name for i in other["results"])


@pytest.mark.parametrize(
    ("kind", "appraisal", "benefit", "code", "field"),
    [
        ("new_product", "provincial", "1000.00", None, None),
        ("patent", "provincial", "0", "appraisal_only_for_products", "appraisal_level"),
        ("patent", "", "0", None, None),
        ("award", "", "-0.01", "negative_amount", "economic_benefit"),
    ],
)
def test_achievement_rules(demo, kind, appraisal, benefit, code, field):
    data = dict(
        studio=studio_in("yandu"),
        kind=kind,
        title="成果",
        achieved_on=dt.date(2024, 6, 1),
        appraisal_level=appraisal,
        economic_benefit=benefit,
    )
    if code is None:
        assert services.achievement_create(actor=None, **data).pk
        return
    with pytest.raises(ValidationError) as caught:
        services.achievement_create(actor=None, **data)
    assert_invalid(caught, code=code, field=field)


def test_funding_is_a_ledger_without_edit_or_delete(demo):
    with pytest.raises(NoReverseMatch):
        reverse("studios:funding_edit", args=[1])
    with pytest.raises(NoReverseMatch):
        reverse("studios:funding_delete", args=[1])
    with pytest.raises(ValidationError) as caught:
        services.funding_create(
            actor=None,
            studio=studio_in("yandu"),
            received_on=dt.date(2024, 1, 1),
            amount="0.00",
            source="市总工会",
        )
    assert_invalid(caught, code="zero_amount", field="amount")


def test_alliance_has_two_levels_and_sub_alliances_name_their_industry(demo):
    top = alliance_in("yandu")
    with pytest.raises(ValidationError) as caught:
        services.alliance_create(
            actor=None, name="无行业", region=top.region, parent=top, founded_on=dt.date(2023, 1, 1)
        )
    assert_invalid(caught, code="industry_required", field="industry")
    sub = services.alliance_create(
        actor=None,
        name="教育联盟",
        region=top.region,
        parent=top,
        industry="education",
        founded_on=dt.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        services.alliance_create(
            actor=None,
            name="第三级",
            region=top.region,
            parent=sub,
            industry="health",
            founded_on=dt.date(2023, 1, 1),
        )
    assert_invalid(caught, code="nested_too_deep", field="parent")


def test_rotating_lead_goes_to_member_studios_only(demo):
    alliance = alliance_in("yandu")
    outsider = fresh_studio_in("yandu")
    with pytest.raises(ValidationError) as caught:
        services.alliance_rotate_lead(
            actor=None, alliance=alliance, lead_studio=outsider, since=dt.date(2024, 1, 1)
        )
    assert_invalid(caught, code="lead_not_member", field="lead_studio")
    services.alliancemembership_create(
        actor=None, alliance=alliance, studio=outsider, joined_on=dt.date(2023, 6, 1)
    )
    services.alliance_rotate_lead(
        actor=None, alliance=alliance, lead_studio=outsider, since=dt.date(2024, 1, 1)
    )
    assert (alliance.lead_studio, alliance.lead_since) == (outsider, dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.alliance_rotate_lead(
            actor=None, alliance=alliance, lead_studio=outsider, since=dt.date(2024, 2, 1)
        )
    assert_invalid(caught, code="same_lead", field="lead_studio")


@pytest.mark.parametrize(
    ("taken_on", "code"),
    [(dt.date(2024, 1, 31), "taken_before_posted"), (dt.date(2024, 2, 1), None)],
)
def test_joint_project_is_taken_after_posting(demo, taken_on, code):
    project = project_in("yandu")  # posted 2024-02-01
    studio = studio_in("yandu")
    if code is None:
        services.jointproject_take(
            actor=None, jointproject=project, studio=studio, taken_on=taken_on
        )
        assert project.status == "taken"
        with pytest.raises(ValidationError) as caught:
            services.jointproject_complete(
                actor=None,
                jointproject=project,
                completed_on=dt.date(2024, 1, 31),
                solved=True,
                outcome="完成",
            )
        assert_invalid(caught, code="completed_before_taken", field="completed_on")
        return
    with pytest.raises(ValidationError) as caught:
        services.jointproject_take(
            actor=None, jointproject=project, studio=studio, taken_on=taken_on
        )
    assert_invalid(caught, code=code, field="taken_on")


def test_county_admin_cannot_host_a_studio_in_another_county(user_named):
    admin = user_named("sheyang_admin")
    with pytest.raises(ValidationError) as caught:
        services.studio_create(
            actor=admin,
            name="越界工作室",
            host_enterprise=enterprise_in("xiangshui"),
            leader=modelworker_in("sheyang"),
            level="county",
            named_on=dt.date(2023, 1, 1),
        )
    assert_invalid(caught, code="out_of_scope", field="host_enterprise")
