"""Writes of the campaign follow-up: establishment campaigns (组建服务年), their town
targets and the contact records (走访记录) of target enterprises."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.audit import record_change
from unionhub.enterprises.models import Campaign, CampaignTownTarget, ContactLog
from unionhub.enterprises.services._common import check_visible, creator, invalid
from unionhub.enterprises.services.enterprises import check_region
from unionhub.org.choices import RegionLevel
from unionhub.org.models import Region

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def _check_campaign_region(region: Region, actor: User | None) -> None:
    if region.level != RegionLevel.COUNTY:
        raise invalid(
            "region", _("A campaign belongs to a county-level unit."), "region_not_county"
        )
    check_region(region, actor)


@transaction.atomic
def campaign_create(*, actor: User | None, **values: Any) -> Campaign:
    """Open a county's campaign."""
    _check_campaign_region(values["region"], actor)
    campaign = Campaign(created_by=creator(actor), **values)
    campaign.full_clean()
    campaign.save()
    check_visible(campaign, actor)
    return campaign


@transaction.atomic
def campaign_update(*, actor: User | None, campaign: Campaign, **values: Any) -> Campaign:
    check_visible(campaign, actor)
    if "region" in values:
        _check_campaign_region(values["region"], actor)
    for key, value in values.items():
        setattr(campaign, key, value)
    campaign.full_clean()
    campaign.save()
    check_visible(campaign, actor)
    return campaign


@transaction.atomic
def campaign_delete(*, actor: User | None, campaign: Campaign) -> None:
    """Delete a campaign with its town targets; its contact records stay, unattached."""
    check_visible(campaign, actor)
    campaign.delete()


@transaction.atomic
def campaign_set_targets(
    *, actor: User | None, campaign: Campaign, targets: dict[Region, int]
) -> None:
    """Set the number of unions each town should establish (0 removes the target)."""
    check_visible(campaign, actor)
    for town, count in targets.items():
        if town.parent_id != campaign.region_id:
            raise invalid(
                "targets",
                _("“%(town)s” is not in the campaign's county.") % {"town": town},
                "town_outside_county",
            )
        if count:
            CampaignTownTarget.objects.update_or_create(
                campaign=campaign, town=town, defaults={"target_unions": count}
            )
        else:
            CampaignTownTarget.objects.filter(campaign=campaign, town=town).delete()
    record_change(
        obj=campaign,
        action="update",
        actor=actor,
        changes={"town_targets": {t.code: n for t, n in targets.items()}},
    )


def _check_contact_refs(values: dict[str, Any], actor: User | None) -> None:
    if values.get("enterprise") is not None:
        check_visible(
            values["enterprise"],
            actor,
            "enterprise",
            _("The enterprise is outside your data scope."),
        )
    if values.get("campaign") is not None:
        check_visible(
            values["campaign"], actor, "campaign", _("The campaign is outside your data scope.")
        )


@transaction.atomic
def contactlog_create(*, actor: User | None, **values: Any) -> ContactLog:
    """Record a visit to an enterprise in the actor's scope."""
    _check_contact_refs(values, actor)
    contact = ContactLog(created_by=creator(actor), **values)
    contact.full_clean()
    contact.save()
    check_visible(contact, actor)
    return contact


@transaction.atomic
def contactlog_update(*, actor: User | None, contact: ContactLog, **values: Any) -> ContactLog:
    check_visible(contact, actor)
    _check_contact_refs(values, actor)
    for key, value in values.items():
        setattr(contact, key, value)
    contact.full_clean()
    contact.save()
    check_visible(contact, actor)
    return contact


@transaction.atomic
def contactlog_delete(*, actor: User | None, contact: ContactLog) -> None:
    check_visible(contact, actor)
    contact.delete()
