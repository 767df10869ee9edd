"""Campaign follow-up: town targets, progress, contact records and their rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises import selectors, services
from unionhub.enterprises.models import Campaign, ContactLog
from unionhub.enterprises.tests.factories import make_enterprise, make_union, town_of
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


def _campaign():
    today = timezone.localdate()
    return services.campaign_create(
        actor=None,
        name="建湖县工会组建服务年",
        year=today.year,
        region=Region.objects.get(code="320925"),
        starts_on=dt.date(today.year, 1, 1),
        ends_on=dt.date(today.year, 12, 31),
    )


def test_progress_per_town(demo, user_named):
    campaign = _campaign()
    town = town_of("320925")
    services.campaign_set_targets(actor=None, campaign=campaign, targets={town: 2})
    target = make_enterprise(employees=40, founded_on=dt.date(2010, 1, 1))
    built = make_enterprise(employees=40)
    make_union([built], founded_on=campaign.starts_on, term_start=campaign.starts_on)
    services.contactlog_create(
        actor=None,
        enterprise=target,
        campaign=campaign,
        contacted_on=campaign.starts_on,
        department="market",
        obstacle="resistant",
        next_step="约谈",
        fallback="town",
        recruited_members=12,
    )
    rows = selectors.campaign_progress(user=user_named("jianhu_admin"), campaign=campaign)
    row = next(r for r in rows if r["town"] == town)
    assert row == {
        **row,
        "target": 2,
        "built": 1,
        "progress": 50,
        "open_targets": 1,
        "contacts": 1,
        "obstacles": 1,
        "recruited": 12,
    }
    assert selectors.campaign_progress(user=user_named("sheyang_admin"), campaign=campaign) == []


def test_campaign_rules(demo, user_named):
    campaign = _campaign()
    with pytest.raises(ValidationError) as exc:
        services.campaign_set_targets(actor=None, campaign=campaign, targets={town_of("320924"): 1})
    assert_invalid(exc, field="targets", code="town_outside_county")
    assert not campaign.town_targets.exists()
    with pytest.raises(ValidationError) as exc:
        services.campaign_update(actor=None, campaign=campaign, ends_on=dt.date(2000, 1, 1))
    assert_invalid(exc, field="ends_on", code="ends_before_start")
    with pytest.raises(ValidationError) as exc:
        services.campaign_update(actor=None, campaign=campaign, region=town_of("320925"))
    assert_invalid(exc, field="region", code="region_not_county")
    with pytest.raises(ValidationError) as exc:
        services.campaign_update(
            actor=user_named("sheyang_admin"), campaign=campaign, name="射阳改名"
        )
    assert_invalid(exc, code="out_of_scope")
    campaign.refresh_from_db()
    assert campaign.ends_on.month == 12 and campaign.name == "建湖县工会组建服务年"


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"recruited_members": 5}, "fallback", "fallback_required"),
        ({"contacted_on": dt.date.max}, "contacted_on", "future_date"),
    ],
)
def test_contact_rules(demo, values, field, code):
    ent = make_enterprise()
    with pytest.raises(ValidationError) as exc:
        services.contactlog_create(
            actor=None, enterprise=ent, **{"contacted_on": dt.date(2026, 1, 1), **values}
        )
    assert_invalid(exc, field=field, code=code)
    assert not ContactLog.objects.filter(enterprise=ent).exists()


def test_contacts_stay_in_the_actor_scope(demo, user_named):
    ent = make_enterprise()
    with pytest.raises(ValidationError) as exc:
        services.contactlog_create(
            actor=user_named("sheyang_admin"), enterprise=ent, contacted_on=dt.date(2026, 1, 1)
        )
    assert_invalid(exc, field="enterprise", code="out_of_scope")
    contact = services.contactlog_create(
        actor=user_named("jianhu_admin"), enterprise=ent, contacted_on=dt.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.contactlog_delete(actor=user_named("sheyang_admin"), contact=contact)
    assert_invalid(exc, code="out_of_scope")
    services.contactlog_delete(actor=user_named("jianhu_admin"), contact=contact)
    assert not ContactLog.objects.filter(pk=contact.pk).exists()


def test_campaign_delete_keeps_its_contacts(demo, user_named):
    campaign = _campaign()
    contact = services.contactlog_create(
        actor=None,
        enterprise=make_enterprise(),
        campaign=campaign,
        contacted_on=dt.date(2026, 1, 1),
    )
    services.campaign_delete(actor=user_named("jianhu_admin"), campaign=campaign)
    assert not Campaign.objects.filter(pk=campaign.pk).exists()
    contact.refresh_from_db()
    assert contact.campaign is None


def test_pages(demo, client_as):
    campaign = _campaign()
    client = client_as("jianhu_admin")
    ent = make_enterprise(employees=40, founded_on=dt.date(2010, 1, 1))
    for url in [
        reverse("enterprises:campaign", args=[campaign.pk]),
        reverse("enterprises:campaign_targets", args=[campaign.pk]),
        reverse("enterprises:contactlog_add") + f"?enterprise={ent.pk}",
        reverse("enterprises:contactlog_list"),
    ]:
        assert client.get(url).status_code == 200, url
    town = town_of("320925")
    response = client.post(
        reverse("enterprises:campaign_targets", args=[campaign.pk]), {f"town_{town.pk}": 3}
    )
    assert response.status_code == 302
    assert campaign.town_targets.get(town=town).target_unions == 3
    response = client.post(
        reverse("enterprises:contactlog_add"),
        {
            "enterprise": ent.pk,
            "campaign": campaign.pk,
            "contacted_on": "2026-01-05",
            "department": "hr",
            "obstacle": "unsupportive",
            "next_step": "再访",
            "fallback": "none",
            "recruited_members": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
