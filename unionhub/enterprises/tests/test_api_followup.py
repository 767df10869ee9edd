"""API for the campaign follow-up (contacts, campaigns with progress) and re-election delays:
the same services, rules, scope and Chinese errors as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from unionhub.enterprises import dates, selectors, services
from unionhub.enterprises.models import ContactLog, TermDelay
from unionhub.enterprises.tests.factories import make_enterprise, make_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def jianhu_target(demo):
    return make_enterprise(county="320925", employees=40, founded_on=dt.date(2018, 1, 1))


def test_contact_log_crud_in_scope(jianhu_target, api_as):
    api = api_as("jianhu_town")
    created = api.post(
        "/api/v1/enterprise-contacts/",
        {
            "enterprise": jianhu_target.pk,
            "contacted_on": "2026-11-20",
            "department": "market",
            "obstacle": "resistant",
            "next_step": "联合市场监管再次上门",
            "fallback": "town",
            "recruited_members": 12,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    log = ContactLog.objects.get(pk=created.json()["id"])
    assert log.created_by.username == "jianhu_town" and log.recruited_members == 12
    listed = api.get("/api/v1/enterprise-contacts/", {"obstacle": "resistant"}).json()
    assert [r["id"] for r in listed["results"]] == [log.pk]
    # another county neither sees it nor may log a visit to this enterprise
    other = api_as("xiangshui_admin")
    assert other.get(f"/api/v1/enterprise-contacts/{log.pk}/").status_code == 404
    refused = other.post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": jianhu_target.pk, "contacted_on": "2026-11-21"},
        format="json",
    )
    assert refused.status_code == 400 and "enterprise" in refused.json()


def test_contact_log_bad_input_in_chinese(jianhu_target, api_as):
    response = api_as("jianhu_town").post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": jianhu_target.pk, "contacted_on": "昨天", "recruited_members": -1},
        format="json",
    )
    body = response.json()
    assert response.status_code == 400
    assert set(body) == {"contacted_on", "recruited_members"}
    assert not ContactLog.objects.filter(enterprise=jianhu_target).exists()


def test_campaign_progress_per_town(jianhu_target, api_as, user_named):
    county = jianhu_target.region.parent
    campaign = services.campaign_create(
        actor=None,
        name="建湖县2026年工会组建服务年",
        year=2026,
        region=county,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    services.campaign_set_targets(
        actor=user_named("jianhu_admin"), campaign=campaign, targets={jianhu_target.region: 4}
    )
    data = api_as("jianhu_admin").get(f"/api/v1/enterprise-campaigns/{campaign.pk}/").json()
    row = next(r for r in data["progress"] if r["town"] == jianhu_target.region.code)
    assert row["target"] == 4 and row["open_targets"] >= 1
    assert (
        api_as("xiangshui_admin").get(f"/api/v1/enterprise-campaigns/{campaign.pk}/").status_code
        == 404
    )


def test_delay_through_the_api(jianhu_target, api_as):
    today = timezone.localdate()
    end = today - dt.timedelta(days=10)
    start = dates.add_years(end + dt.timedelta(days=1), -3)
    union = make_union([jianhu_target], founded_on=start, term_start=start, term_years=3)
    approver = selectors.delay_approvers(union).first()
    api = api_as("jianhu_admin")
    too_long = api.post(
        "/api/v1/enterprise-union-delays/",
        {
            "union": union.pk,
            "delay_until": f"{dates.add_months(end, 7):%Y-%m-%d}",
            "approved_by": approver.pk,
            "approved_on": f"{today:%Y-%m-%d}",
            "reason": "筹备换届",
        },
        format="json",
    )
    assert too_long.status_code == 400 and set(too_long.json()) == {"delay_until"}
    assert not TermDelay.objects.filter(union=union).exists()
    ok = api.post(
        "/api/v1/enterprise-union-delays/",
        {
            "union": union.pk,
            "delay_until": f"{dates.add_months(end, 3):%Y-%m-%d}",
            "approved_by": approver.pk,
            "approved_on": f"{today:%Y-%m-%d}",
            "reason": "筹备换届",
        },
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["term_end"] == f"{end:%Y-%m-%d}"
    state = api.get(f"/api/v1/enterprise-unions/{union.pk}/").json()
    assert state["term_state"] == "delay_approved" and state["delay_until"]
    assert TermDelay.objects.filter(union=union).count() == 1
    other = api_as("xiangshui_admin").post(
        "/api/v1/enterprise-union-delays/",
        {
            "union": union.pk,
            "delay_until": f"{dates.add_months(end, 2):%Y-%m-%d}",
            "approved_by": approver.pk,
            "approved_on": f"{today:%Y-%m-%d}",
            "reason": "x",
        },
        format="json",
    )
    assert other.status_code in (400, 403)
    assert TermDelay.objects.filter(union=union).count() == 1


def test_new_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/enterprise-contacts/",
        "/api/v1/enterprise-campaigns/",
        "/api/v1/enterprise-union-delays/",
    ):
        assert path in schema
