"""Enumerations of the innovation studios: stable English codes, Chinese in the catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StudioLevel(models.TextChoices):
    NATIONAL = "national", _("National demonstration")
    PROVINCIAL = "provincial", _("Provincial demonstration")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


class AchievementKind(models.TextChoices):
    PATENT = "patent", _("Patent")
    TECHNIQUE = "technique", _("Technique or method")
    NEW_PRODUCT = "new_product", _("New product")
    AWARD = "award", _("Award")


class AppraisalLevel(models.TextChoices):
    NATIONAL = "national", _("National appraisal")
    PROVINCIAL = "provincial", _("Provincial appraisal")
    CITY = "city", _("City appraisal")


#: the appraisal levels that count as "appraised at provincial level" (and above)
PROVINCIAL_OR_ABOVE = (AppraisalLevel.PROVINCIAL, AppraisalLevel.NATIONAL)


class AllianceIndustry(models.TextChoices):
    EDUCATION = "education", _("Education")
    RURAL_REVITALISATION = "rural_revitalisation", _("Rural revitalisation")
    HEALTH = "health", _("Health")
    MARINE = "marine", _("Marine industry")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    POSTED = "posted", _("Posted")
    TAKEN = "taken", _("Taken by a studio")
    SOLVED = "solved", _("Solved")
    FAILED = "failed", _("Not solved")
