from django.db import models
from django.utils.translation import gettext_lazy as _


class Ownership(models.TextChoices):
    """经济类型 (contract.md): state and collective are public, the rest non-public."""

    STATE = "state", _("State-owned")
    COLLECTIVE = "collective", _("Collective")
    PRIVATE = "private", _("Private")
    FOREIGN = "foreign", _("Foreign-invested")
    HMT = "hmt", _("Hong Kong, Macao or Taiwan invested")
    OTHER = "other", _("Other")


PUBLIC_OWNERSHIP = {Ownership.STATE, Ownership.COLLECTIVE}


class OperatingStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed (deregistered)")


class SizeClass(models.TextChoices):
    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


class UnionStatus(models.TextChoices):
    BUILT = "built", _("Union built")
    TERM_OVERDUE = "term_overdue", _("Term overdue")
    DORMANT = "dormant", _("Dormant")
    NOT_BUILT = "not_built", _("No union")


class TargetReason(models.TextChoices):
    """The four rules of the 全方位立体建会 campaign (contract.md)."""

    OPERATING_1Y = "operating_1y_no_union", _("Operating for a year or more without a union")
    PARTY_ORG = "party_org_no_union", _("Has a party organisation but no union")
    NONPUBLIC_25 = "nonpublic_25_no_union", _("Non-public with 25 or more employees, no union")
    HIGH_PROFILE = "high_profile_no_union", _("High-profile enterprise without a union")


class EstablishmentMode(models.TextChoices):
    """建会方式 of the 建湖 campaign."""

    HEAD_LED = "head_led", _("Led by a head enterprise")
    SCALE_SINGLE = "scale_single", _("Built alone by a scale enterprise")
    SMALL_JOINT = "small_joint", _("Joint union of small and micro enterprises")
    AREA_COVERAGE = "area_coverage", _("Regional or industry coverage")
    TOWN_FALLBACK = "town_fallback", _("Fallback by town, village or community")


class UnionForm(models.TextChoices):
    """工会组织形式 (domain.md §1.2)."""

    STANDALONE = "standalone", _("Standalone union committee")
    JOINT = "joint", _("Joint grassroots union committee")
    ORGANISER = "organiser", _("Organiser")


class TermState(models.TextChoices):
    """Committee-term state (domain.md §2.1)."""

    NORMAL = "normal", _("In term")
    DUE_SOON = "due_soon", _("Re-election due within 90 days")
    DELAY_APPROVED = "delay_approved", _("Re-election delay approved")
    OVERDUE = "overdue", _("Term overdue")
    SEVERELY_OVERDUE = "severely_overdue", _("Term overdue by more than six months")


class SmeIndustry(models.TextChoices):
    """Industry rows of the SME classification standard (domain.md §5.1)."""

    AGRICULTURE = "agriculture", _("Agriculture, forestry, husbandry, fishery")
    INDUSTRY = "industry", _("Industry")
    CONSTRUCTION = "construction", _("Construction")
    WHOLESALE = "wholesale", _("Wholesale")
    RETAIL = "retail", _("Retail")
    TRANSPORT = "transport", _("Transport")
    WAREHOUSING = "warehousing", _("Warehousing")
    POSTAL = "postal", _("Postal services")
    ACCOMMODATION = "accommodation", _("Accommodation")
    CATERING = "catering", _("Catering")
    INFORMATION = "information", _("Information transmission")
    SOFTWARE = "software", _("Software and IT services")
    REAL_ESTATE = "real_estate", _("Real-estate development")
    PROPERTY = "property", _("Property management")
    LEASING = "leasing", _("Leasing and business services")
    OTHER = "other", _("Other industries")


class SmeMetric(models.TextChoices):
    EMPLOYEES = "employees", _("employees")
    REVENUE = "revenue", _("Operating revenue (10k yuan)")
    ASSETS = "assets", _("Total assets (10k yuan)")


class ContactDepartment(models.TextChoices):
    """Who visited the enterprise together with the union (上门沟通)."""

    UNION = "union", _("Union only")
    MARKET = "market", _("Market regulation bureau")
    HR = "hr", _("Human resources and social security bureau")
    PARTY = "party", _("Non-public party-building office")
    TOWN = "town", _("Town / street government")
    OTHER = "other", _("Other department")


class Obstacle(models.TextChoices):
    NONE = "none", _("No obstacle")
    MISUNDERSTANDING = "misunderstanding", _("Does not understand")
    UNSUPPORTIVE = "unsupportive", _("Does not support")
    RESISTANT = "resistant", _("Resists")


class Fallback(models.TextChoices):
    """The seed's fallback: recruit the workers first, build the enterprise union later."""

    NONE = "none", _("No fallback yet")
    TOWN = "town", _("Workers recruited into the town union")
    VILLAGE = "village", _("Workers recruited into the village / community union")
    INDUSTRY = "industry", _("Workers recruited into an industry union")
