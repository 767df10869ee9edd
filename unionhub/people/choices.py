"""Enumerations of the model-worker registry: stable English codes, Chinese in the catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    MODEL_WORKER = "model_worker", _("Model worker")
    CRAFTSMAN = "craftsman", _("Craftsman")
    ADVANCED_WORKER = "advanced_worker", _("Advanced worker")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


#: higher number = higher level; a new honour replaces the person's headline title only
#: when it is at least as high
LEVEL_RANK = {Level.COUNTY: 1, Level.CITY: 2, Level.PROVINCIAL: 3, Level.NATIONAL: 4}


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    IN_NOTICE = "in_notice", _("In public notice")
    AWARDED = "awarded", _("Awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VisitKind(models.TextChoices):
    FESTIVAL = "festival", _("Festival greeting")
    ILLNESS = "illness", _("Illness visit")
    HARDSHIP = "hardship", _("Hardship relief")
    HEALTH_CHECK = "health_check", _("Health check")
    OTHER = "other", _("Other")


class MentoringOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    LEAD_OPERATOR = "lead_operator", _("Became a lead operator")
    SKILL_GRADE = "skill_grade", _("Rose a skill grade")
    TECHNICIAN = "technician", _("Became a technician")
    LEFT = "left", _("Left before the end")
