from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    CITY = "city", _("City")
    COUNTY = "county", _("County-level unit")
    TOWN = "town", _("Town / street")
    VILLAGE = "village", _("Village / community")


class RegionKind(models.TextChoices):
    """What kind of code identifies the region (domain.md §10.3)."""

    ADMIN = "admin", _("Administrative division (GB/T 2260)")
    STATISTICAL = "statistical", _("Statistical division only")
    FUNCTIONAL = "functional", _("Functional zone (internal code)")


class TownCategory(models.TextChoices):
    STREET = "street", _("Street")
    TOWN = "town", _("Town")
    TOWNSHIP = "township", _("Township")
    SPECIAL = "special", _("Farm, park or scenic area")
    VILLAGE = "village", _("Village")
    COMMUNITY = "community", _("Community")
    OTHER = "other", _("Other")


class OrgKind(models.TextChoices):
    CITY_FEDERATION = "city_federation", _("City federation of trade unions")
    COUNTY_FEDERATION = "county_federation", _("County-level federation of trade unions")
    TOWN_FEDERATION = "town_federation", _("Town / street federation of trade unions")
    ENTERPRISE = "enterprise", _("Enterprise union")
    JOINT = "joint", _("Joint grassroots union")
    INDUSTRY = "industry", _("Industry union")
    VILLAGE = "village", _("Village union")
    COMMUNITY = "community", _("Community union")
    OTHER = "other", _("Other grassroots union")


AREA_KINDS = {OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION, OrgKind.TOWN_FEDERATION}
GRASSROOTS_KINDS = set(OrgKind) - AREA_KINDS
