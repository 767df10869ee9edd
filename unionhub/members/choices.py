from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("member status", "Active")
    TRANSFERRED = "transferred", pgettext_lazy("member status", "Transferred out")
    LEFT = "left", pgettext_lazy("member status", "Left")
    DECEASED = "deceased", pgettext_lazy("member status", "Deceased")


class Occupation(models.TextChoices):
    """Occupation codes shared with the stations module (contract.md)."""

    TRUCK_DRIVER = "truck_driver", _("Truck driver")
    SANITATION = "sanitation", _("Sanitation worker")
    COURIER = "courier", _("Courier")
    DELIVERY_RIDER = "delivery_rider", _("Food-delivery rider")
    RIDE_HAILING = "ride_hailing", _("Ride-hailing driver")
    CONSTRUCTION = "construction", _("Construction worker")
    LANDSCAPING = "landscaping", _("Landscaping worker")
    OTHER = "other", _("Other")


class KeyGroup(models.TextChoices):
    """The eight groups of the national membership drive plus later additions
    (domain.md §7, contract.md key-group codes)."""

    TRUCK_DRIVER = "truck_driver", _("Truck driver")
    COURIER = "courier", _("Courier")
    SECURITY_GUARD = "security_guard", _("Security guard")
    DOMESTIC_WORKER = "domestic_worker", _("Domestic worker")
    DELIVERY_RIDER = "delivery_rider", _("Online food-delivery rider")
    CARE_WORKER = "care_worker", _("Care worker")
    MALL_INFO_STAFF = "mall_info_staff", _("Shopping-mall information staff")
    REALTY_AGENT = "realty_agent", _("Real-estate agent")
    RIDE_HAILING = "ride_hailing", _("Ride-hailing driver")
    OTHER_PLATFORM = "other_platform", _("Other platform worker")
    OTHER = "other", _("Other")


EIGHT_GROUPS = [
    KeyGroup.TRUCK_DRIVER,
    KeyGroup.COURIER,
    KeyGroup.SECURITY_GUARD,
    KeyGroup.DOMESTIC_WORKER,
    KeyGroup.DELIVERY_RIDER,
    KeyGroup.CARE_WORKER,
    KeyGroup.MALL_INFO_STAFF,
    KeyGroup.REALTY_AGENT,
]


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party_member", _("CPC member")
    PROBATIONARY = "probationary", _("CPC probationary member")
    LEAGUE_MEMBER = "league_member", _("Communist Youth League member")
    DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
    MASSES = "masses", _("Ordinary citizen")


class SkillLevel(models.TextChoices):
    """National vocational skill levels (国家职业资格 5 → 1)."""

    NONE = "none", _("No certificate")
    LEVEL5 = "level5", _("Junior worker (level 5)")
    LEVEL4 = "level4", _("Intermediate worker (level 4)")
    LEVEL3 = "level3", _("Senior worker (level 3)")
    LEVEL2 = "level2", _("Technician (level 2)")
    LEVEL1 = "level1", _("Senior technician (level 1)")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("join application", "Pending review")
    APPROVED = "approved", pgettext_lazy("join application", "Approved")
    REJECTED = "rejected", pgettext_lazy("join application", "Rejected")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", pgettext_lazy("member transfer", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("member transfer", "Cancelled")
