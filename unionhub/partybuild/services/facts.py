"""Party facts of an enterprise. One definition of "has a party organisation": the facts
record decides it (its organisation type), and the service writes it through to
``Enterprise.has_party_org`` with the enterprises service, so the establishment campaign's
"party organisation but no union" targets follow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.enterprises import services as enterprise_services
from unionhub.partybuild.choices import OWN_ORG_TYPES, PartyOrgType
from unionhub.partybuild.models import PARTY_FACTS_FIELDS, PartyFacts
from unionhub.partybuild.services._common import check_visible, invalid, not_in_future, save_new

if TYPE_CHECKING:
    from unionhub.accounts.models import User

#: 中国共产党章程 art. 30: three full members or more → a party organisation of their own.
MIN_MEMBERS_FOR_OWN_ORG = 3


def validate_facts(*, party_members: int, org_type: str, org_founded_on, enterprise) -> None:
    """The rules of one facts record (pure, table-tested)."""
    if org_type == PartyOrgType.NONE:
        if org_founded_on is not None:
            raise invalid(
                "org_founded_on",
                _("There is no party organisation, so leave its founding date empty."),
                "founded_on_without_org",
            )
        return
    if org_founded_on is None:
        raise invalid(
            "org_founded_on",
            _("Give the date the party organisation was set up."),
            "founded_on_required",
        )
    not_in_future("org_founded_on", org_founded_on, _("The date the party organisation was set up"))
    if enterprise is not None and enterprise.founded_on and org_founded_on < enterprise.founded_on:
        raise invalid(
            "org_founded_on",
            _("The party organisation cannot be set up before the enterprise was founded (%(d)s).")
            % {"d": enterprise.founded_on},
            "before_enterprise_founded",
        )
    if org_type in OWN_ORG_TYPES and party_members < MIN_MEMBERS_FOR_OWN_ORG:
        raise invalid(
            "org_type",
            _(
                "An enterprise sets up a party organisation of its own only with at least "
                "%(n)d party members; with fewer, record a joint party branch."
            )
            % {"n": MIN_MEMBERS_FOR_OWN_ORG},
            "too_few_members",
        )


def _sync_enterprise(facts: PartyFacts, actor: User | None) -> None:
    """Keep the enterprise registry's flag equal to the facts (through its service)."""
    enterprise = facts.enterprise
    if enterprise.has_party_org != facts.has_party_org:
        enterprise_services.enterprise_update(
            actor=actor, enterprise=enterprise, has_party_org=facts.has_party_org
        )


def _check(facts: PartyFacts) -> None:
    validate_facts(
        party_members=facts.party_members,
        org_type=facts.org_type,
        org_founded_on=facts.org_founded_on,
        enterprise=facts.enterprise,
    )
    facts.has_party_org = facts.org_type != PartyOrgType.NONE


@transaction.atomic
def partyfacts_create(*, actor: User | None, **data: Any) -> PartyFacts:
    enterprise = data["enterprise"]
    check_visible(enterprise, actor, "enterprise")
    if PartyFacts.objects.filter(enterprise=enterprise).exists():
        raise invalid(
            "enterprise",
            _("“%(e)s” already has its party facts; edit them instead.") % {"e": enterprise},
            "duplicate",
        )
    facts = PartyFacts(**{k: v for k, v in data.items() if k in PARTY_FACTS_FIELDS})
    _check(facts)
    save_new(facts, actor)
    _sync_enterprise(facts, actor)
    return facts


@transaction.atomic
def partyfacts_update(*, actor: User | None, partyfacts: PartyFacts, **data: Any) -> PartyFacts:
    check_visible(partyfacts, actor)
    if "enterprise" in data and data["enterprise"] != partyfacts.enterprise:
        raise invalid(
            "enterprise", _("The facts belong to their enterprise for good."), "enterprise_fixed"
        )
    merged = {
        key: data.get(key, getattr(partyfacts, key))
        for key in ("party_members", "org_type", "org_founded_on")
    }
    validate_facts(**merged, enterprise=partyfacts.enterprise)
    changes = {k: v for k, v in data.items() if k in PARTY_FACTS_FIELDS and k != "enterprise"}
    changes["has_party_org"] = merged["org_type"] != PartyOrgType.NONE
    facts, _changed = model_update(instance=partyfacts, fields=[*changes], data=changes)
    check_visible(facts, actor)
    _sync_enterprise(facts, actor)
    return facts


@transaction.atomic
def partyfacts_delete(*, actor: User | None, partyfacts: PartyFacts) -> None:
    """Remove the facts; the registry's flag stays as it was (nothing contradicts it now)."""
    check_visible(partyfacts, actor)
    partyfacts.delete()
