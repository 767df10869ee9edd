"""Campaign follow-up: town targets, progress, contact records and their rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from unionhub.enterprises import selectors, services
from unionhub.enterprises.tests.factories import make_enterprise, make_union, town_of
from unionhub.org.models import Region

pytestmark = pytest.mark.django_db


def _campaign():
    today = timezone.localdate()
    return services.campaign_save(
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
    services.contact_save(
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


def test_rules(demo, user_named):
    campaign = _campaign()
    with pytest.raises(ValidationError):
        services.campaign_set_targets(actor=None, campaign=campaign, targets={town_of("320924"): 1})
    with pytest.raises(ValidationError):
        services.campaign_save(actor=None, campaign=campaign, ends_on=dt.date(2000, 1, 1))
    ent = make_enterprise()
    with pytest.raises(ValidationError) as exc:
        services.contact_save(
            actor=None, enterprise=ent, contacted_on=dt.date(2026, 1, 1), recruited_members=5
        )
    assert "fallback" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.contact_save(
            actor=user_named("sheyang_admin"), enterprise=ent, contacted_on=dt.date(2026, 1, 1)
        )


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
